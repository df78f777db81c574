/* `ticketty collaborator add|remove|list ID [LOGIN]`. */
#ifndef TICKETTY_CLI_COLLAB_H
#define TICKETTY_CLI_COLLAB_H

#include "app.h"

int cli_collaborator(struct app *app, int argc, char **argv);

#endif
