/* The inbox's pages (see model/inbox_page.h): one statement assembled
 * from fixed SQL fragments, every value a $n parameter, with the plain
 * state predicate of the list so that its partial index serves it
 * (060's mail_inbound_inbox_idx for the open mail, 820's
 * mail_inbound_held_idx for the held), paging by keyset on (received_at,
 * id) in either direction. The page's ids come from an inner query on
 * mail_inbound alone; the columns of the rows (their contact, answer,
 * files) are looked up for those ids only. The text filter is a LIKE on
 * the expression 820's trigram index holds. */
#include "model/inbox_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "model/inbox_rows.h"
#include "util/i18n.h"
#include "util/rows.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define MAX_PARAMS 6

/* The statement being assembled and its parameters (texts owned). */
struct ibuild {
	struct strbuf sql;
	char *params[MAX_PARAMS];
	int n;
};

static void ib_init(struct ibuild *b)
{
	sb_init(&b->sql);
	b->n = 0;
}

static void ib_done(struct ibuild *b)
{
	sb_done(&b->sql);
	for (int i = 0; i < b->n; i++)
		free(b->params[i]);
	b->n = 0;
}

/* Adds a parameter and returns its number ($n). */
static int ib_param(struct ibuild *b, char *owned_value)
{
	b->params[b->n++] = owned_value;
	return b->n;
}

/* What the filter searches, exactly as sql/820's trigram index holds it:
 * one piece per line, so that no match spans two of them. */
#define FILTER_DOC \
	"lower(coalesce(m.from_name, '') || E'\\n' || coalesce(m.from_address, '') || E'\\n' || m.subject)"

/* The list's mails: its state, then the text filter. */
static void add_where(struct ibuild *b, const struct inbox_filter *f)
{
	sb_add(&b->sql, f->held ? " WHERE m.state = 'held'" : " WHERE m.state IN ('inbox', 'asked')");
	if (inbox_filter_has_text(f)) {
		int p = ib_param(b, xstrdup(f->text));
		/* the typed text is matched as it is: LIKE's wildcards and
		 * escape character in it are escaped */
		sb_addf(&b->sql, " AND " FILTER_DOC " LIKE '%%' || replace(replace(replace(lower($%d),"
			" '\\', '\\\\'), '%%', '\\%%'), '_', '\\_') || '%%'", p);
	}
}

/* The position as a condition on (received_at, id): the instant from
 * microseconds since the epoch, exactly (no floats). */
static void add_keyset(struct ibuild *b, enum inbox_from from, const struct inbox_key *k)
{
	const char *op = from == INBOX_AFTER ? ">" : from == INBOX_BEFORE ? "<" : ">=";
	if (from == INBOX_FIRST || from == INBOX_LAST)
		return;
	int us = ib_param(b, xasprintf("%lld", k->received_us));
	int id = ib_param(b, xasprintf("%lld", k->id));
	sb_addf(&b->sql, " AND (m.received_at, m.id) %s ('epoch'::timestamptz"
		" + ($%d::bigint / 1000000) * interval '1 second'"
		" + ($%d::bigint %% 1000000) * interval '1 microsecond', $%d::bigint)",
		op, us, us, id);
}

static void add_order(struct ibuild *b, bool reverse)
{
	sb_add(&b->sql, reverse ? " ORDER BY m.received_at DESC, m.id DESC" : " ORDER BY m.received_at, m.id");
}

/* The inner query: the ids of up to `limit` mails from the position. */
static void add_ids(struct ibuild *b, const struct inbox_filter *f, enum inbox_from from,
		    const struct inbox_key *key, int limit)
{
	bool reverse = from == INBOX_LAST || from == INBOX_BEFORE;
	sb_add(&b->sql, "(SELECT m.id FROM ticketty.mail_inbound m");
	add_where(b, f);
	add_keyset(b, from, key);
	add_order(b, reverse);
	sb_addf(&b->sql, " LIMIT $%d::int) k", ib_param(b, xasprintf("%d", limit)));
}

static void build_page(struct ibuild *b, const struct inbox_filter *f, enum inbox_from from,
		       const struct inbox_key *key, int limit)
{
	sb_add(&b->sql, "SELECT " INBOX_ITEM_COLS " FROM ");
	add_ids(b, f, from, key, limit);
	sb_add(&b->sql, " JOIN ticketty.mail_inbound m ON m.id = k.id"
			" LEFT JOIN ticketty.customers cu ON cu.id = m.customer_id");
	add_order(b, from == INBOX_LAST || from == INBOX_BEFORE);
}

/* How many mails pass the filter, counted up to cap + 1. */
static void build_count(struct ibuild *b, const struct inbox_filter *f, int cap)
{
	sb_add(&b->sql, "SELECT count(*) FROM (SELECT 1 FROM ticketty.mail_inbound m");
	add_where(b, f);
	sb_addf(&b->sql, " LIMIT $%d::int) c", ib_param(b, xasprintf("%d", cap + 1)));
}

void inbox_filter_init(struct inbox_filter *f)
{
	memset(f, 0, sizeof(*f));
}

void inbox_filter_done(struct inbox_filter *f)
{
	free(f->text);
	inbox_filter_init(f);
}

void inbox_filter_text(struct inbox_filter *f, const char *text)
{
	free(f->text);
	f->text = text && *text ? xstrdup(text) : NULL;
}

bool inbox_filter_has_text(const struct inbox_filter *f)
{
	return f->text && *f->text;
}

int inbox_fetch(struct db *db, const struct inbox_filter *f, enum inbox_from from,
		const struct inbox_key *key, int limit, struct inbox_list *out, long *count,
		struct tt_error *err)
{
	struct ibuild page, total;
	PGresult *r[2] = { NULL, NULL };

	inbox_list_done(out);
	ib_init(&page);
	ib_init(&total);
	build_page(&page, f, from, key, limit > 0 ? limit : 0);
	struct db_stmt s[2] = { { page.sql.buf, page.n, (const char *const *)page.params, NULL } };
	if (count) {
		build_count(&total, f, INBOX_COUNT_CAP);
		s[1] = (struct db_stmt){ total.sql.buf, total.n, (const char *const *)total.params, NULL };
	}
	int rc = inbox_checked_many(db, count ? 2 : 1, s, r, err);
	ib_done(&page);
	ib_done(&total);
	if (rc)
		return rc;
	inbox_items_fill(r[0], from == INBOX_LAST || from == INBOX_BEFORE, out);
	if (count) {
		*count = strtol(PQgetvalue(r[1], 0, 0), NULL, 10);
		PQclear(r[1]);
	}
	return 0;
}

int inbox_key_of(struct db *db, long long id, struct inbox_key *key, struct tt_error *err)
{
	char idbuf[24];
	const char *p[1] = { idbuf };
	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	const struct db_stmt s[1] = { {
		"SELECT (extract(epoch FROM m.received_at) * 1000000)::bigint"
		"  FROM ticketty.mail_inbound m WHERE m.id = $1::bigint", 1, p, NULL } };
	PGresult *r = NULL;
	int rc = inbox_checked_many(db, 1, s, &r, err);
	if (rc)
		return rc;
	bool found = PQntuples(r) == 1;
	if (found) {
		key->received_us = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
		key->id = id;
	}
	PQclear(r);
	return found ? 0 : tt_error_set(err, EX_DATAERR, _("no such mail: %lld"), id);
}

int inbox_json(struct db *db, const struct inbox_filter *f, const struct inbox_key *after,
	       int limit, char **json, struct tt_error *err)
{
	struct ibuild b;
	PGresult *r = NULL;

	*json = NULL;
	ib_init(&b);
	int lim = ib_param(&b, xasprintf("%d", limit));
	/* one more than the page is read: whether a next page exists */
	sb_addf(&b.sql,
		"SELECT ticketty.json_safe_text(json_build_object("
		"'mail', coalesce(json_agg(q.obj ORDER BY q.rn) FILTER (WHERE q.rn <= $%d::int), '[]'::json),"
		" 'next', CASE WHEN count(*) > $%d::int THEN (array_agg(q.id ORDER BY q.rn))[$%d::int] END)::text)"
		" FROM (SELECT row_number() OVER (ORDER BY m.received_at, m.id) AS rn, m.id,"
		"  json_build_object('id', m.id, 'received_at', m.received_at,"
		"  'from', m.from_address, 'from_name', m.from_name, 'customer', cu.name, 'contact', ct.name,"
		"  'subject', m.subject, 'state', m.state, 'hold_reason', m.hold_reason, 'ticket', m.ticket_id,"
		"  'attachments', (SELECT count(*) FROM ticketty.attachments a WHERE a.inbound_id = m.id)) AS obj"
		"  FROM ",
		lim, lim, lim);
	add_ids(&b, f, after ? INBOX_AFTER : INBOX_FIRST, after, limit + 1);
	sb_add(&b.sql, " JOIN ticketty.mail_inbound m ON m.id = k.id"
		       " LEFT JOIN ticketty.customers cu ON cu.id = m.customer_id"
		       " LEFT JOIN ticketty.contacts ct ON ct.id = m.contact_id) q");
	const struct db_stmt s[1] = { { b.sql.buf, b.n, (const char *const *)b.params, NULL } };
	int rc = inbox_checked_many(db, 1, s, &r, err);
	ib_done(&b);
	if (rc)
		return rc;
	if (PQntuples(r) == 1 && !PQgetisnull(r, 0, 0))
		*json = xstrdup(PQgetvalue(r, 0, 0));
	PQclear(r);
	return *json ? 0 : tt_error_set(err, EX_SOFTWARE, "%s", _("empty answer"));
}

/* inbox_item_done for util/rows.h */
static void item_done(void *it)
{
	inbox_item_done(it);
}

void inbox_list_drop_front(struct inbox_list *l, size_t count)
{
	rows_drop_front(l->items, &l->n, sizeof(*l->items), count, item_done);
}

void inbox_list_truncate(struct inbox_list *l, size_t count)
{
	rows_truncate(l->items, &l->n, sizeof(*l->items), count, item_done);
}

void inbox_list_prepend(struct inbox_list *dst, struct inbox_list *src)
{
	dst->items = rows_prepend(dst->items, &dst->n, src->items, src->n, sizeof(*src->items));
	src->n = 0;
	inbox_list_done(src);
}
