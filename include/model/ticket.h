/* One ticket: its full record (every intake field by name, deadlines,
 * escalation chain), its timeline (public replies, internal notes and audit
 * events merged by time, paged by keyset), and the actions that change it.
 * Every action is one api_* call that the database checks (state machine,
 * optimistic version, permission) and audits; see sql/030_ticket_api.sql.
 *
 * Versions: `expected_version` is the ticket version the user saw; the
 * change is refused with 75 (SQLSTATE TT409, "stale") when the ticket has
 * changed since, the message naming who changed what meanwhile. Pass
 * TICKET_ANY_VERSION (-1) to skip the check. On success *new_version
 * receives the ticket's version after the change.
 *
 * Errors (struct tt_error): 65 not found / bad field (err->fields names
 * it, also for a change the ticket's state refuses: a transition the state
 * machine forbids, a reply, re-triage or assignment on a closed ticket, a
 * link that cannot be made), 75 stale version, 77 the caller is not an
 * active agent, 69 database unreachable. */
#ifndef TICKETTY_MODEL_TICKET_H
#define TICKETTY_MODEL_TICKET_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "util/error.h"
#include "util/strbuf.h"

struct db;
struct attachment_list;

#define TICKET_ANY_VERSION (-1)

/* One step of the escalation chain (escalations row). */
struct ticket_escalation {
	int round;              /* 1, 2 ...: a new round starts at the CSM after a resolved one */
	int level;              /* 1 CSM, 2 COO, 3 CEO */
	char *level_key;        /* "csm" | "coo" | "ceo" (i18n_term("escalation", ...)) */
	char *state;            /* "open" | "acknowledged" | "resolved" | "passed_up" */
	char *holder;           /* display name, NULL when nobody holds it */
	char *raised_by;        /* display name */
	char *reason;
	time_t raised_at;
	char *acknowledged_by;  /* NULL until acknowledged */
	time_t acknowledged_at; /* 0 when NULL */
	char *resolved_by;      /* NULL until resolved, and when nobody's step ended it (sql/931) */
	time_t resolved_at;     /* 0 when NULL */
	char *resolution_note;  /* NULL until resolved */
	char *end_cause;        /* why it ended by itself: "ticket_closed" (sql/931); NULL when
				   resolved or passed up by a step on it, or live */
};

/* One SLA deadline of a ticket (ticket_deadlines() of 011_sla_api.sql). */
struct ticket_deadline {
	char *kind;             /* "first_response" | "resolution" | "update" (i18n_term("sla_kind", ...)) */
	char *clock;            /* "business" | "wall" (i18n_term("clock", ...)) */
	time_t due;
	char *state;            /* "ok" | "at_risk" | "breached" | "met" | "missed" */
	long remaining_s;       /* time left on its own clock (negative = overdue; at the
				   decision for met/missed) */
	time_t risk_at;         /* turns at_risk then (0 when unknown) */
};

/* How many of the customer's other tickets the ticket shows, and up to
 * how many it counts (an index range that stops there, never a count
 * of the customer's whole history). */
#define TICKET_OTHERS_SHOWN 5
#define TICKET_OTHERS_COUNTED 100

/* One of the customer's other tickets (customer_history(), sql/071). */
struct ticket_other {
	long long id;
	bool open;
	char *status;             /* ticket_status key */
	int severity;             /* 1..4 */
	char *title;
};

/* Every field of a ticket, with names instead of ids. Strings are owned by
 * the record; optional ones are NULL when absent, times 0 when NULL. */
struct ticket_detail {
	long long id;
	int version;
	char *status;             /* ticket_status key, e.g. "waiting_customer" */
	int severity;             /* 1..4 */
	char *severity_key;       /* "critical" | "urgent" | "high" | "medium" */
	char *severity_name;      /* "Critical" ... (i18n_db) */
	char *customer;           /* customer name */
	char *plan;               /* "premium" | "basic" */
	char *contact;            /* contact name */
	char *contact_email;
	char *request_type;       /* request type name (i18n_db) */
	char *request_type_key;
	char *team;               /* team name (i18n_db) */
	char *team_key;
	char *reason;             /* case reason name (i18n_db) */
	char *reason_key;
	char *title;
	char *description;
	char *description_notes;  /* the notes of the mails the ticket was accepted from, in
				   * words (sql/730), said under the description; NULL for none */
	char *impact;
	char **object_ids;        /* nobject_ids entries */
	size_t nobject_ids;
	long long member_id;
	long long bidder_id;      /* 0 when none */
	long long creative_id;    /* 0 when none */
	char *repro_steps;
	char **screenshots;       /* nscreenshots entries */
	size_t nscreenshots;
	char *browser;
	char *os;
	char *phone;              /* NULL when none */
	char *bug_ref;            /* engineering bug reference, NULL when none */
	char *links;              /* "kind:id,..." oldest first (kind related, duplicate_of or
				   * duplicated_by, as i18n_term "link"), NULL when none */
	char *assignee;           /* display name, NULL when unassigned */
	char *assignee_login;     /* NULL when unassigned */
	char *collaborators;      /* the agents following it ("Olga Other, Pat Postgres", by
				   * display name), NULL when none */
	char *created_by;         /* display name, NULL when unknown */
	time_t created_at;
	time_t updated_at;
	/* deadlines and their outcomes ("met" | "missed", NULL while pending) */
	time_t first_response_due;
	time_t acknowledged_at;
	char *first_response_outcome;
	time_t resolution_due;
	long resolution_paused_s; /* seconds the resolution clock was paused */
	time_t waiting_since;     /* 0 unless waiting on the customer */
	time_t resolved_at;
	char *resolution_outcome;
	time_t update_due;        /* 0 unless an update cadence applies */
	time_t last_public_reply_at;
	int update_missed_count;
	time_t closed_at;
	char *sla_state;          /* "ok" | "at_risk" | "breached" | "met" | "missed" */
	int escalation_level;     /* level of the live escalation, 0 when none is live */
	struct ticket_escalation *escalations; /* nescalations, oldest first (rounds, then levels) */
	size_t nescalations;
	long timeline_total;      /* comments + events of the ticket */
	struct ticket_deadline *deadlines; /* ndeadlines: every deadline with its state */
	size_t ndeadlines;
	/* the database's clock (tt_now()) at the read, microseconds since the
	 * epoch: countdowns start here and advance by the monotonic clock */
	long long now_us;
	/* the three deadlines exactly (µs since the epoch, 0 when NULL) */
	long long first_response_due_us, resolution_due_us, update_due_us;
	/* business clocks: one business day of the ticket's calendar in
	 * seconds (0: no opening hours), and the calendar's opening in
	 * progress at the read or the next one (µs; 0 when none) */
	long day_secs;
	long long opens_us, closes_us;
	/* the customer's other tickets, open ones first, then the newest
	 * (ticket_load only; ticket_detail_load leaves them out): at most
	 * TICKET_OTHERS_SHOWN, and how many there are, counted up to
	 * TICKET_OTHERS_COUNTED (that figure means "that many or more") */
	struct ticket_other *others;
	size_t nothers;
	int others_total;
};

enum timeline_kind {
	TIMELINE_PUBLIC,    /* public reply to the customer */
	TIMELINE_INTERNAL,  /* internal note (never shown to the customer) */
	TIMELINE_EVENT,     /* audit event (ticket_events) */
	TIMELINE_CUSTOMER,  /* the customer's own message (mail) */
};

/* One line of the timeline. */
struct timeline_entry {
	enum timeline_kind kind;
	long long id;        /* comments.id or ticket_events.id */
	time_t at;
	char *author;        /* display name; NULL for the system */
	char *author_login;  /* NULL for the system */
	char *body;          /* comment text; NULL for events */
	bool question;       /* a public comment that asked the customer (waiting on them) */
	char *delivery;      /* public replies: mail state queued|sent|failed|suppressed, else NULL */
	/* events only (NULL/0 otherwise) */
	char *event;         /* event kind, e.g. "status", "take", "escalation.raise" */
	int version;         /* ticket version the event produced */
	char *from;          /* details->>'from' (e.g. the previous status) */
	char *to;            /* details->>'to' (e.g. the new status) */
	char *target;        /* details->>'assignee', 'bug_ref' or 'filename', when present */
	char *details;       /* the whole details object as JSON text */
	/* what the event's details say, for describing it in words */
	int level;           /* escalation level, 0 = none */
	char *level_key;     /* escalation level key (i18n_term "escalation") */
	char *who;           /* details->>'holder' or 'agent' (a login) */
	char *said;          /* details->>'reason' or 'note' (free text) */
	char *team;          /* created: the team's name (English, i18n_db) */
	char *severity_name; /* created: the severity's name (English, i18n_db) */
	char *request_type;  /* created: the request type's name (English, i18n_db) */
	int severity;        /* created: the severity level, 0 = none */
	long long size;      /* file_sent: the file's bytes */
	char *cause;         /* escalation.handed without a reason: csm_changed, role_changed, deactivated;
				escalation.resolved with its ticket: ticket_closed (sql/931) */
	char *link_kind;     /* link, unlink: related, duplicate_of or duplicated_by */
	long long other;     /* link, unlink: the other ticket, 0 = none */
	char *files;         /* a message's files: name US bytes, RS between (ticket_timeline.c) */
	char *changes;       /* retriage: label US from US to, RS between (ticket_timeline.c) */
};

/* Where a timeline page ends; zero-initialised = from the beginning. */
struct timeline_cursor {
	char at[48];         /* timestamptz text of the last entry, "" = start */
	int source;          /* 0 comment, 1 event */
	long long id;
};

struct timeline_page {
	struct timeline_entry *entries; /* n entries, oldest first */
	size_t n;
	bool more;                      /* entries follow after `next` */
	struct timeline_cursor next;    /* pass back to get the next page */
};

/* Loads every field and the escalation chain. 65 when there is no such ticket. */
int ticket_detail_load(struct db *db, long long id, struct ticket_detail **out,
		       struct tt_error *err);
void ticket_detail_free(struct ticket_detail *t);

/* The ticket (as ticket_detail_load) with the customer's other tickets,
 * the first `limit` entries of its timeline (as ticket_timeline_load from
 * the start: *page, free with timeline_page_done) and, when `files` is
 * not NULL, its attachments (model/inbox.h, free with
 * attachment_list_done): one round trip. */
int ticket_load(struct db *db, long long id, int limit, struct ticket_detail **out,
		struct timeline_page *page, struct attachment_list *files, struct tt_error *err);

/* Up to `limit` timeline entries after `after` (NULL = from the start), by
 * time, comments before events at the same instant, then id. */
int ticket_timeline_load(struct db *db, long long id, const struct timeline_cursor *after,
			 int limit, struct timeline_page *page, struct tt_error *err);
void timeline_page_done(struct timeline_page *page); /* frees the entries */

/* A translated one-line description of an event entry (e.g. "status:
 * in progress → waiting on customer"), without the version it made (a
 * caller that names versions adds it), appended to out unsanitised: pass
 * it through text_sanitize before drawing. */
void timeline_event_describe(const struct timeline_entry *e, struct strbuf *out);

/* True when the event is a take-over: a take, or an assignment of the
 * ticket to its author from someone who had it ("took the ticket over
 * from Ana Gil", in the timeline and in a notification alike). */
bool timeline_is_take_over(const struct timeline_entry *e);

/* The ticket as a JSON object made by PostgreSQL (every field, sla_state,
 * escalations, timeline); caller frees. 65 when not found. */
int ticket_show_json(struct db *db, long long id, char **json, struct tt_error *err);

/* 0 when the ticket exists and the caller may read it; 65 "ticket N not
 * found" otherwise: for the listings of a ticket's parts (collaborators,
 * files, history), which would otherwise print nothing for a wrong id. */
int ticket_check_exists(struct db *db, long long id, struct tt_error *err);

/* ---- actions: one checked, audited API call each ---- */

/* A lock wait that ran out (SQLSTATE 55P03): err's message says which
 * ticket another session holds (`id`, or `other` when not NULL: a change
 * of two tickets, either of which may be held) and, when the database
 * can tell (db not NULL), who holds its row or its live escalation's:
 * "ticket 25 is held by Olga Other (in psql) (waited ...)" (and "and 2
 * others" after the name when more sessions hold it or queue for it), "the
 * escalation of ticket 25 is held by ...", else "ticket 25 is being
 * changed in another session (waited ...)" ("ticket 25 or 26" for two).
 * Any other error is left as it is, and so is any error while db is in
 * a transaction the error aborted (the holder cannot be asked there: the
 * owner of the transaction passes it through again after its rollback).
 * Every action on a ticket passes its refusals through it. */
void ticket_name_held(struct db *db, const char *id, const char *other, struct tt_error *err);
/* The same when the database can tell who holds ticket `id`'s row or its
 * live escalation's, and true; else false, err left as it is: for a
 * change that may have waited on another row first (inbox_note waits on
 * the mail's). */
bool ticket_name_holder(struct db *db, const char *id, struct tt_error *err);

/* First response: a public reply, acknowledged_at = now, new → acknowledged. */
int ticket_ack(struct db *db, long long id, int expected_version, const char *message,
	       int *new_version, struct tt_error *err);
/* Public reply; on a `new` ticket it acknowledges it. */
int ticket_reply(struct db *db, long long id, int expected_version, const char *body,
		 int *new_version, struct tt_error *err);
/* Internal note (any state, any agent). */
int ticket_note(struct db *db, long long id, int expected_version, const char *body,
		int *new_version, struct tt_error *err);
/* Assigns the ticket to the caller. */
int ticket_take(struct db *db, long long id, int expected_version, int *new_version,
		struct tt_error *err);
/* Assigns the ticket to the active agent `login` (65, field "assignee", otherwise). */
int ticket_assign(struct db *db, long long id, int expected_version, const char *login,
		  int *new_version, struct tt_error *err);
/* Claims the most urgent open unassigned ticket of `team_key` (NULL = the
 * caller's team) for the caller. *id = 0 when there is none (returns 0). */
int ticket_take_next(struct db *db, const char *team_key, long long *id,
		     struct tt_error *err);
/* Any state-machine transition; `bug_ref` is required for (and only
 * accepted with) "waiting_engineering". */
int ticket_set_status(struct db *db, long long id, int expected_version, const char *status,
		      const char *bug_ref, int *new_version, struct tt_error *err);
/* Sets the ticket to waiting_customer and asks the customer `message`
 * (required: a public comment mailed as request_info), in one checked
 * call (api_ticket_ask): one version, one status event carrying it. */
int ticket_ask(struct db *db, long long id, int expected_version, const char *message,
	       int *new_version, struct tt_error *err);
/* Resolves an open ticket; `message` (may be NULL) is sent as a public reply. */
int ticket_resolve(struct db *db, long long id, int expected_version, const char *message,
		   int *new_version, struct tt_error *err);
/* The messages that may carry files: the public ones (a question to the
 * customer with the change to waiting_customer too) take them to the
 * customer, an internal note keeps them on the ticket for the desk. */
enum ticket_message { MESSAGE_ACK, MESSAGE_REPLY, MESSAGE_RESOLVE, MESSAGE_NOTE, MESSAGE_ASK };
struct mail_file;
/* ticket_ack, ticket_reply, ticket_resolve, ticket_note or ticket_ask with `files`
 * (mail/mime.h): the message and every file in one transaction, so its
 * mail never goes without them, and a refused file writes nothing (65,
 * the file named). */
int ticket_message_send(struct db *db, enum ticket_message kind, long long id, int expected_version,
			const char *text, const struct mail_file *files, size_t nfiles,
			int *new_version, struct tt_error *err);
/* Closes a resolved ticket (final). */
int ticket_close(struct db *db, long long id, int expected_version, int *new_version,
		 struct tt_error *err);
/* Reopens a resolved ticket (→ in_progress); `message` (may be NULL) is
 * kept as an internal note saying why. */
int ticket_reopen(struct db *db, long long id, int expected_version, const char *message,
		  int *new_version, struct tt_error *err);

#endif
