/* Drawing a line editor (util/lineedit.h) as a form field: one line
 * scrolled sideways so the cursor stays visible, or several lines around
 * the cursor for multi-line fields; the cursor cell is shown reversed. */
#ifndef TICKETTY_UI_WIDGETS_FIELD_H
#define TICKETTY_UI_WIDGETS_FIELD_H

#include <stdbool.h>

#include "ui/draw.h"
#include "util/lineedit.h"

/* Paints le into h rows of w cells at (y, x). `placeholder` (may be NULL)
 * is shown dimmed when the text is empty. */
void field_draw(const struct lineedit *le, int y, int x, int h, int w, bool focused,
		const char *placeholder, enum style style);

#endif
