/* A list of choices over the view with type-to-filter: the prompt's line
 * editor (ui/widgets/prompt.h) filters the rows, Up/Down (C-p/C-n) and
 * PgUp/PgDn move (the "picker" key table, ui/keys.h keys_picker), Enter
 * takes the highlighted choice, Esc or C-g cancels. The screen shows one
 * at a time (screen_pick in ui/screen.h). */
#ifndef TICKETTY_UI_WIDGETS_PICKER_H
#define TICKETTY_UI_WIDGETS_PICKER_H

#include <stddef.h>

#include "ui/keys.h"
#include "ui/view.h"
#include "ui/widgets/list.h"
#include "ui/widgets/prompt.h"

/* One choice: `key` is what the caller gets back, `label` what the user
 * reads (already translated; untrusted text is fine), `note` a dimmed
 * second column (may be NULL). */
struct pick_item {
	const char *key;
	const char *label;
	const char *note;
};

struct picker {
	struct prompt prompt;       /* the label and the filter text */
	struct pick_item *items;    /* copies, owned */
	size_t n;
	size_t *shown;              /* indexes of the items matching the filter */
	struct list list;           /* cursor over `shown` */
	const struct keymap *moves; /* movement bindings, NULL = keys_picker */
};

/* Copies label and items. */
void picker_init(struct picker *p, const char *label, const struct pick_item *items, size_t n);
void picker_done(struct picker *p);
/* Feeds one key: PROMPT_ACCEPT when a choice was taken (picker_choice),
 * PROMPT_CANCEL on Esc. Enter with no matching row keeps editing. */
enum prompt_result picker_key(struct picker *p, int key);
/* The highlighted choice, NULL when no row matches the filter. */
const struct pick_item *picker_choice(const struct picker *p);
/* Paints the rows in the lower part of `a` (a box over the view) and the
 * prompt on row `y` (the status line); returns the cursor's column. */
int picker_draw(struct picker *p, const struct area *a, int y, int width);

#endif
