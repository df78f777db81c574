/* The notifications outbox: what the delivery bridge (an admin agent)
 * lists and marks sent, and each agent's own unread notifications. */
#ifndef TICKETTY_MODEL_NOTIFY_H
#define TICKETTY_MODEL_NOTIFY_H

#include <stddef.h>

#include "util/error.h"

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

/* The caller's own unread notifications, oldest first. */
int notify_mine(struct db *db, struct notify_list *out, struct tt_error *err);
int notify_mine_json(struct db *db, char **json, struct tt_error *err);
/* Marks the caller's own notifications read: the ids given, or all when
 * n == 0. *count receives how many changed. */
int notify_mark_read(struct db *db, const long long *ids, size_t n, long *count,
		     struct tt_error *err);
/* How many unread notifications the caller has (for the status line). */
int notify_unread_count(struct db *db, long *count, struct tt_error *err);

#endif
