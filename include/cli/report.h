/* `ticketty report sla|backlog|escalations|oldest`: the dashboard's
 * figures and its oldest open tickets as text, JSON or CSV (DESIGN.md §12). */
#ifndef TICKETTY_CLI_REPORT_H
#define TICKETTY_CLI_REPORT_H

#include "app.h"

/* argv[0] == "report"; argv[1] is sla, backlog, escalations or oldest. */
int cli_report(struct app *app, int argc, char **argv);
/* Every form of `ticketty report` in full, " | " between forms (its --help). */
extern const char cli_report_forms[];

#endif
