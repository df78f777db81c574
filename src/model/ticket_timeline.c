/* The timeline of a ticket: public replies, internal notes and audit
 * events merged by time, read a page at a time by keyset on (time, source,
 * id) over the (ticket_id, created_at, id) and (ticket_id, at, id) indexes,
 * so a page costs the same however long the ticket's history is. */
#include "model/ticket.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "model/mail_notes.h"
#include "model/prepared.h"
#include "model/ticket_rows.h"
#include "util/bytesize.h"
#include "util/i18n.h"
#include "util/json.h"
#include "util/text.h"
#include "util/xalloc.h"

/* The columns of a timeline entry (timeline_entry_fill reads them by
 * position, 0 to 28)
 * from a row x (at, src, id, kind, actor, body, event, version, details)
 * and its actor a (agents): the timeline's and a notification's event
 * (model/notify.c) are read by this one list, so say the same words.
 * The mail gateway, which reads no table, reads a notification's event
 * from api_mail_notification_event (sql/functions/mail.sql), which
 * repeats this list: change both (tests/db/test_mail_gateway.c
 * `notification_event_as_the_client_reads_it` compares their words). */
#define TIMELINE_COLUMNS \
	" x.at::text AS at_text, extract(epoch FROM x.at)::bigint AS at, x.src, x.id, x.kind," \
	/* a customer's mail put on the ticket (customer_reply): the sender of \
	 * the mail the event names, as the mail's message names them, not \
	 * the agent `mail receive` runs as, who wrote the event */ \
	"        CASE WHEN x.event = 'customer_reply' THEN" \
	"          (SELECT coalesce(c.name, i.from_name || ' <' || i.from_address || '>', i.from_address)" \
	"             FROM mail_inbound i LEFT JOIN contacts c ON c.id = i.contact_id" \
	"            WHERE i.id = CASE WHEN x.details->>'mail' ~ '^[0-9]{1,18}$' THEN (x.details->>'mail')::bigint END)" \
	"        ELSE coalesce(a.display_name, CASE WHEN x.kind = 'customer' THEN" \
	"          (SELECT coalesce(c.name, i.from_name || ' <' || i.from_address || '>', i.from_address)" \
	"             FROM mail_inbound i LEFT JOIN contacts c ON c.id = i.contact_id WHERE i.comment_id = x.id) END) END" \
	"          AS author, a.login AS author_login, x.body, x.event, x.version," \
	/* an agent the event names by login (who had the ticket, its new \
	 * assignee), by display name; looked up for those events only */ \
	"        CASE WHEN x.event IN ('escalation.handed', 'take', 'assign', 'unassign') THEN coalesce((SELECT ag.display_name" \
	"            FROM agents ag WHERE ag.login = x.details->>'from'), x.details->>'from')" \
	"            ELSE x.details->>'from' END AS from_," \
	"        x.details->>'to' AS to_," \
	"        CASE WHEN x.event = 'assign' THEN coalesce((SELECT ag.display_name FROM agents ag" \
	"            WHERE ag.login = x.details->>'assignee'), x.details->>'assignee')" \
	"            ELSE coalesce(x.details->>'assignee', x.details->>'bug_ref', x.details->>'filename') END AS target," \
	"        x.details::text AS details," \
	"        CASE WHEN x.kind IN ('public', 'question') THEN (SELECT mail_delivery(o) FROM mail_outbox o" \
	"            WHERE o.comment_id = x.id AND o.auto_submitted IS NULL ORDER BY o.id LIMIT 1) END AS delivery," \
	"        nullif(x.details->>'level', '')::int AS level, x.details->>'level_key' AS level_key," \
	/* the agent an event names (a holder, a collaborator), by display \
	 * name as every other entry names people; the login when unknown */ \
	"        CASE WHEN x.src = 1 THEN coalesce((SELECT ag.display_name FROM agents ag" \
	"            WHERE ag.login = coalesce(x.details->>'holder', x.details->>'agent'))," \
	"            x.details->>'holder', x.details->>'agent') END AS who," \
	"        coalesce(x.details->>'reason', x.details->>'note') AS said," \
	/* the names an event's details refer to: looked up for events only \
	 * (a comment has no details; unguarded, the three lookups ran for \
	 * every comment and were half the statement's time at 4,000 entries) */ \
	"        CASE WHEN x.src = 1 THEN (SELECT tm.name FROM teams tm WHERE tm.key = x.details->>'team') END AS team," \
	"        CASE WHEN x.src = 1 THEN (SELECT s.name FROM severities s" \
	"                                   WHERE s.level::text = x.details->>'severity') END AS severity_name," \
	"        CASE WHEN x.src = 1 THEN (SELECT rq.name FROM request_types rq" \
	"                                   WHERE rq.key = x.details->>'request_type') END AS request_type," \
	"        nullif(x.details->>'severity', '')::int AS severity," \
	"        CASE WHEN x.event IN ('file_sent', 'file_noted') THEN x.details->>'size' END AS size," \
	"        x.details->>'cause' AS cause," \
	"        CASE WHEN x.event IN ('link', 'unlink') THEN x.details->>'kind' END AS link_kind," \
	"        CASE WHEN x.event IN ('link', 'unlink') THEN x.details->>'other' END AS other," \
	/* a re-triage's changes, one per field in form order: its label, \
	 * then the values before and after in words (names for keys, lists \
	 * joined), separated by unit (US) and record (RS) separators */ \
	"        CASE WHEN x.event = 'retriage' THEN" \
	"          (SELECT string_agg(coalesce(f.label, initcap(replace(c.key, '_', ' '))) || E'\x1f'" \
	"                             || coalesce(v.old, '') || E'\x1f' || coalesce(v.new, ''), E'\x1e'" \
	"                             ORDER BY f.position NULLS FIRST, c.key)" \
	"             FROM jsonb_each(CASE WHEN jsonb_typeof(x.details->'changes') = 'object'" \
	"                                  THEN x.details->'changes' ELSE '{}' END) c" \
	"             LEFT JOIN intake_fields f ON f.name = c.key" \
	"             CROSS JOIN LATERAL (SELECT max(w.txt) FILTER (WHERE w.side = 'from') AS old," \
	"                                        max(w.txt) FILTER (WHERE w.side = 'to') AS new" \
	"                FROM (SELECT d.side, CASE c.key" \
	"                        WHEN 'request_type' THEN (SELECT rq.name FROM request_types rq WHERE rq.key = c.value->>d.side)" \
	"                        WHEN 'reason' THEN (SELECT cr.name FROM case_reasons cr WHERE cr.key = c.value->>d.side)" \
	"                        WHEN 'team' THEN (SELECT tm.name FROM teams tm WHERE tm.key = c.value->>d.side)" \
	"                        ELSE CASE WHEN jsonb_typeof(c.value->d.side) = 'array'" \
	"                                  THEN (SELECT string_agg(a, ', ') FROM jsonb_array_elements_text(c.value->d.side) a)" \
	"                                  ELSE c.value->>d.side END END AS txt" \
	"                        FROM (VALUES ('from'), ('to')) d(side)) w) v) END AS changes," \
	/* a message's files (sent with a reply, kept with a note): name US \
	 * bytes, RS between; said with the message, not as events of their own */ \
	"        CASE WHEN x.src = 0 THEN (SELECT string_agg(f.filename || E'\x1f' || f.size, E'\x1e' ORDER BY f.id)" \
	"            FROM attachments f WHERE f.comment_id = x.id) END AS files"

const char timeline_columns_sql[] = TIMELINE_COLUMNS;

/* $1 ticket, $2 cursor time (NULL = start), $3 cursor source, $4 cursor id,
 * $5 rows to fetch. Comments sort before events at the same instant. */
static const char timeline_sql[] =
	"WITH c AS ("
	"  SELECT m.created_at AS at, 0 AS src, m.id,"
	/* a public comment that moved the ticket to waiting on the customer
	 * is a question to them (api_ticket_ask, 560): the status event of
	 * the same transaction (the same instant: index) names it */
	"         CASE WHEN m.kind = 'public' AND EXISTS (SELECT 1 FROM ticket_events q"
	"              WHERE q.ticket_id = m.ticket_id AND q.at = m.created_at AND q.kind = 'status'"
	"                AND q.details->>'to' = 'waiting_customer' AND q.details->>'comment' = m.id::text)"
	"              THEN 'question' ELSE m.kind::text END AS kind, m.author_id AS actor,"
	"         m.body, NULL::text AS event,"
	/* the version its own event made (a note's, a reply's): that event
	 * only restates the message, so it is said on the message's line */
	"         (SELECT q.version FROM ticket_events q WHERE q.ticket_id = m.ticket_id AND q.at = m.created_at"
	"             AND q.kind IN ('note', 'reply') AND q.details->>'comment' = m.id::text"
	"           ORDER BY q.id LIMIT 1) AS version,"
	/* a message made of a received mail: the notes kept with the mail
	 * (sql/632), said under its text in the reader's language; a held
	 * mail made a note: who wrote it and its subject (sql/730), said
	 * above its text */
	"         CASE WHEN m.kind IN ('customer', 'internal') THEN"
	"           nullif(jsonb_strip_nulls(jsonb_build_object('mail_notes', api_comment_mail_notes(m.id),"
	"             'mail_head', CASE WHEN m.kind = 'internal' THEN api_comment_mail_head(m.id) END)), '{}')"
	"         END AS details"
	"    FROM comments m"
	"   WHERE m.ticket_id = $1 AND ($2::timestamptz IS NULL OR (m.created_at, m.id) >"
	"         ($2::timestamptz, CASE WHEN $3::int = 0 THEN $4::bigint ELSE 9223372036854775807 END))"
	"   ORDER BY m.created_at, m.id LIMIT $5),"
	" e AS ("
	"  SELECT v.at, 1 AS src, v.id, 'event'::text AS kind, v.actor_id AS actor,"
	"         NULL::text AS body, v.kind AS event, v.version, v.details"
	"    FROM ticket_events v"
	"   WHERE v.ticket_id = $1 AND " TIMELINE_EVENT_SHOWN("v") " AND ($2::timestamptz IS NULL OR (v.at, v.id) >"
	"         ($2::timestamptz, CASE WHEN $3::int = 1 THEN $4::bigint ELSE 0 END))"
	"   ORDER BY v.at, v.id LIMIT $5)"
	" SELECT " TIMELINE_COLUMNS
	"   FROM (SELECT * FROM c UNION ALL SELECT * FROM e) x"
	"   LEFT JOIN agents a ON a.id = x.actor"
	"  ORDER BY x.at, x.src, x.id LIMIT $5";

static char *str(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? NULL : xstrdup(PQgetvalue(r, row, col));
}

/* A copy of string member `key` of the n members mem (decoded), NULL when
 * it is not there or no string. */
static char *member_string(const struct json_member *mem, long n, const char *key)
{
	size_t klen = strlen(key);
	for (long k = 0; k < n; k++) {
		if (mem[k].key_len == klen && !memcmp(mem[k].key, key, klen) && mem[k].value_len >= 2 &&
		    mem[k].value[0] == '"') {
			struct strbuf sb;
			sb_init(&sb);
			json_string_decode(&sb, mem[k].value + 1, mem[k].value_len - 2);
			return sb_detach(&sb);
		}
	}
	return NULL;
}

/* Held mail made note e (details "mail_head", sql/730): its heading, who
 * wrote it and its subject, above its text, "(no text)" for none. */
static void comment_mail_head(struct timeline_entry *e, const char *head, size_t len)
{
	struct json_member *mem = NULL;
	long n = json_object_members(head, len, &mem);
	char *name = member_string(mem, n, "name");
	char *address = member_string(mem, n, "address");
	char *subject = member_string(mem, n, "subject");
	free(mem);
	if (address) {
		struct strbuf sb;
		sb_init(&sb);
		mail_note_heading(&sb, name, address, subject);
		sb_add(&sb, "\n\n");
		if (e->body && e->body[strspn(e->body, " \t\r\n")])
			sb_add(&sb, e->body);
		else
			sb_add(&sb, _("(no text)"));
		free(e->body);
		e->body = sb_detach(&sb);
	}
	free(name);
	free(address);
	free(subject);
}

/* The notes of the mail comment e was made of (details "mail_notes",
 * sql/632) in words under its text; a held mail's heading above it. */
static void comment_mail_notes(struct timeline_entry *e)
{
	struct json_member *mem = NULL;
	long n = json_object_members(e->details, strlen(e->details), &mem);
	for (long k = 0; k < n; k++) {
		if (mem[k].key_len == 9 && !memcmp(mem[k].key, "mail_head", 9) && mem[k].value_len >= 2 &&
		    mem[k].value[0] == '{')
			comment_mail_head(e, mem[k].value, mem[k].value_len);
	}
	char *flat = member_string(mem, n, "mail_notes");
	if (flat)
		mail_notes_append(&e->body, flat);
	free(flat);
	free(mem);
}

void timeline_entry_fill(struct timeline_entry *e, const PGresult *r, int i)
{
	const char *kind = PQgetvalue(r, i, 4);

	e->question = !strcmp(kind, "question");
	e->kind = !strcmp(kind, "public") || e->question ? TIMELINE_PUBLIC
		  : !strcmp(kind, "internal") ? TIMELINE_INTERNAL
		  : !strcmp(kind, "customer") ? TIMELINE_CUSTOMER
					      : TIMELINE_EVENT;
	e->id = strtoll(PQgetvalue(r, i, 3), NULL, 10);
	e->at = (time_t)strtoll(PQgetvalue(r, i, 1), NULL, 10);
	e->author = str(r, i, 5);
	e->author_login = str(r, i, 6);
	e->body = str(r, i, 7);
	e->event = str(r, i, 8);
	e->version = PQgetisnull(r, i, 9) ? 0 : atoi(PQgetvalue(r, i, 9));
	e->from = str(r, i, 10);
	e->to = str(r, i, 11);
	e->target = str(r, i, 12);
	e->details = str(r, i, 13);
	if (e->kind == TIMELINE_CUSTOMER && e->body && !e->body[strspn(e->body, " \t\r\n")]) {
		/* a reply with neither text nor subject (sql/780) */
		free(e->body);
		e->body = xstrdup(_("(no text)"));
	}
	if (e->kind != TIMELINE_EVENT && e->details)
		comment_mail_notes(e);
	e->delivery = str(r, i, 14);
	e->level = PQgetisnull(r, i, 15) ? 0 : atoi(PQgetvalue(r, i, 15));
	e->level_key = str(r, i, 16);
	e->who = str(r, i, 17);
	e->said = str(r, i, 18);
	e->team = str(r, i, 19);
	e->severity_name = str(r, i, 20);
	e->request_type = str(r, i, 21);
	e->severity = PQgetisnull(r, i, 22) ? 0 : atoi(PQgetvalue(r, i, 22));
	e->size = PQgetisnull(r, i, 23) ? 0 : strtoll(PQgetvalue(r, i, 23), NULL, 10);
	e->cause = str(r, i, 24);
	e->link_kind = str(r, i, 25);
	e->other = PQgetisnull(r, i, 26) ? 0 : strtoll(PQgetvalue(r, i, 26), NULL, 10);
	e->changes = str(r, i, 27);
	e->files = str(r, i, 28);
}

void timeline_stmt(struct timeline_args *a, long long id, const struct timeline_cursor *after,
		   int limit, struct db_stmt *s)
{
	if (limit < 1)
		limit = 1;
	snprintf(a->id, sizeof(a->id), "%lld", id);
	snprintf(a->source, sizeof(a->source), "%d", after ? after->source : 0);
	snprintf(a->cursor, sizeof(a->cursor), "%lld", after ? after->id : 0LL);
	snprintf(a->limit, sizeof(a->limit), "%d", limit + 1);
	a->p[0] = a->id;
	a->p[1] = after && after->at[0] ? after->at : NULL;
	a->p[2] = a->source;
	a->p[3] = a->cursor;
	a->p[4] = a->limit;
	*s = (struct db_stmt){ timeline_sql, 5, a->p, "tt_ticket_timeline" };
}

void timeline_fill(const PGresult *r, const struct timeline_cursor *after, int limit,
		   struct timeline_page *page)
{
	memset(page, 0, sizeof(*page));
	if (limit < 1)
		limit = 1;
	int n = PQntuples(r);
	page->more = n > limit;
	if (page->more)
		n = limit;
	if (n > 0) {
		page->entries = xcalloc((size_t)n, sizeof(*page->entries));
		for (int i = 0; i < n; i++)
			timeline_entry_fill(&page->entries[i], r, i);
		page->n = (size_t)n;
		snprintf(page->next.at, sizeof(page->next.at), "%s", PQgetvalue(r, n - 1, 0));
		page->next.source = atoi(PQgetvalue(r, n - 1, 2));
		page->next.id = page->entries[n - 1].id;
	} else if (after) {
		page->next = *after;
	}
}

int ticket_timeline_load(struct db *db, long long id, const struct timeline_cursor *after,
			 int limit, struct timeline_page *page, struct tt_error *err)
{
	struct timeline_args a;
	struct db_stmt s;

	memset(page, 0, sizeof(*page));
	timeline_stmt(&a, id, after, limit, &s);
	PGresult *r = prepared_query(db, s.name, s.sql, s.nparams, s.params, err);
	if (!r)
		return err->code;
	timeline_fill(r, after, limit, page);
	PQclear(r);
	return 0;
}

void timeline_entry_done(struct timeline_entry *e)
{
	free(e->author);
	free(e->author_login);
	free(e->body);
	free(e->event);
	free(e->from);
	free(e->to);
	free(e->target);
	free(e->details);
	free(e->delivery);
	free(e->level_key);
	free(e->who);
	free(e->said);
	free(e->team);
	free(e->severity_name);
	free(e->request_type);
	free(e->cause);
	free(e->link_kind);
	free(e->changes);
	free(e->files);
	memset(e, 0, sizeof(*e));
}

void timeline_page_done(struct timeline_page *page)
{
	for (size_t i = 0; i < page->n; i++)
		timeline_entry_done(&page->entries[i]);
	free(page->entries);
	memset(page, 0, sizeof(*page));
}

static const char *status_term(const char *key)
{
	return key ? i18n_term("status", key) : "?";
}

/* A value short enough to say in the line ("3", "Ad serving issue"), not
 * a description: those are named by their field alone. */
static bool short_value(const char *v)
{
	return text_width(v) <= 40 && !strpbrk(v, "\n\r");
}

/* " (Severity: 3 → 2; Description)": the fields a re-triage changed, from
 * the timeline's `changes` column (label US from US to, RS between). */
static void retriage_changes(const char *changes, struct strbuf *out)
{
	char *all = xstrdup(changes), *save = NULL;
	bool first = true;
	for (char *item = strtok_r(all, "\x1e", &save); item; item = strtok_r(NULL, "\x1e", &save)) {
		char *from = strchr(item, '\x1f');
		char *to = from ? strchr(from + 1, '\x1f') : NULL;
		if (!to)
			continue;
		*from++ = '\0';
		*to++ = '\0';
		sb_add(out, first ? " (" : "; ");
		first = false;
		sb_add(out, i18n_db(item));
		if (short_value(from) && short_value(to))
			sb_addf(out, ": %s %s %s", *from ? i18n_db(from) : "-", i18n_sym(SYM_ARROW),
				*to ? i18n_db(to) : "-");
	}
	if (!first)
		sb_add(out, ")");
	free(all);
}

bool timeline_is_take_over(const struct timeline_entry *e)
{
	if (!e->event)
		return false;
	if (!strcmp(e->event, "take"))
		return true;
	return !strcmp(e->event, "assign") && e->from && e->target && e->author && !strcmp(e->target, e->author);
}

void timeline_event_describe(const struct timeline_entry *e, struct strbuf *out)
{
	const char *k = e->event ? e->event : "";

	if (!strcmp(k, "status") || !strcmp(k, "resolve") || !strcmp(k, "close") ||
	    !strcmp(k, "reopen") || (!strcmp(k, "ack") && e->from)) {
		const char *what = !strcmp(k, "ack")       ? _("acknowledged")
				   : !strcmp(k, "resolve") ? _("resolved")
				   : !strcmp(k, "close")   ? _("closed")
				   : !strcmp(k, "reopen")  ? _("reopened")
							   : _("changed the status");
		sb_addf(out, "%s: %s %s %s", what, status_term(e->from), i18n_sym(SYM_ARROW), status_term(e->to));
		if (!strcmp(k, "status") && e->target)
			sb_addf(out, " (%s %s)", _("bug"), e->target);
	} else if (!strcmp(k, "ack")) {
		sb_add(out, _("acknowledged"));
	} else if (!strcmp(k, "reply")) {
		sb_add(out, _("replied to the customer"));
	} else if (!strcmp(k, "note")) {
		sb_add(out, _("added an internal note"));
	} else if (!strcmp(k, "customer_reply")) {
		if (e->from && e->to && strcmp(e->from, e->to))
			sb_addf(out, "%s: %s %s %s", _("the customer replied by mail"), i18n_term("status", e->from),
				i18n_sym(SYM_ARROW), i18n_term("status", e->to));
		else
			sb_add(out, _("the customer replied by mail"));
	} else if (!strcmp(k, "file_sent") || !strcmp(k, "file_noted")) {
		struct strbuf size;
		sb_init(&size);
		bytesize_add(&size, e->size);
		sb_addf(out, !strcmp(k, "file_sent") ? _("sent the file %s (%s) with the message")
						     : _("kept the file %s (%s) with the note"),
			e->target ? e->target : "?", size.buf);
		sb_done(&size);
	} else if (!strcmp(k, "mail_bounced")) {
		/* a delivery report came back, or ticketty gave the message up
		 * (cause refused or expired, sql/420_mail_give_up.sql) */
		const char *to = e->to ? e->to : "?";
		if (e->cause && !strcmp(e->cause, "refused"))
			sb_addf(out, _("mail to %s was refused by the mail system for good"), to);
		else if (e->cause && !strcmp(e->cause, "expired"))
			sb_addf(out, _("mail to %s was given up: the mail system did not take it in the time allowed"), to);
		else
			sb_addf(out, _("mail to %s could not be delivered"), to);
		if (e->said)
			sb_addf(out, ": %s", e->said);
	} else if (timeline_is_take_over(e)) {
		if (e->from)
			sb_addf(out, _("took the ticket over from %s"), e->from);
		else
			sb_add(out, _("took the ticket"));
	} else if (!strcmp(k, "unassign")) {
		/* its assignee was deactivated (sql/921) */
		sb_addf(out, _("returned the ticket to the queue: %s was deactivated"), e->from ? e->from : "?");
	} else if (!strcmp(k, "assign")) {
		if (e->from)
			/* TRANSLATORS: a reassignment: from its assignee until then to the new one */
			sb_addf(out, _("reassigned the ticket from %s to %s"), e->from, e->target ? e->target : "?");
		else
			sb_addf(out, _("assigned the ticket to %s"), e->target ? e->target : "?");
	} else if (!strcmp(k, "created")) {
		sb_add(out, _("created the ticket"));
		if (e->severity > 0)
			sb_addf(out, "%s%s %d %s", i18n_sym(SYM_SEP), _("severity"), e->severity,
				e->severity_name ? i18n_db(e->severity_name) : "");
		if (e->request_type)
			sb_addf(out, "%s%s", i18n_sym(SYM_SEP), i18n_db(e->request_type));
		if (e->team)
			sb_addf(out, "%s%s %s", i18n_sym(SYM_SEP), _("team"), i18n_db(e->team));
	} else if (!strcmp(k, "escalation.raised") || !strcmp(k, "escalation.passed_up")) {
		sb_addf(out, !strcmp(k, "escalation.raised") ? _("escalated to L%d %s") : _("passed up to L%d %s"),
			e->level, e->level_key ? i18n_term("escalation", e->level_key) : "");
		if (e->who)
			sb_addf(out, " (%s)", e->who);
		if (e->said)
			sb_addf(out, ": %s", e->said);
	} else if (!strcmp(k, "escalation.handed")) {
		sb_addf(out, _("handed the L%d %s escalation from %s to %s"), e->level,
			e->level_key ? i18n_term("escalation", e->level_key) : "", e->from ? e->from : "-",
			e->who ? e->who : "?");
		if (e->said)
			sb_addf(out, ": %s", e->said);
		else if (e->cause && !strcmp(e->cause, "csm_changed"))
			sb_addf(out, " (%s)", _("the customer's CSM changed"));
		else if (e->cause && !strcmp(e->cause, "role_changed"))
			sb_addf(out, " (%s)", _("the holder's role changed"));
		else if (e->cause && !strcmp(e->cause, "deactivated"))
			sb_addf(out, " (%s)", _("the holder was deactivated"));
		else if (e->cause && !strcmp(e->cause, "customer_changed"))
			sb_addf(out, " (%s)", _("the ticket moved to another customer"));
		else if (e->cause && !strcmp(e->cause, "csm_assigned"))
			sb_addf(out, " (%s)", _("the customer has a CSM now"));
	} else if (!strcmp(k, "escalation.acknowledged")) {
		sb_addf(out, _("acknowledged the escalation at L%d"), e->level);
	} else if (!strcmp(k, "escalation.resolved")) {
		sb_addf(out, _("resolved the escalation at L%d"), e->level);
		/* it ended with its ticket (sql/931): why, in the reader's words */
		if (e->cause && !strcmp(e->cause, "ticket_closed"))
			sb_addf(out, ": %s", _("the ticket was closed"));
		else if (e->said)
			sb_addf(out, ": %s", e->said);
	} else if (!strcmp(k, "collaborator.added")) {
		sb_addf(out, _("added %s as a collaborator"), e->who ? e->who : "?");
	} else if (!strcmp(k, "collaborator.removed")) {
		sb_addf(out, _("removed %s from the collaborators"), e->who ? e->who : "?");
	} else if (!strcmp(k, "retriage")) {
		sb_add(out, _("corrected the triage"));
		if (e->changes && *e->changes)
			retriage_changes(e->changes, out);
		if (e->said)
			sb_addf(out, ": %s", e->said);
	} else if (!strcmp(k, "link") && e->link_kind && e->other > 0) {
		if (!strcmp(e->link_kind, "duplicate_of"))
			sb_addf(out, _("closed it as a duplicate of #%lld"), e->other);
		else if (!strcmp(e->link_kind, "duplicated_by"))
			sb_addf(out, _("closed #%lld as a duplicate of this ticket"), e->other);
		else
			sb_addf(out, _("linked it to #%lld as related"), e->other);
	} else if (!strcmp(k, "unlink") && e->link_kind && e->other > 0) {
		sb_addf(out, _("unlinked it from #%lld (%s)"), e->other, i18n_term("link", e->link_kind));
	} else {
		/* a kind this client does not know: its name, never its raw details */
		sb_add(out, i18n_term("event", k));
	}
}
