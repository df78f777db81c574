/* `ticketty mail send|receive|status|policy|notifications` (the mail
 * channel, DESIGN.md section 10) and `ticketty admin template ...`. */
#ifndef TICKETTY_CLI_MAIL_H
#define TICKETTY_CLI_MAIL_H

#include "app.h"

int cli_mail(struct app *app, int argc, char **argv);
/* Every form of `ticketty mail` in full, " | " between forms (its --help). */
extern const char cli_mail_forms[];
/* argv[0] == "template" (called by `admin`). */
int cli_admin_template(struct app *app, int argc, char **argv);

#endif
