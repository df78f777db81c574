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
	long long at_us;      /* created_at in microseconds since the Unix epoch
			       * (the own list's sort key, with id) */
	/* the own list (notify_mine) only, else "": */
	char *change;         /* what happened, a stable key: the event's kind
			       * (assign, status, customer_reply, retriage,
			       * escalation.raised, ...), else the notification's */
	char *words;          /* who did what, in the caller's language ("Ana Gil
			       * assigned the ticket to you"), database text inside */
};

struct notify_list {
	struct notify_item *items; /* pending: oldest first; the own list: newest first */
	size_t n;
};

void notify_list_init(struct notify_list *l);
void notify_list_done(struct notify_list *l);
/* Page-window helpers for the own list: frees items [0, count) and moves
 * the rest down; frees items from count on; moves `src`'s items in front
 * of dst's (src is left empty). */
void notify_list_drop_front(struct notify_list *l, size_t count);
void notify_list_truncate(struct notify_list *l, size_t count);
void notify_list_prepend(struct notify_list *dst, struct notify_list *src);

/* Undelivered notifications (admin only: 77 otherwise), at most `limit`. */
int notify_pending(struct db *db, long limit, struct notify_list *out, struct tt_error *err);
/* The same as a JSON array made by PostgreSQL (caller frees). */
int notify_pending_json(struct db *db, long limit, char **json, struct tt_error *err);
/* Marks notifications sent (admin only); unknown ids: 65 and none marked.
 * *marked receives how many were newly marked. */
int notify_mark_sent(struct db *db, const long long *ids, size_t n, long *marked,
		     struct tt_error *err);

/* A place in the own list (newest first): a notification's at_us and id. */
struct notify_key {
	long long at_us;
	long long id;
};

enum notify_from {
	NOTIFY_FIRST,   /* from the newest */
	NOTIFY_LAST,    /* the oldest `limit` (read backwards) */
	NOTIFY_AFTER,   /* older than key */
	NOTIFY_BEFORE,  /* newer than key (read backwards) */
	NOTIFY_AT,      /* key and older */
};

/* The caller's own unread notifications, newest first, each with what
 * happened in words (the timeline's words for its event): at most
 * `limit` from the position (key is ignored for NOTIFY_FIRST and
 * NOTIFY_LAST), read by keyset on (created_at, id), never OFFSET, into
 * `out` (emptied first, always newest first). `words` (NULL or blank:
 * every one) keeps those in which each word appears, in any case, in the
 * ticket's title or number, the name or login of who acted, or what the
 * step said (a reason, a note, a status); the verbs of the words are the
 * client's, in the reader's language, and are not searched. */
int notify_mine_page(struct db *db, const char *words, enum notify_from from,
		     const struct notify_key *key, int limit, struct notify_list *out,
		     struct tt_error *err);
/* The key of the caller's own notification `id` (read or not), to go on
 * after it: 0, or 65 (TT404-like: none of theirs has that id). */
int notify_key_of(struct db *db, long long id, struct notify_key *key, struct tt_error *err);
/* The notifications of `l` (from notify_mine_page) as the document
 * PostgreSQL makes: {"notifications": [...newest first, each with its
 * change and words], "next": next_id, null when 0} (caller frees). */
int notify_mine_json(struct db *db, const struct notify_list *l, long long next_id, char **json,
		     struct tt_error *err);

struct timeline_entry;
/* Appends what a notification of `kind` says: who did what, in the
 * timeline's words for its event `e` (NULL when it has none: the kind in
 * words), the recipient (login me_login, display name me_name) named
 * "you". `e` is borrowed and left as it was. */
void notify_words(const char *kind, struct timeline_entry *e, const char *me_login,
		  const char *me_name, struct strbuf *out);
/* Appends the words of the notification that queued mail `message`
 * tells of, as its recipient reads them (notify_mine_page's), in the
 * current language; nothing when it names no event (or the message is
 * no queued notification mail). For the mail sender (the mail gateway,
 * or an admin), which mails them: read through api_mail_notification_event,
 * whose columns are query_with_event's. */
int notify_words_of_mail(struct db *db, long long message, struct strbuf *out, struct tt_error *err);
/* Marks the caller's own notifications read: the ids given, or all when
 * n == 0. *count receives how many changed. */
int notify_mark_read(struct db *db, const long long *ids, size_t n, long *count,
		     struct tt_error *err);
/* Marks read every unread notification of the caller that `words` keeps
 * (each word in the ticket's title or number, who acted or what the step
 * said: the filter of notify_mine_page). *count receives how many changed. */
int notify_mark_matching(struct db *db, const char *words, long *count, struct tt_error *err);
/* How many unread notifications the caller has (for the status line). */
int notify_unread_count(struct db *db, long *count, struct tt_error *err);

#endif
