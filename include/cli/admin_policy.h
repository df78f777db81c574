/* `ticketty admin policy show [--json]`, `ticketty admin policy load FILE`
 * and `ticketty admin policy reapply`: the business calendar and SLA
 * targets, and the open tickets' deadlines moved to them. The `admin` group (src/cli/admin.c)
 * dispatches here. */
#ifndef TICKETTY_CLI_ADMIN_POLICY_H
#define TICKETTY_CLI_ADMIN_POLICY_H

#include "app.h"

/* argv[0] == "policy"; argv[1] is "show", "load" or "reapply". */
int cli_admin_policy(struct app *app, int argc, char **argv);

#endif
