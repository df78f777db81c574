/* Inbox and attachment queries (see model/inbox.h). */
#include "model/inbox.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "model/inbox_rows.h"
#include "model/intake.h"
#include "model/mail_notes.h"
#include "model/row_holder.h"
#include "model/ticket.h"
#include "model/ticket_rows.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* the mail's columns (model/inbox_rows.h) */
#define ITEM_COLS INBOX_ITEM_COLS

/* the text and, in words when shown, the notes kept with it (sql/632) */
static const char get_sql[] =
	"SELECT " ITEM_COLS ", m.body, ticketty.api_mail_notes(m.id)"
	"  FROM ticketty.mail_inbound m LEFT JOIN ticketty.customers cu ON cu.id = m.customer_id"
	" WHERE m.id = $1::bigint";

void inbox_list_init(struct inbox_list *l)
{
	memset(l, 0, sizeof(*l));
}

void inbox_item_done(struct inbox_item *it)
{
	free(it->received_at);
	free(it->from);
	free(it->customer);
	free(it->contact);
	free(it->answer);
	free(it->subject);
	free(it->state);
	free(it->hold_reason);
	free(it->file_names);
	free(it->body);
	memset(it, 0, sizeof(*it));
}

void inbox_list_done(struct inbox_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		inbox_item_done(&l->items[i]);
	free(l->items);
	inbox_list_init(l);
}

static char *col(const PGresult *r, int row, int c)
{
	return PQgetisnull(r, row, c) ? NULL : xstrdup(PQgetvalue(r, row, c));
}

void inbox_items_fill(PGresult *r, bool reverse, struct inbox_list *out)
{
	int n = PQntuples(r);
	out->items = xcalloc(n ? (size_t)n : 1, sizeof(*out->items));
	out->n = 0;
	for (int i = 0; i < n; i++) {
		/* a reversed read comes back last-first: stored in list order */
		struct inbox_item *it = &out->items[reverse ? n - 1 - i : i];
		it->id = strtoll(PQgetvalue(r, i, 0), NULL, 10);
		it->received_at = col(r, i, 1);
		it->from = col(r, i, 2);
		it->customer = col(r, i, 3);
		it->subject = col(r, i, 4);
		it->state = col(r, i, 5);
		it->hold_reason = col(r, i, 6);
		it->contact = col(r, i, 7);
		it->answer = col(r, i, 8);
		it->file_names = col(r, i, 9);
		it->ticket = strtoll(PQgetvalue(r, i, 10), NULL, 10);
		it->answers = strtoll(PQgetvalue(r, i, 11), NULL, 10);
		it->received_us = strtoll(PQgetvalue(r, i, 12), NULL, 10);
		it->body = PQnfields(r) > 13 ? col(r, i, 13) : NULL;
		if (PQnfields(r) > 14 && !PQgetisnull(r, i, 14))
			mail_notes_append(&it->body, PQgetvalue(r, i, 14));
		/* the files, counted from their names (one read of the attachments) */
		it->files = *it->file_names != '\0';
		for (const char *c = it->file_names; *c; c++)
			it->files += *c == '\x1f';
		out->n++;
	}
	PQclear(r);
}

/* The reader check (sql/320): a statement of its own, which a reading
 * carries in the same round trip (inbox_checked_many). */
static const char reader_sql[] = "SELECT ticketty.api_mail_reader()";

int inbox_may_read(struct db *db, struct tt_error *err)
{
	PGresult *r = db_query(db, reader_sql, 0, NULL, err);
	if (!r)
		return err->code;
	PQclear(r);
	return 0;
}

int inbox_checked_many(struct db *db, int n, const struct db_stmt *stmts, PGresult **results,
		       struct tt_error *err)
{
	struct db_stmt s[1 + INBOX_CHECKED_MAX];
	PGresult *r[1 + INBOX_CHECKED_MAX];
	s[0] = (struct db_stmt){ reader_sql, 0, NULL, NULL };
	for (int i = 0; i < n; i++)
		s[1 + i] = stmts[i];
	if (db_query_many(db, 1 + n, s, r, err))
		return err->code;
	PQclear(r[0]);
	for (int i = 0; i < n; i++)
		results[i] = r[1 + i];
	return 0;
}

/* The reading `sql` after the reader check, in one pipeline: a refusal
 * aborts the reading and is err's message. Its result, or NULL with err
 * set. */
static PGresult *checked_query(struct db *db, const char *sql, int n, const char *const *p,
			       struct tt_error *err)
{
	const struct db_stmt s[1] = { { sql, n, p, NULL } };
	PGresult *r = NULL;
	return inbox_checked_many(db, 1, s, &r, err) ? NULL : r;
}

/* The same as db_scalar: row 0 column 0 (caller frees), or NULL with
 * err set (err->code 0 when there was no row or it was NULL). */
static char *checked_scalar(struct db *db, const char *sql, int n, const char *const *p,
			    struct tt_error *err)
{
	PGresult *r = checked_query(db, sql, n, p, err);
	char *v = NULL;
	if (r && PQntuples(r) > 0 && !PQgetisnull(r, 0, 0))
		v = xstrdup(PQgetvalue(r, 0, 0));
	PQclear(r);
	return v;
}

int inbox_get(struct db *db, long long id, struct inbox_list *out, struct tt_error *err)
{
	char idbuf[24];
	const char *p[1] = { idbuf };
	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	inbox_list_init(out);
	PGresult *r = checked_query(db, get_sql, 1, p, err);
	if (!r)
		return err->code;
	inbox_items_fill(r, false, out);
	if (out->n == 0)
		return tt_error_set(err, EX_DATAERR, _("no such inbox mail: %lld"), id);
	return 0;
}

static int call(struct db *db, const char *sql, long long id, const char *arg, char **value,
		struct tt_error *err)
{
	char idbuf[24];
	const char *p[2] = { idbuf, arg };
	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	char *v = db_scalar(db, sql, arg ? 2 : 1, p, err);
	if (!v && err->code)
		return err->code;
	if (value)
		*value = v ? v : xstrdup("");
	else
		free(v);
	return 0;
}

int inbox_get_json(struct db *db, long long id, char **json, struct tt_error *err)
{
	char idbuf[24];
	const char *p[1] = { idbuf };
	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	*json = checked_scalar(db,
		"SELECT ticketty.json_safe_text(json_build_object('id', m.id, 'received_at', m.received_at,"
		"  'from', m.from_address, 'from_name', m.from_name, 'customer', cu.name, 'contact', ct.name,"
		"  'subject', m.subject, 'state', m.state, 'hold_reason', m.hold_reason, 'body', m.body,"
		"  'notes', m.notes,"
		"  'answers', m.answers_id,"
		"  'closed_ticket', CASE WHEN m.state IN ('inbox', 'asked') THEN m.ticket_id END,"
		"  'answered_by', (SELECT max(b.id) FROM ticketty.mail_inbound b WHERE b.answers_id = m.id),"
		"  'files', coalesce((SELECT json_agg(json_build_object('id', a.id, 'filename', a.filename,"
		"       'type', a.content_type, 'size', a.size, 'sha256', encode(a.sha256, 'hex')) ORDER BY a.id)"
		"       FROM ticketty.attachments a WHERE a.inbound_id = m.id), '[]'),"
		"  'intake', ticketty.api_inbox_prefill(m.id))::text)"
		"  FROM ticketty.mail_inbound m LEFT JOIN ticketty.customers cu ON cu.id = m.customer_id"
		"  LEFT JOIN ticketty.contacts ct ON ct.id = m.contact_id"
		" WHERE m.id = $1::bigint", 1, p, err);
	if (*json || err->code)
		return err->code;
	return tt_error_set(err, EX_DATAERR, _("no such inbox mail: %lld"), id);
}

int inbox_prefill(struct db *db, long long id, char **json, struct tt_error *err)
{
	return call(db, "SELECT ticketty.api_inbox_prefill($1::bigint)", id, NULL, json, err);
}

int inbox_prefill_values(struct db *db, long long id, char ***names, char ***values, size_t *n,
			 struct tt_error *err)
{
	char idbuf[24];
	const char *p[1] = { idbuf };
	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	*names = *values = NULL;
	*n = 0;
	PGresult *r = db_query(db,
		"SELECT e.key, CASE WHEN jsonb_typeof(e.value) = 'array'"
		"                   THEN (SELECT string_agg(x, ', ') FROM jsonb_array_elements_text(e.value) x)"
		"                   ELSE e.value #>> '{}' END"
		"  FROM jsonb_each(ticketty.api_inbox_prefill($1::bigint)) e"
		" WHERE e.key <> 'idempotency_key' AND jsonb_typeof(e.value) <> 'null'", 1, p, err);
	if (!r)
		return err->code;
	int rows = PQntuples(r);
	*names = xcalloc(rows ? (size_t)rows : 1, sizeof(char *));
	*values = xcalloc(rows ? (size_t)rows : 1, sizeof(char *));
	for (int i = 0; i < rows; i++) {
		(*names)[i] = xstrdup(PQgetvalue(r, i, 0));
		(*values)[i] = xstrdup(PQgetvalue(r, i, 1));
	}
	*n = (size_t)rows;
	PQclear(r);
	return 0;
}

int inbox_missing(struct db *db, long long id, const char *lang, char **labels,
		  struct tt_error *err)
{
	return call(db,
		"SELECT coalesce(string_agg(f.label, ', ' ORDER BY f.n), '')"
		"  FROM ticketty.api_inbox_missing($1::bigint, $2) WITH ORDINALITY AS f(name, label, help, n)",
		id, lang, labels, err);
}

int inbox_refusal_names(struct db *db, long long id, struct inbox_refusal *out,
			struct tt_error *err)
{
	char idbuf[24];
	const char *p[1] = { idbuf };
	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	memset(out, 0, sizeof(*out));
	PGresult *r = db_query(db,
		"SELECT coalesce(customer, ''), coalesce(spoc, ''), coalesce(rep_name, ''),"
		"       coalesce(rep_email, '') FROM ticketty.api_inbox_refusal_names($1::bigint)", 1, p, err);
	if (!r)
		return err->code;
	bool row = PQntuples(r) == 1;
	out->customer = xstrdup(row ? PQgetvalue(r, 0, 0) : "");
	out->spoc = xstrdup(row ? PQgetvalue(r, 0, 1) : "");
	out->rep_name = xstrdup(row ? PQgetvalue(r, 0, 2) : "");
	out->rep_email = xstrdup(row ? PQgetvalue(r, 0, 3) : "");
	PQclear(r);
	return 0;
}

void inbox_refusal_done(struct inbox_refusal *r)
{
	free(r->customer);
	free(r->spoc);
	free(r->rep_name);
	free(r->rep_email);
	memset(r, 0, sizeof(*r));
}

/* A change of inbox mail `id` that waited too long (55P03) for its row
 * (inbox_lock's, which accept, ask, refuse, discard and note take
 * first): the refusal names the mail and who holds it, when the
 * database can tell (api_mail_row_holder); true when it did. */
static bool mail_name_held(struct db *db, long long id, struct tt_error *err)
{
	char idbuf[24];
	const char *p[1] = { idbuf };
	struct row_holder h = { 0 };
	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	if (strcmp(err->sqlstate, "55P03") ||
	    !row_holder_ask(db, "SELECT * FROM ticketty.api_mail_row_holder($1::bigint)", 1, p, &h))
		return false;
	char *who = row_holder_who(&h);
	row_holder_reword(err, xasprintf(_("mail %lld is held by %s"), id, who));
	free(who);
	row_holder_done(&h);
	return true;
}

/* call, a refusal on a held mail row naming who holds it */
static int call_held(struct db *db, const char *sql, long long id, const char *arg, char **value,
		     struct tt_error *err)
{
	int rc = call(db, sql, id, arg, value, err);
	if (rc)
		(void)mail_name_held(db, id, err);
	return rc;
}

int inbox_accept(struct db *db, long long id, const char *payload, long long *ticket,
		 struct tt_error *err)
{
	char *v;
	int rc = call_held(db, "SELECT ticketty.api_inbox_accept($1::bigint, $2::jsonb)", id, payload, &v, err);
	if (rc)
		return intake_refusal_words(err);
	*ticket = strtoll(v, NULL, 10);
	free(v);
	return 0;
}

int inbox_ask(struct db *db, long long id, struct tt_error *err)
{
	return call_held(db, "SELECT ticketty.api_inbox_ask($1::bigint)", id, NULL, NULL, err);
}

int inbox_refuse(struct db *db, long long id, const char *reason, struct tt_error *err)
{
	return call_held(db, "SELECT ticketty.api_inbox_refuse($1::bigint, $2)", id, reason, NULL, err);
}

int inbox_discard(struct db *db, long long id, struct tt_error *err)
{
	return call_held(db, "SELECT ticketty.api_inbox_discard($1::bigint)", id, NULL, NULL, err);
}

void inbox_state_words(const struct inbox_item *it, struct strbuf *out)
{
	sb_add(out, i18n_term("mail_state", it->state));
	if (*it->hold_reason && it->ticket)
		sb_addf(out, " (%s, #%lld)", i18n_term("hold_reason", it->hold_reason), it->ticket);
	else if (*it->hold_reason)
		sb_addf(out, " (%s)", i18n_term("hold_reason", it->hold_reason));
	else if (it->ticket && (!strcmp(it->state, "inbox") || !strcmp(it->state, "asked")))
		/* open mail names a ticket only when it answers a closed one */
		sb_addf(out, _(", answers closed ticket #%lld"), it->ticket);
	if (*it->answer)
		sb_addf(out, ", %s", i18n_term("delivery", it->answer));
	if (it->answers)
		sb_addf(out, _(", answers mail %lld"), it->answers);
}

void inbox_state_brief(const struct inbox_item *it, struct strbuf *out)
{
	if (*it->hold_reason)
		sb_add(out, i18n_term("hold_reason_short", it->hold_reason));
	else if (it->ticket && (!strcmp(it->state, "inbox") || !strcmp(it->state, "asked")))
		/* TRANSLATORS: the inbox list's STATE column (10 cells at 80
		 * columns): open mail that answers closed ticket number N */
		sb_addf(out, _("closed #%lld"), it->ticket);
	else
		sb_add(out, i18n_term("mail_state_short", it->state));
	if (*it->hold_reason && it->ticket)
		sb_addf(out, " #%lld", it->ticket);
}

/* A held mail that waited too long to go on its ticket (55P03): who
 * holds the mail's own row named, or else who holds the ticket, when the
 * database can tell. */
static void note_name_held(struct db *db, long long id, struct tt_error *err)
{
	struct inbox_list l;
	struct tt_error e;
	if (strcmp(err->sqlstate, "55P03") || mail_name_held(db, id, err))
		return;
	tt_error_init(&e);
	if (!inbox_get(db, id, &l, &e) && l.items[0].ticket) {
		char tid[24];
		snprintf(tid, sizeof(tid), "%lld", l.items[0].ticket);
		ticket_name_holder(db, tid, err);
	}
	inbox_list_done(&l);
	tt_error_clear(&e);
}

int inbox_note(struct db *db, long long id, long long *ticket, struct tt_error *err)
{
	char *v = NULL;
	int rc = call(db, "SELECT ticketty.api_inbox_note($1::bigint)", id, NULL, &v, err);
	if (!rc)
		*ticket = strtoll(v, NULL, 10);
	else
		note_name_held(db, id, err);
	free(v);
	return rc;
}

void attachment_list_done(struct attachment_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].filename);
		free(l->items[i].type);
		free(l->items[i].sha256);
	}
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

/* An agent's file belongs to its message: public (sent to the customer)
 * or internal (a note); the customer's files belong to none. */
const char attachment_list_sql[] =
	"SELECT a.id, a.filename, a.content_type, a.size, encode(a.sha256, 'hex'),"
	" (SELECT c.kind FROM ticketty.comments c WHERE c.id = a.comment_id)"
	"  FROM ticketty.attachments a WHERE a.ticket_id = $1::bigint ORDER BY a.id";

const char *attachment_mark(const struct attachment *a)
{
	return a->sent ? _("sent") : a->internal ? _("internal") : NULL;
}

void attachment_list_fill(const PGresult *r, struct attachment_list *out)
{
	int n = PQntuples(r);
	out->items = xcalloc(n ? (size_t)n : 1, sizeof(*out->items));
	out->n = 0;
	for (int i = 0; i < n; i++) {
		struct attachment *a = &out->items[i];
		a->id = strtoll(PQgetvalue(r, i, 0), NULL, 10);
		a->filename = xstrdup(PQgetvalue(r, i, 1));
		a->type = xstrdup(PQgetvalue(r, i, 2));
		a->size = strtoll(PQgetvalue(r, i, 3), NULL, 10);
		a->sha256 = xstrdup(PQgetvalue(r, i, 4));
		a->sent = !strcmp(PQgetvalue(r, i, 5), "public");
		a->internal = !strcmp(PQgetvalue(r, i, 5), "internal");
		out->n++;
	}
}

static const char mail_attachment_list_sql[] =
	"SELECT a.id, a.filename, a.content_type, a.size, encode(a.sha256, 'hex'), false"
	"  FROM ticketty.attachments a WHERE a.inbound_id = $1::bigint ORDER BY a.id";

/* The files `sql` lists for `id` (a ticket or a received mail). */
static int list_load(struct db *db, const char *sql, long long id, struct attachment_list *out,
		     struct tt_error *err)
{
	char idbuf[24];
	const char *p[1] = { idbuf };
	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	out->items = NULL;
	out->n = 0;
	PGresult *r = db_query(db, sql, 1, p, err);
	if (!r)
		return err->code;
	attachment_list_fill(r, out);
	PQclear(r);
	return 0;
}

int attachment_list_load(struct db *db, long long ticket, struct attachment_list *out,
			 struct tt_error *err)
{
	return list_load(db, attachment_list_sql, ticket, out, err);
}

int attachment_list_load_mail(struct db *db, long long mail, struct attachment_list *out,
			      struct tt_error *err)
{
	return list_load(db, mail_attachment_list_sql, mail, out, err);
}

int attachment_list_json(struct db *db, long long ticket, char **json, struct tt_error *err)
{
	*json = NULL;
	return call(db,
		"SELECT ticketty.json_safe_text(coalesce(json_agg(json_build_object("
		"  'id', a.id, 'filename', a.filename, 'type', a.content_type, 'size', a.size,"
		"  'sha256', encode(a.sha256, 'hex'), 'received_at', a.created_at,"
		"  'sent', coalesce(c.kind = 'public', false), 'internal', coalesce(c.kind = 'internal', false))"
		"  ORDER BY a.id), '[]')::text)"
		"  FROM ticketty.attachments a LEFT JOIN ticketty.comments c ON c.id = a.comment_id"
		" WHERE a.ticket_id = $1::bigint", ticket, NULL, json, err);
}

int inbox_raw(struct db *db, long long id, unsigned char **data, size_t *len, struct tt_error *err)
{
	char idbuf[24];
	const char *p[1] = { idbuf };
	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	PGresult *r = checked_query(db, "SELECT raw FROM ticketty.mail_inbound WHERE id = $1::bigint", 1, p, err);
	if (!r)
		return err->code;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return tt_error_set(err, EX_DATAERR, _("no such mail: %lld"), id);
	}
	*data = db_bytea_copy(r, 0, 0, len);
	PQclear(r);
	return 0;
}

int attachment_get(struct db *db, long long id, unsigned char **data, size_t *len,
		   char **filename, struct tt_error *err)
{
	char idbuf[24];
	const char *p[1] = { idbuf };
	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	PGresult *r = db_query(db, "SELECT filename, data FROM ticketty.attachments WHERE id = $1::bigint",
			       1, p, err);
	if (!r)
		return err->code;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return tt_error_set(err, EX_DATAERR, _("no such attachment: %lld"), id);
	}
	*data = db_bytea_copy(r, 0, 1, len);
	*filename = xstrdup(PQgetvalue(r, 0, 0));
	PQclear(r);
	return 0;
}
