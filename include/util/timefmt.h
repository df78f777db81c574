/* Locale-aware display of instants and durations: day and month names and
 * the order of date parts come from the locale and the translation, the
 * clock is 24-hour unless the locale's own time format is 12-hour (en_US).
 * es_ES.UTF-8 shows "lun 23 nov 2026 16:00"; the C locale "Mon Nov 23 2026
 * 16:00"; en_US "Mon Nov 23 2026 4:00 PM". Instants are shown in the
 * process's time zone (TZ). Use these instead of calling strftime. */
#ifndef TICKETTY_UTIL_TIMEFMT_H
#define TICKETTY_UTIL_TIMEFMT_H

#include <stdbool.h>
#include <time.h>

#include "util/strbuf.h"

enum timefmt_style {
	TIMEFMT_DATETIME, /* weekday, date and time: "lun 23 nov 2026 16:00" */
	TIMEFMT_DATE,     /* weekday and date: "lun 23 nov 2026" */
	TIMEFMT_TIME,     /* time of day: "16:00" / "4:00 PM" */
	TIMEFMT_COMPACT,  /* for list columns, relative to now: the time today,
	                     weekday + time within 6 days, else the date
	                     (year only when not this year); at most 14 cells */
	TIMEFMT_ISO,      /* "2026-11-23 16:00", the same in every locale */
	TIMEFMT_ISO_ZONE, /* ISO and the zone: "2026-11-23 16:00 EST" (CLI listings) */
	TIMEFMT_FULL,     /* DATETIME and the zone: "lun 23 nov 2026 16:00 EST" */
	TIMEFMT_NEAR,     /* FULL without the year when it is the year of now:
	                     "lun 23 nov 16:00 EST" (deadlines, days away) */
};

/* Appends t in `style` to out. TIMEFMT_COMPACT and _NEAR compare with time(NULL). */
void timefmt_append(struct strbuf *out, time_t t, enum timefmt_style style);
/* As timefmt_append, with the "now" TIMEFMT_COMPACT and _NEAR compare against. */
void timefmt_append_at(struct strbuf *out, time_t t, time_t now, enum timefmt_style style);
/* A newly allocated string (caller frees). */
char *timefmt(time_t t, enum timefmt_style style);

/* A day of the year and a time of day, no year or weekday, in the
 * locale's order and clock: "Nov 9 15:01", Spanish "9 nov 15:01", en_US
 * "Nov 9 3:01 PM" (month 0-11), as the server names a recent change's
 * time. */
void timefmt_append_day_time(struct strbuf *out, int month, int day, int hour, int minute);

/* TIMEFMT_DATETIME for many instants: the formats (translation, locale
 * clock) looked up once, then each instant costs its strftime alone.
 * Valid while the locale stays the same. */
struct timefmt_datetime {
	const char *date;
	const char *time;
};
void timefmt_datetime_init(struct timefmt_datetime *f);
void timefmt_append_datetime(struct strbuf *out, time_t t, const struct timefmt_datetime *f);

/* True when the locale shows times on a 24-hour clock. */
bool timefmt_24h(void);

/* A time as PostgreSQL sends it ("2026-11-18T15:00:00+00") as a list's
 * cell at most `cells` wide, in the process's zone: TIMEFMT_ISO_ZONE
 * ("2026-11-18 10:00 EST") when it fits, else TIMEFMT_ISO; text that is
 * no time is appended as it came. */
void timefmt_append_cell(struct strbuf *out, const char *db_time, int cells);

/* Parses an ISO 8601 / PostgreSQL timestamptz text ("2026-11-23 16:00:00-05",
 * "2026-11-23T16:00:00.5+05:30", "...Z"); a text without an offset is read
 * as UTC. Returns 0 and sets *out, or -1 when the text is not such a time. */
int timefmt_parse(const char *text, time_t *out);

#endif
