/* A CLI listing as a table: a header row of titles, then one row per
 * record, each column as wide as its widest cell (the title included),
 * two spaces between columns, the last one unpadded. Piped into a file
 * or another program nothing is cut; on a terminal the columns that have
 * a cap are held to it, then the widest of them narrowed (down to 12
 * cells) until a row fits the terminal's width; when that is not enough
 * the columns are one cell apart, then the capped ones narrow to 8 and
 * then the uncapped ones too (a long Spanish role), so a row never runs
 * past the terminal's edge.
 * Cells are database text: sanitised when printed. */
#ifndef TICKETTY_CLI_TABLE_H
#define TICKETTY_CLI_TABLE_H

#include <stdio.h>

struct cli_table;

/* A table of ncols columns: titles (translated), and for each column its
 * cap on a terminal in cells (0: never cut). */
struct cli_table *cli_table_new(int ncols, const char *const *titles, const int *caps);
/* Appends a row of ncols cells (copied; NULL shows as "-"). */
void cli_table_add(struct cli_table *t, const char *const *cells);
/* Adds a line under the last row added, indented four cells and outside
 * the columns (a search hit's snippet, a link); on a terminal it is cut to
 * the terminal's width, piped it is whole. A second note of the same row
 * goes on a line of its own. */
void cli_table_note(struct cli_table *t, const char *text);
/* Prints the header and the rows to out (a terminal or not, as above). */
void cli_table_print(struct cli_table *t, FILE *out);
/* The same for a terminal `cols` cells wide (0: nothing cut, as piped). */
void cli_table_print_cols(struct cli_table *t, FILE *out, int cols);
void cli_table_free(struct cli_table *t);

#endif
