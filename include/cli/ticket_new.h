/* `ticketty ticket new --json FILE|- | --set key=value ...`: file a ticket
 * from the command line; prints the new ticket id. Dispatched by the
 * `ticket` command group. */
#ifndef TICKETTY_CLI_TICKET_NEW_H
#define TICKETTY_CLI_TICKET_NEW_H

#include "app.h"

/* argv[0] == "new". */
int cli_ticket_new(struct app *app, int argc, char **argv);

#endif
