/* Escalation queries and steps: the only place with escalation SQL. */
#include "model/escalation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "model/prepared.h"
#include "model/ticket.h"
#include "util/i18n.h"
#include "util/rows.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

/* The calling agent, read once; whether it holds a row and may act on it
 * follows escalation_holds() (250_escalation_hand_over.sql) and
 * escalation_may_act() (040), set-based: its recorded holder (`me` is an
 * active agent), or the role of the level (holds: exactly; may act: at
 * or above). */
#define ME_CTE \
	"me AS (" \
	"  SELECT a.id, ticketty.escalation_rank(a.role) AS rank FROM ticketty.agents a" \
	"   WHERE a.login = session_user AND a.active" \
	")"

/* A live escalation e of level v.level that passes the filter: only the
 * caller's ($2), or only those holding every word of $4 (NULL: all) in
 * the ticket's title, the customer's name, the holder's name or login or
 * the level's reason (the words a row of view 2 shows). */
#define LIVE_WHERE \
	"e.state IN ('open', 'acknowledged') AND e.level = v.level" \
	"     AND (NOT $2::boolean OR EXISTS (" \
	"          SELECT 1 FROM me" \
	"           WHERE e.holder_id = me.id OR (e.level > 1 AND me.rank = e.level)))" \
	"     AND ($4::text IS NULL OR NOT EXISTS (" \
	"          SELECT 1 FROM regexp_split_to_table(lower($4::text), '\\s+') w(word)" \
	"           WHERE w.word <> '' AND strpos((" \
	"                 SELECT lower(concat_ws(E'\\n', ft.title, fc.name, fh.display_name, fh.login, e.reason))" \
	"                   FROM ticketty.tickets ft" \
	"                   JOIN ticketty.customers fc ON fc.id = ft.customer_id" \
	"                   LEFT JOIN ticketty.agents fh ON fh.id = e.holder_id" \
	"                  WHERE ft.id = e.ticket_id), w.word) = 0))"

/* The levels v.level the list takes: every one ($1 NULL) or the one of key $1. */
#define LEVEL_TAKEN \
	"($1::text IS NULL" \
	"      OR v.level = (SELECT lv.level FROM ticketty.escalation_levels lv WHERE lv.key = $1::text))"

/* The key's instant ($7, microseconds since the epoch), exactly. */
#define KEY_AT \
	"('epoch'::timestamptz + ($7::bigint / 1000000) * interval '1 second'" \
	" + ($7::bigint % 1000000) * interval '1 microsecond')"

/* The live escalations of a page: $3 of them from the key ($5 level,
 * $6 severity, $7 raised_at, $8 id) on, highest level first and, within
 * a level, the most severe ticket first, oldest first; by keyset on
 * escalations_live_list_idx (level DESC, ticket_severity, raised_at, id),
 * never OFFSET. A row comparison cannot mix DESC and ASC, so each level
 * is its own index scan (level = v.level, then (ticket_severity,
 * raised_at, id) past the key on the key's level and from the start on
 * the levels after it), each stopped at the LIMIT: a page reads at most
 * three times its rows, wherever it starts. FORWARD: levels 3, 2, 1 from
 * the key ($5 = 4: the first page); BACKWARD: before the key, nearest
 * first, levels 1, 2, 3 ($5 = 0: the last page). */
#define LIVE_CTE(values, level_cmp, op, sev0, at0, id0, inner, outer) \
	"WITH " ME_CTE ", live AS (" \
	"  SELECT p.* FROM (VALUES " values ") v(level)" \
	"  CROSS JOIN LATERAL (" \
	"    SELECT e.*, e.ticket_severity AS sev FROM ticketty.escalations e" \
	"     WHERE " LIVE_WHERE \
	"       AND (e.ticket_severity, e.raised_at, e.id) " op " (" \
	"           CASE WHEN v.level = $5::int THEN $6::int ELSE " sev0 " END," \
	"           CASE WHEN v.level = $5::int THEN " KEY_AT " ELSE " at0 "::timestamptz END," \
	"           CASE WHEN v.level = $5::int THEN $8::bigint ELSE " id0 " END)" \
	"     ORDER BY " inner " LIMIT $3::int) p" \
	"   WHERE v.level " level_cmp " $5::int AND " LEVEL_TAKEN \
	"   ORDER BY " outer " LIMIT $3::int" \
	")"
#define FORWARD \
	LIVE_CTE("(3), (2), (1)", "<=", ">", "0", "'-infinity'", "0", \
		 "e.ticket_severity, e.raised_at, e.id", "p.level DESC, p.sev, p.raised_at, p.id")
#define BACKWARD \
	LIVE_CTE("(1), (2), (3)", ">=", "<", "32767", "'infinity'", "9223372036854775807", \
		 "e.ticket_severity DESC, e.raised_at DESC, e.id DESC", \
		 "p.level, p.sev DESC, p.raised_at DESC, p.id DESC")

/* How many the list holds at each level it takes: the rollup the
 * database keeps (160) for the whole list, else (mine, words) counted up
 * to $3 a level on the same index. */
static const char count_sql[] =
	"WITH " ME_CTE
	" SELECT v.level, CASE WHEN NOT $2::boolean AND $4::text IS NULL"
	"   THEN coalesce((SELECT r.live FROM ticketty.escalation_rollup r WHERE r.level = v.level), 0)"
	"   ELSE (SELECT count(*) FROM (SELECT 1 FROM ticketty.escalations e"
	"          WHERE " LIVE_WHERE " LIMIT $3::int) c) END AS live"
	"  FROM (VALUES (1), (2), (3)) v(level)"
	" WHERE " LEVEL_TAKEN;

/* l.mine and l.can_act of a live row l. */
#define MINE \
	"coalesce(l.holder_id = me.id OR (l.level > 1 AND me.rank = l.level), false)"
#define CAN_ACT \
	"coalesce(l.holder_id = me.id OR me.rank >= l.level, false)"

/* The live rows joined with every escalation row of the same round (the
 * chain): one output row per step. The live row's own columns are worked
 * out and sent on its own step only (x.id = l.id; state is never NULL
 * there), where esc_list_load takes them: computed and sent on every step
 * they were half the cost of a reload of view 2 (1,500 rows at 1M). */
#define SELF(expr) "CASE WHEN x.id = l.id THEN " expr " END"
/* How long step x's holder had it: from when the level came to them (its
 * last hand-over, else when it was reached) to its end (passed up or
 * resolved: resolved_at) or now. The live row's own age (age) is the
 * level's, from when it was reached: the list's order. */
#define STEP_AGE \
	"extract(epoch FROM coalesce(x.resolved_at, n.now) - coalesce(x.held_since, x.raised_at))::bigint"
#define LIST_SQL(cte) \
	cte \
	"SELECT l.ticket_id, l.id AS escalation_id, l.level, " \
	SELF("l.state::text") " AS state, " SELF("t.severity") " AS severity, " \
	SELF("s.name") " AS severity_name, " \
	SELF("coalesce(ticketty.ticket_sla_state(t, n.now), '')") " AS sla_state, " \
	SELF("c.name") " AS customer, " SELF("t.title") " AS title, " \
	SELF("coalesce(h.display_name, '')") " AS holder, " \
	SELF("coalesce(h.login::text, '')") " AS holder_login, " \
	SELF("r.display_name") " AS raised_by, " SELF("l.reason") " AS reason, " \
	SELF("extract(epoch FROM n.now - l.raised_at)::bigint") " AS age, " \
	SELF(MINE) " AS mine, " SELF(CAN_ACT) " AS can_act, " \
	/* its place in the order: the key of the next page */ \
	SELF("l.sev") " AS key_sev, " \
	SELF("(extract(epoch FROM l.raised_at) * 1000000)::bigint") " AS raised_us," \
	"       x.level AS x_level, x.state::text AS x_state," \
	"       coalesce(xh.display_name, '') AS x_holder, xr.display_name AS x_raised_by," \
	"       x.reason AS x_reason, coalesce(x.resolution_note, '') AS x_note," \
	"       " STEP_AGE " AS x_age" \
	"  FROM live l" \
	"  CROSS JOIN (SELECT ticketty.tt_now() AS now OFFSET 0) n"   /* read once: OFFSET 0 keeps it a subquery */ \
	"  JOIN ticketty.tickets t ON t.id = l.ticket_id" \
	"  JOIN ticketty.customers c ON c.id = t.customer_id" \
	"  JOIN ticketty.severities s ON s.level = t.severity" \
	"  LEFT JOIN me ON true" \
	"  LEFT JOIN ticketty.agents h ON h.id = l.holder_id" \
	"  JOIN ticketty.agents r ON r.id = l.raised_by" \
	"  JOIN ticketty.escalations x ON x.ticket_id = l.ticket_id AND x.round = l.round" \
	"  LEFT JOIN ticketty.agents xh ON xh.id = x.holder_id" \
	"  JOIN ticketty.agents xr ON xr.id = x.raised_by" \
	" ORDER BY l.level DESC, l.sev, l.raised_at, l.id, x.level";
static const char list_sql[] = LIST_SQL(FORWARD);
static const char list_back_sql[] = LIST_SQL(BACKWARD);

/* One page for `ticketty escalations --json`: {"escalations": [...],
 * "next": the cursor of the page's last when more follow, else null}.
 * $3 is the page plus one: whether more follow. */
static const char json_sql[] =
	"SELECT ticketty.json_safe_text(json_build_object("
	"  'escalations', coalesce(json_agg(q.obj ORDER BY q.rn) FILTER (WHERE q.rn < $3::int), '[]'::json),"
	"  'next', CASE WHEN count(*) >= $3::int THEN (array_agg(q.cursor ORDER BY q.rn))[$3::int - 1] END)::text)"
	"  FROM (" FORWARD
	" SELECT row_number() OVER (ORDER BY l.level DESC, l.sev, l.raised_at, l.id) AS rn,"
	"  concat_ws('.', l.level, l.sev, (extract(epoch FROM l.raised_at) * 1000000)::bigint, l.id) AS cursor,"
	"  json_build_object("
	"  'ticket', l.ticket_id, 'escalation', l.id, 'level', l.level, 'level_key', lk.key,"
	"  'state', l.state, 'severity', t.severity, 'sla_state', ticketty.ticket_sla_state(t, n.now),"
	"  'customer', c.name, 'title', t.title, 'holder', h.login, 'raised_by', r.login,"
	"  'reason', l.reason, 'raised_at', l.raised_at,"
	"  'age_seconds', extract(epoch FROM n.now - l.raised_at)::bigint, 'mine', " MINE ","
	"  'can_act', " CAN_ACT ","
	"  'chain', (SELECT json_agg(json_build_object("
	"       'level', x.level, 'state', x.state, 'holder', xh.login, 'raised_by', xr.login,"
	"       'reason', x.reason, 'raised_at', x.raised_at,"
	"       'held_since', coalesce(x.held_since, x.raised_at), 'age_seconds', " STEP_AGE ","
	"       'acknowledged_at', x.acknowledged_at,"
	"       'resolved_at', x.resolved_at, 'note', x.resolution_note) ORDER BY x.level)"
	"     FROM ticketty.escalations x"
	"     LEFT JOIN ticketty.agents xh ON xh.id = x.holder_id"
	"     JOIN ticketty.agents xr ON xr.id = x.raised_by"
	"    WHERE x.ticket_id = l.ticket_id AND x.round = l.round), 'round', l.round) AS obj"
	"  FROM live l"
	"  CROSS JOIN (SELECT ticketty.tt_now() AS now OFFSET 0) n"
	"  JOIN ticketty.escalation_levels lk ON lk.level = l.level"
	"  JOIN ticketty.tickets t ON t.id = l.ticket_id"
	"  JOIN ticketty.customers c ON c.id = t.customer_id"
	"  LEFT JOIN me ON true"
	"  LEFT JOIN ticketty.agents h ON h.id = l.holder_id"
	"  JOIN ticketty.agents r ON r.id = l.raised_by) q";

int esc_level_from_key(const char *key)
{
	static const char *const keys[] = { "csm", "coo", "ceo" };
	for (int i = 0; key && i < 3; i++)
		if (!strcmp(key, keys[i]))
			return i + 1;
	return 0;
}

const char *esc_level_short(int level)
{
	static const char *const names[] = { "", N_("CSM"), N_("COO"), N_("CEO") };
	return level >= 1 && level <= 3 ? _(names[level]) : "";
}

const char *esc_level_key(int level)
{
	static const char *const keys[] = { "", "csm", "coo", "ceo" };
	return level >= 1 && level <= 3 ? keys[level] : "";
}

void esc_list_init(struct esc_list *l)
{
	memset(l, 0, sizeof(*l));
}

static void step_done(struct esc_step *s)
{
	free(s->state);
	free(s->holder);
	free(s->raised_by);
	free(s->reason);
	free(s->note);
}

static void item_done(void *p)
{
	struct esc_item *it = p;
	free(it->state);
	free(it->severity_name);
	free(it->sla_state);
	free(it->customer);
	free(it->title);
	free(it->holder);
	free(it->holder_login);
	free(it->raised_by);
	free(it->reason);
	for (size_t i = 0; i < it->nchain; i++)
		step_done(&it->chain[i]);
	free(it->chain);
}

void esc_list_done(struct esc_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		item_done(&l->items[i]);
	free(l->items);
	esc_list_init(l);
}

void esc_list_drop_front(struct esc_list *l, size_t count)
{
	rows_drop_front(l->items, &l->n, sizeof(*l->items), count, item_done);
}

void esc_list_truncate(struct esc_list *l, size_t count)
{
	rows_truncate(l->items, &l->n, sizeof(*l->items), count, item_done);
}

void esc_list_prepend(struct esc_list *dst, struct esc_list *src)
{
	dst->items = rows_prepend(dst->items, &dst->n, src->items, src->n, sizeof(*src->items));
	src->n = 0;
	esc_list_done(src);
}

static const char *val(const PGresult *res, int row, const char *name)
{
	int c = PQfnumber(res, name);
	return c < 0 || PQgetisnull(res, row, c) ? "" : PQgetvalue(res, row, c);
}

/* The statement's parameters: $1 level key, $2 mine, $3 the rows to
 * read, $4 the words (NULL: none), $5..$8 the key (level, severity,
 * raised_at in µs, id). Texts in buf. */
struct esc_params {
	const char *p[8];
	char buf[5][24];
};

static void filter_params(const struct esc_filter *f, int rows, const struct esc_key *k,
			  struct esc_params *ps)
{
	snprintf(ps->buf[0], sizeof(ps->buf[0]), "%d", rows);
	snprintf(ps->buf[1], sizeof(ps->buf[1]), "%d", k->level);
	snprintf(ps->buf[2], sizeof(ps->buf[2]), "%d", k->severity);
	snprintf(ps->buf[3], sizeof(ps->buf[3]), "%lld", k->raised_us);
	snprintf(ps->buf[4], sizeof(ps->buf[4]), "%lld", k->id);
	ps->p[0] = f && f->level ? esc_level_key(f->level) : NULL;
	ps->p[1] = f && f->mine ? "true" : "false";
	ps->p[2] = ps->buf[0];
	ps->p[3] = f && f->words && !text_blank(f->words) ? f->words : NULL;
	for (int i = 0; i < 4; i++)
		ps->p[4 + i] = ps->buf[1 + i];
}

/* The columns of list_sql, looked up once per result (not per cell). */
enum list_col {
	L_TICKET, L_EID, L_LEVEL, L_STATE, L_SEV, L_SEV_NAME, L_SLA, L_CUSTOMER, L_TITLE, L_HOLDER,
	L_HOLDER_LOGIN, L_RAISED_BY, L_REASON, L_AGE, L_MINE, L_CAN_ACT, L_KEY_SEV, L_RAISED_US,
	L_X_LEVEL, L_X_STATE, L_X_HOLDER, L_X_RAISED_BY, L_X_REASON, L_X_NOTE, L_X_AGE, L_NCOLS
};
static const char *const list_cols[L_NCOLS] = {
	"ticket_id", "escalation_id", "level", "state", "severity", "severity_name", "sla_state",
	"customer", "title", "holder", "holder_login", "raised_by", "reason", "age", "mine",
	"can_act", "key_sev", "raised_us", "x_level", "x_state", "x_holder", "x_raised_by",
	"x_reason", "x_note", "x_age"
};

static const char *cell(const PGresult *res, int row, int col)
{
	return col < 0 || PQgetisnull(res, row, col) ? "" : PQgetvalue(res, row, col);
}

/* An item whose own step did not come (it always does: the live row is in
 * its round) still gets empty strings, never NULL. */
static void item_blanks(struct esc_item *it)
{
	char **s[] = { &it->state, &it->severity_name, &it->sla_state, &it->customer, &it->title,
		       &it->holder, &it->holder_login, &it->raised_by, &it->reason };
	for (size_t i = 0; i < sizeof(s) / sizeof(*s); i++)
		if (!*s[i])
			*s[i] = xstrdup("");
}

/* The items of a list_sql result (in list order) appended to out. */
static void fill(PGresult *res, struct esc_list *out)
{
	size_t cap = out->n;
	int c[L_NCOLS];
	for (int i = 0; i < L_NCOLS; i++)
		c[i] = PQfnumber(res, list_cols[i]);
	for (int r = 0; r < PQntuples(res); r++) {
		long long eid = atoll(cell(res, r, c[L_EID]));
		struct esc_item *it = out->n ? &out->items[out->n - 1] : NULL;
		if (!it || it->escalation_id != eid) {
			out->items = xgrow(out->items, &cap, out->n + 1, sizeof(*out->items));
			it = &out->items[out->n++];
			memset(it, 0, sizeof(*it));
			it->escalation_id = eid;
			it->ticket_id = atoll(cell(res, r, c[L_TICKET]));
			it->level = atoi(cell(res, r, c[L_LEVEL]));
		}
		if (c[L_STATE] >= 0 && !PQgetisnull(res, r, c[L_STATE])) {   /* its own step */
			it->state = xstrdup(cell(res, r, c[L_STATE]));
			it->severity = atoi(cell(res, r, c[L_SEV]));
			it->severity_name = xstrdup(cell(res, r, c[L_SEV_NAME]));
			it->sla_state = xstrdup(cell(res, r, c[L_SLA]));
			it->customer = xstrdup(cell(res, r, c[L_CUSTOMER]));
			it->title = xstrdup(cell(res, r, c[L_TITLE]));
			it->holder = xstrdup(cell(res, r, c[L_HOLDER]));
			it->holder_login = xstrdup(cell(res, r, c[L_HOLDER_LOGIN]));
			it->raised_by = xstrdup(cell(res, r, c[L_RAISED_BY]));
			it->reason = xstrdup(cell(res, r, c[L_REASON]));
			it->age_secs = atol(cell(res, r, c[L_AGE]));
			it->mine = cell(res, r, c[L_MINE])[0] == 't';
			it->can_act = cell(res, r, c[L_CAN_ACT])[0] == 't';
			it->key_severity = atoi(cell(res, r, c[L_KEY_SEV]));
			it->raised_us = atoll(cell(res, r, c[L_RAISED_US]));
		}
		it->chain = xrealloc(it->chain, (it->nchain + 1) * sizeof(*it->chain));
		struct esc_step *s = &it->chain[it->nchain++];
		s->level = atoi(cell(res, r, c[L_X_LEVEL]));
		s->state = xstrdup(cell(res, r, c[L_X_STATE]));
		s->holder = xstrdup(cell(res, r, c[L_X_HOLDER]));
		s->raised_by = xstrdup(cell(res, r, c[L_X_RAISED_BY]));
		s->reason = xstrdup(cell(res, r, c[L_X_REASON]));
		s->note = xstrdup(cell(res, r, c[L_X_NOTE]));
		s->age_secs = atol(cell(res, r, c[L_X_AGE]));
	}
	for (size_t i = 0; i < out->n; i++)
		item_blanks(&out->items[i]);
}

/* The counts of count_sql into out. */
static void fill_counts(PGresult *res, struct esc_list *out)
{
	memset(out->level_live, 0, sizeof(out->level_live));
	out->live_total = 0;
	for (int r = 0; r < PQntuples(res); r++) {
		int level = atoi(PQgetvalue(res, r, 0));
		long n = atol(PQgetvalue(res, r, 1));
		if (level >= 1 && level <= 3) {
			out->level_live[level] = n;
			out->live_total += n;
		}
	}
}

struct esc_key esc_item_key(const struct esc_item *it)
{
	return (struct esc_key){ it->level, it->key_severity, it->raised_us, it->escalation_id };
}

int esc_list_page(struct db *db, const struct esc_filter *f, enum esc_from from,
		  const struct esc_key *key, int limit, bool count, struct esc_list *out,
		  struct tt_error *err)
{
	struct esc_params page, counts;
	struct esc_key k = { 0, 0, 0, 0 };
	bool back = from == ESC_LAST || from == ESC_BEFORE;

	if (from == ESC_FIRST)
		k.level = ESC_TOP_LEVEL + 1;     /* before every level */
	else if (from != ESC_LAST)
		k = *key;                        /* ESC_LAST: level 0, after every level */
	if (from == ESC_AT)
		k.id--;                          /* ids are whole numbers: at = after the one before */
	filter_params(f, limit > 0 ? limit : 0, &k, &page);
	/* view 2 reads them on every move past its window: planned once per
	 * connection; the counts come in the same round trip */
	struct db_stmt s[2] = {
		{ back ? list_back_sql : list_sql, 8, page.p, back ? "tt_esc_list_back" : "tt_esc_list" },
	};
	if (count) {
		filter_params(f, ESC_COUNT_CAP + 1, &k, &counts);
		s[1] = (struct db_stmt){ count_sql, 4, counts.p, "tt_esc_count" };
	}
	PGresult *r[2] = { NULL, NULL };
	if (db_query_many(db, count ? 2 : 1, s, r, err))
		return err->code;
	long live[4];
	long total = out->live_total;
	memcpy(live, out->level_live, sizeof(live));
	esc_list_done(out);
	fill(r[0], out);
	PQclear(r[0]);
	if (count) {
		fill_counts(r[1], out);
		PQclear(r[1]);
	} else {
		memcpy(out->level_live, live, sizeof(live));
		out->live_total = total;
	}
	return 0;
}

int esc_list_load(struct db *db, const struct esc_filter *f, struct esc_list *out,
		  struct tt_error *err)
{
	int limit = f && f->limit > 0 && f->limit < ESC_LIST_MAX ? f->limit : ESC_LIST_MAX;
	int rc = esc_list_page(db, f, ESC_FIRST, NULL, limit, true, out, err);
	out->limit = limit;
	return rc;
}

long esc_list_waiting(const struct esc_list *l, int level)
{
	return level >= 1 && level <= 3 ? l->level_live[level] : 0;
}

int esc_list_json(struct db *db, const struct esc_filter *f, const struct esc_key *after, int limit,
		  char **json, struct tt_error *err)
{
	struct esc_params ps;
	struct esc_key k = { ESC_TOP_LEVEL + 1, 0, 0, 0 };

	filter_params(f, limit + 1, after ? after : &k, &ps);
	PGresult *res = db_query(db, json_sql, 8, ps.p, err);
	if (!res)
		return err->code;
	*json = xstrdup(PQntuples(res) ? PQgetvalue(res, 0, 0) : "{}");
	PQclear(res);
	return 0;
}

void esc_key_format(const struct esc_key *k, struct strbuf *out)
{
	sb_addf(out, "%d.%d.%lld.%lld", k->level, k->severity, k->raised_us, k->id);
}

/* "LEVEL.SEV.RAISED_US.ID", the form esc_key_format writes. */
bool esc_key_parse(const char *s, struct esc_key *k)
{
	long long v[4];

	if (!text_parse_dotted(s, v, 4))
		return false;
	if (v[0] < 1 || v[0] > ESC_TOP_LEVEL || v[1] < 1 || v[1] > 4 || v[3] <= 0)
		return false;
	*k = (struct esc_key){ (int)v[0], (int)v[1], v[2], v[3] };
	return true;
}

void esc_result_init(struct esc_result *r)
{
	memset(r, 0, sizeof(*r));
}

void esc_result_done(struct esc_result *r)
{
	free(r->state);
	free(r->holder);
	esc_result_init(r);
}

/* Runs one api_* step (its row as `e`) and reads back level, state, holder. */
static int step(struct db *db, const char *sql, int n, const char *const *params,
		struct esc_result *out, struct tt_error *err)
{
	PGresult *res = db_exec(db, sql, n, params, err);
	if (!res) {
		ticket_name_held(db, params[0], NULL, err);   /* every step's first value is the ticket */
		return err->code;
	}
	esc_result_done(out);
	if (PQntuples(res) == 1) {
		out->level = atoi(val(res, 0, "level"));
		out->state = xstrdup(val(res, 0, "state"));
		out->holder = xstrdup(val(res, 0, "holder"));
	}
	PQclear(res);
	return 0;
}

#define STEP_SELECT(call)                                                         \
	"SELECT e.level, e.state::text AS state, coalesce(h.display_name, '') AS holder" \
	"  FROM " call " e LEFT JOIN ticketty.agents h ON h.id = e.holder_id"

int esc_raise(struct db *db, long long ticket, const char *reason, struct esc_result *res,
	      struct tt_error *err)
{
	return esc_raise_at(db, ticket, -1, reason, res, err);
}

int esc_raise_at(struct db *db, long long ticket, int expected_version, const char *reason,
		 struct esc_result *res, struct tt_error *err)
{
	char id[24], v[16];
	snprintf(id, sizeof(id), "%lld", ticket);
	snprintf(v, sizeof(v), "%d", expected_version);
	const char *p[3] = { id, reason, expected_version < 0 ? NULL : v };
	return step(db, STEP_SELECT("ticketty.api_escalate($1::bigint, $2::text, $3::int)"), 3, p, res,
		    err);
}

int esc_step_at(struct db *db, enum esc_step_kind kind, long long ticket, int expected_version,
		const char *text, const char *login, struct esc_result *res, struct tt_error *err)
{
	char id[24], v[16];
	snprintf(id, sizeof(id), "%lld", ticket);
	snprintf(v, sizeof(v), "%d", expected_version);
	const char *version = expected_version < 0 ? NULL : v;
	switch (kind) {
	case ESC_STEP_ACK: {
		const char *p[2] = { id, version };
		return step(db, STEP_SELECT("ticketty.api_escalation_ack($1::bigint, $2::int)"), 2, p, res,
			    err);
	}
	case ESC_STEP_RESOLVE: {
		const char *p[3] = { id, text, version };
		return step(db, STEP_SELECT("ticketty.api_escalation_resolve($1::bigint, $2::text, $3::int)"),
			    3, p, res, err);
	}
	case ESC_STEP_UP: {
		const char *p[3] = { id, text, version };
		return step(db, STEP_SELECT("ticketty.api_escalation_up($1::bigint, $2::text, $3::int)"), 3,
			    p, res, err);
	}
	case ESC_STEP_HAND: {
		const char *p[4] = { id, login, text, version };
		return step(db,
			    STEP_SELECT("ticketty.api_escalation_hand($1::bigint, $2::text, $3::text, $4::int)"),
			    4, p, res, err);
	}
	}
	return tt_error_set(err, EX_SOFTWARE, "unknown escalation step %d", (int)kind);
}

int esc_ack(struct db *db, long long ticket, struct esc_result *res, struct tt_error *err)
{
	return esc_step_at(db, ESC_STEP_ACK, ticket, -1, NULL, NULL, res, err);
}

int esc_resolve(struct db *db, long long ticket, const char *note, struct esc_result *res,
		struct tt_error *err)
{
	return esc_step_at(db, ESC_STEP_RESOLVE, ticket, -1, note, NULL, res, err);
}

int esc_up(struct db *db, long long ticket, const char *reason, struct esc_result *res,
	   struct tt_error *err)
{
	return esc_step_at(db, ESC_STEP_UP, ticket, -1, reason, NULL, res, err);
}

int esc_hand(struct db *db, long long ticket, const char *login, const char *reason,
	     struct esc_result *res, struct tt_error *err)
{
	return esc_step_at(db, ESC_STEP_HAND, ticket, -1, reason, login, res, err);
}

void esc_format_age(long secs, char *buf, size_t size)
{
	if (secs < 60)
		snprintf(buf, size, "%s", _("<1m"));
	else if (secs < 3600)
		snprintf(buf, size, _("%ldm"), secs / 60);
	else if (secs < 86400)
		snprintf(buf, size, _("%ldh %02ldm"), secs / 3600, secs % 3600 / 60);
	else
		snprintf(buf, size, _("%ldd %ldh"), secs / 86400, secs % 86400 / 3600);
}
