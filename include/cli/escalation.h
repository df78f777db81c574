/* `ticketty escalate`, `ticketty escalation ack|resolve|up`, `ticketty escalations`. */
#ifndef TICKETTY_CLI_ESCALATION_H
#define TICKETTY_CLI_ESCALATION_H

#include "app.h"

int cli_escalate(struct app *app, int argc, char **argv);
int cli_escalation(struct app *app, int argc, char **argv);
int cli_escalations(struct app *app, int argc, char **argv);

#endif
