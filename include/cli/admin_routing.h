/* `ticketty admin request-type list [--json]` and `admin request-type set
 * KEY FIELD=VALUE ...`: where each request type goes (a team or the
 * account representative), dispatched by cli/admin.c. */
#ifndef TICKETTY_CLI_ADMIN_ROUTING_H
#define TICKETTY_CLI_ADMIN_ROUTING_H

#include "app.h"

/* argv[0] == "request-type", argv[1] == "list" | "set". */
int cli_admin_request_type(struct app *app, int argc, char **argv);

#endif
