/* Bar charts and sparklines as text: Unicode block characters, or plain
 * ASCII when the terminal is not UTF-8 (`ascii`). No curses here: the
 * results are strings a view draws or the CLI prints. */
#ifndef TICKETTY_UTIL_CHART_H
#define TICKETTY_UTIL_CHART_H

#include <stdbool.h>

#include "util/strbuf.h"

/* Appends a horizontal bar `cells` wide showing value/max (eighths of a
 * cell in Unicode, whole cells of '#' and a '+' for half a cell in
 * ASCII), padded with blanks to exactly `cells` columns. max <= 0 or
 * value <= 0 gives blanks. */
void chart_bar(struct strbuf *out, double value, double max, int cells, bool ascii);

/* Appends one sparkline character for a share 0..1 (eight heights:
 * "▁▂▃▄▅▆▇█", ASCII "_.-:=+*#"); a negative share (no data) gives a
 * blank. */
void chart_spark(struct strbuf *out, double share, bool ascii);

/* The sparkline height of an SLA attainment, met of met + missed, as
 * the dashboard and `report sla` draw it: 50% met or less is the lowest
 * mark, all met the full one, evenly between; -1 (a blank) when nothing
 * was decided. */
double chart_attainment(long long met, long long missed);

#endif
