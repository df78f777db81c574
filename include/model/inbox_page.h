/* The inbox's two lists, the open mail (inbox, asked) and the held mail,
 * read a page at a time by keyset on (received_at, id), oldest first,
 * never with OFFSET and never whole (sql/820 indexes both orders),
 * optionally filtered by a piece of the sender or the subject. Used by
 * the inbox view (`3`) and `ticketty inbox list`. Every reading asks
 * inbox_may_read's question in the same round trip: 77 for a role that
 * may not read mail. */
#ifndef TICKETTY_MODEL_INBOX_PAGE_H
#define TICKETTY_MODEL_INBOX_PAGE_H

#include <stdbool.h>

#include "model/inbox.h"
#include "util/error.h"

struct db;

/* A place in the order: the received instant (µs since the epoch) and
 * the id of one mail (inbox_item.received_us, inbox_item.id). */
struct inbox_key {
	long long received_us;
	long long id;
};

/* Which list, and what in it. The text is owned by the filter. */
struct inbox_filter {
	bool held;     /* the held mail instead of the open mail */
	char *text;    /* a piece of the sender's name or address or of the
	                  subject, any case; NULL or "" = every mail */
};

void inbox_filter_init(struct inbox_filter *f);
void inbox_filter_done(struct inbox_filter *f);
/* Sets the text (a copy; NULL or "" clears it). */
void inbox_filter_text(struct inbox_filter *f, const char *text);
/* True when the filter has a text. */
bool inbox_filter_has_text(const struct inbox_filter *f);

enum inbox_from {
	INBOX_FIRST,   /* from the oldest */
	INBOX_LAST,    /* the last `limit` mails (the newest) */
	INBOX_AFTER,   /* mails strictly after key */
	INBOX_BEFORE,  /* mails strictly before key (returned in list order) */
	INBOX_AT,      /* mails from key on, key included */
};

/* The bound of the counts: a list longer than this is "more than" it. */
#define INBOX_COUNT_CAP 1000

/* Reads up to `limit` mails from the position (key is ignored for
 * INBOX_FIRST/INBOX_LAST) into `out` (emptied first), in list order.
 * With `count` not NULL, the same round trip counts the mails of the
 * list that pass the filter, up to INBOX_COUNT_CAP + 1 (*count > the
 * cap: more than it), so that a count costs at most that many index
 * entries however many are held. 0 or an exit code (77: a role that may
 * not read mail). */
int inbox_fetch(struct db *db, const struct inbox_filter *f, enum inbox_from from,
		const struct inbox_key *key, int limit, struct inbox_list *out, long *count,
		struct tt_error *err);

/* The place in the order of mail `id`, in any state (the mail may have
 * left the list since it was listed: its place stays): for `inbox list
 * --after ID`. 65 when there is no such mail. */
int inbox_key_of(struct db *db, long long id, struct inbox_key *key, struct tt_error *err);

/* The JSON document of `ticketty inbox list --json`, built by
 * PostgreSQL: {"mail": [...], "next": ID or null}, "next" the id to give
 * --after for the page that follows (null: none follows). Up to `limit`
 * mails after `after` (NULL: from the oldest). Caller frees *json. */
int inbox_json(struct db *db, const struct inbox_filter *f, const struct inbox_key *after,
	       int limit, char **json, struct tt_error *err);

/* Window helpers for a view that holds a page and moves it: drop items
 * [0, count), keep items [0, count), and move src's items in front of
 * dst's (src is left empty). */
void inbox_list_drop_front(struct inbox_list *l, size_t count);
void inbox_list_truncate(struct inbox_list *l, size_t count);
void inbox_list_prepend(struct inbox_list *dst, struct inbox_list *src);

#endif
