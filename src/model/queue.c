/* The queue query: one statement assembled from fixed SQL fragments (one
 * per active filter, every value a $n parameter) so that the planner sees
 * the plain predicates that match the partial queue indexes of
 * 001_schema.sql and 340_queue_paused_order.sql, and pages by keyset on
 * (severity, queue_paused, queue_paused_left, queue_due, id) in either
 * direction: a paused ticket sorts by the time it had left when the pause
 * began, the figure it shows. The row figures come from queue_sla()
 * (050_queue.sql) with tt_now(), and count down from there. */
#include "model/queue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "model/collab.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

#define MAX_PARAMS 12

/* The statement being assembled and its parameters (texts owned). */
struct qbuild {
	struct strbuf sql;
	char *params[MAX_PARAMS];
	int n;
};

static void qb_init(struct qbuild *b)
{
	sb_init(&b->sql);
	b->n = 0;
}

static void qb_done(struct qbuild *b)
{
	sb_done(&b->sql);
	for (int i = 0; i < b->n; i++)
		free(b->params[i]);
}

/* Adds a parameter and returns its number ($n). */
static int qb_param(struct qbuild *b, char *owned_value)
{
	b->params[b->n++] = owned_value;
	return b->n;
}

/* Sort key of the deadline: open tickets always have one; with all states
 * a ticket without any open deadline sorts after every dated one. */
static const char *due_expr(const struct queue_filter *f)
{
	return f->all_states ? "coalesce(t.queue_due, 'infinity'::timestamptz)" : "t.queue_due";
}

#define US(expr) "CASE WHEN " expr " IS NULL THEN 9223372036854775807 " \
	"ELSE (extract(epoch FROM " expr ") * 1000000)::bigint END"

static const char key_columns[] =
	"t.severity, t.queue_paused::int AS k_paused, t.queue_paused_left AS k_left, "
	US("t.queue_due") " AS k_due, "
	"t.id";
/* the number of key_columns: row_columns come after them (queue_fetch) */
#define KEY_COLUMNS 5

static const char row_columns[] =
	", t.status::text, c.name, tm.name, tm.key, coalesce(a.display_name, ''), t.title, "
	"t.escalation_level, t.version, " US("s.risk_at") ", "
	"coalesce(s.state, ''), s.remaining_secs, s.clock = 'business', coalesce(s.running, false), "
	US("s.next_change") ", " US("n.now") ", coalesce(dl.secs, 0), "
	"coalesce(t.first_response_outcome = 'missed', false)";

static const char json_column[] =
	", json_build_object('id', t.id, 'status', t.status, 'severity', t.severity, "
	"'customer', c.name, 'team', tm.key, 'request_type', rt.key, 'reason', cr.key, "
	"'title', t.title, 'created_at', t.created_at, 'first_response_due', t.first_response_due, "
	"'acknowledged_at', t.acknowledged_at, 'next_due', t.next_due, "
	"'escalation_level', t.escalation_level, 'assignee', a.login, "
	"'assignee_name', a.display_name, 'sla_state', s.state, 'sla_kind', s.kind, 'sla_due', s.due, "
	"'sla_remaining_secs', s.remaining_secs, 'sla_clock', s.clock, "
	"'first_response_missed', coalesce(t.first_response_outcome = 'missed', false), 'paused', t.queue_paused, "
	"'version', t.version) AS obj";

/* The page's ids come first from an inner keyset query on tickets alone
 * (an index-only scan of the queue index when no text filter joins the
 * customers); the lookups and ticket_sla() then run for those rows only,
 * whatever plan the planner picks for the inner query. */
static const char outer_joins[] =
	") k JOIN tickets t ON t.id = k.id"
	" JOIN customers c ON c.id = t.customer_id"
	" JOIN teams tm ON tm.id = t.team_id"
	" LEFT JOIN agents a ON a.id = t.assignee_id"
	/* the figure: time left to queue_due on its own clock (050_queue.sql),
	 * at one tt_now() read with the rows; evaluated only for the rows the
	 * LIMIT lets through */
	" CROSS JOIN (SELECT tt_now() AS now OFFSET 0) n"   /* OFFSET 0: read once, not per use */
	" LEFT JOIN LATERAL queue_sla(t, n.now) s ON true"
	/* one business day of the ticket's calendar, for the figure in words */
	" LEFT JOIN calendar_day_length dl ON dl.calendar_id = t.calendar_id";

static const char json_joins[] =
	" JOIN request_types rt ON rt.id = t.request_type_id"
	" JOIN case_reasons cr ON cr.id = t.reason_id";

/* A timestamptz from microseconds since the epoch, exactly (no floats). */
static void add_ts_param(struct qbuild *b, long long us)
{
	int p = qb_param(b, xasprintf("%lld", us));
	sb_addf(&b->sql,
		"CASE WHEN $%d::bigint = 9223372036854775807 THEN 'infinity'::timestamptz "
		"ELSE 'epoch'::timestamptz + ($%d::bigint / 1000000) * interval '1 second' "
		"+ ($%d::bigint %% 1000000) * interval '1 microsecond' END",
		p, p, p);
}

static bool closed_status(const char *s)
{
	return s && (!strcmp(s, "resolved") || !strcmp(s, "closed"));
}

static void add_filters(struct qbuild *b, const struct queue_filter *f)
{
	sb_add(&b->sql, " WHERE true");
	if (!f->all_states && !closed_status(f->status))
		sb_add(&b->sql, " AND t.is_open");
	else if (!f->all_states)   /* true already: lets tickets_closed_status_queue_idx serve it */
		sb_add(&b->sql, " AND NOT t.is_open");
	if (f->status)
		sb_addf(&b->sql, " AND t.status = $%d::ticket_status", qb_param(b, xstrdup(f->status)));
	if (f->team)
		sb_addf(&b->sql, " AND t.team_id = (SELECT tt.id FROM teams tt WHERE tt.key = $%d)",
			qb_param(b, xstrdup(f->team)));
	if (f->mine)
		sb_add(&b->sql, " AND t.assignee_id = ticketty.session_agent_id()");
	if (f->unassigned)
		sb_add(&b->sql, " AND t.assignee_id IS NULL");
	if (f->my_team)
		sb_add(&b->sql, " AND t.team_id = (SELECT me.team_id FROM agents me WHERE me.id = ticketty.session_agent_id())");
	if (f->breached)
		sb_add(&b->sql, " AND t.next_due < tt_now()");
	if (f->waiting)
		sb_add(&b->sql, " AND t.status IN ('waiting_customer', 'waiting_engineering')");
	if (f->following)
		sb_add(&b->sql, " AND " COLLAB_FOLLOWING_COND);
	if (f->text && *f->text) {
		int p = qb_param(b, xstrdup(f->text));
		sb_addf(&b->sql, " AND (strpos(lower(t.title), lower($%d)) > 0"
				 " OR strpos(lower(c.name), lower($%d)) > 0)", p, p);
	}
}

static void add_keyset(struct qbuild *b, const struct queue_filter *f, enum queue_from from,
		       const struct queue_key *k)
{
	const char *op = from == QUEUE_AFTER ? ">" : from == QUEUE_BEFORE ? "<" : ">=";

	if (from == QUEUE_FIRST || from == QUEUE_LAST)
		return;
	sb_addf(&b->sql, " AND (t.severity, t.queue_paused, t.queue_paused_left, %s, t.id) %s"
			 " ($%d::smallint, $%d::boolean, $%d::bigint, ",
		due_expr(f), op, qb_param(b, xasprintf("%d", k->severity)),
		qb_param(b, xstrdup(k->paused ? "true" : "false")),
		qb_param(b, xasprintf("%lld", k->paused_left)));
	add_ts_param(b, k->due_us);
	sb_addf(&b->sql, ", $%d::bigint)", qb_param(b, xasprintf("%lld", k->id)));
}

static void add_order(struct qbuild *b, const struct queue_filter *f, bool reverse, int limit)
{
	const char *dir = reverse ? " DESC" : "";
	sb_addf(&b->sql, " ORDER BY t.severity%s, t.queue_paused%s, t.queue_paused_left%s, %s%s, t.id%s",
		dir, dir, dir, due_expr(f), dir, dir);
	if (limit > 0)
		sb_addf(&b->sql, " LIMIT $%d", qb_param(b, xasprintf("%d", limit)));
}

static void build_page(struct qbuild *b, const struct queue_filter *f, enum queue_from from,
		       const struct queue_key *key, int limit, bool json)
{
	bool reverse = from == QUEUE_LAST || from == QUEUE_BEFORE;

	sb_add(&b->sql, "SELECT ");
	sb_add(&b->sql, key_columns);
	sb_add(&b->sql, json ? json_column : row_columns);
	sb_add(&b->sql, " FROM (SELECT t.id FROM tickets t");
	if (f->text && *f->text)
		sb_add(&b->sql, " JOIN customers c ON c.id = t.customer_id");
	add_filters(b, f);
	add_keyset(b, f, from, key);
	add_order(b, f, reverse, limit);
	sb_add(&b->sql, outer_joins);
	if (json)
		sb_add(&b->sql, json_joins);
	add_order(b, f, reverse, 0);
}

void queue_filter_init(struct queue_filter *f)
{
	memset(f, 0, sizeof(*f));
}

void queue_filter_done(struct queue_filter *f)
{
	free(f->text);
	free(f->status);
	free(f->team);
	queue_filter_init(f);
}

bool queue_filter_empty(const struct queue_filter *f)
{
	return !(f->text && *f->text) && !f->status && !f->team && !f->mine && !f->unassigned &&
	       !f->my_team && !f->breached && !f->waiting && !f->following && !f->all_states;
}

void queue_page_init(struct queue_page *p)
{
	memset(p, 0, sizeof(*p));
}

static void row_free(struct queue_row *r)
{
	free(r->status);
	free(r->customer);
	free(r->team);
	free(r->team_key);
	free(r->assignee);
	free(r->title);
	free(r->sla_state);
}

void queue_page_clear(struct queue_page *p)
{
	for (int i = 0; i < p->n; i++)
		row_free(&p->rows[i]);
	p->n = 0;
}

void queue_page_done(struct queue_page *p)
{
	queue_page_clear(p);
	free(p->rows);
	queue_page_init(p);
}

void queue_page_drop_front(struct queue_page *p, int count)
{
	if (count > p->n)
		count = p->n;
	for (int i = 0; i < count; i++)
		row_free(&p->rows[i]);
	memmove(p->rows, p->rows + count, (size_t)(p->n - count) * sizeof(*p->rows));
	p->n -= count;
}

void queue_page_truncate(struct queue_page *p, int count)
{
	for (int i = count; i < p->n; i++)
		row_free(&p->rows[i]);
	if (count < p->n)
		p->n = count;
}

void queue_page_prepend(struct queue_page *dst, struct queue_page *src)
{
	size_t cap = (size_t)dst->cap;
	dst->rows = xgrow(dst->rows, &cap, (size_t)(dst->n + src->n), sizeof(*dst->rows));
	dst->cap = (int)cap;
	memmove(dst->rows + src->n, dst->rows, (size_t)dst->n * sizeof(*dst->rows));
	memcpy(dst->rows, src->rows, (size_t)src->n * sizeof(*src->rows));
	dst->n += src->n;
	src->n = 0;
}

static char *col(const PGresult *res, int r, int c)
{
	return xstrdup(PQgetisnull(res, r, c) ? "" : PQgetvalue(res, r, c));
}

static void read_key(const PGresult *res, int r, struct queue_key *k)
{
	k->severity = atoi(PQgetvalue(res, r, 0));
	k->paused = atoi(PQgetvalue(res, r, 1)) != 0;
	k->paused_left = strtoll(PQgetvalue(res, r, 2), NULL, 10);
	k->due_us = strtoll(PQgetvalue(res, r, 3), NULL, 10);
	k->id = strtoll(PQgetvalue(res, r, 4), NULL, 10);
}


int queue_fetch(struct db *db, const struct queue_filter *f, enum queue_from from,
		const struct queue_key *key, int limit, struct queue_page *out,
		struct tt_error *err)
{
	struct qbuild b;
	bool reverse = from == QUEUE_LAST || from == QUEUE_BEFORE;

	queue_page_clear(out);
	if (limit <= 0)
		return 0;
	qb_init(&b);
	build_page(&b, f, from, key, limit, false);
	PGresult *res = db_query(db, b.sql.buf, b.n, (const char *const *)b.params, err);
	qb_done(&b);
	if (!res)
		return err->code;
	int n = PQntuples(res);
	size_t cap = (size_t)out->cap;
	out->rows = xgrow(out->rows, &cap, (size_t)n, sizeof(*out->rows));
	out->cap = (int)cap;
	for (int i = 0; i < n; i++) {
		/* reversed reads come back last-first: store them in queue order */
		struct queue_row *r = &out->rows[reverse ? n - 1 - i : i];
		read_key(res, i, &r->key);
		r->status = col(res, i, KEY_COLUMNS + 0);
		r->customer = col(res, i, KEY_COLUMNS + 1);
		r->team = col(res, i, KEY_COLUMNS + 2);
		r->team_key = col(res, i, KEY_COLUMNS + 3);
		r->assignee = col(res, i, KEY_COLUMNS + 4);
		r->title = col(res, i, KEY_COLUMNS + 5);
		r->escalation = atoi(PQgetvalue(res, i, KEY_COLUMNS + 6));
		r->version = atoi(PQgetvalue(res, i, KEY_COLUMNS + 7));
		r->risk_us = strtoll(PQgetvalue(res, i, KEY_COLUMNS + 8), NULL, 10);
		r->sla_state = col(res, i, KEY_COLUMNS + 9);
		r->has_due = !PQgetisnull(res, i, KEY_COLUMNS + 10);
		r->due_in = r->has_due ? strtoll(PQgetvalue(res, i, KEY_COLUMNS + 10), NULL, 10) : 0;
		r->business = PQgetvalue(res, i, KEY_COLUMNS + 11)[0] == 't';
		r->running = PQgetvalue(res, i, KEY_COLUMNS + 12)[0] == 't';
		r->change_us = strtoll(PQgetvalue(res, i, KEY_COLUMNS + 13), NULL, 10);
		r->now_us = strtoll(PQgetvalue(res, i, KEY_COLUMNS + 14), NULL, 10);
		r->day_secs = atol(PQgetvalue(res, i, KEY_COLUMNS + 15));
		r->fr_missed = PQgetvalue(res, i, KEY_COLUMNS + 16)[0] == 't';
	}
	out->n = n;
	PQclear(res);
	return 0;
}

static void build_json(struct qbuild *b, const struct queue_filter *f, const struct queue_key *after,
		       int limit)
{
	int lim = qb_param(b, xasprintf("%d", limit));
	sb_addf(&b->sql,
		"SELECT ticketty.json_safe_text(json_build_object("
		"'tickets', coalesce(json_agg(q.obj ORDER BY q.rn) FILTER (WHERE q.rn <= $%d::int), '[]'::json), "
		"'next', CASE WHEN count(*) > $%d::int THEN "
		"(array_agg(q.severity || '.' || q.k_paused || '.' || q.k_left || '.' || q.k_due || '.' || q.id "
		"ORDER BY q.rn))[$%d::int] END)::text) "
		"FROM (SELECT row_number() OVER (ORDER BY p.severity, p.k_paused, p.k_left, p.k_due, p.id) AS rn, p.* "
		"FROM (",
		lim, lim, lim);
	build_page(b, f, after ? QUEUE_AFTER : QUEUE_FIRST, after, limit + 1, true);
	sb_add(&b->sql, ") p) q");
}

int queue_json(struct db *db, const struct queue_filter *f, const struct queue_key *after,
	       int limit, char **json, struct tt_error *err)
{
	struct qbuild b;

	qb_init(&b);
	build_json(&b, f, after, limit);
	*json = db_scalar(db, b.sql.buf, b.n, (const char *const *)b.params, err);
	qb_done(&b);
	return *json ? 0 : (err->code ? err->code : tt_error_set(err, EX_SOFTWARE, "%s", _("empty answer")));
}

int queue_json_statement(const struct queue_filter *f, const struct queue_key *after, int limit,
			 struct strbuf *sql, char ***params)
{
	struct qbuild b;

	qb_init(&b);
	build_json(&b, f, after, limit);
	sb_add(sql, b.sql.buf);
	*params = xcalloc((size_t)b.n + 1, sizeof(char *));
	for (int i = 0; i < b.n; i++)
		(*params)[i] = xstrdup(b.params[i]);
	int n = b.n;
	qb_done(&b);
	return n;
}

void queue_key_format(const struct queue_key *k, struct strbuf *out)
{
	sb_addf(out, "%d.%d.%lld.%lld.%lld", k->severity, k->paused ? 1 : 0, k->paused_left,
		k->due_us, k->id);
}

/* "SEV.PAUSED.LEFT.DUE.ID": a cursor of another shape (the four parts
 * before paused tickets sorted by their time left) is refused. */
bool queue_key_parse(const char *s, struct queue_key *k)
{
	long long v[5];

	if (!text_parse_dotted(s, v, 5))
		return false;
	/* a running ticket's time left is 0 */
	if (v[0] < 1 || v[0] > 4 || v[1] < 0 || v[1] > 1 || (v[1] == 0 && v[2] != 0) || v[4] <= 0)
		return false;
	k->severity = (int)v[0];
	k->paused = v[1] == 1;
	k->paused_left = v[2];
	k->due_us = v[3];
	k->id = v[4];
	return true;
}

/* 0 when `sql` finds `value`; else EX_DATAERR with `refusal` (a format
 * taking the value) and the field's line with, from `all_sql`, the values
 * it may take ("one of new, acknowledged, ..."). */
static int check_key(struct db *db, const char *sql, const char *all_sql, const char *field,
		     const char *refusal, const char *value, struct tt_error *err)
{
	const char *params[] = { value };
	char *found = db_scalar(db, sql, 1, params, err);
	if (found) {
		free(found);
		return 0;
	}
	if (err->code)
		return err->code;
	char *known = db_scalar(db, all_sql, 0, NULL, err);
	if (err->code)
		return err->code;
	char *one_of = known ? xasprintf("one of %s", known) : xstrdup("is unknown");
	tt_error_set(err, EX_DATAERR, refusal, value);
	tt_error_add_field(err, field, "unknown", one_of);
	free(one_of);
	free(known);
	return EX_DATAERR;
}

int queue_check_status(struct db *db, const char *status, struct tt_error *err)
{
	return check_key(db, "SELECT e.enumlabel::text FROM pg_catalog.pg_enum e "
			     "WHERE e.enumtypid = 'ticketty.ticket_status'::regtype AND e.enumlabel = $1",
			 "SELECT string_agg(e.enumlabel::text, ', ' ORDER BY e.enumsortorder) "
			 "FROM pg_catalog.pg_enum e WHERE e.enumtypid = 'ticketty.ticket_status'::regtype",
			 "status", _("unknown status '%s'"), status, err);
}

int queue_check_team(struct db *db, const char *team, struct tt_error *err)
{
	return check_key(db, "SELECT key FROM teams WHERE key = $1",
			 "SELECT string_agg(key, ', ' ORDER BY key) FROM teams", "team", _("unknown team '%s'"),
			 team, err);
}

void queue_row_figure(const struct queue_row *r, long long now_us, const char **state,
		      long long *due_in)
{
	long long moved = 0;

	*state = r->sla_state;
	*due_in = r->due_in;
	if (!r->has_due || r->key.paused || now_us <= r->now_us)
		return;   /* a paused row keeps its frozen clock's figure and state */
	if (r->running) {
		long long until = r->change_us < now_us ? r->change_us : now_us;
		if (until > r->now_us)
			moved = (until - r->now_us) / 1000000;
	}
	*due_in = r->due_in - moved;
	if (now_us >= r->key.due_us)
		*state = "breached";
	else if (r->risk_us != QUEUE_DUE_NONE && now_us >= r->risk_us)
		*state = "at_risk";
}

long long queue_row_next_event(const struct queue_row *r)
{
	long long t = QUEUE_DUE_NONE;

	if (!r->has_due || r->key.paused)
		return t;
	if (r->risk_us > r->now_us && r->risk_us < t)
		t = r->risk_us;
	if (r->key.due_us > r->now_us && r->key.due_us < t)
		t = r->key.due_us;
	if (r->change_us > r->now_us && r->change_us < t)
		t = r->change_us;
	return t;
}
