/* The calling agent: maps session_user to the agents table. */
#include "model/agent.h"

#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "util/i18n.h"
#include "util/xalloc.h"

void agent_info_init(struct agent_info *a)
{
	memset(a, 0, sizeof(*a));
}

void agent_info_done(struct agent_info *a)
{
	free(a->login);
	free(a->display_name);
	free(a->role);
	agent_info_init(a);
}

static int not_an_agent(struct db *db, struct tt_error *err)
{
	tt_error_clear(err);
	tt_error_set(err, EX_NOPERM,
		     _("database role \"%s\" is not an active ticketty agent"), db_user(db));
	/* a deactivated agent may not read the schema either, so both are said */
	err->hint = xstrdup(_("An administrator adds it (ticketty admin agent add LOGIN ...) or, if it was "
			      "deactivated, turns it back on (ticketty admin agent set LOGIN active=yes)."));
	return EX_NOPERM;
}

int agent_whoami(struct db *db, struct agent_info *out, struct tt_error *err)
{
	/* a role outside ticketty_agent and ticketty_mail cannot even ask:
	 * ask first (the mail gateway asks session_agent_row, sql/972, as
	 * it reads no table; a schema before it has the table only) */
	char *may = db_scalar(db,
		"SELECT CASE WHEN NOT pg_catalog.has_schema_privilege('ticketty', 'USAGE') THEN 'n'"
		"  WHEN coalesce(pg_catalog.has_function_privilege("
		"         pg_catalog.to_regprocedure('ticketty.session_agent_row()')::oid, 'EXECUTE'), false) THEN 'f'"
		"  WHEN pg_catalog.has_table_privilege('ticketty.agents', 'SELECT') THEN 't' ELSE 'n' END",
		0, NULL, err);
	if (!may)
		return err->code ? err->code : not_an_agent(db, err);
	char how = may[0];
	free(may);
	if (how == 'n')
		return not_an_agent(db, err);

	PGresult *res = db_query(db, how == 'f'
		? "SELECT a.id, a.login, a.display_name, a.role FROM ticketty.session_agent_row() a"
		: "SELECT a.id, a.login, a.display_name, a.role FROM ticketty.agents a"
		  " WHERE a.id = ticketty.session_agent_id()", 0, NULL, err);
	if (!res)
		return err->code;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return not_an_agent(db, err);
	}
	agent_info_done(out);
	out->id = atol(PQgetvalue(res, 0, 0));
	out->login = xstrdup(PQgetvalue(res, 0, 1));
	out->display_name = xstrdup(PQgetvalue(res, 0, 2));
	out->role = xstrdup(PQgetvalue(res, 0, 3));
	PQclear(res);
	return 0;
}

int agent_session_probe(struct db *db, struct agent_info *out, char **versions,
			char **functions, bool *baseline, char **zone, struct tt_error *err)
{
	*versions = NULL;
	*functions = NULL;
	*zone = NULL;
	*baseline = false;
	/* raises for a login that may not read the schema, or on a database
	 * not migrated yet: the caller then runs the detailed checks */
	PGresult *res = db_query(db,
		"SELECT pg_catalog.to_regprocedure('ticketty.tt_now()') IS NOT NULL,"
		" (SELECT pg_catalog.array_agg(m.version ORDER BY m.version)"
		"    FROM ticketty.schema_migrations m)::text,"
		" a.id, a.login, a.display_name, a.role,"
		" (SELECT c.time_zone FROM ticketty.calendars c WHERE c.is_default),"
		" (SELECT f.digest FROM ticketty.schema_functions f)"
		/* the session's agent through a function: the mail gateway's
		 * logins (role mail) read no table but these (sql/972) */
		" FROM (SELECT) one LEFT JOIN ticketty.session_agent_row() a ON true",
		0, NULL, err);
	if (!res)
		return err->code ? err->code : EX_SOFTWARE;
	int rc = 0;
	if (PQntuples(res) != 1 || PQgetisnull(res, 0, 2)) {
		rc = not_an_agent(db, err);
	} else {
		agent_info_done(out);
		out->id = atol(PQgetvalue(res, 0, 2));
		out->login = xstrdup(PQgetvalue(res, 0, 3));
		out->display_name = xstrdup(PQgetvalue(res, 0, 4));
		out->role = xstrdup(PQgetvalue(res, 0, 5));
	}
	if (PQntuples(res) == 1) {
		*baseline = !strcmp(PQgetvalue(res, 0, 0), "t");
		*versions = xstrdup(PQgetvalue(res, 0, 1));
		if (!PQgetisnull(res, 0, 6))
			*zone = xstrdup(PQgetvalue(res, 0, 6));
		*functions = xstrdup(PQgetvalue(res, 0, 7));
	}
	PQclear(res);
	return rc;
}

bool agent_is_maintainer(struct db *db)
{
	struct tt_error err;
	tt_error_init(&err);
	char *v = db_scalar(db,
		"SELECT coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = session_user), false)"
		"       OR coalesce(pg_catalog.pg_has_role(session_user, o.owner, 'MEMBER'), false)"
		"  FROM (SELECT coalesce((SELECT n.nspowner FROM pg_catalog.pg_namespace n WHERE n.nspname = 'ticketty'),"
		"                        (SELECT d.datdba FROM pg_catalog.pg_database d"
		"                          WHERE d.datname = pg_catalog.current_database())) AS owner) o",
		0, NULL, &err);
	bool super = v && v[0] == 't';
	free(v);
	tt_error_clear(&err);
	return super;
}
