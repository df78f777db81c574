/* `ticketty sla ...`: due instants of a target and the explanation of a
 * ticket's deadlines. */
#ifndef TICKETTY_CLI_SLA_H
#define TICKETTY_CLI_SLA_H

#include "app.h"

/* argv[0] == "sla"; argv[1] is "due" or "explain". */
int cli_sla(struct app *app, int argc, char **argv);
/* Every form of `ticketty sla` in full, " | " between forms (its --help). */
extern const char cli_sla_forms[];

#endif
