/* The shared SLA policy: the default business calendar (time zone,
 * opening hours, holiday rules and one-off dates) and the SLA targets. Read for `admin policy
 * show`; replaced from a libconfig file by `admin policy load`, in one
 * transaction through api_policy_load (validated by the server). */
#ifndef TICKETTY_MODEL_POLICY_H
#define TICKETTY_MODEL_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util/error.h"

struct db;

struct policy_hours {
	char *day;        /* mon .. sun */
	char *open;       /* HH:MM */
	char *close;      /* HH:MM, after open */
};

/* A holiday rule, for every year: a fixed date (day > 0; observed moves a
 * Saturday to Friday and a Sunday to Monday) or the nth weekday of the
 * month (isodow 1..7 = mon..sun, nth 1..5 or -1 for the last). */
struct policy_holiday_rule {
	char *name;
	int month;        /* 1..12 */
	int day;          /* 1..31, or 0 for a weekday rule */
	int isodow;       /* 1..7, or 0 for a fixed date */
	int nth;          /* 1..5, -1 = last; 0 for a fixed date */
	bool observed;
};

/* A date: a one-off closed day, a one-off working day (working), or one of
 * the dates the calendar is closed on (holidays_upcoming). */
struct policy_holiday {
	char *date;       /* YYYY-MM-DD */
	char *name;
	bool working;
};

struct policy_target {
	char *kind;       /* first_response, resolution, update */
	char *plan;       /* premium, basic */
	int severity;     /* 1..4 */
	int minutes;      /* > 0; one business day = one opening day */
	char *clock;      /* business, wall */
};

/* Everything in the struct is owned by it. */
struct policy {
	char *calendar;
	char *time_zone;
	long day_secs;    /* one business day: the calendar's opening day (0: no hours) */
	struct policy_hours *hours;
	size_t nhours;
	struct policy_holiday_rule *rules;
	size_t nrules;
	struct policy_holiday *holidays;       /* one-off dates */
	size_t nholidays;
	struct policy_holiday *upcoming;       /* closed dates, this year and next */
	size_t nupcoming;
	struct policy_target *targets;
	size_t ntargets;
};

/* Reads the current policy. */
int policy_read(struct db *db, struct policy *pol, struct tt_error *err);
void policy_done(struct policy *pol);
/* The current policy as JSON built by PostgreSQL (caller frees). */
int policy_json(struct db *db, char **json, struct tt_error *err);

/* Writes pol as the `policy = { ... }` section policy_load_file reads
 * (libconfig syntax, by libconfig's writer): `admin policy show --conf`,
 * so that the policy in force can be edited and loaded again. 74 when
 * the output cannot be written. */
int policy_write_conf(const struct policy *pol, FILE *out, struct tt_error *err);

/* Reads the `policy = { ... }` section of a libconfig file and replaces the
 * policy with it, all or nothing. 65 when libconfig cannot parse the file
 * ("FILE:LINE: not read: syntax error; nothing was changed": data given,
 * not ticketty's own configuration, which is 78);
 * 65 when the policy is refused, with one err field per problem named
 * "FILE:LINE" (wrong types and missing settings are found here, every rule
 * by the server); 77 for a caller who is not an admin. */
int policy_load_file(struct db *db, const char *path, struct tt_error *err);

#endif
