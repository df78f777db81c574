/* `ticketty mail send` and `mail receive` hand over to ticketty-mail
 * (src/mailer), the mail transport in a program of its own: the one
 * linked with GMime, GLib and libxml2, whose loading would otherwise slow
 * the start of every other ticketty command. */
#ifndef TICKETTY_CLI_MAIL_HANDOFF_H
#define TICKETTY_CLI_MAIL_HANDOFF_H

#include "app.h"

/* The helper's file name; it is looked for beside the running binary
 * (in the PATH only when /proc does not say where that is). */
#define MAILER_PROGRAM "ticketty-mail"

/* argv = "mail", "send"|"receive", its options: runs ticketty-mail in
 * this process (exec) with the global options this one was given, so it
 * reads the same stdin and its exit code is the command's. Returns only
 * when it cannot be run: said on stderr, 75 for `receive` (the MTA keeps
 * the message and retries), 69 for `send`. */
int cli_mail_handoff(struct app *app, int argc, char **argv);

#endif
