/* Reports and the dashboard's figures (DESIGN.md §12), read from the
 * rollups the database keeps current (sql/090, sql/091): SLA attainment
 * per clock, the open backlog by age, live escalations per level, the
 * oldest open tickets. Reports come as a table of texts (for text, CSV and
 * JSON output alike); the dashboard as typed figures. */
#ifndef TICKETTY_MODEL_REPORT_H
#define TICKETTY_MODEL_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

struct db;

/* REPORT_OLDEST: the oldest open tickets, the dashboard's list
 * (report_oldest, sql/091): no period and no grouping, a number of rows. */
enum report_kind { REPORT_SLA, REPORT_BACKLOG, REPORT_ESCALATIONS, REPORT_OLDEST };

/* The oldest open tickets a report gives unless told (what the dashboard
 * shows), and at most. */
enum { REPORT_OLDEST_ROWS = 10, REPORT_OLDEST_MAX = 1000 };

/* Filters (NULL / 0 = all); the database resolves team (key or name) and
 * customer (name or id) and refuses unknown values by field. Not owned. */
struct report_filter {
	const char *team;
	const char *plan;
	const char *customer;
	int severity;
};

/* What a report covers (strings not owned): dates YYYY-MM-DD or NULL
 * (report_sla: the last 12 weeks; the others: no bound), `by` one of
 * week, team, customer, severity, plan, total; REPORT_OLDEST reads only
 * the filter and `limit` (0: REPORT_OLDEST_ROWS). */
struct report_args {
	const char *from, *to, *by;
	struct report_filter filter;
	int limit;
};

/* A report as rows of texts; a NULL cell has no value (e.g. no share when
 * nothing was decided). Everything owned by the table. */
struct report_table {
	int ncols;
	char **names;        /* column names (stable English keys) */
	size_t nrows;
	char **cells;        /* nrows * ncols */
};

/* The kind named "sla", "backlog", "escalations", "oldest", or -1. */
int report_kind_parse(const char *name);
int report_load(struct db *db, enum report_kind kind, const struct report_args *a,
		struct report_table *t, struct tt_error *err);
/* The days a report covers as the database resolved them (report_args:
 * the default period's edges counted from today in the desk's zone),
 * YYYY-MM-DD. */
struct report_period {
	char from[11], to[11];
};
/* The SLA report (as report_load), the period it covers and, grouped by
 * anything but week, its weekly trend (report_sla_trend, sql/850) in one
 * round trip. `trend` has the rows key, week, and met, missed and pct of
 * first_response, update and resolution: every week of the period (its
 * Monday, oldest first) for each group with a decided deadline in it, the
 * groups' keys those of `t`; no rows by week. Both owned by the caller. */
int report_sla_load(struct db *db, const struct report_args *a, struct report_table *t,
		    struct report_table *trend, struct report_period *period, struct tt_error *err);
/* A cell by column name (NULL when the value or the column is missing). */
const char *report_cell(const struct report_table *t, size_t row, const char *name);
void report_table_done(struct report_table *t);
/* The same report as a JSON document built by PostgreSQL: {"report",
 * "from", "to", "by", "rows": [...]} (caller frees). The SLA report's
 * rows, grouped by anything but week, end with "weeks": the group's
 * weekly trend, [{"week", "first_response_met", ...}, ...] as
 * report_sla_load's (null for a group with nothing decided). The oldest
 * open tickets: {"report": "oldest", "limit", "rows": [...]}, each row
 * report_oldest's. */
int report_json(struct db *db, enum report_kind kind, const struct report_args *a, char **json,
		struct tt_error *err);

/* ------------------------------------------------------------ dashboard -- */

enum { DASH_WEEKS = 12, DASH_TOP = 10, DASH_BANDS = 5 };
enum dash_clock { DASH_FIRST_RESPONSE, DASH_UPDATE, DASH_RESOLUTION, DASH_CLOCKS };

struct dash_week {
	char monday[11];                 /* YYYY-MM-DD */
	long long met[DASH_CLOCKS], missed[DASH_CLOCKS];
	/* deadlines due that week, past due now and not decided (sql/640;
	 * the update cadence has none) */
	long long past_due[DASH_CLOCKS];
};

/* A team or customer with its breaches over the 12 weeks (strings owned):
 * missed, and past due now without an answer or a resolution. */
struct dash_group {
	char *key, *name;
	long long missed, decided, past_due;
};

struct dash_backlog {
	int severity;
	char *name;                      /* English severity name (i18n_db), owned */
	long long total, band[DASH_BANDS];   /* <1, 1-2, 3-6, 7-27, 28+ business days */
};

struct dash_level {
	long long open;
	long long oldest_secs;           /* -1 when none waits */
};

struct dash_ticket {
	long long id;
	int severity;
	char *severity_name, *customer, *status, *sla_state, *title;   /* owned */
	long long age_secs;
};

struct dash {
	struct dash_week weeks[DASH_WEEKS];
	int nweeks;
	struct dash_backlog backlog[4];
	int nbacklog;
	struct dash_group teams[DASH_TOP], customers[DASH_TOP];
	int nteams, ncustomers;          /* only groups with breaches */
	struct dash_level levels[3];     /* CSM, COO, CEO */
	struct dash_ticket oldest[DASH_TOP];
	int noldest;
	/* milliseconds from the load to the next instant a deadline of an
	 * open ticket falls due, when a figure past due grows with nothing
	 * written (no notification tells of it); -1 when none is ahead */
	long long next_due_ms;
};

void dash_init(struct dash *d);
/* Loads every figure for the filters (replacing what `d` held). */
int dash_load(struct db *db, const struct report_filter *f, struct dash *d, struct tt_error *err);
void dash_done(struct dash *d);

#endif
