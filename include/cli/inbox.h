/* `ticketty inbox list|show|accept|ask|refuse|discard` (the mail inbox)
 * and `ticketty attachment get|list`. */
#ifndef TICKETTY_CLI_INBOX_H
#define TICKETTY_CLI_INBOX_H

#include "app.h"

int cli_inbox(struct app *app, int argc, char **argv);
int cli_attachment(struct app *app, int argc, char **argv);

#endif
