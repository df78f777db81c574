/* Escalation queries and steps: the only place with escalation SQL. */
#include "model/escalation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "model/prepared.h"
#include "model/ticket.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* The live escalations of one level ($1 key, NULL for all), or only the
 * caller's ($2), or only those holding every word of $4 (NULL: all) in
 * the ticket's title, the customer's name, the holder's name or login or
 * the level's reason (the words a row of view 2 shows), highest level
 * first and, within a level, the most severe
 * ticket first, oldest first: read in that order from
 * escalations_live_list_idx (level DESC, ticket_severity, raised_at, id),
 * so the LIMIT stops the scan. `me`, the calling agent, is read once;
 * whether it holds a row and may act on it follows escalation_holds()
 * (250_escalation_hand_over.sql) and escalation_may_act() (040), set-based:
 * its recorded holder (`me` is an active agent), or the role of the level
 * (holds: exactly; may act: at or above). */
#define LIVE_CTE \
	"WITH me AS (" \
	"  SELECT a.id, ticketty.escalation_rank(a.role) AS rank FROM ticketty.agents a" \
	"   WHERE a.login = session_user AND a.active" \
	"), live AS (" \
	"  SELECT e.*, e.ticket_severity AS sev" \
	"    FROM ticketty.escalations e" \
	"   WHERE e.state IN ('open', 'acknowledged')" \
	"     AND ($1::text IS NULL" \
	"          OR e.level = (SELECT lv.level FROM ticketty.escalation_levels lv WHERE lv.key = $1::text))" \
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
	"                  WHERE ft.id = e.ticket_id), w.word) = 0))" \
	"   ORDER BY e.level DESC, e.ticket_severity, e.raised_at, e.id" \
	"   LIMIT $3::int" \
	")"

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
static const char list_sql[] =
	LIVE_CTE
	"SELECT l.ticket_id, l.id AS escalation_id, l.level, "
	SELF("l.state::text") " AS state, " SELF("t.severity") " AS severity, "
	SELF("s.name") " AS severity_name, "
	SELF("coalesce(ticketty.ticket_sla_state(t, n.now), '')") " AS sla_state, "
	SELF("c.name") " AS customer, " SELF("t.title") " AS title, "
	SELF("coalesce(h.display_name, '')") " AS holder, "
	SELF("coalesce(h.login::text, '')") " AS holder_login, "
	SELF("r.display_name") " AS raised_by, " SELF("l.reason") " AS reason, "
	SELF("extract(epoch FROM n.now - l.raised_at)::bigint") " AS age, "
	SELF(MINE) " AS mine, " SELF(CAN_ACT) " AS can_act, "
	/* how many are live at its level and in the list's levels in all,
	 * from the rollup the database keeps (160): the page shows a part */
	SELF("lr.live") " AS level_live, "
	SELF("(SELECT sum(r.live) FROM ticketty.escalation_rollup r"
	     "  WHERE $1::text IS NULL OR r.level = (SELECT lv.level FROM ticketty.escalation_levels lv"
	     "                                        WHERE lv.key = $1::text))") " AS live_total,"
	"       x.level AS x_level, x.state::text AS x_state,"
	"       coalesce(xh.display_name, '') AS x_holder, xr.display_name AS x_raised_by,"
	"       x.reason AS x_reason, coalesce(x.resolution_note, '') AS x_note,"
	"       " STEP_AGE " AS x_age"
	"  FROM live l"
	"  CROSS JOIN (SELECT ticketty.tt_now() AS now OFFSET 0) n"   /* read once: OFFSET 0 keeps it a subquery */
	"  JOIN ticketty.tickets t ON t.id = l.ticket_id"
	"  JOIN ticketty.customers c ON c.id = t.customer_id"
	"  JOIN ticketty.severities s ON s.level = t.severity"
	"  JOIN ticketty.escalation_rollup lr ON lr.level = l.level"
	"  LEFT JOIN me ON true"
	"  LEFT JOIN ticketty.agents h ON h.id = l.holder_id"
	"  JOIN ticketty.agents r ON r.id = l.raised_by"
	"  JOIN ticketty.escalations x ON x.ticket_id = l.ticket_id AND x.round = l.round"
	"  LEFT JOIN ticketty.agents xh ON xh.id = x.holder_id"
	"  JOIN ticketty.agents xr ON xr.id = x.raised_by"
	" ORDER BY l.level DESC, l.sev, l.raised_at, l.id, x.level";

static const char json_sql[] =
	"SELECT ticketty.json_safe_text(("
	LIVE_CTE
	"SELECT coalesce(json_agg(json_build_object("
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
	"    WHERE x.ticket_id = l.ticket_id AND x.round = l.round), 'round', l.round)"
	"  ORDER BY l.level DESC, l.sev, l.raised_at, l.id), '[]')"
	"  FROM live l"
	"  CROSS JOIN (SELECT ticketty.tt_now() AS now OFFSET 0) n"
	"  JOIN ticketty.escalation_levels lk ON lk.level = l.level"
	"  JOIN ticketty.tickets t ON t.id = l.ticket_id"
	"  JOIN ticketty.customers c ON c.id = t.customer_id"
	"  LEFT JOIN me ON true"
	"  LEFT JOIN ticketty.agents h ON h.id = l.holder_id"
	"  JOIN ticketty.agents r ON r.id = l.raised_by"
	")::text)";

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

static void item_done(struct esc_item *it)
{
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

static const char *val(const PGresult *res, int row, const char *name)
{
	int c = PQfnumber(res, name);
	return c < 0 || PQgetisnull(res, row, c) ? "" : PQgetvalue(res, row, c);
}

/* $1 level key, $2 mine, $3 the page size (written into buf), $4 the
 * words (NULL: none); returns the page size. */
static int filter_params(const struct esc_filter *f, const char *params[4], char buf[16])
{
	int limit = f && f->limit > 0 && f->limit < ESC_LIST_MAX ? f->limit : ESC_LIST_MAX;
	snprintf(buf, 16, "%d", limit);
	params[0] = f && f->level ? esc_level_key(f->level) : NULL;
	params[1] = f && f->mine ? "true" : "false";
	params[2] = buf;
	params[3] = f && f->words && !text_blank(f->words) ? f->words : NULL;
	return limit;
}

/* The columns of list_sql, looked up once per result (not per cell). */
enum list_col {
	L_TICKET, L_EID, L_LEVEL, L_STATE, L_SEV, L_SEV_NAME, L_SLA, L_CUSTOMER, L_TITLE, L_HOLDER,
	L_HOLDER_LOGIN, L_RAISED_BY, L_REASON, L_AGE, L_MINE, L_CAN_ACT, L_LEVEL_LIVE, L_LIVE_TOTAL,
	L_X_LEVEL, L_X_STATE, L_X_HOLDER, L_X_RAISED_BY, L_X_REASON, L_X_NOTE, L_X_AGE, L_NCOLS
};
static const char *const list_cols[L_NCOLS] = {
	"ticket_id", "escalation_id", "level", "state", "severity", "severity_name", "sla_state",
	"customer", "title", "holder", "holder_login", "raised_by", "reason", "age", "mine",
	"can_act", "level_live", "live_total", "x_level", "x_state", "x_holder", "x_raised_by",
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

int esc_list_load(struct db *db, const struct esc_filter *f, struct esc_list *out,
		  struct tt_error *err)
{
	const char *params[4];
	char limit[16];
	size_t cap = 0;
	int c[L_NCOLS];

	int page = filter_params(f, params, limit);
	/* view 2 reloads it on every change: planned once per connection */
	PGresult *res = prepared_query(db, "tt_esc_list", list_sql, 4, params, err);
	if (!res)
		return err->code;
	esc_list_done(out);
	out->limit = page;
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
			if (it->level >= 1 && it->level <= 3)
				out->level_live[it->level] = atol(cell(res, r, c[L_LEVEL_LIVE]));
			out->live_total = atol(cell(res, r, c[L_LIVE_TOTAL]));
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
	PQclear(res);
	return 0;
}

long esc_list_waiting(const struct esc_list *l, int level, bool counted)
{
	long count = 0;
	if (!counted)
		return level >= 1 && level <= 3 ? l->level_live[level] : 0;
	for (size_t i = 0; i < l->n; i++)
		count += l->items[i].level == level;
	return count;
}

int esc_list_json(struct db *db, const struct esc_filter *f, char **json, struct tt_error *err)
{
	const char *params[4];
	char limit[16];

	filter_params(f, params, limit);
	PGresult *res = db_query(db, json_sql, 4, params, err);
	if (!res)
		return err->code;
	*json = xstrdup(PQntuples(res) ? PQgetvalue(res, 0, 0) : "[]");
	PQclear(res);
	return 0;
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
		ticket_name_held(params[0], err);   /* every step's first value is the ticket */
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
	char id[24];
	snprintf(id, sizeof(id), "%lld", ticket);
	const char *p[2] = { id, reason };
	return step(db, STEP_SELECT("ticketty.api_escalate($1::bigint, $2::text)"), 2, p, res, err);
}

int esc_ack(struct db *db, long long ticket, struct esc_result *res, struct tt_error *err)
{
	char id[24];
	snprintf(id, sizeof(id), "%lld", ticket);
	const char *p[1] = { id };
	return step(db, STEP_SELECT("ticketty.api_escalation_ack($1::bigint)"), 1, p, res, err);
}

int esc_resolve(struct db *db, long long ticket, const char *note, struct esc_result *res,
		struct tt_error *err)
{
	char id[24];
	snprintf(id, sizeof(id), "%lld", ticket);
	const char *p[2] = { id, note };
	return step(db, STEP_SELECT("ticketty.api_escalation_resolve($1::bigint, $2::text)"), 2, p,
		    res, err);
}

int esc_up(struct db *db, long long ticket, const char *reason, struct esc_result *res,
	   struct tt_error *err)
{
	char id[24];
	snprintf(id, sizeof(id), "%lld", ticket);
	const char *p[2] = { id, reason };
	return step(db, STEP_SELECT("ticketty.api_escalation_up($1::bigint, $2::text)"), 2, p, res,
		    err);
}

int esc_hand(struct db *db, long long ticket, const char *login, const char *reason,
	     struct esc_result *res, struct tt_error *err)
{
	char id[24];
	snprintf(id, sizeof(id), "%lld", ticket);
	const char *p[3] = { id, login, reason };
	return step(db, STEP_SELECT("ticketty.api_escalation_hand($1::bigint, $2::text, $3::text)"), 3,
		    p, res, err);
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
