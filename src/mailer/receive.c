/* `ticketty mail receive [--verbose]`, run in ticketty-mail: one message
 * on stdin (an MTA's pipe transport or an MDA), read against the desk's
 * limit on its size, taken apart by GMime and stored whole; 0 stored, 75
 * try again later, 65 never storable. */
#include "mailer/mailer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/mail.h"
#include "mail/mime.h"
#include "model/mail.h"
#include "util/i18n.h"
#include "util/strbuf.h"

/* True when the store refused the message itself (TT400 on the field
 * "message": empty, or larger than the policy allows). */
static bool message_refused(const struct tt_error *err)
{
	if (err->code != EX_DATAERR || strcmp(err->sqlstate, "TT400") || !err->nfields)
		return false;
	for (size_t i = 0; i < err->nfields; i++)
		if (strcmp(err->fields[i].field, "message"))
			return false;
	return true;
}

int mailer_receive(struct app *app, int argc, char **argv)
{
	bool verbose = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v"))
			verbose = true;
		else  /* a transport set up wrong: the MTA keeps the mail and retries
		       * (64 would bounce the customer's mail for the desk's mistake) */
			return cli_usage(cli_mail_forms, _("unexpected argument '%s'"), argv[i]) ? EX_TEMPFAIL : 0;
	}
	struct tt_error err;
	struct strbuf raw;
	tt_error_init(&err);
	sb_init(&raw);
	struct db *db;
	size_t max;
	int rc;
	if ((rc = app_db_configured(app, "mail receive", &db, &err)) || (rc = mail_store_limit(db, &max, &err))) {
		/* the MTA keeps the message and tries again later */
		sb_done(&raw);
		cli_fail(&err);
		return EX_TEMPFAIL;
	}
	/* a mail over the desk's limit is known as it is read: what was kept
	 * of it is let go, the rest only counted, and it is refused as the
	 * store refuses it (65, the MTA bounces it to the sender), neither
	 * parsed nor sent to the database. It was read whole, parsed and
	 * sent first, taking seconds and a gigabyte for a 200 MiB mail. */
	size_t total;
	rc = cli_read_upto(stdin, max < CLI_READ_MAX ? max : CLI_READ_MAX, CLI_READ_MAX, &raw, &total, &err);
	if (!rc && total > raw.len) {
		rc = mail_store_size_check(db, total, &err);
		if (!rc)  /* the limit was raised while it was read */
			rc = tt_error_set(&err, EX_TEMPFAIL, "%s",
					  _("the desk's limit on a message's size changed while the message was read: "
					    "it was not stored, try again"));
		else if (!message_refused(&err))
			rc = EX_TEMPFAIL;
	}
	if (rc) {
		sb_done(&raw);
		cli_fail(&err);
		return rc;
	}
	struct mail_in m;
	struct mail_receipt rec;
	mime_init();
	/* the envelope sender, as Exim's pipe transport and Postfix's
	 * local(8) set it: empty for a bounce (a null sender) */
	mime_parse(raw.buf, raw.len, getenv("SENDER"), &m);
	rc = mail_store(db, raw.buf, raw.len, &m, &rec, &err);
	mail_in_done(&m);
	mime_done();
	sb_done(&raw);
	if (rc) {
		/* only what can never be stored is refused (65): the message
		 * itself, empty or over max_message_bytes (the one field the
		 * store refuses). Anything else, a constraint or a value the
		 * database refuses included, is the desk's trouble, which a fix
		 * mends: the MTA keeps the mail and retries (65 would bounce
		 * it to the customer). */
		int code = message_refused(&err) ? EX_DATAERR : EX_TEMPFAIL;
		cli_fail(&err);
		return code;
	}
	if (verbose) {
		if (rec.id == 0)
			printf("%s\n", _("already stored (a redelivery)"));
		else if (rec.bounced_ticket)
			printf(_("mail %lld: %s, a report that mail of ticket %lld was not delivered\n"), rec.id,
			       i18n_term("mail_state", rec.state), rec.bounced_ticket);
		else if (rec.ticket)
			printf(_("mail %lld: %s, ticket %lld\n"), rec.id, i18n_term("mail_state", rec.state),
			       rec.ticket);
		else
			printf(_("mail %lld: %s\n"), rec.id, i18n_term("mail_state", rec.state));
	}
	return 0;
}
