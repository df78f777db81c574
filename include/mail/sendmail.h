/* Handing a message to the local MTA through the sendmail interface: the
 * configured command (mail.sendmail, default SENDMAIL_DEFAULT) is run by
 * /bin/sh with the message on its standard input. */
#ifndef TICKETTY_MAIL_SENDMAIL_H
#define TICKETTY_MAIL_SENDMAIL_H

#include <stddef.h>

#include "util/error.h"

#define SENDMAIL_DEFAULT "/usr/sbin/sendmail -t -oi"

/* 0 when the command took the message (exit status 0); else 75 with err
 * naming the exit status or signal and the first line it printed. */
int sendmail_pipe(const char *command, const char *data, size_t len, struct tt_error *err);

#endif
