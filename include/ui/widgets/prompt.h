/* A one-line text input in the status line: the line editor
 * (util/lineedit.h) driven by the edit key table (ui/keys.h keys_edit,
 * readline keys: C-a/Home, C-e/End, C-b/Left, C-f/Right, C-u, C-k, C-w,
 * C-y, Backspace, Delete; Tab completes where the prompt can; Enter
 * accepts, Esc or C-g cancels). UTF-8 text,
 * horizontal scrolling by display cells. A pasted character (KEY_PASTED,
 * ui/input.h) is always text, never a key. */
#ifndef TICKETTY_UI_WIDGETS_PROMPT_H
#define TICKETTY_UI_WIDGETS_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/keys.h"
#include "util/lineedit.h"

enum prompt_result { PROMPT_EDITING, PROMPT_ACCEPT, PROMPT_CANCEL };

/* What a prompt completes its text to (Tab, ACT_EDIT_COMPLETE): the new
 * text, caller frees, or NULL when nothing can be added; then *matches
 * may name the candidates on one line (caller frees), shown above the
 * prompt until the next key. */
typedef char *(*prompt_complete_fn)(const char *text, char **matches);

struct prompt {
	char *label;                /* owned */
	struct lineedit le;         /* the typed text (single line) */
	const struct keymap *keys;  /* the edit bindings, NULL = keys_edit */
	prompt_complete_fn complete; /* NULL: Tab does nothing */
	char *matches;              /* owned: the line shown above the prompt until the
				     * next key: the candidates a Tab listed, or a note
				     * (prompt_note); NULL when none */
	bool matches_error;         /* that line is a note about a problem */
};

void prompt_init(struct prompt *p, const char *label, const char *initial);
void prompt_done(struct prompt *p);
/* The typed text (owned by the prompt). */
const char *prompt_text(const struct prompt *p);
/* Feeds one key (see KEY_* in ui/view.h). */
enum prompt_result prompt_key(struct prompt *p, int key);
/* A problem with what was just typed (input that was no UTF-8), said on
 * the row above the prompt until the next key: the status line is the
 * prompt's own. */
void prompt_note(struct prompt *p, const char *text);
/* Paints label and text on row y, `width` cells from x (the candidates
 * a Tab listed on row y - 1); returns the screen column of the cursor. */
int prompt_draw(const struct prompt *p, int y, int x, int width);

#endif
