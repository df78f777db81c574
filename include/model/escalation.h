/* Escalations (CSM -> COO -> CEO): the list of live escalations with the
 * whole chain of each ticket, and the steps (raise, acknowledge, resolve,
 * pass up), each one call of an api_* function that enforces the rules. */
#ifndef TICKETTY_MODEL_ESCALATION_H
#define TICKETTY_MODEL_ESCALATION_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

struct db;
struct strbuf;

/* The highest level, the CEO's: nothing is above it. */
enum { ESC_TOP_LEVEL = 3 };

/* One level a ticket has reached (all strings owned, never NULL). */
struct esc_step {
	int level;            /* 1 csm, 2 coo, 3 ceo */
	char *state;          /* open, acknowledged, resolved, passed_up */
	char *holder;         /* display name of the holder ("" when none) */
	char *raised_by;      /* display name */
	char *reason;
	char *note;           /* resolution note or pass-up reason, "" when none */
	long age_secs;        /* how long its holder had it: from the level's
			       * raise, pass-up or last hand-over to its end
			       * (passed up, resolved) or now */
};

/* One live (open or acknowledged) escalation. */
struct esc_item {
	long long ticket_id;
	long long escalation_id;
	int level;
	char *state;          /* open or acknowledged */
	int severity;         /* 1..4 */
	char *severity_name;  /* English name from the database (i18n_db) */
	char *sla_state;      /* ok, at_risk, breached, met, missed; "" when unknown */
	char *customer;
	char *title;
	char *holder;         /* display name, "" when none */
	char *holder_login;
	char *raised_by;      /* display name */
	char *reason;
	long age_secs;        /* at this level */
	bool mine;            /* the caller holds it (it waits for them) */
	bool can_act;         /* the caller may acknowledge / resolve / pass it up
			       * (the holder, or a higher level) */
	int key_severity;     /* its place in the order (esc_item_key): the
			       * ticket's severity when it was raised */
	long long raised_us;  /* when the level was reached, µs since the epoch */
	struct esc_step *chain; /* every level reached, lowest first (the last is this one) */
	size_t nchain;
};

struct esc_list {
	struct esc_item *items; /* CEO first, then COO, then CSM; most severe, then
				 * oldest first within a level */
	size_t n;
	int limit;              /* the page asked for: n == limit means more may follow */
	/* How many the list holds at each level it takes, whatever the page
	 * holds, and in all: the rollup the database keeps, or for a list
	 * narrowed by mine or words a count that stops past ESC_COUNT_CAP a
	 * level (more than the cap: ESC_COUNT_CAP + 1). */
	long level_live[4];
	long live_total;
};

struct esc_filter {
	int level;  /* 0 = every level, else 1..3 */
	bool mine;  /* only those the caller holds */
	int limit;  /* esc_list_load: the first this many; 0 or over ESC_LIST_MAX: ESC_LIST_MAX */
	/* words (split at blanks) that must each appear, in any case, in the
	 * ticket's title, the customer's name, the holder's name or login or
	 * the reason of the live level; NULL or blank: no such filter.
	 * Borrowed. */
	const char *words;
};

/* A page holds at most ESC_LIST_MAX (`ticketty escalations --limit`);
 * view 2 holds a window of a few screenfuls and reads more by keyset. */
#define ESC_LIST_MAX 1000
#define ESC_COUNT_CAP 1000

/* A place in the list's order (level DESC, severity, raised_at, id):
 * esc_item_key of an item. */
struct esc_key {
	int level;
	int severity;
	long long raised_us;
	long long id;         /* the escalation's */
};

enum esc_from {
	ESC_FIRST,   /* from the first */
	ESC_LAST,    /* the last `limit` */
	ESC_AFTER,   /* strictly after key */
	ESC_BEFORE,  /* strictly before key (returned in list order) */
	ESC_AT,      /* from key on, key included */
};

void esc_list_init(struct esc_list *l);
void esc_list_done(struct esc_list *l);
/* Reads up to `limit` live escalations from the position (key ignored
 * for ESC_FIRST and ESC_LAST) into `out` (emptied first, in list order),
 * by keyset on escalations_live_list_idx, never OFFSET: the cost of a
 * page is its rows wherever it is. With `count`, the counts too (in the
 * same round trip); else out keeps the counts it had. */
int esc_list_page(struct db *db, const struct esc_filter *f, enum esc_from from,
		  const struct esc_key *key, int limit, bool count, struct esc_list *out,
		  struct tt_error *err);
/* The first page of f->limit and the counts. */
int esc_list_load(struct db *db, const struct esc_filter *f, struct esc_list *out,
		  struct tt_error *err);
/* How many the list holds at a level (level_live). */
long esc_list_waiting(const struct esc_list *l, int level);
/* A page as the JSON document PostgreSQL makes: {"escalations": [...],
 * "next": the cursor (esc_key_format) to go on after it, or null when
 * none follow}; `limit` after `after` (NULL: from the first). Caller
 * frees *json. */
int esc_list_json(struct db *db, const struct esc_filter *f, const struct esc_key *after, int limit,
		  char **json, struct tt_error *err);
struct esc_key esc_item_key(const struct esc_item *it);
/* The cursor text of a key ("LEVEL.SEV.RAISED_US.ID") and back: parsing
 * refuses any other shape. */
void esc_key_format(const struct esc_key *k, struct strbuf *out);
bool esc_key_parse(const char *s, struct esc_key *k);
/* Window moves (util/rows.h): drop items [0, count), keep [0, count),
 * move src's items in front of dst's (src left empty). */
void esc_list_drop_front(struct esc_list *l, size_t count);
void esc_list_truncate(struct esc_list *l, size_t count);
void esc_list_prepend(struct esc_list *dst, struct esc_list *src);

/* 1..3 for "csm", "coo", "ceo"; 0 for anything else. */
int esc_level_from_key(const char *key);
/* "CSM", "COO", "CEO" translated (static), "" for other numbers. */
const char *esc_level_short(int level);
/* "csm", "coo", "ceo" (static), "" for other numbers. */
const char *esc_level_key(int level);

/* What a step produced: the escalation row it left live or finished. */
struct esc_result {
	int level;
	char *state;   /* owned */
	char *holder;  /* display name of the (new) holder, owned */
};
void esc_result_init(struct esc_result *r);
void esc_result_done(struct esc_result *r);

/* Raises the ticket one level (or passes the live level up when the
 * caller holds it). Errors: 65 (TT400: reason, past the CEO, a ticket
 * no longer open, no CSM or no agent for the level; also for ack, resolve
 * and up with no live escalation), 75 (TT409 someone else's live level),
 * 77 (TT403). */
int esc_raise(struct db *db, long long ticket, const char *reason, struct esc_result *res,
	      struct tt_error *err);
/* The same, refused (75, the changes since and the current version
 * named) when the ticket is no longer at expected_version (-1: no check,
 * as TICKET_ANY_VERSION in model/ticket.h). */
int esc_raise_at(struct db *db, long long ticket, int expected_version, const char *reason,
		 struct esc_result *res, struct tt_error *err);
int esc_ack(struct db *db, long long ticket, struct esc_result *res, struct tt_error *err);
int esc_resolve(struct db *db, long long ticket, const char *note, struct esc_result *res,
		struct tt_error *err);
int esc_up(struct db *db, long long ticket, const char *reason, struct esc_result *res,
	   struct tt_error *err);
/* Hands the live level to the agent with `login` (a CSM, the COO, the
 * CEO: the level's role), open again for it to acknowledge. Errors: 65
 * (TT400 reason, login unknown, inactive or of another role, no live
 * escalation, it holds it already), 77 (not the holder or higher). */
int esc_hand(struct db *db, long long ticket, const char *login, const char *reason,
	     struct esc_result *res, struct tt_error *err);
/* A step on the live escalation of `ticket` (text: the note or reason;
 * login: hand's new holder), refused (75, the changes since and the
 * current version named) when the ticket is no longer at
 * expected_version (-1: no check, as the four above). */
enum esc_step_kind { ESC_STEP_ACK, ESC_STEP_RESOLVE, ESC_STEP_UP, ESC_STEP_HAND };
int esc_step_at(struct db *db, enum esc_step_kind kind, long long ticket, int expected_version,
		const char *text, const char *login, struct esc_result *res, struct tt_error *err);

/* "3d 4h", "2h 05m", "7m", "<1m" (translated units) into buf. */
void esc_format_age(long secs, char *buf, size_t size);

#endif
