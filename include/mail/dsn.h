/* Reading a delivery report (RFC 3464) with GMime: the Message-ID of the
 * message that failed (the returned message/rfc822 or text/rfc822-headers
 * part, else the report's last References entry), the first recipient
 * whose Action is "failed", its Status, and the MTA's reason (the
 * Diagnostic-Code, else the words the report's text sets beside or under
 * that address). Used by mime_parse (parse.c). */
#ifndef TICKETTY_MAIL_DSN_H
#define TICKETTY_MAIL_DSN_H

#include <gmime/gmime.h>
#include <stdbool.h>

#include "mail/mime.h"
#include "mail/part.h"

/* True when msg reports a failed delivery: *b gets the recipient, status
 * and reason (not its message_id), *id the failed message's Message-ID
 * as GMime gives it (no angle brackets; NULL when the report returns
 * neither the message nor its headers; g_free it). False, *b zeroed and
 * *id NULL, for any other mail. The report's fields are parsed within
 * the mail's budget (mime_message_from). */
bool dsn_read(GMimeMessage *msg, GMimeParserOptions *opts, struct mime_budget *budget, struct mail_bounce *b,
	      char **id);
void dsn_done(struct mail_bounce *b);

#endif
