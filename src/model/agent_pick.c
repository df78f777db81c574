/* The assignee and hand-over pickers' rows (see model/agent_pick.h). */
#include "model/agent_pick.h"

#include <stdio.h>
#include <string.h>

#include "db/conn.h"
#include "util/xalloc.h"

/* The active agents of the assignee picker (level NULL: every role but
 * pm and developer) or of the hand-over picker (the role of the level,
 * but not $2, the escalation's holder: it holds it already). */
static const char choices_sql[] =
	"SELECT a.login::text, a.display_name, coalesce(t.name, ''), a.role::text"
	"  FROM ticketty.agents a LEFT JOIN ticketty.teams t ON t.id = a.team_id"
	" WHERE a.active AND CASE WHEN $1::smallint IS NULL THEN a.role NOT IN ('pm', 'developer')"
	"       ELSE a.role::text = (SELECT l.key FROM ticketty.escalation_levels l"
	"                             WHERE l.level = $1::smallint) END"
	"   AND a.login::text IS DISTINCT FROM $2::text"
	" ORDER BY a.display_name, a.login";

/* Fills `out` with the rows of choices_sql for `level` (NULL: assignees)
 * but `except` (NULL: none). */
static int fill(struct db *db, const char *level, const char *except, struct intake_choices *out,
		struct tt_error *err)
{
	memset(out, 0, sizeof(*out));
	const char *p[2] = { level, except };
	PGresult *res = db_query(db, choices_sql, 2, p, err);
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
	return fill(db, NULL, NULL, out, err);
}

int agent_level_holders(struct db *db, int level, const char *holder, struct intake_choices *out,
			struct tt_error *err)
{
	char lvl[16];
	snprintf(lvl, sizeof(lvl), "%d", level);
	return fill(db, lvl, holder && *holder ? holder : NULL, out, err);
}
