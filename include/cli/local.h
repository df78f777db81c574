/* `ticketty local start|status|stop`: the private database cluster. */
#ifndef TICKETTY_CLI_LOCAL_H
#define TICKETTY_CLI_LOCAL_H

#include "app.h"

int cli_local(struct app *app, int argc, char **argv);

#endif
