/* Notification outbox queries: the only place with notification SQL. */
#include "model/notify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "model/ticket_rows.h"
#include "util/i18n.h"
#include "util/json.h"
#include "util/rows.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

static const char pending_sql[] =
	"SELECT p.id, p.kind, coalesce(p.ticket_id, 0) AS ticket_id, p.recipient_kind,"
	"       coalesce(p.recipient, '') AS recipient, coalesce(p.address, '') AS address,"
	"       coalesce(t.title, '') AS title,"
	"       to_char(p.created_at, 'YYYY-MM-DD\"T\"HH24:MI:SSOF') AS created_at"
	"  FROM ticketty.api_notifications_pending($1::int) p"
	"  LEFT JOIN ticketty.tickets t ON t.id = p.ticket_id"
	" ORDER BY p.created_at, p.id";

static const char pending_json_sql[] =
	"SELECT ticketty.json_safe_text(("
	"SELECT coalesce(json_agg(json_build_object("
	"  'id', p.id, 'kind', p.kind, 'ticket', p.ticket_id, 'escalation', p.escalation_id,"
	"  'recipient_kind', p.recipient_kind, 'recipient', p.recipient, 'address', p.address,"
	"  'title', t.title, 'payload', p.payload, 'created_at', p.created_at)"
	"  ORDER BY p.created_at, p.id), '[]')"
	"  FROM ticketty.api_notifications_pending($1::int) p"
	"  LEFT JOIN ticketty.tickets t ON t.id = p.ticket_id"
	")::text)";

/* The caller's own unread notifications (row-level security limits agents
 * to their own rows; the condition on recipient keeps an admin's own list
 * to themselves too), each with the event it tells of, read by the
 * timeline's own columns (timeline_columns_sql, ticket_timeline.c), so
 * it is said in the timeline's words. The event: the one a ticket.changed names (event_id),
 * else the event of the notification's kind that the same step wrote
 * (the same ticket and instant: tt_now() holds for the transaction). */
static const char mine_head_sql[] = "SELECT ";
static const char mine_tail_sql[] =
	", n.id AS n_id, n.kind AS n_kind, coalesce(n.ticket_id, 0) AS ticket_id,"
	"       coalesce(t.title, '') AS title,"
	"       to_char(n.created_at, 'YYYY-MM-DD\"T\"HH24:MI:SSOF') AS created_at,"
	"       (extract(epoch FROM n.created_at) * 1000000)::bigint AS n_at_us,"
	"       me.login AS me_login, me.display_name AS me_name";
/* The notification (n), its ticket (t), its recipient (me), the step's
 * event (x) and that step's actor (a): what the rows say and what `/`
 * matches (words_sql). */
static const char mine_from_sql[] =
	"  FROM ticketty.notifications n"
	"  LEFT JOIN ticketty.tickets t ON t.id = n.ticket_id"
	"  LEFT JOIN ticketty.agents me ON me.id = n.recipient_agent_id"
	"  LEFT JOIN LATERAL ("
	"    SELECT v.at, 1 AS src, v.id, 'event'::text AS kind, v.actor_id AS actor,"
	"           NULL::text AS body, v.kind AS event, v.version, v.details"
	"      FROM ticketty.ticket_events v"
	"     WHERE v.ticket_id = n.ticket_id AND v.at = n.created_at"
	"       AND CASE WHEN n.payload ? 'event_id' THEN v.id = (n.payload->>'event_id')::bigint"
	"                ELSE v.kind = ANY (CASE n.kind"
	"                  WHEN 'ticket.customer_reply' THEN ARRAY['customer_reply']"
	"                  WHEN 'ticket.retriaged' THEN ARRAY['retriage']"
	"                  WHEN 'ticket.rerouted' THEN ARRAY['retriage']"
	"                  WHEN 'ticket.mail_bounced' THEN ARRAY['mail_bounced']"
	"                  WHEN 'escalation.raised' THEN ARRAY['escalation.raised', 'escalation.passed_up']"
	"                  WHEN 'escalation.passed_up' THEN ARRAY['escalation.raised', 'escalation.passed_up']"
	"                  WHEN 'escalation.acknowledged' THEN ARRAY['escalation.acknowledged']"
	"                  WHEN 'escalation.resolved' THEN ARRAY['escalation.resolved']"
	"                  WHEN 'escalation.handed' THEN ARRAY['escalation.handed']"
	"                  WHEN 'emergency' THEN ARRAY['created']"
	"                  ELSE ARRAY[]::text[] END) END"
	"     ORDER BY v.id DESC LIMIT 1) x ON true"
	"  LEFT JOIN ticketty.agents a ON a.id = x.actor";
/* The own list: unread, newest first, read by keyset on (created_at, id)
 * from notifications_unread_agent_order_idx (840); mine_page_sql() adds the
 * keyset, the words and the order. */
static const char mine_where_sql[] =
	" WHERE n.recipient_agent_id = ticketty.current_agent_id() AND n.read_at IS NULL";
/* A timestamptz from microseconds since the epoch ($%d), exactly (no floats). */
#define US_TS "('epoch'::timestamptz + ($%d::bigint / 1000000) * interval '1 second'" \
	" + ($%d::bigint %% 1000000) * interval '1 microsecond')"
/* Every word of $%d (lower case, split at blanks) is in what the line
 * says that the database holds: the ticket's title and number, who acted
 * (x, the event, a its actor) and the values of the step's details and
 * the notification's payload (a reason, a note, a status). */
static const char words_sql[] =
	" AND NOT EXISTS (SELECT 1 FROM regexp_split_to_table(lower($%d::text), '\\s+') w(word)"
	"  WHERE w.word <> '' AND strpos(lower(concat_ws(E'\\n', t.title, '#' || n.ticket_id,"
	"        a.display_name, a.login,"
	"        (SELECT string_agg(d.value, E'\\n') FROM jsonb_each_text(coalesce(x.details, '{}')) d),"
	"        (SELECT string_agg(d.value, E'\\n') FROM jsonb_each_text(n.payload) d))), w.word) = 0)";

/* $1: [{"id", "change", "words"}] of the listed notifications (the words
 * are the client's, in its language); PostgreSQL writes the document. */
static const char mine_json_sql[] =
	"SELECT ticketty.json_safe_text(json_build_object('notifications', ("
	"SELECT coalesce(json_agg(json_build_object("
	"  'id', n.id, 'kind', n.kind, 'change', w.change, 'words', w.words,"
	"  'ticket', n.ticket_id, 'escalation', n.escalation_id,"
	"  'title', t.title, 'payload', n.payload, 'created_at', n.created_at)"
	"  ORDER BY n.created_at DESC, n.id DESC), '[]')"
	"  FROM jsonb_to_recordset($1::jsonb) AS w(id bigint, change text, words text)"
	"  JOIN ticketty.notifications n ON n.id = w.id"
	"  LEFT JOIN ticketty.tickets t ON t.id = n.ticket_id"
	" WHERE n.recipient_agent_id = ticketty.current_agent_id()"
	"), 'next', $2::bigint)::text)";

/* The key of one of the caller's own notifications, read or not. */
static const char key_sql[] =
	"SELECT (extract(epoch FROM n.created_at) * 1000000)::bigint FROM ticketty.notifications n"
	" WHERE n.id = $1::bigint AND n.recipient_agent_id = ticketty.current_agent_id()";

void notify_list_init(struct notify_list *l)
{
	memset(l, 0, sizeof(*l));
}

static void item_free(struct notify_item *it)
{
	free(it->kind);
	free(it->recipient_kind);
	free(it->recipient);
	free(it->address);
	free(it->title);
	free(it->created_at);
	free(it->change);
	free(it->words);
}

void notify_list_done(struct notify_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		item_free(&l->items[i]);
	free(l->items);
	notify_list_init(l);
}

/* item_free for util/rows.h */
static void item_done(void *it)
{
	item_free(it);
}

void notify_list_drop_front(struct notify_list *l, size_t count)
{
	rows_drop_front(l->items, &l->n, sizeof(*l->items), count, item_done);
}

void notify_list_truncate(struct notify_list *l, size_t count)
{
	rows_truncate(l->items, &l->n, sizeof(*l->items), count, item_done);
}

void notify_list_prepend(struct notify_list *dst, struct notify_list *src)
{
	dst->items = rows_prepend(dst->items, &dst->n, src->items, src->n, sizeof(*src->items));
	src->n = 0;
}

static const char *val(const PGresult *res, int row, const char *name)
{
	int c = PQfnumber(res, name);
	return c < 0 || PQgetisnull(res, row, c) ? "" : PQgetvalue(res, row, c);
}

static int fill(struct db *db, const char *sql, int n, const char *const *params,
		struct notify_list *out, struct tt_error *err)
{
	PGresult *res = db_query(db, sql, n, params, err);
	if (!res)
		return err->code;
	notify_list_done(out);
	out->n = (size_t)PQntuples(res);
	out->items = xcalloc(out->n ? out->n : 1, sizeof(*out->items));
	for (int r = 0; r < PQntuples(res); r++) {
		struct notify_item *it = &out->items[r];
		it->id = atoll(val(res, r, "id"));
		it->kind = xstrdup(val(res, r, "kind"));
		it->ticket_id = atoll(val(res, r, "ticket_id"));
		it->recipient_kind = xstrdup(val(res, r, "recipient_kind"));
		it->recipient = xstrdup(val(res, r, "recipient"));
		it->address = xstrdup(val(res, r, "address"));
		it->title = xstrdup(val(res, r, "title"));
		it->created_at = xstrdup(val(res, r, "created_at"));
		it->change = xstrdup("");
		it->words = xstrdup("");
	}
	PQclear(res);
	return 0;
}

static char *scalar_or(struct db *db, const char *sql, int n, const char *const *params,
		       const char *fallback, struct tt_error *err)
{
	char *v = db_scalar(db, sql, n, params, err);
	if (!v && !err->code)
		v = xstrdup(fallback);
	return v;
}

int notify_pending(struct db *db, long limit, struct notify_list *out, struct tt_error *err)
{
	char lim[24];
	snprintf(lim, sizeof(lim), "%ld", limit);
	const char *p[1] = { lim };
	return fill(db, pending_sql, 1, p, out, err);
}

int notify_pending_json(struct db *db, long limit, char **json, struct tt_error *err)
{
	char lim[24];
	snprintf(lim, sizeof(lim), "%ld", limit);
	const char *p[1] = { lim };
	*json = scalar_or(db, pending_json_sql, 1, p, "[]", err);
	return *json ? 0 : err->code;
}

/* A PostgreSQL array literal of the ids, e.g. "{1,2,3}" (a parameter value). */
static char *id_array(const long long *ids, size_t n)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_addc(&sb, '{');
	for (size_t i = 0; i < n; i++)
		sb_addf(&sb, "%s%lld", i ? "," : "", ids[i]);
	sb_addc(&sb, '}');
	return sb_detach(&sb);
}

static int count_call(struct db *db, const char *sql, const char *arr, long *count,
		      struct tt_error *err)
{
	const char *p[1] = { arr };
	char *v = db_scalar(db, sql, 1, p, err);
	if (!v)
		return err->code ? err->code : EX_SOFTWARE;
	*count = atol(v);
	free(v);
	return 0;
}

int notify_mark_sent(struct db *db, const long long *ids, size_t n, long *marked,
		     struct tt_error *err)
{
	char *arr = id_array(ids, n);
	int rc = count_call(db, "SELECT ticketty.api_notifications_mark_sent($1::bigint[])", arr,
			    marked, err);
	free(arr);
	return rc;
}

/* The notifications `where` picks, each with its event in the timeline's columns. */
static PGresult *query_with_event(struct db *db, const char *where, int n, const char *const *params,
				  struct tt_error *err)
{
	struct strbuf sql;
	sb_init(&sql);
	sb_add(&sql, mine_head_sql);
	sb_add(&sql, timeline_columns_sql);
	sb_add(&sql, mine_tail_sql);
	sb_add(&sql, mine_from_sql);
	sb_add(&sql, where);
	PGresult *res = db_query(db, sql.buf, n, params, err);
	sb_done(&sql);
	return res;
}

enum { EVENT_ID_COLUMN = 3 };   /* x.id among the timeline's columns */

int notify_words_of_mail(struct db *db, long long message, struct strbuf *out, struct tt_error *err)
{
	char idbuf[24];
	snprintf(idbuf, sizeof(idbuf), "%lld", message);
	const char *p[1] = { idbuf };
	/* the columns query_with_event reads, from the mail functions: the
	 * mail gateway (role mail) reads no table (sql/972) */
	PGresult *res = db_query(db, "SELECT * FROM ticketty.api_mail_notification_event($1::bigint)", 1, p, err);
	if (!res)
		return err->code;
	if (PQntuples(res) == 1 && !PQgetisnull(res, 0, EVENT_ID_COLUMN)) {
		struct timeline_entry e;
		timeline_entry_fill(&e, res, 0);
		notify_words(val(res, 0, "n_kind"), &e, val(res, 0, "me_login"), val(res, 0, "me_name"), out);
		timeline_entry_done(&e);
	}
	PQclear(res);
	return 0;
}

/* The WHERE, ORDER BY and LIMIT of a page of the own list: the keyset
 * from `from`, the words, the order (backwards for NOTIFY_LAST and
 * NOTIFY_BEFORE); fills params (texts in bufs) and returns their number. */
static int mine_page_sql(struct strbuf *sql, const char *words, enum notify_from from,
			 const struct notify_key *key, int limit, const char *params[4],
			 char bufs[3][24])
{
	bool back = from == NOTIFY_LAST || from == NOTIFY_BEFORE;
	int n = 0;
	sb_add(sql, mine_where_sql);
	if (from == NOTIFY_AFTER || from == NOTIFY_BEFORE || from == NOTIFY_AT) {
		snprintf(bufs[0], sizeof(bufs[0]), "%lld", key->at_us);
		snprintf(bufs[1], sizeof(bufs[1]), "%lld", key->id);
		params[n++] = bufs[0];
		params[n++] = bufs[1];
		sb_addf(sql, " AND (n.created_at, n.id) %s (" US_TS ", $%d::bigint)",
			from == NOTIFY_AFTER ? "<" : from == NOTIFY_BEFORE ? ">" : "<=", 1, 1, 2);
	}
	if (words && !text_blank(words)) {
		params[n++] = words;
		sb_addf(sql, words_sql, n);
	}
	snprintf(bufs[2], sizeof(bufs[2]), "%d", limit);
	params[n++] = bufs[2];
	sb_addf(sql, back ? " ORDER BY n.created_at, n.id LIMIT $%d::int"
			  : " ORDER BY n.created_at DESC, n.id DESC LIMIT $%d::int", n);
	return n;
}

int notify_mine_page(struct db *db, const char *words, enum notify_from from,
		     const struct notify_key *key, int limit, struct notify_list *out,
		     struct tt_error *err)
{
	const char *params[4];
	char bufs[3][24];
	struct strbuf where;
	bool back = from == NOTIFY_LAST || from == NOTIFY_BEFORE;

	notify_list_done(out);
	if (limit <= 0)
		return 0;
	sb_init(&where);
	int np = mine_page_sql(&where, words, from, key, limit, params, bufs);
	PGresult *res = query_with_event(db, where.buf, np, params, err);
	sb_done(&where);
	if (!res)
		return err->code;
	int rows = PQntuples(res);
	out->n = (size_t)rows;
	out->items = xcalloc(out->n ? out->n : 1, sizeof(*out->items));
	struct strbuf text;
	sb_init(&text);
	for (int r = 0; r < rows; r++) {
		/* read backwards: stored newest first all the same */
		struct notify_item *it = &out->items[back ? rows - 1 - r : r];
		it->id = atoll(val(res, r, "n_id"));
		it->at_us = atoll(val(res, r, "n_at_us"));
		it->kind = xstrdup(val(res, r, "n_kind"));
		it->ticket_id = atoll(val(res, r, "ticket_id"));
		it->recipient_kind = xstrdup("");
		it->recipient = xstrdup("");
		it->address = xstrdup("");
		it->title = xstrdup(val(res, r, "title"));
		it->created_at = xstrdup(val(res, r, "created_at"));
		struct timeline_entry e;
		bool has_event = !PQgetisnull(res, r, EVENT_ID_COLUMN);
		if (has_event)
			timeline_entry_fill(&e, res, r);
		sb_reset(&text);
		notify_words(it->kind, has_event ? &e : NULL, val(res, r, "me_login"),
			     val(res, r, "me_name"), &text);
		it->words = xstrdup(text.buf);
		it->change = xstrdup(has_event && e.event ? e.event : it->kind);
		if (has_event)
			timeline_entry_done(&e);
	}
	sb_done(&text);
	PQclear(res);
	return 0;
}

int notify_key_of(struct db *db, long long id, struct notify_key *key, struct tt_error *err)
{
	char idbuf[24];
	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	const char *p[1] = { idbuf };
	char *v = db_scalar(db, key_sql, 1, p, err);
	if (!v)
		return err->code ? err->code
				 : tt_error_set(err, EX_DATAERR, _("you have no notification %lld"), id);
	key->at_us = atoll(v);
	key->id = id;
	free(v);
	return 0;
}

int notify_mine_json(struct db *db, const struct notify_list *l, long long next_id, char **json,
		     struct tt_error *err)
{
	char next[24];
	struct strbuf arg;
	sb_init(&arg);
	sb_addc(&arg, '[');
	for (size_t i = 0; i < l->n; i++) {
		const struct notify_item *it = &l->items[i];
		sb_addf(&arg, "%s{\"id\": %lld, \"change\": ", i ? ", " : "", it->id);
		json_add_string(&arg, it->change, strlen(it->change));
		sb_add(&arg, ", \"words\": ");
		json_add_string(&arg, it->words, strlen(it->words));
		sb_addc(&arg, '}');
	}
	sb_addc(&arg, ']');
	snprintf(next, sizeof(next), "%lld", next_id);
	const char *p[2] = { arg.buf, next_id ? next : NULL };
	*json = scalar_or(db, mine_json_sql, 2, p, "{\"notifications\": [], \"next\": null}", err);
	sb_done(&arg);
	return *json ? 0 : err->code;
}

int notify_mark_read(struct db *db, const long long *ids, size_t n, long *count,
		     struct tt_error *err)
{
	char *arr = n ? id_array(ids, n) : NULL;
	int rc = count_call(db, "SELECT ticketty.api_notifications_mark_read($1::bigint[])", arr,
			    count, err);
	free(arr);
	return rc;
}

/* Every unread one of the caller's that the words keep (words_sql, as
 * `/` lists them), marked read in one statement. */
int notify_mark_matching(struct db *db, const char *words, long *count, struct tt_error *err)
{
	struct strbuf sql;
	sb_init(&sql);
	sb_add(&sql, "SELECT ticketty.api_notifications_mark_read(ARRAY(SELECT n.id");
	sb_add(&sql, mine_from_sql);
	sb_add(&sql, mine_where_sql);
	sb_addf(&sql, words_sql, 1);
	sb_add(&sql, "))");
	int rc = count_call(db, sql.buf, words, count, err);
	sb_done(&sql);
	return rc;
}

int notify_unread_count(struct db *db, long *count, struct tt_error *err)
{
	char *v = db_scalar(db,
		"SELECT count(*) FROM ticketty.notifications n"
		" WHERE n.recipient_agent_id = ticketty.session_agent_id() AND n.read_at IS NULL",
		0, NULL, err);
	if (!v)
		return err->code ? err->code : EX_SOFTWARE;
	*count = atol(v);
	free(v);
	return 0;
}
