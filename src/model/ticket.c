/* The ticket record: every field by name, the deadlines, the escalation
 * chain (ticket_detail_load), and the same as JSON built by PostgreSQL
 * (ticket_show_json). The timeline is in ticket_timeline.c, the actions in
 * ticket_action.c. */
#include "model/ticket.h"

#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "model/mail_notes.h"
#include "model/ticket_rows.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define EPOCH(x) "extract(epoch FROM " x ")::bigint"
#define EPOCH_US(x) "(extract(epoch FROM " x ") * 1000000)::bigint"

/* Lookups by primary key as scalar subqueries rather than joins: the
 * planner then has no join order to search (planning the nine-way join
 * cost more than running it). */
static const char detail_sql[] =
	"SELECT t.id, t.version, t.status, t.severity,"
	" (SELECT s.key FROM severities s WHERE s.level = t.severity) AS severity_key,"
	" (SELECT s.name FROM severities s WHERE s.level = t.severity) AS severity_name,"
	" (SELECT c.name FROM customers c WHERE c.id = t.customer_id) AS customer, t.plan,"
	" ct.name AS contact, ct.email AS contact_email,"
	" rt.name AS request_type, rt.key AS request_type_key,"
	" (SELECT tm.name FROM teams tm WHERE tm.id = t.team_id) AS team,"
	" (SELECT tm.key FROM teams tm WHERE tm.id = t.team_id) AS team_key,"
	" (SELECT cr.name FROM case_reasons cr WHERE cr.id = t.reason_id) AS reason,"
	" (SELECT cr.key FROM case_reasons cr WHERE cr.id = t.reason_id) AS reason_key,"
	" t.title, t.description, t.impact,"
	/* the notes of the mails it was accepted from (sql/730), said under
	 * the description made of their text */
	" ticketty.api_ticket_mail_notes(t.id) AS mail_notes,"
	" t.member_id, t.bidder_id, t.creative_id, t.repro_steps, t.browser, t.os, t.phone, t.bug_ref,"
	/* the links, seen from this ticket, as "kind:id,..." */
	" (SELECT string_agg(x.kind || ':' || x.other_id, ',' ORDER BY x.created_at, x.other_id)"
	"    FROM ticketty.ticket_links_of(t.id) x) AS links,"
	" asg.display_name AS assignee, asg.login AS assignee_login,"
	/* the agents following it, by display name */
	" (SELECT string_agg(a.display_name, ', ' ORDER BY a.display_name, a.login)"
	"    FROM ticket_collaborators cl JOIN agents a ON a.id = cl.agent_id"
	"   WHERE cl.ticket_id = t.id) AS collaborators,"
	" (SELECT cb.display_name FROM agents cb WHERE cb.id = t.created_by) AS created_by,"
	" " EPOCH("t.created_at") " AS created_at, " EPOCH("t.updated_at") " AS updated_at,"
	" " EPOCH("t.first_response_due") " AS first_response_due,"
	" " EPOCH_US("t.first_response_due") " AS first_response_due_us,"
	" " EPOCH_US("t.resolution_due") " AS resolution_due_us,"
	" " EPOCH_US("t.update_due") " AS update_due_us,"
	" " EPOCH("t.acknowledged_at") " AS acknowledged_at, t.first_response_outcome,"
	" " EPOCH("t.resolution_due") " AS resolution_due,"
	" " EPOCH("t.resolution_paused") " AS resolution_paused,"
	" " EPOCH("t.waiting_since") " AS waiting_since, " EPOCH("t.resolved_at") " AS resolved_at,"
	" t.resolution_outcome, " EPOCH("t.update_due") " AS update_due,"
	" " EPOCH("t.last_public_reply_at") " AS last_public_reply_at, t.update_missed_count,"
	" " EPOCH("t.closed_at") " AS closed_at, ticketty.ticket_sla_state(t) AS sla_state,"
	" t.escalation_level, " EPOCH_US("tt_now()") " AS now_us,"
	" (SELECT count(*) FROM comments x WHERE x.ticket_id = t.id)"
	"  + (SELECT count(*) FROM ticket_events x WHERE x.ticket_id = t.id AND " TIMELINE_EVENT_SHOWN("x") ")"
	" AS timeline_total,"
	/* business clocks: one business day of the ticket's calendar, and the
	 * opening in progress or next (it runs then: the figure counts down) */
	" (SELECT l.secs FROM calendar_day_length l WHERE l.calendar_id = t.calendar_id) AS day_secs,"
	" bo.opens_us, bo.closes_us"
	" FROM tickets t"
	" LEFT JOIN LATERAL (SELECT ct.name, ct.email FROM contacts ct WHERE ct.id = t.contact_id) ct ON true"
	" CROSS JOIN LATERAL (SELECT rt.name, rt.key FROM request_types rt WHERE rt.id = t.request_type_id) rt"
	" LEFT JOIN LATERAL (SELECT a.display_name, a.login FROM agents a WHERE a.id = t.assignee_id) asg ON true"
	" LEFT JOIN LATERAL (SELECT " EPOCH_US("d.opens_at") " AS opens_us, " EPOCH_US("d.closes_at") " AS closes_us"
	"   FROM calendar_days d WHERE d.calendar_id = t.calendar_id"
	"    AND d.opens_at > tt_now() - interval '2 days' AND d.closes_at > tt_now()"
	"  ORDER BY d.opens_at LIMIT 1) bo ON true"
	" WHERE t.id = $1";

/* The array fields (one element per row, in array order) and the
 * escalation chain, in one round trip: `list` tells which a row is. */
static const char extras_sql[] =
	"SELECT 'o' AS list, x.v AS value, x.n AS pos, NULL::smallint AS level, NULL AS level_key,"
	" NULL AS state, NULL AS holder, NULL AS raised_by, NULL AS reason, NULL::bigint AS raised_at,"
	" NULL AS acknowledged_by, NULL::bigint AS acknowledged_at, NULL AS resolved_by,"
	" NULL::bigint AS resolved_at, NULL AS resolution_note, NULL AS clock, NULL::bigint AS due,"
	" NULL::bigint AS remaining, NULL::bigint AS risk_at"
	" FROM tickets t, unnest(t.object_ids) WITH ORDINALITY AS x(v, n) WHERE t.id = $1"
	" UNION ALL "
	"SELECT 's', x.v, x.n, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
	" NULL, NULL, NULL, NULL"
	" FROM tickets t, unnest(t.screenshots) WITH ORDINALITY AS x(v, n) WHERE t.id = $1"
	" UNION ALL "
	"SELECT 'd', d.kind::text, d.n, NULL, NULL, d.state, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
	" NULL, NULL, d.clock::text, " EPOCH("d.due") ", d.remaining_secs, " EPOCH("d.risk_at")
	" FROM tickets t, ticketty.ticket_deadlines(t) WITH ORDINALITY AS d(kind, clock, minutes,"
	"  started_at, due, paused_secs, outcome, decided_at, state, remaining_secs, risk_at, n)"
	" WHERE t.id = $1"
	" UNION ALL "
	"SELECT 'e', NULL, e.id, e.level, l.key, e.state::text, h.display_name, r.display_name, e.reason,"
	" " EPOCH("e.raised_at") ", ak.display_name, " EPOCH("e.acknowledged_at") ","
	" rs.display_name, " EPOCH("e.resolved_at") ", e.resolution_note,"
	/* why it ended by itself (sql/931: its ticket was closed), from its
	 * escalation.resolved event, written at the instant it was resolved */
	" CASE WHEN e.state = 'resolved' THEN (SELECT v.details->>'cause' FROM ticket_events v"
	"   WHERE v.ticket_id = e.ticket_id AND v.at = e.resolved_at AND v.kind = 'escalation.resolved'"
	"     AND v.details->>'escalation' = e.id::text ORDER BY v.id DESC LIMIT 1) END,"
	" NULL, e.round, NULL"
	" FROM escalations e"
	" JOIN escalation_levels l ON l.level = e.level"
	" LEFT JOIN agents h ON h.id = e.holder_id"
	" LEFT JOIN agents r ON r.id = e.raised_by"
	" LEFT JOIN agents ak ON ak.id = e.acknowledged_by"
	" LEFT JOIN agents rs ON rs.id = e.resolved_by"
	" WHERE e.ticket_id = $1"
	" ORDER BY 1, 3";

#define STR_(x) #x
#define STR(x) STR_(x)

/* The customer's other tickets as the ticket shows them: the first rows
 * of customer_history() (two index ranges, each stopped at the limit)
 * and how many there are, counted on the customer's index up to
 * TICKET_OTHERS_COUNTED, so a customer with a long past costs no more. */
static const char others_sql[] =
	"SELECT h.ticket_id, h.is_open, h.status, h.severity, h.title,"
	" (SELECT count(*) FROM (SELECT 1 FROM ticketty.tickets x"
	"    WHERE x.customer_id = (SELECT me.customer_id FROM ticketty.tickets me WHERE me.id = $1::bigint)"
	"      AND x.id <> $1::bigint"
	"    LIMIT " STR(TICKET_OTHERS_COUNTED) ") n) AS total"
	" FROM ticketty.customer_history($1::bigint, " STR(TICKET_OTHERS_SHOWN) ") h"
	" ORDER BY h.is_open DESC, h.created_at DESC, h.ticket_id DESC";

/* A copy of a named column, NULL for SQL NULL. */
static char *str(const PGresult *r, int row, const char *name)
{
	int c = PQfnumber(r, name);
	if (c < 0 || PQgetisnull(r, row, c))
		return NULL;
	return xstrdup(PQgetvalue(r, row, c));
}

static long long num(const PGresult *r, int row, const char *name)
{
	int c = PQfnumber(r, name);
	if (c < 0 || PQgetisnull(r, row, c))
		return 0;
	return strtoll(PQgetvalue(r, row, c), NULL, 10);
}

static void fill_detail(struct ticket_detail *t, const PGresult *r)
{
	t->id = num(r, 0, "id");
	t->version = (int)num(r, 0, "version");
	t->status = str(r, 0, "status");
	t->severity = (int)num(r, 0, "severity");
	t->severity_key = str(r, 0, "severity_key");
	t->severity_name = str(r, 0, "severity_name");
	t->customer = str(r, 0, "customer");
	t->plan = str(r, 0, "plan");
	t->contact = str(r, 0, "contact");
	t->contact_email = str(r, 0, "contact_email");
	t->request_type = str(r, 0, "request_type");
	t->request_type_key = str(r, 0, "request_type_key");
	t->team = str(r, 0, "team");
	t->team_key = str(r, 0, "team_key");
	t->reason = str(r, 0, "reason");
	t->reason_key = str(r, 0, "reason_key");
	t->title = str(r, 0, "title");
	t->description = str(r, 0, "description");
	char *notes = str(r, 0, "mail_notes");
	if (notes) {
		struct strbuf words;
		sb_init(&words);
		mail_notes_words(notes, &words);
		t->description_notes = words.len ? sb_detach(&words) : NULL;
		sb_done(&words);
		free(notes);
	}
	t->impact = str(r, 0, "impact");
	t->member_id = num(r, 0, "member_id");
	t->bidder_id = num(r, 0, "bidder_id");
	t->creative_id = num(r, 0, "creative_id");
	t->repro_steps = str(r, 0, "repro_steps");
	t->browser = str(r, 0, "browser");
	t->os = str(r, 0, "os");
	t->phone = str(r, 0, "phone");
	t->bug_ref = str(r, 0, "bug_ref");
	t->links = str(r, 0, "links");
	t->assignee = str(r, 0, "assignee");
	t->assignee_login = str(r, 0, "assignee_login");
	t->collaborators = str(r, 0, "collaborators");
	t->created_by = str(r, 0, "created_by");
	t->created_at = (time_t)num(r, 0, "created_at");
	t->updated_at = (time_t)num(r, 0, "updated_at");
	t->first_response_due = (time_t)num(r, 0, "first_response_due");
	t->acknowledged_at = (time_t)num(r, 0, "acknowledged_at");
	t->first_response_outcome = str(r, 0, "first_response_outcome");
	t->resolution_due = (time_t)num(r, 0, "resolution_due");
	t->resolution_paused_s = (long)num(r, 0, "resolution_paused");
	t->waiting_since = (time_t)num(r, 0, "waiting_since");
	t->resolved_at = (time_t)num(r, 0, "resolved_at");
	t->resolution_outcome = str(r, 0, "resolution_outcome");
	t->update_due = (time_t)num(r, 0, "update_due");
	t->last_public_reply_at = (time_t)num(r, 0, "last_public_reply_at");
	t->update_missed_count = (int)num(r, 0, "update_missed_count");
	t->closed_at = (time_t)num(r, 0, "closed_at");
	t->sla_state = str(r, 0, "sla_state");
	t->escalation_level = (int)num(r, 0, "escalation_level");
	t->timeline_total = (long)num(r, 0, "timeline_total");
	t->now_us = num(r, 0, "now_us");
	t->first_response_due_us = num(r, 0, "first_response_due_us");
	t->resolution_due_us = num(r, 0, "resolution_due_us");
	t->update_due_us = num(r, 0, "update_due_us");
	t->day_secs = (long)num(r, 0, "day_secs");
	t->opens_us = num(r, 0, "opens_us");
	t->closes_us = num(r, 0, "closes_us");
}

static void add_to_list(char ***list, size_t *count, const char *value)
{
	*list = xrealloc(*list, (*count + 1) * sizeof(**list));
	(*list)[(*count)++] = xstrdup(value);
}

static void fill_extras(struct ticket_detail *t, const PGresult *r)
{
	int n = PQntuples(r);
	for (int i = 0; i < n; i++) {
		char list = PQgetvalue(r, i, 0)[0];
		if (list == 'o') {
			add_to_list(&t->object_ids, &t->nobject_ids, PQgetvalue(r, i, 1));
			continue;
		}
		if (list == 's') {
			add_to_list(&t->screenshots, &t->nscreenshots, PQgetvalue(r, i, 1));
			continue;
		}
		if (list == 'd') {
			t->deadlines = xrealloc(t->deadlines, (t->ndeadlines + 1) * sizeof(*t->deadlines));
			struct ticket_deadline *d = &t->deadlines[t->ndeadlines++];
			d->kind = str(r, i, "value");
			d->clock = str(r, i, "clock");
			d->due = (time_t)num(r, i, "due");
			d->state = str(r, i, "state");
			d->remaining_s = (long)num(r, i, "remaining");
			d->risk_at = (time_t)num(r, i, "risk_at");
			continue;
		}
		t->escalations = xrealloc(t->escalations, (t->nescalations + 1) * sizeof(*t->escalations));
		struct ticket_escalation *e = &t->escalations[t->nescalations++];
		e->level = (int)num(r, i, "level");
		e->round = (int)num(r, i, "remaining"); /* the round travels in that column */
		e->level_key = str(r, i, "level_key");
		e->state = str(r, i, "state");
		e->holder = str(r, i, "holder");
		e->raised_by = str(r, i, "raised_by");
		e->reason = str(r, i, "reason");
		e->raised_at = (time_t)num(r, i, "raised_at");
		e->acknowledged_by = str(r, i, "acknowledged_by");
		e->acknowledged_at = (time_t)num(r, i, "acknowledged_at");
		e->resolved_by = str(r, i, "resolved_by");
		e->resolved_at = (time_t)num(r, i, "resolved_at");
		e->resolution_note = str(r, i, "resolution_note");
		e->end_cause = str(r, i, "clock"); /* the end's cause travels in that column */
	}
}

static void fill_others(struct ticket_detail *t, const PGresult *r)
{
	int n = PQntuples(r);
	if (n <= 0)
		return;
	t->others = xcalloc((size_t)n, sizeof(*t->others));
	for (int i = 0; i < n; i++) {
		struct ticket_other *o = &t->others[t->nothers++];
		o->id = strtoll(PQgetvalue(r, i, 0), NULL, 10);
		o->open = PQgetvalue(r, i, 1)[0] == 't';
		o->status = xstrdup(PQgetvalue(r, i, 2));
		o->severity = atoi(PQgetvalue(r, i, 3));
		o->title = xstrdup(PQgetvalue(r, i, 4));
	}
	t->others_total = atoi(PQgetvalue(r, 0, 5));
}

/* The ticket from the detail and extras results; 65 when it does not exist. */
static int detail_from(PGresult *const *r, long long id, struct ticket_detail **out,
		       struct tt_error *err)
{
	if (PQntuples(r[0]) == 0)
		return tt_error_set(err, EX_DATAERR, _("ticket %lld not found"), id);
	struct ticket_detail *t = xcalloc(1, sizeof(*t));
	fill_detail(t, r[0]);
	fill_extras(t, r[1]);
	*out = t;
	return 0;
}

/* The two statements that read a ticket's detail, into s[0] and s[1]. */
static void detail_stmts(struct db_stmt *s, const char *const *p)
{
	s[0] = (struct db_stmt){ detail_sql, 1, p, "tt_ticket_detail" };
	s[1] = (struct db_stmt){ extras_sql, 1, p, "tt_ticket_extras" };
}

static void clear_all(PGresult **r, int n)
{
	for (int i = 0; i < n; i++)
		PQclear(r[i]);
}

int ticket_detail_load(struct db *db, long long id, struct ticket_detail **out,
		       struct tt_error *err)
{
	char idbuf[24];
	const char *p[1] = { idbuf };
	PGresult *r[2];
	struct db_stmt s[2];

	*out = NULL;
	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	detail_stmts(s, p);
	int rc = db_query_many(db, 2, s, r, err);
	if (!rc)
		rc = detail_from(r, id, out, err);
	clear_all(r, 2);
	return rc;
}

int ticket_load(struct db *db, long long id, int limit, struct ticket_detail **out,
		struct timeline_page *page, struct attachment_list *files, struct tt_error *err)
{
	char idbuf[24];
	const char *p[1] = { idbuf };
	struct timeline_args ta;
	struct db_stmt s[5];
	PGresult *r[5];

	*out = NULL;
	memset(page, 0, sizeof(*page));
	if (files)
		*files = (struct attachment_list){ NULL, 0 };
	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	detail_stmts(s, p);
	s[2] = (struct db_stmt){ others_sql, 1, p, "tt_ticket_others" };
	timeline_stmt(&ta, id, NULL, limit, &s[3]);
	s[4] = (struct db_stmt){ attachment_list_sql, 1, p, "tt_ticket_files" };
	int n = files ? 5 : 4;
	int rc = db_query_many(db, n, s, r, err);
	if (!rc)
		rc = detail_from(r, id, out, err);
	if (!rc) {
		fill_others(*out, r[2]);
		timeline_fill(r[3], NULL, limit, page);
		if (files)
			attachment_list_fill(r[4], files);
	}
	clear_all(r, n);
	return rc;
}

static void free_list(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

void ticket_detail_free(struct ticket_detail *t)
{
	if (!t)
		return;
	char *strings[] = {
		t->status, t->severity_key, t->severity_name, t->customer, t->plan, t->contact,
		t->contact_email, t->request_type, t->request_type_key, t->team, t->team_key,
		t->reason, t->reason_key, t->title, t->description, t->description_notes, t->impact, t->repro_steps,
		t->browser, t->os, t->phone, t->bug_ref, t->links, t->assignee, t->assignee_login,
		t->collaborators,
		t->created_by, t->first_response_outcome, t->resolution_outcome, t->sla_state,
	};
	for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++)
		free(strings[i]);
	free_list(t->object_ids, t->nobject_ids);
	free_list(t->screenshots, t->nscreenshots);
	for (size_t i = 0; i < t->nescalations; i++) {
		struct ticket_escalation *e = &t->escalations[i];
		free(e->level_key);
		free(e->state);
		free(e->holder);
		free(e->raised_by);
		free(e->reason);
		free(e->acknowledged_by);
		free(e->resolved_by);
		free(e->resolution_note);
		free(e->end_cause);
	}
	free(t->escalations);
	for (size_t i = 0; i < t->ndeadlines; i++) {
		free(t->deadlines[i].kind);
		free(t->deadlines[i].clock);
		free(t->deadlines[i].state);
	}
	free(t->deadlines);
	for (size_t i = 0; i < t->nothers; i++) {
		free(t->others[i].status);
		free(t->others[i].title);
	}
	free(t->others);
	free(t);
}

/* json_build_object takes at most 50 pairs: two jsonb objects joined. */
static const char json_sql[] =
	"SELECT ticketty.json_safe_text(("
	"SELECT (jsonb_build_object("
	"  'id', t.id, 'version', t.version, 'status', t.status, 'severity', t.severity,"
	"  'severity_key', s.key, 'customer', c.name, 'plan', t.plan, 'contact', ct.name,"
	"  'contact_email', ct.email, 'request_type', rt.key, 'request_type_name', rt.name,"
	"  'team', tm.key, 'team_name', tm.name, 'reason', cr.key, 'reason_name', cr.name,"
	"  'title', t.title, 'description', t.description,"
	/* the notes of the mails its description was made of, with their
	 * words in the reader's language ($2, sql/730) */
	"  'mail_notes', coalesce(ticketty.api_ticket_mail_notes_json(t.id, $2::jsonb), '[]'::jsonb),"
	"  'impact', t.impact,"
	"  'object_ids', t.object_ids, 'member_id', t.member_id, 'bidder_id', t.bidder_id,"
	"  'creative_id', t.creative_id, 'repro_steps', t.repro_steps, 'screenshots', t.screenshots,"
	"  'browser', t.browser, 'os', t.os, 'phone', t.phone, 'bug_ref', t.bug_ref,"
	"  'assignee', asg.login, 'assignee_name', asg.display_name, 'created_by', cb.login,"
	"  'links', coalesce((SELECT jsonb_agg(jsonb_build_object('kind', x.kind, 'ticket', x.other_id,"
	"     'title', x.title, 'status', x.status) ORDER BY x.created_at, x.other_id)"
	"   FROM ticketty.ticket_links_of(t.id) x), '[]'::jsonb))"
	" || jsonb_build_object("
	"  'created_at', t.created_at, 'updated_at', t.updated_at,"
	"  'first_response_due', t.first_response_due, 'acknowledged_at', t.acknowledged_at,"
	"  'first_response_outcome', t.first_response_outcome, 'resolution_due', t.resolution_due,"
	"  'resolution_paused_seconds', " EPOCH("t.resolution_paused") ","
	"  'waiting_since', t.waiting_since, 'resolved_at', t.resolved_at,"
	"  'resolution_outcome', t.resolution_outcome, 'update_due', t.update_due,"
	"  'last_public_reply_at', t.last_public_reply_at, 'update_missed_count', t.update_missed_count,"
	"  'closed_at', t.closed_at, 'sla_state', ticketty.ticket_sla_state(t),"
	"  'escalation_level', t.escalation_level,"
	/* the customer's other tickets as the text shows them (ticket
	 * history has them all) */
	"  'other_tickets', coalesce((SELECT jsonb_agg(jsonb_build_object('id', h.ticket_id,"
	"     'open', h.is_open, 'status', h.status, 'severity', h.severity, 'title', h.title,"
	"     'created_at', h.created_at) ORDER BY h.is_open DESC, h.created_at DESC, h.ticket_id DESC)"
	"   FROM ticketty.customer_history(t.id, " STR(TICKET_OTHERS_SHOWN) ") h), '[]'::jsonb),"
	"  'other_tickets_more', (SELECT count(*) FROM (SELECT 1 FROM tickets x"
	"     WHERE x.customer_id = t.customer_id AND x.id <> t.id"
	"     LIMIT " STR(TICKET_OTHERS_SHOWN) " + 1) n) > " STR(TICKET_OTHERS_SHOWN) ","
	"  'attachments', coalesce((SELECT jsonb_agg(jsonb_build_object('id', a.id, 'filename', a.filename,"
	"     'content_type', a.content_type, 'size', a.size, 'sha256', encode(a.sha256, 'hex'),"
	"     'sent', coalesce(c.kind = 'public', false), 'internal', coalesce(c.kind = 'internal', false))"
	"   ORDER BY a.id)"
	"   FROM attachments a LEFT JOIN comments c ON c.id = a.comment_id WHERE a.ticket_id = t.id), '[]'::jsonb),"
	"  'deadlines', (SELECT jsonb_agg(jsonb_build_object('kind', d.kind, 'clock', d.clock,"
	"     'due', d.due, 'state', d.state, 'remaining_secs', d.remaining_secs, 'outcome', d.outcome))"
	"   FROM ticketty.ticket_deadlines(t) d),"
	"  'escalations', coalesce((SELECT jsonb_agg(jsonb_build_object("
	"     'round', e.round, 'level', e.level, 'level_key', l.key, 'state', e.state, 'holder', h.login,"
	"     'raised_by', r.login, 'reason', e.reason, 'raised_at', e.raised_at,"
	"     'acknowledged_by', ak.login, 'acknowledged_at', e.acknowledged_at,"
	"     'resolved_by', rs.login, 'resolved_at', e.resolved_at,"
	"     'resolution_note', e.resolution_note) ORDER BY e.id)"
	"   FROM escalations e JOIN escalation_levels l ON l.level = e.level"
	"   LEFT JOIN agents h ON h.id = e.holder_id LEFT JOIN agents r ON r.id = e.raised_by"
	"   LEFT JOIN agents ak ON ak.id = e.acknowledged_by LEFT JOIN agents rs ON rs.id = e.resolved_by"
	"   WHERE e.ticket_id = t.id), '[]'::jsonb),"
	"  'timeline', coalesce((SELECT jsonb_agg(x.entry ORDER BY x.at, x.src, x.id) FROM ("
	"     SELECT m.created_at AS at, 0 AS src, m.id, jsonb_build_object("
	"       'type', m.kind, 'id', m.id, 'at', m.created_at, 'author', a.login, 'body', m.body)"
	/* a message made of a mail: the mail's notes (632) and, for a held
	 * mail made a note, who wrote it and its subject (730) */
	"       || jsonb_strip_nulls(jsonb_build_object("
	"            'mail_notes', CASE WHEN m.kind IN ('customer', 'internal')"
	"                          THEN ticketty.api_comment_mail_notes_json(m.id, $2::jsonb) END,"
	"            'mail', CASE WHEN m.kind = 'internal' THEN ticketty.api_comment_mail_head(m.id) END)) AS entry"
	"     FROM comments m LEFT JOIN agents a ON a.id = m.author_id WHERE m.ticket_id = t.id"
	"     UNION ALL"
	"     SELECT v.at, 1, v.id, jsonb_build_object("
	"       'type', 'event', 'id', v.id, 'at', v.at, 'author', a.login, 'event', v.kind,"
	"       'version', v.version, 'details', v.details)"
	"     FROM ticket_events v LEFT JOIN agents a ON a.id = v.actor_id WHERE v.ticket_id = t.id"
	"   ) x), '[]'::jsonb)"
	"))::text"
	" FROM tickets t"
	" JOIN severities s ON s.level = t.severity"
	" JOIN customers c ON c.id = t.customer_id"
	" LEFT JOIN contacts ct ON ct.id = t.contact_id"
	" JOIN request_types rt ON rt.id = t.request_type_id"
	" JOIN teams tm ON tm.id = t.team_id"
	" JOIN case_reasons cr ON cr.id = t.reason_id"
	" LEFT JOIN agents asg ON asg.id = t.assignee_id"
	" LEFT JOIN agents cb ON cb.id = t.created_by"
	" WHERE t.id = $1"
	")::text)";

int ticket_check_exists(struct db *db, long long id, struct tt_error *err)
{
	char idbuf[24];
	const char *p[1] = { idbuf };

	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	char *found = db_scalar(db, "SELECT EXISTS (SELECT 1 FROM ticketty.tickets WHERE id = $1::bigint)",
				1, p, err);
	if (!found)
		return err->code ? err->code : EX_SOFTWARE;
	bool yes = found[0] == 't';
	free(found);
	return yes ? 0 : tt_error_set(err, EX_DATAERR, _("ticket %lld not found"), id);
}

int ticket_show_json(struct db *db, long long id, char **json, struct tt_error *err)
{
	char idbuf[24];
	char *words = mail_notes_words_json();
	const char *p[2] = { idbuf, words };

	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	*json = db_scalar(db, json_sql, 2, p, err);
	free(words);
	if (*json)
		return 0;
	if (err->code)
		return err->code;
	return tt_error_set(err, EX_DATAERR, _("ticket %lld not found"), id);
}

