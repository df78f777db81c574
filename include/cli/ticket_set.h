/* `ticketty ticket set ID FIELD=VALUE ... --reason TEXT [--version N]
 * [--json]`: re-triage a ticket from the command line. Dispatched by the
 * `ticket` command group. */
#ifndef TICKETTY_CLI_TICKET_SET_H
#define TICKETTY_CLI_TICKET_SET_H

#include "app.h"

/* argv[0] == "set". */
int cli_ticket_set(struct app *app, int argc, char **argv);

#endif
