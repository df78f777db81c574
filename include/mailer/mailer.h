/* ticketty-mail's two commands, the mail transport (DESIGN.md section
 * 10): `mail send` hands the outbox to the MTA, `mail receive` stores
 * one message an MTA pipes in. argv[0] is "send" or "receive"; the exit
 * code is the command's (sysexits: 75 asks an MTA to try again later).
 * Implemented in src/mailer/send.c and receive.c; `ticketty mail send`
 * and `mail receive` come here through cli/mail_handoff.h. */
#ifndef TICKETTY_MAILER_MAILER_H
#define TICKETTY_MAILER_MAILER_H

#include "app.h"

int mailer_send(struct app *app, int argc, char **argv);
int mailer_receive(struct app *app, int argc, char **argv);

#endif
