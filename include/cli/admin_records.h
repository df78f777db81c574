/* `ticketty admin customer|contact set|deactivate ...` and `admin audit`:
 * records that change and the log of who changed what (dispatched by
 * cli/admin.c); `ticketty contacts list CUSTOMER` for every agent. */
#ifndef TICKETTY_CLI_ADMIN_RECORDS_H
#define TICKETTY_CLI_ADMIN_RECORDS_H

#include <stdbool.h>

#include "app.h"

/* True when `admin WHAT VERB` is one of these commands. */
bool cli_admin_records_handles(const char *what, const char *verb);
/* argv[0] == WHAT ("customer" | "contact"), argv[1] == VERB. */
int cli_admin_records(struct app *app, int argc, char **argv);
/* The team agent `login` belongs to now (0: none), read before a change
 * for cli_admin_warn_team_left_alone. */
struct db;
long long cli_admin_agent_team(struct db *db, const char *login);
/* After an agent left team `team_id` (deactivated, or moved to another
 * team): when that team, still active, has open tickets and no active
 * agent left, says so on stderr (the tickets wait in a queue nobody
 * works, and its request types still route new ones there). Says nothing
 * when team_id is 0 or the check fails. */
void cli_admin_warn_team_left_alone(struct db *db, long long team_id);
/* argv[0] == "audit": admin audit [--limit N] [--json]. */
int cli_admin_audit(struct app *app, int argc, char **argv);
/* argv[0] == "contacts": contacts list CUSTOMER [--json]. */
int cli_contacts(struct app *app, int argc, char **argv);

#endif
