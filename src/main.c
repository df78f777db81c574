/* ticketty: global options, configuration, then either a subcommand or
 * the full-screen interface. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cli/cli.h"
#include "db/migrate.h"
#include "ui/ui.h"
#include "util/i18n.h"

#ifndef TICKETTY_VERSION
#define TICKETTY_VERSION "0.1"
#endif

/* Matches "--name VALUE" or "--name=VALUE"; advances *i past the value. */
static int option_value(int argc, char **argv, int *i, const char *name, const char **value)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n))
		return 0;
	if (argv[*i][n] == '=') {
		*value = argv[*i] + n + 1;
		return 1;
	}
	if (argv[*i][n] != '\0')
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*value = argv[++*i];
	return 1;
}

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

int main(int argc, char **argv)
{
	struct app app;
	struct tt_error err;
	int i, rc;

	app_init(&app);
	tt_error_init(&err);
	i18n_init(NULL);
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		int m;
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else if ((m = option_value(argc, argv, &i, "--config", &app.config_arg))) {
			if (m < 0)
				return cli_usage(NULL, "%s", _("--config needs a file name"));
		} else if ((m = option_value(argc, argv, &i, "--db", &app.db_arg))) {
			if (m < 0)
				return cli_usage(NULL, "%s", _("--db needs a connection string"));
		} else if (!strcmp(argv[i], "--no-color")) {
			app.no_color = true;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			cli_print_help(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--version")) {
			printf("ticketty %s (schema %d)\n", TICKETTY_VERSION, migrate_latest_known());
			return 0;
		} else {
			cli_print_help(stderr);
			return cli_usage(NULL, _("unknown option '%s'"), argv[i]);
		}
	}
	if ((rc = conf_load(&app.cfg, app.config_arg, &err))) {
		rc = cli_fail(&err);
		tt_error_clear(&err);
		app_done(&app);
		return rc;
	}
	if (app.cfg.language)
		i18n_init(app.cfg.language);
	const char *no_color = getenv("NO_COLOR");
	if ((no_color && *no_color) || !app.cfg.color)
		app.no_color = true;

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
		} else {
			rc = cmd->run(&app, argc - i, argv + i);
		}
	}
	fflush(stdout);
	app_done(&app);
	return rc;
}
