/* `ticketty admin team list [--json]`, `admin team add KEY --name NAME`,
 * `admin team set KEY FIELD=VALUE ...` and `admin team deactivate KEY`:
 * the desk's teams, dispatched by cli/admin.c. */
#ifndef TICKETTY_CLI_ADMIN_TEAMS_H
#define TICKETTY_CLI_ADMIN_TEAMS_H

#include "app.h"

/* argv[0] == "team", argv[1] == "list" | "add" | "set" | "deactivate". */
int cli_admin_team(struct app *app, int argc, char **argv);

#endif
