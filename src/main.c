/* ticketty: global options, configuration, then either a subcommand or
 * the full-screen interface. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cli/arg_text.h"
#include "cli/cli.h"
#include "db/migrate.h"
#include "ui/ui.h"
#include "util/i18n.h"

#ifndef TICKETTY_VERSION
#define TICKETTY_VERSION "0.1"
#endif

/* `ticketty help`: every command in outline; `ticketty help NAME`: that
 * command's forms in full. */
static int help(int argc, char **argv)
{
	if (argc < 2) {
		cli_print_help(stdout);
		return 0;
	}
	const struct cli_command *cmd = cli_find(argv[1]);
	if (!cmd) {
		cli_print_help(stderr);
		return cli_usage(NULL, _("unknown command '%s'"), argv[1]);
	}
	return cli_command_help(cmd);
}

/* A command's output that could not be written (a full disk, an output
 * file that went away) fails the command: a script must not take a cut
 * listing, or none, for the whole. 74 when the command itself succeeded. */
static int output_written(int rc)
{
	bool flushed = fflush(stdout) == 0;
	int why = errno;
	if (flushed && !ferror(stdout))
		return rc;
	if (flushed)
		fprintf(stderr, "ticketty: %s\n", _("the output could not be written whole"));
	else
		fprintf(stderr, "ticketty: %s: %s\n", _("the output could not be written whole"), strerror(why));
	return rc ? rc : EX_IOERR;
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
	int ended = app_options(&app, argc, argv, &i, &err);
	if (ended < 0) {
		rc = cli_usage(NULL, "%s", err.message);
		tt_error_clear(&err);
		return rc;
	}
	/* an option no program shares, or else the command */
	if (!ended && i < argc && argv[i][0] == '-') {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			cli_print_help(stdout);
			return output_written(0);
		}
		if (!strcmp(argv[i], "--version")) {
			printf("ticketty %s (schema %d)\n", TICKETTY_VERSION, migrate_latest_known());
			return output_written(0);
		}
		cli_print_help(stderr);
		return cli_usage(NULL, _("unknown option '%s'"), argv[i]);
	}
	if ((rc = app_configure(&app, &err))) {
		rc = cli_fail(&err);
		app_done(&app);
		return rc;
	}

	if (i >= argc) {
		rc = ui_run(&app);
	} else if (!strcmp(argv[i], "help")) {
		rc = help(argc - i, argv + i);
	} else {
		const struct cli_command *cmd = cli_find(argv[i]);
		app.command = argv[i];
		if (!cmd) {
			cli_print_help(stderr);
			rc = cli_usage(NULL, _("unknown command '%s'"), argv[i]);
		} else if (cli_wants_help(argc - i, argv + i)) {
			rc = cli_command_help(cmd);
		} else if (cli_args_text(argc - i, argv + i, &err)) {
			/* a word that is no UTF-8, named before anything is sent */
			rc = cli_fail(&err);
		} else {
			rc = cmd->run(&app, argc - i, argv + i);
		}
	}
	if (i < argc)
		rc = output_written(rc);
	fflush(stdout);
	app_done(&app);
	return rc;
}
