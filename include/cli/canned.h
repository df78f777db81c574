/* `ticketty canned list [--lang L] [--json] | canned set KEY --lang L
 * --title T [--body TEXT] | canned remove KEY [--lang L]`: the canned
 * replies (managed by admins and leads; any agent lists them). */
#ifndef TICKETTY_CLI_CANNED_H
#define TICKETTY_CLI_CANNED_H

#include "app.h"

int cli_canned(struct app *app, int argc, char **argv);
/* Every form of `ticketty canned` in full, " | " between forms (its --help). */
extern const char cli_canned_forms[];

#endif
