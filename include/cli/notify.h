/* `ticketty notify pending|mark-sent|mine`: the notifications outbox. */
#ifndef TICKETTY_CLI_NOTIFY_H
#define TICKETTY_CLI_NOTIFY_H

#include "app.h"

int cli_notify(struct app *app, int argc, char **argv);
/* Every form of `ticketty notify` in full, " | " between forms (its --help). */
extern const char cli_notify_forms[];

#endif
