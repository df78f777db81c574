/* `ticketty inbox list|show|accept|ask|refuse|discard` (the mail inbox)
 * and `ticketty attachment get|list`. */
#ifndef TICKETTY_CLI_INBOX_H
#define TICKETTY_CLI_INBOX_H

#include "app.h"

int cli_inbox(struct app *app, int argc, char **argv);
/* Every form of `ticketty inbox` in full, " | " between forms (its --help). */
extern const char cli_inbox_forms[];
int cli_attachment(struct app *app, int argc, char **argv);
/* Every form of `ticketty attachment` in full, " | " between forms (its --help). */
extern const char cli_attachment_forms[];

#endif
