/* `ticketty report ...`: reports over the tickets (first-response SLA). */
#ifndef TICKETTY_CLI_REPORT_H
#define TICKETTY_CLI_REPORT_H

#include "app.h"

/* argv[0] == "report"; argv[1] is "sla". */
int cli_report(struct app *app, int argc, char **argv);

#endif
