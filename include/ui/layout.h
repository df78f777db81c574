/* Column layout for tables, free of curses so it can be unit-tested and
 * shared with the plain-text CLI: widths are display cells (wcwidth), cells
 * are sanitised and cut with text_fit, never splitting a character. */
#ifndef TICKETTY_UI_LAYOUT_H
#define TICKETTY_UI_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"

struct layout_column {
	const char *title;   /* header text (already translated) */
	int min;             /* narrowest useful width in cells */
	int max;             /* widest width; 0 = takes whatever is left */
	int priority;        /* lower = kept longer when space runs out (0 = never dropped) */
	bool right;          /* right-aligned (numbers) */
};

/* Computes the width of each of the n columns for `total` cells, one cell
 * between columns. Columns that do not fit get width 0, dropping the
 * highest priority numbers first. Returns the number of visible columns. */
int layout_columns(const struct layout_column *cols, int n, int total, int *widths);

/* Appends one row: each visible cell sanitised and fitted to its width
 * (flags as text_fit: TEXT_ASCII ...), separated by one space; the
 * result is exactly sum(widths) + separators cells wide. */
void layout_row(struct strbuf *out, const struct layout_column *cols, int n, const int *widths,
		const char *const *cells, int flags);

/* The label for a column `width` cells wide: `full` when it fits, else
 * `brief` (a short distinct form: i18n_term's *_short domains), which the
 * row then cuts only when even it does not fit. */
const char *layout_label(const char *full, const char *brief, int width);

/* Severity N and its name in `width` cells: "2 Urgent" when it fits, else
 * "2 Urg" (`brief`, when not NULL), else "2" alone, never cut. */
void layout_severity(char *buf, size_t size, int severity, const char *name, const char *brief,
		     int width);

/* Start cell of column i (after the separators of the visible columns before it). */
int layout_offset(const int *widths, int i);

#endif
