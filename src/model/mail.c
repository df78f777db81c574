/* Mail channel queries (see model/mail.h): the outbox claim/report cycle,
 * its status, storing a received message, policy rows and templates. */
#include "model/mail.h"

#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "model/inbox.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static const char claim_sql[] =
	"SELECT o.id, coalesce(o.ticket_id::text, ''), o.kind, coalesce(o.to_name, ''), o.to_address,"
	"       o.from_name, o.from_address, coalesce(o.reply_to, ''), o.subject, o.body, o.message_id,"
	"       coalesce(o.in_reply_to, ''), coalesce(o.auto_submitted, ''),"
	"       array_to_string(o.refs, ' '), extract(epoch FROM o.created_at)::bigint, o.attempts,"
	"       ticketty.api_mail_has_files(o.id),"
	"       coalesce(o.notification_id, 0), o.lang"
	"  FROM ticketty.api_mail_claim($1::int, $2::int) o ORDER BY o.id";

/* The outbox's counts by what became of each message, for both forms of
 * `mail status`: queued, sent, failed (failing for now, retried),
 * suppressed, bounced, given up. */
#define OUTBOX_COUNTS \
	"count(*) FILTER (WHERE state = 'queued') AS queued," \
	" count(*) FILTER (WHERE state = 'sent') AS sent," \
	" count(*) FILTER (WHERE state = 'queued' AND last_error IS NOT NULL) AS failed," \
	" count(*) FILTER (WHERE state = 'suppressed') AS suppressed," \
	" count(*) FILTER (WHERE bounced_at IS NOT NULL) AS bounced," \
	" count(*) FILTER (WHERE state = 'failed') AS given_up"

static const char status_json_sql[] =
	"SELECT ticketty.json_safe_text(("
	"SELECT json_build_object("
	"  'queued', c.queued, 'sent', c.sent, 'failed', c.failed, 'suppressed', c.suppressed,"
	"  'bounced', c.bounced, 'given_up', c.given_up,"
	"  'oldest_queued', c.oldest_queued, 'next_attempt', c.next_attempt,"
	"  'failing', coalesce((SELECT json_agg(json_build_object('id', f.id, 'ticket', f.ticket_id,"
	"        'to', f.to_address, 'attempts', f.attempts, 'next_attempt', f.next_attempt_at,"
	"        'error', f.last_error) ORDER BY f.id)"
	"     FROM (SELECT * FROM ticketty.mail_outbox WHERE state = 'queued' AND last_error IS NOT NULL"
	"            ORDER BY id LIMIT 100) f), '[]'),"
	"  'given_up_latest', coalesce((SELECT json_agg(json_build_object('id', g.id, 'ticket', g.ticket_id,"
	"        'to', g.to_address, 'attempts', g.attempts, 'failed_at', g.failed_at,"
	"        'error', g.last_error) ORDER BY g.failed_at DESC, g.id DESC)"
	"     FROM (SELECT * FROM ticketty.mail_outbox WHERE state = 'failed'"
	"            ORDER BY failed_at DESC, id DESC LIMIT 100) g), '[]'))"
	"  FROM (SELECT " OUTBOX_COUNTS ","
	"               min(created_at) FILTER (WHERE state = 'queued') AS oldest_queued,"
	"               min(next_attempt_at) FILTER (WHERE state = 'queued') AS next_attempt"
	"          FROM ticketty.mail_outbox) c)::text)";

static const char status_sql[] =
	"SELECT c.queued, c.sent, c.failed, c.suppressed, c.bounced, c.given_up, l.id, l.to_address, l.attempts,"
	"       to_char(l.next_attempt_at, 'YYYY-MM-DD\"T\"HH24:MI:SSOF'), l.last_error"
	"  FROM (SELECT " OUTBOX_COUNTS " FROM ticketty.mail_outbox) c"
	"  LEFT JOIN (SELECT f.id, f.to_address, f.attempts, f.next_attempt_at, f.last_error"
	"               FROM ticketty.mail_outbox f WHERE f.state = 'queued' AND f.last_error IS NOT NULL"
	"              ORDER BY f.next_attempt_at DESC, f.id DESC LIMIT 1) l ON true";

static char *col(const PGresult *r, int row, int c)
{
	return xstrdup(PQgetisnull(r, row, c) ? "" : PQgetvalue(r, row, c));
}

void mail_batch_done(struct mail_batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		struct mail_msg *m = &b->msgs[i];
		char **s[] = { &m->ticket, &m->kind, &m->to_name, &m->to_address, &m->from_name,
			       &m->from_address, &m->reply_to, &m->subject, &m->body, &m->message_id,
			       &m->in_reply_to, &m->auto_submitted, &m->lang };
		for (size_t k = 0; k < sizeof(s) / sizeof(s[0]); k++)
			free(*s[k]);
		for (size_t k = 0; k < m->nrefs; k++)
			free(m->refs[k]);
		free(m->refs);
		mail_msg_files_done(m);
	}
	free(b->msgs);
	b->msgs = NULL;
	b->n = 0;
}

void mail_msg_out(const struct mail_msg *m, struct mail_out *out)
{
	memset(out, 0, sizeof(*out));
	out->from_name = m->from_name;
	out->from_address = m->from_address;
	out->reply_to = m->reply_to;
	out->to_name = *m->to_name ? m->to_name : NULL;
	out->to_address = m->to_address;
	out->subject = m->subject;
	out->body = m->body;
	out->message_id = m->message_id;
	out->in_reply_to = *m->in_reply_to ? m->in_reply_to : NULL;
	out->refs = (const char *const *)m->refs;
	out->nrefs = m->nrefs;
	out->auto_submitted = *m->auto_submitted ? m->auto_submitted : NULL;
	out->ticket = *m->ticket ? m->ticket : NULL;
	out->date = m->created;
	out->files = m->files;
	out->nfiles = m->nfiles;
}

static void split_refs(struct mail_msg *m, const char *s)
{
	size_t cap = 0;
	while (*s) {
		while (*s == ' ')
			s++;
		const char *e = strchr(s, ' ');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (!n)
			break;
		if (m->nrefs == cap) {
			cap = cap ? cap * 2 : 4;
			m->refs = xrealloc(m->refs, cap * sizeof(*m->refs));
		}
		char *r = xmalloc(n + 1);
		memcpy(r, s, n);
		r[n] = '\0';
		m->refs[m->nrefs++] = r;
		s += n;
	}
}

int mail_msg_files_load(struct db *db, struct mail_msg *m, struct tt_error *err)
{
	if (!m->has_files || m->nfiles)
		return 0;
	char id[24];
	snprintf(id, sizeof(id), "%lld", m->id);
	const char *p[1] = { id };
	/* through the mail functions: the gateway (role mail) reads no table */
	PGresult *r = db_exec(db,
		"SELECT f.filename, f.content_type, f.data FROM ticketty.api_mail_files($1::bigint) f", 1, p, err);
	if (!r)
		return err->code;
	int n = PQntuples(r);
	m->files = xcalloc(n ? (size_t)n : 1, sizeof(*m->files));
	for (int row = 0; row < n; row++) {
		struct mail_file *f = &m->files[m->nfiles++];
		f->filename = xstrdup(PQgetvalue(r, row, 0));
		f->content_type = xstrdup(PQgetvalue(r, row, 1));
		f->data = db_bytea_copy(r, row, 2, &f->len);
	}
	PQclear(r);
	return 0;
}

void mail_msg_files_done(struct mail_msg *m)
{
	for (size_t k = 0; k < m->nfiles; k++)
		mail_file_done(&m->files[k]);
	free(m->files);
	m->files = NULL;
	m->nfiles = 0;
}

int mail_claim(struct db *db, int max, int lease_s, struct mail_batch *out, struct tt_error *err)
{
	char maxbuf[16], leasebuf[16];
	const char *p[2] = { maxbuf, leasebuf };
	snprintf(maxbuf, sizeof(maxbuf), "%d", max);
	snprintf(leasebuf, sizeof(leasebuf), "%d", lease_s);
	memset(out, 0, sizeof(*out));
	PGresult *r = db_exec(db, claim_sql, 2, p, err);
	if (!r)
		return err->code;
	int n = PQntuples(r);
	out->msgs = xcalloc(n ? (size_t)n : 1, sizeof(*out->msgs));
	for (int i = 0; i < n; i++) {
		struct mail_msg *m = &out->msgs[i];
		m->id = strtoll(PQgetvalue(r, i, 0), NULL, 10);
		m->ticket = col(r, i, 1);
		m->kind = col(r, i, 2);
		m->to_name = col(r, i, 3);
		m->to_address = col(r, i, 4);
		m->from_name = col(r, i, 5);
		m->from_address = col(r, i, 6);
		m->reply_to = col(r, i, 7);
		m->subject = col(r, i, 8);
		m->body = col(r, i, 9);
		m->message_id = col(r, i, 10);
		m->in_reply_to = col(r, i, 11);
		m->auto_submitted = col(r, i, 12);
		split_refs(m, PQgetvalue(r, i, 13));
		m->created = (time_t)strtoll(PQgetvalue(r, i, 14), NULL, 10);
		m->attempts = atoi(PQgetvalue(r, i, 15));
		m->has_files = PQgetvalue(r, i, 16)[0] == 't';
		m->notification_id = strtoll(PQgetvalue(r, i, 17), NULL, 10);
		m->lang = col(r, i, 18);
		out->n++;
	}
	PQclear(r);
	return 0;
}

static int run(struct db *db, const char *sql, int n, const char *const *p, struct tt_error *err)
{
	PGresult *r = db_exec(db, sql, n, p, err);
	if (!r)
		return err->code;
	PQclear(r);
	return 0;
}

int mail_notification_words(struct db *db, struct mail_msg *m, const char *words, struct tt_error *err)
{
	char idbuf[24];
	const char *p[2] = { idbuf, words };
	snprintf(idbuf, sizeof(idbuf), "%lld", m->id);
	PGresult *r = db_exec(db, "SELECT subject, body FROM ticketty.api_mail_notification_words($1::bigint, $2)",
			      2, p, err);
	if (!r)
		return err->code;
	if (PQntuples(r) == 1 && !PQgetisnull(r, 0, 0) && !PQgetisnull(r, 0, 1)) {
		free(m->subject);
		free(m->body);
		m->subject = col(r, 0, 0);
		m->body = col(r, 0, 1);
	}
	PQclear(r);
	return 0;
}

int mail_mark_sent(struct db *db, long long id, struct tt_error *err)
{
	char idbuf[24];
	const char *p[1] = { idbuf };
	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	return run(db, "SELECT ticketty.api_mail_sent($1::bigint)", 1, p, err);
}

int mail_mark_failed(struct db *db, long long id, const char *error, char **next_iso,
		     struct tt_error *err)
{
	char idbuf[24];
	const char *p[2] = { idbuf, error };
	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	*next_iso = NULL;
	PGresult *r = db_query(db,
		"SELECT to_char(f.next_attempt, 'YYYY-MM-DD\"T\"HH24:MI:SSOF'), f.given_up"
		"  FROM ticketty.api_mail_failed($1::bigint, $2) f", 2, p, err);
	if (!r)
		return err->code;
	/* no next attempt: given up, or no longer queued (another sender
	 * settled it meanwhile) */
	if (!PQgetisnull(r, 0, 0))
		*next_iso = xstrdup(PQgetvalue(r, 0, 0));
	else if (!strcmp(PQgetvalue(r, 0, 1), "t"))
		*next_iso = xstrdup("");
	PQclear(r);
	return 0;
}

int mail_mark_refused(struct db *db, long long id, const char *error, struct tt_error *err)
{
	char idbuf[24];
	const char *p[2] = { idbuf, error };
	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	return run(db, "SELECT ticketty.api_mail_refused($1::bigint, $2)", 2, p, err);
}

int mail_next_due(struct db *db, double *seconds, struct tt_error *err)
{
	PGresult *r = db_query(db, "SELECT ticketty.api_mail_next_due()", 0, NULL, err);
	if (!r)
		return err->code;
	*seconds = PQgetisnull(r, 0, 0) ? -1 : strtod(PQgetvalue(r, 0, 0), NULL);
	PQclear(r);
	return 0;
}

int mail_listen(struct db *db, struct tt_error *err)
{
	return db_listen(db, "ticketty_mail", err);
}

static void ignore_notify(void *arg, const char *channel, const char *payload)
{
	(void)arg, (void)channel, (void)payload;
}

void mail_wait(struct db *db, int timeout_ms)
{
	struct tt_error err;
	struct pollfd pf = { db_socket(db), POLLIN, 0 };
	tt_error_init(&err);
	if (pf.fd < 0) {
		poll(NULL, 0, timeout_ms < 1000 ? timeout_ms : 1000);
		db_reconnect(db, &err);
	} else if (poll(&pf, 1, timeout_ms) > 0 && db_drain_notifications(db, ignore_notify, NULL) < 0) {
		db_reconnect(db, &err);
	}
	tt_error_clear(&err);
}

/* The outbox's figures are support staff's (inbox_may_read): a pm or
 * developer, whom row-level security shows no row, is refused rather
 * than told that nothing is queued or sent. */
int mail_status_json(struct db *db, char **json, struct tt_error *err)
{
	*json = NULL;
	if (inbox_may_read(db, err))
		return err->code;
	*json = db_scalar(db, status_json_sql, 0, NULL, err);
	return *json ? 0 : (err->code ? err->code : EX_SOFTWARE);
}

int mail_status_text(struct db *db, char **text, struct tt_error *err)
{
	if (inbox_may_read(db, err))
		return err->code;
	PGresult *r = db_query(db, status_sql, 0, NULL, err);
	if (!r)
		return err->code;
	/* fields: queued, sent, failed, suppressed, bounced, given up, and of the latest failure
	 * the message id, address, attempts, next attempt and error */
	struct strbuf sb;
	sb_init(&sb);
	for (int c = 0; c < MAIL_STATUS_FIELDS; c++) {
		if (c)
			sb_addc(&sb, '\t');
		sb_add(&sb, PQgetisnull(r, 0, c) ? "" : PQgetvalue(r, 0, c));
	}
	PQclear(r);
	*text = sb_detach(&sb);
	return 0;
}

/* bytea parameter in hex text form ("\x..."): raw mail may hold NULs. */
static char *hex(const unsigned char *data, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	char *out = xmalloc(2 * len + 3);
	out[0] = '\\';
	out[1] = 'x';
	for (size_t i = 0; i < len; i++) {
		out[2 + 2 * i] = digits[data[i] >> 4];
		out[3 + 2 * i] = digits[data[i] & 15];
	}
	out[2 * len + 2] = '\0';
	return out;
}

static char *refs_literal(const struct mail_in *m)
{
	/* a text[] literal; ids are quoted with " and \ escaped */
	struct strbuf sb;
	sb_init(&sb);
	sb_addc(&sb, '{');
	for (size_t i = 0; i < m->nrefs; i++) {
		if (i)
			sb_addc(&sb, ',');
		sb_addc(&sb, '"');
		for (const char *s = m->refs[i]; *s; s++) {
			if (*s == '"' || *s == '\\')
				sb_addc(&sb, '\\');
			sb_addc(&sb, *s);
		}
		sb_addc(&sb, '"');
	}
	sb_addc(&sb, '}');
	return sb_detach(&sb);
}

int mail_store_limit(struct db *db, size_t *max, struct tt_error *err)
{
	char *v = db_scalar(db, "SELECT ticketty.api_mail_size_check(NULL)", 0, NULL, err);
	*max = SIZE_MAX;  /* no limit set: the store has none either */
	if (!v)
		return err->code;
	*max = (size_t)strtoull(v, NULL, 10);
	free(v);
	return 0;
}

int mail_store_size_check(struct db *db, size_t bytes, struct tt_error *err)
{
	char n[24];
	snprintf(n, sizeof(n), "%zu", bytes);
	const char *p[1] = { n };
	char *v = db_scalar(db, "SELECT ticketty.api_mail_size_check($1::bigint)", 1, p, err);
	if (!v)
		return err->code ? err->code : EX_SOFTWARE;
	free(v);
	return 0;
}

int mail_store(struct db *db, const char *raw, size_t len, const struct mail_in *m,
	       struct mail_receipt *out, struct tt_error *err)
{
	memset(out, 0, sizeof(*out));
	if (db_begin(db, err))
		return err->code;
	char *rawhex = hex((const unsigned char *)raw, len);
	char *refs = refs_literal(m);
	const char *p[9] = { rawhex, m->message_id, m->from_address, m->from_name, m->subject,
			     m->in_reply_to, refs, m->auto_reason, m->body };
	PGresult *r = db_exec(db,
		"SELECT ticketty.api_mail_store($1::bytea, $2, $3, $4, $5, $6, $7::text[], $8, $9)",
		9, p, err);
	free(rawhex);
	free(refs);
	if (!r)
		goto fail;
	if (PQgetisnull(r, 0, 0)) {
		PQclear(r);
		snprintf(out->state, sizeof(out->state), "duplicate");
		db_rollback(db);
		return 0;
	}
	out->id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	char idbuf[24];
	snprintf(idbuf, sizeof(idbuf), "%lld", out->id);
	/* said in the reader's language where the mail is shown */
	const char *notes[4];
	size_t nnotes = 0;
	if (m->broken)
		notes[nnotes++] = "mime_broken";
	if (m->deep)
		notes[nnotes++] = "mime_deep";
	if (m->calendar_only)
		notes[nnotes++] = "calendar_only";
	if (m->long_headers)
		notes[nnotes++] = "header_too_long";
	for (size_t i = 0; i < nnotes; i++) {
		const char *np[2] = { idbuf, notes[i] };
		if (!(r = db_exec(db, "SELECT ticketty.api_mail_note($1::bigint, $2)", 2, np, err)))
			goto fail;
		PQclear(r);
	}
	for (size_t i = 0; i < m->nfiles; i++) {
		char *data = hex(m->files[i].data, m->files[i].len);
		const char *fp[4] = { idbuf, m->files[i].filename, m->files[i].content_type, data };
		r = db_exec(db, "SELECT ticketty.api_mail_attach($1::bigint, $2, $3, $4::bytea)", 4, fp, err);
		free(data);
		if (!r)
			goto fail;
		PQclear(r);
	}
	const char *rp[1] = { idbuf };
	r = db_exec(db, "SELECT state, coalesce(ticket_id, 0) FROM ticketty.api_mail_route($1::bigint)",
		    1, rp, err);
	if (!r)
		goto fail;
	snprintf(out->state, sizeof(out->state), "%s", PQgetvalue(r, 0, 0));
	out->ticket = strtoll(PQgetvalue(r, 0, 1), NULL, 10);
	PQclear(r);
	if (m->bounce.message_id) {
		/* a report that a message of ours could not be delivered */
		const char *bp[5] = { idbuf, m->bounce.message_id, m->bounce.recipient, m->bounce.status,
				      m->bounce.reason };
		r = db_exec(db, "SELECT coalesce(ticketty.api_mail_bounced($1::bigint, $2, $3, $4, $5), 0)",
			    5, bp, err);
		if (!r)
			goto fail;
		out->bounced_ticket = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
		PQclear(r);
	}
	if (db_commit(db, err))
		return err->code;
	return 0;
fail:
	db_rollback(db);
	return err->code;
}

int mail_policy_list(struct db *db, char **json, struct mail_policy_row **rows, int *n,
		     struct tt_error *err)
{
	if (json) {
		*json = db_scalar(db,
			"SELECT ticketty.json_safe_text((SELECT coalesce(json_object_agg(key, value ORDER BY key),"
			" '{}') FROM ticketty.mail_policy)::text)", 0, NULL, err);
		return *json ? 0 : err->code ? err->code : EX_SOFTWARE;
	}
	PGresult *r = db_query(db, "SELECT key, value FROM ticketty.mail_policy ORDER BY key", 0, NULL, err);
	if (!r)
		return err->code;
	*n = PQntuples(r);
	*rows = xcalloc((size_t)*n + 1, sizeof(**rows));
	for (int i = 0; i < *n; i++) {
		(*rows)[i].key = col(r, i, 0);
		(*rows)[i].value = col(r, i, 1);
	}
	PQclear(r);
	return 0;
}

void mail_policy_list_free(struct mail_policy_row *rows, int n)
{
	for (int i = 0; rows && i < n; i++) {
		free(rows[i].key);
		free(rows[i].value);
	}
	free(rows);
}

int mail_policy_set(struct db *db, const char *key, const char *value, struct tt_error *err)
{
	const char *p[2] = { key, value };
	return run(db, "SELECT ticketty.api_mail_policy_set($1, $2)", 2, p, err);
}

int mail_template_list(struct db *db, char **json, struct mail_template_row **rows, int *n,
		       struct tt_error *err)
{
	if (json) {
		*json = db_scalar(db,
			"SELECT ticketty.json_safe_text((SELECT coalesce(json_agg(json_build_object("
			" 'kind', kind, 'lang', lang, 'subject', subject, 'body', body) ORDER BY kind, lang), '[]')"
			" FROM ticketty.mail_templates)::text)", 0, NULL, err);
		return *json ? 0 : err->code ? err->code : EX_SOFTWARE;
	}
	PGresult *r = db_query(db, "SELECT kind, lang, subject FROM ticketty.mail_templates ORDER BY kind, lang",
			       0, NULL, err);
	if (!r)
		return err->code;
	*n = PQntuples(r);
	*rows = xcalloc((size_t)*n + 1, sizeof(**rows));
	for (int i = 0; i < *n; i++) {
		(*rows)[i].kind = col(r, i, 0);
		(*rows)[i].lang = col(r, i, 1);
		(*rows)[i].subject = col(r, i, 2);
	}
	PQclear(r);
	return 0;
}

void mail_template_list_free(struct mail_template_row *rows, int n)
{
	for (int i = 0; rows && i < n; i++) {
		free(rows[i].kind);
		free(rows[i].lang);
		free(rows[i].subject);
	}
	free(rows);
}

int mail_template_get(struct db *db, const char *kind, const char *lang, char **subject,
		      char **body, struct tt_error *err)
{
	const char *p[2] = { kind, lang };
	PGresult *r = db_query(db, "SELECT subject, body FROM ticketty.mail_templates"
				   " WHERE kind = $1 AND lang = $2", 2, p, err);
	if (!r)
		return err->code;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return tt_error_set(err, EX_DATAERR, _("no template %s/%s"), kind, lang);
	}
	*subject = col(r, 0, 0);
	*body = col(r, 0, 1);
	PQclear(r);
	return 0;
}

int mail_template_set(struct db *db, const char *kind, const char *lang, const char *subject,
		      const char *body, struct tt_error *err)
{
	const char *p[4] = { kind, lang, subject, body };
	return run(db, "SELECT ticketty.api_mail_template_set($1, $2, $3, $4)", 4, p, err);
}

int mail_notifications_set(struct db *db, bool on, struct tt_error *err)
{
	const char *p[1] = { on ? "true" : "false" };
	return run(db, "SELECT ticketty.api_mail_notifications($1::boolean)", 1, p, err);
}

int mail_mine_get(struct db *db, struct my_mail *out, struct tt_error *err)
{
	memset(out, 0, sizeof(*out));
	PGresult *r = db_query(db,
		"SELECT email, lang, notifications FROM json_to_record(ticketty.api_my_mail())"
		"    AS x(email text, lang text, notifications boolean)", 0, NULL, err);
	if (!r)
		return err->code;
	if (PQntuples(r) != 1) {
		PQclear(r);
		return tt_error_set(err, EX_NOPERM, "%s", _("you are not an active agent"));
	}
	out->email = PQgetisnull(r, 0, 0) ? NULL : xstrdup(PQgetvalue(r, 0, 0));
	snprintf(out->lang, sizeof(out->lang), "%s", PQgetvalue(r, 0, 1));
	out->notifications = PQgetvalue(r, 0, 2)[0] == 't';
	PQclear(r);
	return 0;
}

int mail_mine_json(struct db *db, char **json, struct tt_error *err)
{
	*json = db_scalar(db, "SELECT ticketty.json_safe_text(ticketty.api_my_mail()::text)", 0, NULL, err);
	return *json ? 0 : err->code;
}

void mail_mine_done(struct my_mail *m)
{
	free(m->email);
	m->email = NULL;
}

int mail_language_set(struct db *db, const char *lang, struct tt_error *err)
{
	const char *p[1] = { lang };
	return run(db, "SELECT ticketty.api_agent_language($1)", 1, p, err);
}

int mail_message_attach(struct db *db, long long ticket, const struct mail_file *f,
			struct tt_error *err)
{
	char id[24];
	snprintf(id, sizeof(id), "%lld", ticket);
	char *data = hex(f->data, f->len);
	const char *p[4] = { id, f->filename, f->content_type, data };
	int rc = run(db, "SELECT ticketty.api_message_attach($1::bigint, $2, $3, $4::bytea)", 4, p, err);
	free(data);
	return rc;
}

int mail_file_limits(struct db *db, size_t *file_max, size_t *files_max, struct tt_error *err)
{
	PGresult *r = db_query(db, "SELECT file_max, files_max FROM ticketty.api_message_file_limits()", 0, NULL,
			       err);
	if (!r)
		return err->code;
	*file_max = PQgetisnull(r, 0, 0) ? SIZE_MAX : (size_t)strtoull(PQgetvalue(r, 0, 0), NULL, 10);
	*files_max = PQgetisnull(r, 0, 1) ? SIZE_MAX : (size_t)strtoull(PQgetvalue(r, 0, 1), NULL, 10);
	PQclear(r);
	return 0;
}
