/* Handing a message to the local MTA through the sendmail interface: the
 * configured command (mail.sendmail, default SENDMAIL_DEFAULT) is run by
 * /bin/sh with the message on its standard input, within a deadline
 * (mail.sendmail_timeout / --sendmail-timeout, default
 * SENDMAIL_TIMEOUT_DEFAULT seconds). */
#ifndef TICKETTY_MAIL_SENDMAIL_H
#define TICKETTY_MAIL_SENDMAIL_H

#include <stddef.h>

#include "util/error.h"

#define SENDMAIL_DEFAULT "/usr/sbin/sendmail -t -oi"
#define SENDMAIL_TIMEOUT_DEFAULT 60   /* seconds */
#define SENDMAIL_TIMEOUT_MAX 3600     /* seconds */

/* 0 when the command took the message (read all of it and exited 0);
 * 65 when it refused the message for good: it exited with one of the
 * sendmail interface's permanent statuses (sysexits: EX_DATAERR 65,
 * EX_NOUSER 67, EX_NOHOST 68), which no retry can mend; 69 when the MTA
 * itself cannot be used: the shell could not find or run the command
 * (status 127 or 126), or it did not finish by the deadline (the next
 * message would fare no better); else 75. err
 * names the exit status or signal and the first line it printed, or the
 * deadline. The command runs in its own process group;
 * when it has not finished timeout_s seconds (1 to SENDMAIL_TIMEOUT_MAX)
 * after it was started, the group gets SIGTERM, then SIGKILL after a
 * short grace, and is reaped before this returns. SIGINT, SIGTERM,
 * SIGHUP and SIGQUIT that arrive meanwhile end the command the same way
 * and are then delivered to the caller. */
int sendmail_pipe(const char *command, const char *data, size_t len, int timeout_s,
		  struct tt_error *err);

#endif
