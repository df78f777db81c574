/* Who is calling: the active agent behind the connection's login role
 * (session_user), as every API function in the database sees it. */
#ifndef TICKETTY_MODEL_AGENT_H
#define TICKETTY_MODEL_AGENT_H

#include <stdbool.h>

#include "util/error.h"

struct db;

struct agent_info {
	long id;
	char *login;        /* owned */
	char *display_name; /* owned */
	char *role;         /* agent_role key: engineer, csm, coo, ceo, pm, developer, admin, mail */
};

void agent_info_init(struct agent_info *a);
void agent_info_done(struct agent_info *a);

/* Fills *out with the active agent whose login is session_user. Returns 0,
 * or 77 (EX_NOPERM) with a clear message when the login is no agent, is
 * deactivated, or may not read the schema; 69 when the database is gone. */
int agent_whoami(struct db *db, struct agent_info *out, struct tt_error *err);

/* The checks of a fresh session in one round trip: the applied schema
 * versions (*versions, owned by the caller, "{1,2,...}"), the digest of
 * the function files applied (*functions, owned by the caller), whether the
 * baseline clock tt_now() exists (*baseline), the active agent behind
 * session_user (*out), and the desk's time zone (*zone, owned by the
 * caller: the default calendar's, as desk_zone_load; NULL when none). Returns 0 when the agent was found; 77 when the
 * login is no active agent; any other code when the statement failed (a
 * stranger's login, a database not migrated yet): the caller then runs
 * migrate_check() and agent_whoami() for the precise message. */
int agent_session_probe(struct db *db, struct agent_info *out, char **versions,
			char **functions, bool *baseline, char **zone, struct tt_error *err);
/* True when session_user is a PostgreSQL superuser or the schema's owner
 * (a member of the role that owns schema ticketty, or of the database's
 * owner while there is no schema): who may run the maintenance commands
 * of an empty database before any agent exists, such as a managed
 * server's application role that is no superuser. */
bool agent_is_maintainer(struct db *db);

#endif
