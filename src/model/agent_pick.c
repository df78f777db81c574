/* The assignee, hand-over and collaborator pickers' rows (see
 * model/agent_pick.h). */
#include "model/agent_pick.h"

#include <stdio.h>
#include <string.h>

#include "db/conn.h"
#include "util/xalloc.h"

/* The active agents of the assignee picker (level NULL: every role but
 * pm, developer and mail, the mail gateway) or of the hand-over picker (the role of the level,
 * but not $2, the escalation's holder: it holds it already). */
static const char choices_sql[] =
	"SELECT a.login::text, a.display_name, coalesce(t.name, ''), a.role::text"
	"  FROM ticketty.agents a LEFT JOIN ticketty.teams t ON t.id = a.team_id"
	" WHERE a.active AND CASE WHEN $1::smallint IS NULL THEN a.role::text NOT IN ('pm', 'developer', 'mail')"
	"       ELSE a.role::text = (SELECT l.key FROM ticketty.escalation_levels l"
	"                             WHERE l.level = $1::smallint) END"
	"   AND a.login::text IS DISTINCT FROM $2::text"
	" ORDER BY a.display_name, a.login";

/* Fills `out` with the rows of sql (login, name, team, role) for its n
 * parameters p. */
static int fill(struct db *db, const char *sql, int n, const char *const *p,
		struct intake_choices *out, struct tt_error *err)
{
	memset(out, 0, sizeof(*out));
	PGresult *res = db_query(db, sql, n, p, err);
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
	const char *p[2] = { NULL, NULL };
	return fill(db, choices_sql, 2, p, out, err);
}

/* Every active agent, of any role but the mail gateway's, but those
 * following ticket $1. */
static const char collab_sql[] =
	"SELECT a.login::text, a.display_name, coalesce(t.name, ''), a.role::text"
	"  FROM ticketty.agents a LEFT JOIN ticketty.teams t ON t.id = a.team_id"
	" WHERE a.active AND a.role::text <> 'mail' AND NOT EXISTS (SELECT 1 FROM ticketty.ticket_collaborators c"
	"                                 WHERE c.ticket_id = $1::bigint AND c.agent_id = a.id)"
	" ORDER BY a.display_name, a.login";

int agent_collaborator_candidates(struct db *db, long long ticket, struct intake_choices *out,
				  struct tt_error *err)
{
	char id[24];
	snprintf(id, sizeof(id), "%lld", ticket);
	const char *p[1] = { id };
	return fill(db, collab_sql, 1, p, out, err);
}

int agent_level_holders(struct db *db, int level, const char *holder, struct intake_choices *out,
			struct tt_error *err)
{
	char lvl[16];
	snprintf(lvl, sizeof(lvl), "%d", level);
	const char *p[2] = { lvl, holder && *holder ? holder : NULL };
	return fill(db, choices_sql, 2, p, out, err);
}

char *agent_display_name(struct db *db, const char *login, struct tt_error *err)
{
	const char *p[1] = { login };
	return db_scalar(db, "SELECT display_name FROM ticketty.agents WHERE login = $1", 1, p, err);
}
