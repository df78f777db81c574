/* SLA durations, one formatter for every screen and the CLI: in words for
 * detail lines ("5 business days", "2 d 3 h business", "1 hour round the
 * clock", "45 min") and compact for narrow columns ("5d", "2h10m", "-15m").
 * Business time counts in business days of the calendar's opening-day
 * length (DESIGN.md §6, calendar_day_length in 140_business_day.sql), not
 * 24-hour days; round-the-clock time says so in words. */
#ifndef TICKETTY_UTIL_DURATION_H
#define TICKETTY_UTIL_DURATION_H

#include <stdbool.h>

#include "util/strbuf.h"

/* The clock a duration was counted on. */
enum duration_clock {
	DURATION_PLAIN,     /* just a length of time: no clock named */
	DURATION_BUSINESS,  /* only the calendar's opening hours count */
	DURATION_WALL,      /* round the clock (severity 1) */
};

/* The clock of an SLA clock key ("business", "wall"; NULL or other: plain). */
enum duration_clock duration_clock_of(const char *key);

/* Appends `secs` in words. Business time: whole business days ("5
 * business days", a day being day_secs long), days and hours ("2 d 3 h
 * business"), whole hours ("2 business hours"), hours and minutes ("2 h
 * 05 min business"), minutes, seconds; day_secs <= 0 (a calendar without
 * opening hours) counts in hours. Round-the-clock and plain time the same
 * with 24-hour days ("1 day round the clock", "7 h 59 min"). Rounds
 * towards zero; negative values get a leading "-". */
void duration_words(struct strbuf *out, long long secs, enum duration_clock clock, long day_secs);

/* Appends `secs` compactly, without the clock's name (the caller says
 * elsewhere which clock runs): "45s", "35m", "2h10m", "3h", and days
 * and hours past a day ("5d", "1d2h": business days for business time).
 * Rounds towards zero; negative values get a leading "-". */
void duration_compact(struct strbuf *out, long long secs, enum duration_clock clock, long day_secs);
/* The largest unit alone, for the narrowest cells: "-17d", "5h", "45m". */
void duration_coarse(struct strbuf *out, long long secs, enum duration_clock clock, long day_secs);

#endif
