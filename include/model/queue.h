/* The queue of tickets: open tickets by severity, running before paused,
 * the paused ones by the time they had left when the pause began, next
 * running deadline and id (DESIGN.md §6), read a page at a time by
 * keyset on those five sort keys (never OFFSET, never the whole table).
 * Each row carries the database's clock (tt_now()) at the read, so the
 * figures can be counted down on the client (queue_row_figure). Used by
 * the queue view and by `ticketty queue`. */
#ifndef TICKETTY_MODEL_QUEUE_H
#define TICKETTY_MODEL_QUEUE_H

#include <stdbool.h>

#include "util/error.h"
#include "util/strbuf.h"

struct db;

/* A position in the queue order: the sort keys of one ticket. Times are
 * microseconds since the Unix epoch; due_us (tickets.queue_due) is
 * QUEUE_DUE_NONE for a closed/resolved ticket (only with all_states). */
struct queue_key {
	int severity;
	bool paused;         /* every clock paused: sorts after the running ones */
	long long paused_left;  /* tickets.queue_paused_left: seconds left when the
				 * pause began (the paused row's figure); 0 unless paused */
	long long due_us;
	long long id;
};
#define QUEUE_DUE_NONE 9223372036854775807LL

/* One line of the queue. Strings are owned by the row (never NULL;
 * "" when absent) and come from the database untouched: sanitise before
 * drawing or printing. */
struct queue_row {
	struct queue_key key;
	char *status;      /* stable key, e.g. "waiting_customer" */
	char *customer;    /* customer name */
	char *team;        /* team display name */
	char *team_key;
	char *assignee;    /* agent display name, "" when unassigned */
	char *title;
	int escalation;    /* 0..3 */
	int version;
	/* the figure: time left to key.due_us (queue_sla() in 050_queue.sql) */
	char *sla_state;   /* at the read: ok, at_risk, breached ("" closed) */
	bool has_due;      /* an open ticket: the figure below is meaningful */
	long long due_in;  /* seconds left at the read on its own clock (negative = overdue) */
	bool business;     /* that clock counts business hours only */
	bool running;      /* the figure was moving at the read */
	long long risk_us;     /* turns at_risk then (QUEUE_DUE_NONE: never) */
	long long change_us;   /* `running` flips then (QUEUE_DUE_NONE: not before due) */
	long long now_us;      /* the database's tt_now() at the read */
	long day_secs;         /* one business day of its calendar (calendar_day_length), 0 unknown */
	bool fr_missed;        /* the first response came too late (the figure runs on another deadline) */
};

/* The figure and state of a row at database instant now_us (the read's
 * now_us advanced by a monotonic clock): *state points to a static key
 * ("ok", "at_risk", "breached", or the row's own), *due_in is seconds.
 * Exact until the row's next_event instant, after which it must be read
 * again (a business clock opened or closed). */
void queue_row_figure(const struct queue_row *r, long long now_us, const char **state,
		      long long *due_in);
/* The next instant (µs) at which the row changes other than by counting
 * down: at risk, breached, or a business clock opening/closing;
 * QUEUE_DUE_NONE when none. */
long long queue_row_next_event(const struct queue_row *r);

struct queue_page {
	struct queue_row *rows;  /* owned, in queue order */
	int n;
	int cap;
};

/* Filters that combine (AND). Strings are owned by the filter. */
struct queue_filter {
	char *text;        /* substring of title or customer name (case-insensitive), or NULL */
	char *status;      /* one status key, or NULL */
	char *team;        /* one team key, or NULL */
	bool mine;         /* assigned to the calling agent */
	bool unassigned;
	bool my_team;      /* the calling agent's team */
	bool breached;     /* an open deadline has passed */
	bool waiting;      /* waiting on customer or engineering */
	bool following;    /* the calling agent follows it (collaborator) */
	bool all_states;   /* include resolved and closed tickets */
};

enum queue_from {
	QUEUE_FIRST,   /* from the start of the order */
	QUEUE_LAST,    /* the last `limit` rows (reversed keyset) */
	QUEUE_AFTER,   /* rows strictly after key */
	QUEUE_BEFORE,  /* rows strictly before key (returned in queue order) */
	QUEUE_AT,      /* rows from key on, key included */
};

void queue_filter_init(struct queue_filter *f);
void queue_filter_done(struct queue_filter *f);
/* True when no filter is set. */
bool queue_filter_empty(const struct queue_filter *f);

void queue_page_init(struct queue_page *p);
void queue_page_clear(struct queue_page *p);  /* frees the rows, keeps the array */
void queue_page_done(struct queue_page *p);
/* Removes rows [0, count) / keeps rows [0, count): page-window helpers. */
void queue_page_drop_front(struct queue_page *p, int count);
void queue_page_truncate(struct queue_page *p, int count);
/* Moves `src`'s rows into dst at the front (src is left empty). */
void queue_page_prepend(struct queue_page *dst, struct queue_page *src);

/* Reads up to `limit` rows from the position (key is ignored for
 * QUEUE_FIRST/QUEUE_LAST) into `out` (cleared first). 0 or an exit code. */
int queue_fetch(struct db *db, const struct queue_filter *f, enum queue_from from,
		const struct queue_key *key, int limit, struct queue_page *out,
		struct tt_error *err);

/* The JSON document of `ticketty queue --json`, built by PostgreSQL:
 * {"tickets":[...], "next": CURSOR or null}. *json is owned by the caller. */
int queue_json(struct db *db, const struct queue_filter *f, const struct queue_key *after,
	       int limit, char **json, struct tt_error *err);

/* The statement queue_json runs, for EXPLAIN and benchmarks: appends the
 * SQL to `sql` and sets *params to a NULL-terminated array of the text
 * parameters (caller frees each and the array). Returns their number. */
int queue_json_statement(const struct queue_filter *f, const struct queue_key *after, int limit,
			 struct strbuf *sql, char ***params);

/* Cursor text of a key ("SEV.PAUSED.LEFT.DUE.ID") and back; parsing
 * refuses any other shape (a four-part cursor of an older ticketty). */
void queue_key_format(const struct queue_key *k, struct strbuf *out);
bool queue_key_parse(const char *s, struct queue_key *k);

/* Checks a status or team key against the database (for the CLI's
 * --status/--team): 0, or 65 with err naming the field. */
int queue_check_status(struct db *db, const char *status, struct tt_error *err);
int queue_check_team(struct db *db, const char *team, struct tt_error *err);

#endif
