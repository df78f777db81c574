/* CLI listings as tables (see cli/table.h). */
#include "cli/table.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

#define GAP 2        /* cells between columns */
#define COMFORTABLE 12  /* a capped column narrows to this before the gaps do */
#define NARROWEST 8     /* ... and to this only when one-cell gaps are not enough */

struct cli_table {
	int ncols;
	char **cells;     /* (nrows + 1) * ncols, sanitised; row 0 the titles */
	int *widths;      /* widest cell of each column */
	int *caps;
	size_t nrows;     /* rows, the header included */
	size_t cap_cells; /* room in cells */
	char **notes;     /* nrows: sanitised lines under each row, '\n' between; NULL when none */
	size_t cap_notes; /* room in notes */
};

static int flags(void)
{
	return i18n_utf8() ? 0 : TEXT_ASCII;
}

static void add_row(struct cli_table *t, const char *const *cells)
{
	t->cells = xgrow(t->cells, &t->cap_cells, (t->nrows + 1) * (size_t)t->ncols, sizeof(*t->cells));
	for (int c = 0; c < t->ncols; c++) {
		const char *s = cells[c] ? cells[c] : "-";
		struct strbuf clean;
		sb_init(&clean);
		text_sanitize(&clean, s, strlen(s), flags());
		int w = text_width(clean.buf);
		if (w > t->widths[c])
			t->widths[c] = w;
		t->cells[t->nrows * (size_t)t->ncols + (size_t)c] = sb_detach(&clean);
	}
	t->notes = xgrow(t->notes, &t->cap_notes, t->nrows + 1, sizeof(*t->notes));
	t->notes[t->nrows] = NULL;
	t->nrows++;
}

struct cli_table *cli_table_new(int ncols, const char *const *titles, const int *caps)
{
	struct cli_table *t = xcalloc(1, sizeof(*t));
	t->ncols = ncols;
	t->widths = xcalloc((size_t)ncols, sizeof(*t->widths));
	t->caps = xcalloc((size_t)ncols, sizeof(*t->caps));
	memcpy(t->caps, caps, (size_t)ncols * sizeof(*caps));
	add_row(t, titles);
	return t;
}

void cli_table_add(struct cli_table *t, const char *const *cells)
{
	add_row(t, cells);
}

void cli_table_note(struct cli_table *t, const char *text)
{
	char **note = &t->notes[t->nrows - 1];
	struct strbuf sb;
	sb_init(&sb);
	if (*note) {
		sb_add(&sb, *note);
		sb_addc(&sb, '\n');
		free(*note);
	}
	text_sanitize(&sb, text, strlen(text), flags());
	*note = sb_detach(&sb);
}

/* Narrows the widest column that `may` allows (and that is wider than
 * `floor`) a cell at a time until a row with `gap` cells between columns
 * fits `cols`. False when it still does not fit. */
static bool narrow(const struct cli_table *t, int *w, int cols, int gap, int floor, bool capped_only)
{
	for (;;) {
		int total = gap * (t->ncols - 1), widest = -1;
		for (int c = 0; c < t->ncols; c++) {
			total += w[c];
			if ((!capped_only || t->caps[c]) && w[c] > floor && (widest < 0 || w[c] > w[widest]))
				widest = c;
		}
		if (total <= cols)
			return true;
		if (widest < 0)
			return false;
		w[widest]--;
	}
}

/* On a terminal, shrinking by priority until a row fits `cols` cells:
 * the capped columns held to their caps and the widest of them narrowed,
 * down to 12 cells (a name, an address still read); then one cell
 * between columns instead of two, the same again; then the capped
 * columns down to 8; then the uncapped ones too (a role, a state),
 * widest first, down to 8; last any column, down to one cell. Returns
 * the gap to print with. */
static int fit_terminal(const struct cli_table *t, int *w, int cols)
{
	for (int c = 0; c < t->ncols; c++)
		if (t->caps[c] && w[c] > t->caps[c])
			w[c] = t->caps[c];
	int *held = xcalloc((size_t)t->ncols, sizeof(*held));
	memcpy(held, w, (size_t)t->ncols * sizeof(*held));
	int gap = GAP;
	if (!narrow(t, w, cols, gap, COMFORTABLE, true)) {
		gap = 1;
		memcpy(w, held, (size_t)t->ncols * sizeof(*w));
		if (!narrow(t, w, cols, gap, COMFORTABLE, true) && !narrow(t, w, cols, gap, NARROWEST, true) &&
		    !narrow(t, w, cols, gap, NARROWEST, false))
			narrow(t, w, cols, gap, 1, false);
	}
	free(held);
	return gap;
}

void cli_table_print_cols(struct cli_table *t, FILE *out, int cols)
{
	int *w = xcalloc((size_t)t->ncols, sizeof(*w));
	memcpy(w, t->widths, (size_t)t->ncols * sizeof(*w));
	int gap = cols > 0 ? fit_terminal(t, w, cols) : GAP;
	struct strbuf line;
	sb_init(&line);
	for (size_t r = 0; r < t->nrows; r++) {
		sb_reset(&line);
		for (int c = 0; c < t->ncols; c++) {
			text_fit(&line, t->cells[r * (size_t)t->ncols + (size_t)c], w[c], flags());
			for (int g = 0; g < gap && c < t->ncols - 1; g++)
				sb_addc(&line, ' ');
		}
		sb_trim_spaces(&line);  /* a short last cell is not padded */
		fprintf(out, "%s\n", line.buf);
		for (const char *n = t->notes[r]; n && *n;) {
			size_t len = strcspn(n, "\n");
			sb_reset(&line);
			sb_add(&line, "    ");
			if (cols > 4) {
				char *one = xstrndup(n, len);
				text_fit(&line, one, cols - 4, flags());
				free(one);
				sb_trim_spaces(&line);
			} else {
				sb_addn(&line, n, len);
			}
			fprintf(out, "%s\n", line.buf);
			n += len + (n[len] == '\n');
		}
	}
	sb_done(&line);
	free(w);
}

void cli_table_print(struct cli_table *t, FILE *out)
{
	cli_table_print_cols(t, out, out == stdout ? cli_terminal_cols() : 0);  /* 0 when piped */
}

void cli_table_free(struct cli_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(t->cells[i]);
	for (size_t r = 0; r < t->nrows; r++)
		free(t->notes[r]);
	free(t->notes);
	free(t->cells);
	free(t->widths);
	free(t->caps);
	free(t);
}
