/* ticketty-mail: the mail transport, `mail send` and `mail receive`, in
 * a program of its own, the only one linked with GMime, GLib and libxml2
 * (ticketty starts faster without them). `ticketty mail send|receive`
 * runs it with its global options; it can be run directly as well:
 *   ticketty-mail [--config FILE] [--db CONNINFO] mail send|receive ... */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "cli/cli.h"
#include "cli/mail.h"
#include "mailer/mailer.h"
#include "util/i18n.h"

/* A usage error's exit code: 75 when the command line is a `mail
 * receive` (an MTA's transport set up wrong keeps the mail and retries,
 * where 64 would bounce the customer's mail for the desk's mistake), as
 * `mail receive` itself answers a wrong argument. */
static int usage_code(int argc, char **argv, int rc)
{
	for (int k = 1; k < argc; k++)
		if (!strcmp(argv[k], "receive"))
			return EX_TEMPFAIL;
	return rc;
}

int main(int argc, char **argv)
{
	struct app app;
	struct tt_error err;
	int i, rc;

	app_init(&app);
	tt_error_init(&err);
	i18n_init(NULL);
	i = 1;
	if (app_options(&app, argc, argv, &i, &err) < 0) {
		rc = cli_usage(cli_mail_forms, "%s", err.message);
		tt_error_clear(&err);
		return usage_code(argc, argv, rc);
	}
	if ((rc = app_configure(&app, &err))) {
		rc = cli_fail(&err);
		app_done(&app);
		return rc;
	}
	/* what ticketty hands over: "mail send ..." or "mail receive ..." */
	const char *verb = i + 1 < argc && !strcmp(argv[i], "mail") ? argv[i + 1] : NULL;
	/* the gateway's two commands: what an agent of role mail may run */
	app.command = "mail";
	if (verb && !strcmp(verb, "send")) {
		app.command = "mail send";
		rc = mailer_send(&app, argc - i - 1, argv + i + 1);
	} else if (verb && !strcmp(verb, "receive")) {
		app.command = "mail receive";
		rc = mailer_receive(&app, argc - i - 1, argv + i + 1);
	} else if (i < argc && argv[i][0] == '-') {
		rc = usage_code(argc, argv, cli_usage(cli_mail_forms, _("unknown option '%s'"), argv[i]));
	} else {
		rc = usage_code(argc, argv, cli_usage(cli_mail_forms, "%s",
						      _("ticketty-mail runs `mail send` and `mail receive`")));
	}
	fflush(stdout);
	app_done(&app);
	return rc;
}
