/* `ticketty local ...`: start, inspect and stop the private PostgreSQL
 * cluster that ticketty runs when no database is configured. These act on
 * the private cluster even when --db or database.conninfo names another. */
#include "cli/local.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "db/local.h"
#include "util/i18n.h"

static const char usage[] = "local start | local status | local stop";

static int print_status(struct local_cluster *lc, struct tt_error *err)
{
	struct strbuf out;
	bool running = false;
	int rc;

	sb_init(&out);
	rc = local_status(lc, &running, &out, err);
	if (!rc)
		fputs(out.buf, stdout);
	sb_done(&out);
	if (rc)
		return cli_fail(err);
	return running ? 0 : EX_UNAVAILABLE;
}

static int local_cmd_start(struct app *app, struct local_cluster *lc, struct tt_error *err)
{
	struct db *db;
	if (app_db_private(app, &db, err))
		return cli_fail(err);
	return print_status(lc, err);
}

static int local_cmd_stop(struct local_cluster *lc, struct tt_error *err)
{
	long pid = local_pid(lc);
	if (local_stop(lc, err))
		return cli_fail(err);
	if (pid)
		printf(_("private database stopped (pid %ld)\n"), pid);
	else
		printf("%s\n", _("private database was not running"));
	return 0;
}

int cli_local(struct app *app, int argc, char **argv)
{
	struct local_cluster lc;
	struct tt_error err;
	int rc;

	if (argc != 2)
		return cli_usage(usage, "%s", argc < 2 ? _("which local command?")
							: _("too many arguments"));
	if (strcmp(argv[1], "start") && strcmp(argv[1], "status") && strcmp(argv[1], "stop"))
		return cli_usage(usage, _("unknown local command '%s'"), argv[1]);
	tt_error_init(&err);
	local_init(&lc, app->cfg.data_dir);
	if (!strcmp(argv[1], "start"))
		rc = local_cmd_start(app, &lc, &err);
	else if (!strcmp(argv[1], "stop"))
		rc = local_cmd_stop(&lc, &err);
	else
		rc = print_status(&lc, &err);
	local_done(&lc);
	tt_error_clear(&err);
	return rc;
}
