/* Compact durations for SLA clocks: "35m", "2h10m business", "1d3h",
 * "-15m" (overdue). Business time is shown in hours (a business day is the
 * calendar's opening day, not 24 hours); wall time uses days past 24h. */
#ifndef TICKETTY_UTIL_DURATION_H
#define TICKETTY_UTIL_DURATION_H

#include <stdbool.h>

#include "util/strbuf.h"

/* Appends `secs` to out: under a minute as seconds ("45s"), under an hour
 * as minutes ("35m"), then hours and minutes ("2h10m", "3h"), and for wall
 * time of a day or more days and hours ("1d2h"). Rounds towards zero.
 * Negative values (overdue) get a leading "-". Business durations get the
 * translated suffix " business". */
void duration_format(struct strbuf *out, long long secs, bool business);
/* The same figure without the " business" suffix (business time still in
 * hours), for columns too narrow for the word; the caller says elsewhere
 * which clock it is. */
void duration_format_bare(struct strbuf *out, long long secs, bool business);

#endif
