/* A one-line text input with readline keys: C-a/Home, C-e/End, C-b/Left,
 * C-f/Right, C-u (kill to start), C-k (kill to end), C-w (kill word),
 * Backspace, Delete; Enter accepts, Esc or C-g cancels. UTF-8 text,
 * horizontal scrolling by display cells. */
#ifndef TICKETTY_UI_WIDGETS_PROMPT_H
#define TICKETTY_UI_WIDGETS_PROMPT_H

#include <stddef.h>

#include "util/strbuf.h"

enum prompt_result { PROMPT_EDITING, PROMPT_ACCEPT, PROMPT_CANCEL };

struct prompt {
	char *label;          /* owned */
	struct strbuf text;   /* the typed text */
	size_t cursor;        /* byte offset into text */
};

void prompt_init(struct prompt *p, const char *label, const char *initial);
void prompt_done(struct prompt *p);
/* Feeds one key (see KEY_* in ui/view.h). */
enum prompt_result prompt_key(struct prompt *p, int key);
/* Paints label and text on row y, `width` cells from x; returns the
 * screen column of the cursor. */
int prompt_draw(const struct prompt *p, int y, int x, int width);

#endif
