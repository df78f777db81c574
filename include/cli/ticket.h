/* `ticketty ticket ...`: show a ticket and work it from the command line
 * (ack, reply, note, take, assign, take-next, status, resolve, close,
 * reopen), the twins of the ticket view's actions. */
#ifndef TICKETTY_CLI_TICKET_H
#define TICKETTY_CLI_TICKET_H

#include "app.h"

int cli_ticket(struct app *app, int argc, char **argv);
/* Every form of `ticketty ticket` in full, " | " between forms (its --help). */
extern const char cli_ticket_forms[];

/* `ticket show ID [--json]` (src/cli/ticket_show.c). */
int cli_ticket_show(struct app *app, int argc, char **argv);

#endif
