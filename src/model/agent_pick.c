/* The assignee and hand-over pickers' rows (see model/agent_pick.h). */
#include "model/agent_pick.h"

#include <stdio.h>
#include <string.h>

#include "db/conn.h"
#include "util/xalloc.h"

/* Fills `out` from a statement of login, name, team, role rows. */
static int fill(struct db *db, const char *sql, int nparams, const char *const *params,
		struct intake_choices *out, struct tt_error *err)
{
	memset(out, 0, sizeof(*out));
	PGresult *res = db_query(db, sql, nparams, params, err);
	if (!res)
		return err->code;
	out->n = (size_t)PQntuples(res);
	out->items = xcalloc(out->n ? out->n : 1, sizeof(*out->items));
	for (size_t i = 0; i < out->n; i++) {
		struct intake_choice *c = &out->items[i];
		c->value = xstrdup(PQgetvalue(res, (int)i, 0));
		c->label = xstrdup(PQgetvalue(res, (int)i, 1));
		c->note = xstrdup(PQgetvalue(res, (int)i, 2));
		c->help = xstrdup(PQgetvalue(res, (int)i, 3));
		c->usable = true;
	}
	PQclear(res);
	return 0;
}

int agent_assignable(struct db *db, struct intake_choices *out, struct tt_error *err)
{
	return fill(db,
		"SELECT a.login::text, a.display_name, coalesce(t.name, ''), a.role::text"
		"  FROM ticketty.agents a LEFT JOIN ticketty.teams t ON t.id = a.team_id"
		" WHERE a.active AND a.role NOT IN ('pm', 'developer')"
		" ORDER BY a.display_name, a.login", 0, NULL, out, err);
}

int agent_level_holders(struct db *db, int level, struct intake_choices *out, struct tt_error *err)
{
	char lvl[16];
	snprintf(lvl, sizeof(lvl), "%d", level);
	const char *p[1] = { lvl };
	return fill(db,
		"SELECT a.login::text, a.display_name, coalesce(t.name, ''), a.role::text"
		"  FROM ticketty.agents a LEFT JOIN ticketty.teams t ON t.id = a.team_id"
		"  JOIN ticketty.escalation_levels l ON l.key = a.role::text"
		" WHERE a.active AND l.level = $1::smallint"
		" ORDER BY a.display_name, a.login", 1, p, out, err);
}
