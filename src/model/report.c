/* Reports and dashboard figures from the rollup-backed SQL functions of
 * sql/091_dashboard_reports.sql (see model/report.h), and the SLA
 * report's weekly trend from sql/850_report_sla_trend.sql. */
#include "model/report.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "model/prepared.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

static const char *const kind_names[] = { "sla", "backlog", "escalations", "oldest" };
#define NKINDS (sizeof(kind_names) / sizeof(kind_names[0]))

static const char *const report_sql[] = {
	[REPORT_SLA] = "SELECT * FROM report_sla($1::date, $2::date, $3, $4, $5, $6::int, $7)",
	[REPORT_BACKLOG] = "SELECT * FROM report_backlog($1::date, $2::date, $3, $4, $5, $6::int, $7)",
	[REPORT_ESCALATIONS] = "SELECT * FROM report_escalations($1::date, $2::date, $3, $4, $5, $6::int, $7)",
	/* the dashboard's list too (dash_load); its parameters: oldest_params */
	[REPORT_OLDEST] = "SELECT * FROM report_oldest($1, $2, $3::int, $4, $5::int)",
};

static const char *const json_sql[] = {
	/* counted_from/_to: a customer's figures are kept by week (090), so
	 * they cover the whole weeks of from and to */
	[REPORT_SLA] = "SELECT json_safe_text(json_build_object('report', 'sla', 'from', f.date_from, 'to', f.date_to,"
		       " 'counted_from', CASE WHEN $3::text = 'customer' OR $7::text IS NOT NULL"
		       "   THEN date_trunc('week', f.date_from)::date ELSE f.date_from END,"
		       " 'counted_to', CASE WHEN $3::text = 'customer' OR $7::text IS NOT NULL"
		       "   THEN date_trunc('week', f.date_to)::date + 6 ELSE f.date_to END,"
		       " 'by', $3::text, 'rows', (SELECT coalesce(json_agg(r), '[]'::json)"
		       "  FROM report_sla($1::date, $2::date, $3, $4, $5, $6::int, $7) r))::text)"
		       "  FROM report_args($1::date, $2::date, $3, $4, $5, $6::int, $7) f",
	[REPORT_BACKLOG] = "SELECT json_safe_text(json_build_object('report', 'backlog', 'from', $1::date, 'to', $2::date,"
			   " 'by', $3::text, 'today', report_today(), 'rows', (SELECT coalesce(json_agg(r), '[]'::json)"
			   "  FROM report_backlog($1::date, $2::date, $3, $4, $5, $6::int, $7) r))::text)",
	[REPORT_ESCALATIONS] = "SELECT json_safe_text(json_build_object('report', 'escalations', 'from', $1::date,"
			       " 'to', $2::date, 'by', $3::text, 'rows', (SELECT coalesce(json_agg(r), '[]'::json)"
			       "  FROM report_escalations($1::date, $2::date, $3, $4, $5, $6::int, $7) r))::text)",
	[REPORT_OLDEST] = "SELECT json_safe_text(json_build_object('report', 'oldest', 'limit', $5::int,"
			  " 'rows', (SELECT coalesce(json_agg(r), '[]'::json)"
			  "  FROM report_oldest($1, $2, $3::int, $4, $5::int) r))::text)",
};

/* The SLA report's JSON grouped by anything but week: each row of
 * report_sla in its order (a sorted sub-select feeds json_agg), with the
 * group's weeks from report_sla_trend, aggregated once per group and
 * joined by key. */
static const char sla_trend_json_sql[] =
	"WITH wk AS (SELECT w.key, json_agg(json_build_object('week', w.week,"
	"   'first_response_met', w.first_response_met, 'first_response_missed', w.first_response_missed,"
	"   'first_response_pct', w.first_response_pct, 'update_met', w.update_met,"
	"   'update_missed', w.update_missed, 'update_pct', w.update_pct,"
	"   'resolution_met', w.resolution_met, 'resolution_missed', w.resolution_missed,"
	"   'resolution_pct', w.resolution_pct) ORDER BY w.week) AS weeks"
	"  FROM report_sla_trend($1::date, $2::date, $3, $4, $5, $6::int, $7) w GROUP BY w.key)"
	" SELECT json_safe_text(json_build_object('report', 'sla', 'from', f.date_from, 'to', f.date_to,"
	" 'counted_from', CASE WHEN $3::text = 'customer' OR $7::text IS NOT NULL"
	"   THEN date_trunc('week', f.date_from)::date ELSE f.date_from END,"
	" 'counted_to', CASE WHEN $3::text = 'customer' OR $7::text IS NOT NULL"
	"   THEN date_trunc('week', f.date_to)::date + 6 ELSE f.date_to END,"
	" 'by', $3::text, 'rows', (SELECT coalesce(json_agg(r), '[]'::json) FROM ("
	"   SELECT s.key, s.name, s.clock, s.first_response_met, s.first_response_missed, s.first_response_pct,"
	"          s.update_met, s.update_missed, s.update_pct, s.resolution_met, s.resolution_missed,"
	"          s.resolution_pct, s.first_response_past_due, s.resolution_past_due, s.update_past_due,"
	"          wk.weeks"
	"     FROM report_sla($1::date, $2::date, $3, $4, $5, $6::int, $7) WITH ORDINALITY"
	"          AS s(key, name, clock, first_response_met, first_response_missed, first_response_pct,"
	"               update_met, update_missed, update_pct, resolution_met, resolution_missed,"
	"               resolution_pct, first_response_past_due, resolution_past_due, update_past_due, pos)"
	"     LEFT JOIN wk ON wk.key = s.key ORDER BY s.pos) r))::text)"
	"  FROM report_args($1::date, $2::date, $3, $4, $5, $6::int, $7) f";

static const char sla_trend_sql[] =
	"SELECT * FROM report_sla_trend($1::date, $2::date, $3, $4, $5, $6::int, $7)";

/* the period the SLA report covers, as report_sla resolves it */
static const char sla_period_sql[] =
	"SELECT f.date_from::text, f.date_to::text FROM report_args($1::date, $2::date, $3, $4, $5, $6::int, $7) f";

int report_kind_parse(const char *name)
{
	for (size_t k = 0; k < NKINDS; k++)
		if (!strcmp(kind_names[k], name))
			return (int)k;
	return -1;
}

/* A filter's team named in the reader's language, as the dashboard and
 * the reports show teams (i18n_db: "Calidad de Anuncios"), letter case
 * and accents aside, becomes its key in *f; returns that key for the
 * caller to free once the filter is used, NULL when the team is named no
 * such way (the database then reads it as a key or an English name). The
 * database knows the English names only. */
static char *team_key_into(struct db *db, struct report_filter *f)
{
	const char *typed = f->team;
	static const char sql[] = "SELECT key, name FROM ticketty.teams ORDER BY id";
	struct tt_error err;
	struct strbuf want, name;
	char *key = NULL;

	/* in English the names are the database's own: nothing to look up */
	if (!typed || !*typed || !strcmp(i18n_language(), "en"))
		return NULL;
	tt_error_init(&err);
	PGresult *res = prepared_query(db, "report_team_names", sql, 0, NULL, &err);
	tt_error_clear(&err);
	if (!res)
		return NULL;
	sb_init(&want);
	sb_init(&name);
	text_fold(&want, typed);
	for (int r = 0; r < PQntuples(res) && !key; r++) {
		const char *english = PQgetvalue(res, r, 1);
		sb_reset(&name);
		text_fold(&name, i18n_db(english));
		if (strcmp(i18n_db(english), english) && !strcmp(name.buf, want.buf))
			key = xstrdup(PQgetvalue(res, r, 0));
	}
	sb_done(&want);
	sb_done(&name);
	PQclear(res);
	if (key)
		f->team = key;
	return key;
}

/* The seven parameters every report function takes. */
static void params(const struct report_args *a, const char *by, char sev[8], const char *p[7])
{
	snprintf(sev, 8, "%d", a->filter.severity);
	p[0] = a->from;
	p[1] = a->to;
	p[2] = by;
	p[3] = a->filter.team;
	p[4] = a->filter.plan;
	p[5] = a->filter.severity ? sev : NULL;
	p[6] = a->filter.customer;
}

/* The five parameters of report_oldest: the filters and how many rows
 * (`limit`, 0 for REPORT_OLDEST_ROWS). */
static void oldest_params(const struct report_filter *f, int limit, char sev[8], char rows[12], const char *p[5])
{
	snprintf(sev, 8, "%d", f->severity);
	snprintf(rows, 12, "%d", limit > 0 ? limit : REPORT_OLDEST_ROWS);
	p[0] = f->team;
	p[1] = f->plan;
	p[2] = f->severity ? sev : NULL;
	p[3] = f->customer;
	p[4] = rows;
}

/* A report's parameters (report_sql's and json_sql's of the kind); returns
 * how many. */
static int kind_params(enum report_kind kind, const struct report_args *a, char sev[8], char rows[12],
		       const char *p[7])
{
	if (kind == REPORT_OLDEST) {
		oldest_params(&a->filter, a->limit, sev, rows, p);
		return 5;
	}
	params(a, a->by ? a->by : "total", sev, p);
	return 7;
}

static void table_from(PGresult *res, struct report_table *t)
{
	t->ncols = PQnfields(res);
	t->nrows = (size_t)PQntuples(res);
	t->names = xcalloc((size_t)t->ncols + 1, sizeof(*t->names));
	for (int c = 0; c < t->ncols; c++)
		t->names[c] = xstrdup(PQfname(res, c));
	t->cells = xcalloc(t->nrows * (size_t)t->ncols + 1, sizeof(*t->cells));
	for (size_t r = 0; r < t->nrows; r++)
		for (int c = 0; c < t->ncols; c++)
			if (!PQgetisnull(res, (int)r, c))
				t->cells[r * (size_t)t->ncols + (size_t)c] = xstrdup(PQgetvalue(res, (int)r, c));
}

static int run(struct db *db, const char *name, const char *sql, int n, const char *const *p,
	       struct report_table *t, struct tt_error *err)
{
	PGresult *res = prepared_query(db, name, sql, n, p, err);
	if (!res)
		return err->code;
	table_from(res, t);
	PQclear(res);
	return 0;
}

int report_load(struct db *db, enum report_kind kind, const struct report_args *a,
		struct report_table *t, struct tt_error *err)
{
	char sev[8], rows[12], name[32];
	const char *p[7];

	memset(t, 0, sizeof(*t));
	struct report_args b = *a;
	char *team = team_key_into(db, &b.filter);
	int n = kind_params(kind, &b, sev, rows, p);
	snprintf(name, sizeof(name), "report_%s", kind_names[kind]);
	int rc = run(db, name, report_sql[kind], n, p, t, err);
	free(team);
	return rc;
}

int report_sla_load(struct db *db, const struct report_args *a, struct report_table *t,
		    struct report_table *trend, struct report_period *period, struct tt_error *err)
{
	char sev[8];
	const char *p[7];
	PGresult *res[3];

	memset(t, 0, sizeof(*t));
	memset(trend, 0, sizeof(*trend));
	memset(period, 0, sizeof(*period));
	struct report_args b = *a;
	char *team = team_key_into(db, &b.filter);
	params(&b, a->by ? a->by : "total", sev, p);
	/* by week there is no trend to read: each row is a week */
	int n = strcmp(p[2], "week") ? 3 : 2;
	const struct db_stmt stmts[3] = {
		{ report_sql[REPORT_SLA], 7, p, "report_sla_with_trend" },
		{ sla_period_sql, 7, p, "report_sla_period" },
		{ sla_trend_sql, 7, p, "report_sla_trend" },
	};
	int rc = db_query_many(db, n, stmts, res, err);
	free(team);
	if (rc)
		return rc;
	table_from(res[0], t);
	if (PQntuples(res[1]) == 1) {
		snprintf(period->from, sizeof(period->from), "%s", PQgetvalue(res[1], 0, 0));
		snprintf(period->to, sizeof(period->to), "%s", PQgetvalue(res[1], 0, 1));
	}
	if (n == 3)
		table_from(res[2], trend);
	for (int i = 0; i < n; i++)
		PQclear(res[i]);
	return 0;
}

const char *report_cell(const struct report_table *t, size_t row, const char *name)
{
	if (row >= t->nrows)
		return NULL;
	for (int c = 0; c < t->ncols; c++)
		if (!strcmp(t->names[c], name))
			return t->cells[row * (size_t)t->ncols + (size_t)c];
	return NULL;
}

void report_table_done(struct report_table *t)
{
	for (int c = 0; c < t->ncols; c++)
		free(t->names[c]);
	for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(t->cells[i]);
	free(t->names);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

int report_json(struct db *db, enum report_kind kind, const struct report_args *a, char **json,
		struct tt_error *err)
{
	char sev[8], rows[12];
	const char *p[7];

	struct report_args b = *a;
	char *team = team_key_into(db, &b.filter);
	int n = kind_params(kind, &b, sev, rows, p);
	bool weeks = kind == REPORT_SLA && strcmp(p[2], "week");
	*json = db_scalar(db, weeks ? sla_trend_json_sql : json_sql[kind], n, p, err);
	free(team);
	if (*json)
		return 0;
	return err->code ? err->code : tt_error_set(err, EX_SOFTWARE, "%s", _("empty report"));
}

/* ------------------------------------------------------------ dashboard -- */

static long long ll(const struct report_table *t, size_t row, const char *name)
{
	const char *v = report_cell(t, row, name);
	return v ? atoll(v) : 0;
}

static char *dup(const struct report_table *t, size_t row, const char *name)
{
	const char *v = report_cell(t, row, name);
	return xstrdup(v ? v : "");
}

void dash_init(struct dash *d)
{
	memset(d, 0, sizeof(*d));
	d->next_due_ms = -1;
}

void dash_done(struct dash *d)
{
	for (int i = 0; i < d->nbacklog; i++)
		free(d->backlog[i].name);
	for (int i = 0; i < d->nteams; i++) {
		free(d->teams[i].key);
		free(d->teams[i].name);
	}
	for (int i = 0; i < d->ncustomers; i++) {
		free(d->customers[i].key);
		free(d->customers[i].name);
	}
	for (int i = 0; i < d->noldest; i++) {
		struct dash_ticket *o = &d->oldest[i];
		free(o->severity_name);
		free(o->customer);
		free(o->status);
		free(o->sla_state);
		free(o->title);
	}
	dash_init(d);
}

static const char *const clock_cols[DASH_CLOCKS] = { "first_response", "update", "resolution" };

static void fill_weeks(struct dash *d, const struct report_table *t)
{
	size_t first = t->nrows > DASH_WEEKS ? t->nrows - DASH_WEEKS : 0;
	for (size_t r = first; r < t->nrows; r++) {
		struct dash_week *w = &d->weeks[d->nweeks++];
		snprintf(w->monday, sizeof(w->monday), "%s", report_cell(t, r, "key") ? report_cell(t, r, "key") : "");
		for (int c = 0; c < DASH_CLOCKS; c++) {
			char col[32];
			snprintf(col, sizeof(col), "%s_met", clock_cols[c]);
			w->met[c] = ll(t, r, col);
			snprintf(col, sizeof(col), "%s_missed", clock_cols[c]);
			w->missed[c] = ll(t, r, col);
			snprintf(col, sizeof(col), "%s_past_due", clock_cols[c]);
			w->past_due[c] = ll(t, r, col);
		}
	}
}

static void fill_groups(struct dash_group *g, int *n, const struct report_table *t)
{
	for (size_t r = 0; r < t->nrows && *n < DASH_TOP; r++) {
		long long missed = 0, decided = 0, due = 0;
		for (int c = 0; c < DASH_CLOCKS; c++) {
			char col[32];
			snprintf(col, sizeof(col), "%s_missed", clock_cols[c]);
			missed += ll(t, r, col);
			decided += ll(t, r, col);
			snprintf(col, sizeof(col), "%s_met", clock_cols[c]);
			decided += ll(t, r, col);
			snprintf(col, sizeof(col), "%s_past_due", clock_cols[c]);
			due += ll(t, r, col);
		}
		if (!missed && !due)
			continue;
		g[*n] = (struct dash_group){ dup(t, r, "key"), dup(t, r, "name"), missed, decided, due };
		(*n)++;
	}
}

int dash_load(struct db *db, const struct report_filter *f, struct dash *d, struct tt_error *err)
{
	struct report_args a = { .filter = *f };
	char *team = team_key_into(db, &a.filter);
	struct report_table t[7];
	char sev[8], osev[8], top[12];
	int rc = 0;

	memset(t, 0, sizeof(t));
	dash_done(d);
	/* the six figures of the first paint and the instant of the next
	 * deadline in one round trip (a pipeline) */
	const char *pw[7], *pb[7], *pt[7], *pc[7], *pe[7];
	params(&a, "week", sev, pw);
	memcpy(pb, pw, sizeof(pw));
	memcpy(pt, pw, sizeof(pw));
	memcpy(pc, pw, sizeof(pw));
	memcpy(pe, pw, sizeof(pw));
	pb[2] = "severity";
	pt[2] = "team";
	pc[2] = "customer";
	pe[2] = "total";
	const char *q[5];
	oldest_params(&a.filter, DASH_TOP, osev, top, q);
	static const char top_sql[] =
		"SELECT * FROM report_sla($1::date, $2::date, $3, $4, $5, $6::int, $7, 10)";
	/* the next deadline of an open ticket (tickets_open_next_due_idx:
	 * one index probe), whatever the filters: the view reads again then */
	static const char next_sql[] =
		"SELECT ceil(extract(epoch FROM min(t.next_due) - tt_now()) * 1000)::bigint AS ms"
		"  FROM tickets t WHERE t.is_open AND t.next_due > tt_now()";
	const struct db_stmt stmts[7] = {
		{ report_sql[REPORT_SLA], 7, pw, NULL },
		{ report_sql[REPORT_BACKLOG], 7, pb, NULL },
		{ top_sql, 7, pt, NULL },
		{ top_sql, 7, pc, NULL },
		{ report_sql[REPORT_ESCALATIONS], 7, pe, NULL },
		{ report_sql[REPORT_OLDEST], 5, q, NULL },
		{ next_sql, 0, NULL, NULL },
	};
	PGresult *res[7];
	if ((rc = db_query_many(db, 7, stmts, res, err)))
		goto out;
	for (int i = 0; i < 7; i++) {
		table_from(res[i], &t[i]);
		PQclear(res[i]);
	}

	fill_weeks(d, &t[0]);
	for (size_t r = 0; r < t[1].nrows && d->nbacklog < 4; r++) {
		struct dash_backlog *b = &d->backlog[d->nbacklog++];
		static const char *const bands[DASH_BANDS] = { "age_0d", "age_1_2d", "age_3_6d", "age_7_27d",
							       "age_28d_plus" };
		b->severity = (int)ll(&t[1], r, "key");
		b->name = dup(&t[1], r, "name");
		b->total = ll(&t[1], r, "total");
		for (int i = 0; i < DASH_BANDS; i++)
			b->band[i] = ll(&t[1], r, bands[i]);
	}
	fill_groups(d->teams, &d->nteams, &t[2]);
	fill_groups(d->customers, &d->ncustomers, &t[3]);
	static const char *const lv[3] = { "csm", "coo", "ceo" };
	for (int l = 0; l < 3; l++) {
		char col[32];
		snprintf(col, sizeof(col), "%s_open", lv[l]);
		d->levels[l].open = ll(&t[4], 0, col);
		snprintf(col, sizeof(col), "%s_oldest_secs", lv[l]);
		d->levels[l].oldest_secs = report_cell(&t[4], 0, col) ? ll(&t[4], 0, col) : -1;
	}
	for (size_t r = 0; r < t[5].nrows && d->noldest < DASH_TOP; r++) {
		struct dash_ticket *o = &d->oldest[d->noldest++];
		o->id = ll(&t[5], r, "id");
		o->severity = (int)ll(&t[5], r, "severity");
		o->severity_name = dup(&t[5], r, "severity_name");
		o->customer = dup(&t[5], r, "customer");
		o->status = dup(&t[5], r, "status");
		o->sla_state = dup(&t[5], r, "sla_state");
		o->title = dup(&t[5], r, "title");
		o->age_secs = ll(&t[5], r, "age_secs");
	}
	d->next_due_ms = report_cell(&t[6], 0, "ms") ? ll(&t[6], 0, "ms") : -1;
out:
	for (int i = 0; i < 7; i++)
		report_table_done(&t[i]);
	free(team);
	return rc;
}
