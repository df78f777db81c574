/* The assignee picker's rows (see model/agent_pick.h). */
#include "model/agent_pick.h"

#include <string.h>

#include "db/conn.h"
#include "util/xalloc.h"

int agent_assignable(struct db *db, struct intake_choices *out, struct tt_error *err)
{
	memset(out, 0, sizeof(*out));
	PGresult *res = db_query(db,
		"SELECT a.login::text, a.display_name, coalesce(t.name, ''), a.role::text"
		"  FROM ticketty.agents a LEFT JOIN ticketty.teams t ON t.id = a.team_id"
		" WHERE a.active AND a.role NOT IN ('pm', 'developer')"
		" ORDER BY a.display_name, a.login", 0, NULL, err);
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
