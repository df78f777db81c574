/* The form field painter (see ui/widgets/field.h). */
#include "ui/widgets/field.h"

#include <stdlib.h>
#include <string.h>

#include "util/text.h"
#include "util/xalloc.h"

/* Draws raw[from, to) at (y, x) in at most w cells; returns cells used. */
static int part(const char *raw, size_t from, size_t to, int y, int x, int w, enum style style)
{
	if (w <= 0 || to <= from)
		return 0;
	char *s = xstrndup(raw + from, to - from);
	int used = draw_text_part(y, x, w, s, style);
	free(s);
	return used;
}

/* One line [start, end) of the text; when it holds the cursor, scrolled
 * so the cursor is visible and drawn reversed. */
static void draw_line(const struct lineedit *le, size_t start, size_t end, int y, int x, int w,
		      bool cursor_here, enum style style)
{
	const char *raw = le_text(le);
	size_t from = start;

	draw_blank(y, x, w, style);
	if (!cursor_here) {
		part(raw, start, end, y, x, w, style);
		return;
	}
	int col = le_cursor_column(le);
	if (col > w - 1)
		from = le_offset_for_cells(le, start, col - (w - 1));
	int used = part(raw, from, le->cursor, y, x, w, style);
	size_t next = le->cursor;
	if (next < end) {
		uint32_t cp;
		next += utf8_decode(raw + next, end - next, &cp);
	}
	int c = next > le->cursor ? part(raw, le->cursor, next, y, x + used, w - used, STYLE_SELECTED)
				  : (draw_text_part(y, x + used, w - used, " ", STYLE_SELECTED), 1);
	part(raw, next, end, y, x + used + c, w - used - c, style);
}

void field_draw(const struct lineedit *le, int y, int x, int h, int w, bool focused,
		const char *placeholder, enum style style)
{
	if (h <= 0 || w <= 0)
		return;
	size_t rows = le_lines(le), first = 0, crow = le_cursor_row(le);
	if (focused && crow >= (size_t)h)
		first = crow - (size_t)h + 1;
	for (int r = 0; r < h; r++) {
		size_t start, end;
		size_t row = first + (size_t)r;
		if (row >= rows || !le_line(le, row, &start, &end)) {
			draw_blank(y + r, x, w, style);
			continue;
		}
		draw_line(le, start, end, y + r, x, w, focused && row == crow, style);
	}
	if (placeholder && le_len(le) == 0) {
		int off = focused ? 1 : 0;
		if (w > off)
			draw_text_part(y, x + off, w - off, placeholder, STYLE_DIM);
	}
}
