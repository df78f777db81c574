/* `ticketty admin policy show [--json]` and `ticketty admin policy load FILE`:
 * the business calendar and SLA targets. The `admin` group (src/cli/admin.c)
 * dispatches here. */
#ifndef TICKETTY_CLI_ADMIN_POLICY_H
#define TICKETTY_CLI_ADMIN_POLICY_H

#include "app.h"

/* argv[0] == "policy"; argv[1] is "show" or "load". */
int cli_admin_policy(struct app *app, int argc, char **argv);

#endif
