/* `ticketty ticket import [FILE|-] [--refused FILE]`: file many tickets
 * from JSON Lines, one ticket object a line; prints "LINE TICKET" for
 * each line taken in. Dispatched by the `ticket` command group. */
#ifndef TICKETTY_CLI_TICKET_IMPORT_H
#define TICKETTY_CLI_TICKET_IMPORT_H

#include "app.h"

/* argv[0] == "import". */
int cli_ticket_import(struct app *app, int argc, char **argv);

#endif
