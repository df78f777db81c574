/* `ticketty search QUERY [--all] [--customer C] [--limit N] [--json]` and
 * the ticket subcommands of DESIGN.md section 11: `ticket link`,
 * `ticket unlink`, `ticket history` and `ticket similar` (the intake
 * form's duplicate hint). */
#ifndef TICKETTY_CLI_SEARCH_H
#define TICKETTY_CLI_SEARCH_H

#include "app.h"

int cli_search(struct app *app, int argc, char **argv);
/* argv[0] is "link" or "unlink" (from `ticket link ...`). */
int cli_ticket_link(struct app *app, int argc, char **argv);
/* `ticket history ID [--limit N] [--json]` */
int cli_ticket_history(struct app *app, int argc, char **argv);
/* `ticket similar --customer C [--title T] [--object-ids IDS] [--json]` */
int cli_ticket_similar(struct app *app, int argc, char **argv);

#endif
