/* The notifications outbox: what the delivery bridge (an admin agent)
 * lists and marks sent, and each agent's own unread notifications. */
#ifndef TICKETTY_MODEL_NOTIFY_H
#define TICKETTY_MODEL_NOTIFY_H

#include <stddef.h>

#include "util/error.h"
#include "util/strbuf.h"

struct db;

struct notify_item {
	long long id;
	char *kind;           /* escalation.raised, ticket.changed, emergency, ... */
	long long ticket_id;  /* 0 when none */
	char *recipient_kind; /* agent, contact, email ("" in the own list) */
	char *recipient;      /* login, contact name or address */
	char *address;        /* e-mail address, "" when unknown */
	char *title;          /* the ticket's title, "" when none */
	char *created_at;     /* ISO 8601 */
	/* the own list (notify_mine) only, else "": */
	char *change;         /* what happened, a stable key: the event's kind
			       * (assign, status, customer_reply, retriage,
			       * escalation.raised, ...), else the notification's */
	char *words;          /* who did what, in the caller's language ("Ana Gil
			       * assigned the ticket to you"), database text inside */
};

struct notify_list {
	struct notify_item *items; /* oldest first */
	size_t n;
};

void notify_list_init(struct notify_list *l);
void notify_list_done(struct notify_list *l);

/* Undelivered notifications (admin only: 77 otherwise), at most `limit`. */
int notify_pending(struct db *db, long limit, struct notify_list *out, struct tt_error *err);
/* The same as a JSON array made by PostgreSQL (caller frees). */
int notify_pending_json(struct db *db, long limit, char **json, struct tt_error *err);
/* Marks notifications sent (admin only); unknown ids: 65 and none marked.
 * *marked receives how many were newly marked. */
int notify_mark_sent(struct db *db, const long long *ids, size_t n, long *marked,
		     struct tt_error *err);

/* The caller's own unread notifications, oldest first, each with what
 * happened in words (the timeline's words for its event). */
int notify_mine(struct db *db, struct notify_list *out, struct tt_error *err);
/* The notifications of `l` (from notify_mine) as a JSON array made by
 * PostgreSQL, each with its change and words (caller frees). */
int notify_mine_json(struct db *db, const struct notify_list *l, char **json, struct tt_error *err);

struct timeline_entry;
/* Appends what a notification of `kind` says: who did what, in the
 * timeline's words for its event `e` (NULL when it has none: the kind in
 * words), the recipient (login me_login, display name me_name) named
 * "you". `e` is borrowed and left as it was. */
void notify_words(const char *kind, struct timeline_entry *e, const char *me_login,
		  const char *me_name, struct strbuf *out);
/* Appends the words of notification `id` as its recipient reads them
 * (notify_mine's), in the current language; nothing when it names no
 * event. For the mail sender (an admin), which mails them. */
int notify_words_of(struct db *db, long long id, struct strbuf *out, struct tt_error *err);
/* Marks the caller's own notifications read: the ids given, or all when
 * n == 0. *count receives how many changed. */
int notify_mark_read(struct db *db, const long long *ids, size_t n, long *count,
		     struct tt_error *err);
/* How many unread notifications the caller has (for the status line). */
int notify_unread_count(struct db *db, long *count, struct tt_error *err);

#endif
