/* `ticketty db migrate|seed-demo|version`: schema and demo data. */
#ifndef TICKETTY_CLI_DB_H
#define TICKETTY_CLI_DB_H

#include "app.h"

int cli_db(struct app *app, int argc, char **argv);

#endif
