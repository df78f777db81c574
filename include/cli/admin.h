/* `ticketty admin customer|contact|agent ...`: running the desk (adding
 * customers, contacts and agents; listing them), and `admin policy ...`
 * handed on to cli/admin_policy.c when it is built in. */
#ifndef TICKETTY_CLI_ADMIN_H
#define TICKETTY_CLI_ADMIN_H

#include "app.h"

int cli_admin(struct app *app, int argc, char **argv);
/* Every form of `ticketty admin` in full, " | " between forms (its --help). */
extern const char cli_admin_forms[];

#endif
