/* `ticketty db ...`: apply migrations, show the schema version, load demo data. */
#include "cli/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include "cli/cli.h"
#include "db/backfill.h"
#include "db/migrate.h"
#include "db/selfcheck.h"
#include "model/seed.h"
#include "util/i18n.h"

static const char usage[] = "db migrate | db version | db seed-demo [--tickets N] [--seed S] [--timing]";

/* Runs the security self-check after `db migrate` / `db version` and says
 * how it went: on stdout when it passed or could not run, as the error
 * (EX_CONFIG, one line per problem) when it found something. Not on the
 * private database (`ticketty local`): its one login is the server's
 * superuser and, by the demo data, an agent, which the check exists to
 * refuse on a shared desk; there it listed over a thousand lines and
 * failed every migrate of a one-person desk. */
static int report_selfcheck(const struct app *app, struct db *db)
{
	struct tt_error err;
	bool ran;

	if (app->local) {
		printf("%s\n", _("security self-check: not run on the private database (its login is the superuser)"));
		return 0;
	}
	tt_error_init(&err);
	if (selfcheck_run(db, &ran, &err))
		return cli_fail(&err);
	if (ran)
		printf("%s\n", _("security self-check: no problems"));
	else
		printf("%s\n", _("security self-check: not run (only the schema owner or a superuser may)"));
	return 0;
}

/* A long backfill says how far it is, on standard error, every few
 * seconds (the first time after a few seconds: a small desk hears
 * nothing). */
struct backfill_said {
	time_t start, last;
};

static void backfill_progress(long long left, void *arg)
{
	struct backfill_said *said = arg;
	time_t now = time(NULL);
	if (now - said->start < 5 || now - said->last < 10)
		return;
	said->last = now;
	fprintf(stderr, _("ticketty: bringing the stored search words up to date, about %lld tickets left\n"), left);
}

static int db_migrate(struct app *app)
{
	struct tt_error err;
	struct db *db;
	int applied = 0, version = 0;
	bool functions = false;
	struct backfill_said said = { time(NULL), 0 };

	tt_error_init(&err);
	if (app_db_unchecked(app, &db, &err) || migrate_apply(db, &applied, &functions, &err) ||
	    migrate_backfill(db, backfill_progress, &said, &err) || migrate_current(db, &version, &err))
		return cli_fail(&err);
	if (applied)
		printf(ngettext("applied %d migration; schema is at version %d\n",
				"applied %d migrations; schema is at version %d\n", applied),
		       applied, version);
	else if (functions)
		printf(_("defined the SQL functions again (sql/functions changed); "
			 "schema is at version %d\n"), version);
	else
		printf(_("schema is up to date at version %d\n"), version);
	return report_selfcheck(app, db);
}

static int db_version(struct app *app)
{
	struct tt_error err;
	struct db *db;
	int version = 0;

	tt_error_init(&err);
	if (app_db_unchecked(app, &db, &err) || migrate_current(db, &version, &err))
		return cli_fail(&err);
	printf(_("database schema %d, this ticketty knows %d\n"), version, migrate_latest_known());
	return report_selfcheck(app, db);
}

static bool parse_long(const char *s, long min, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < min)
		return false;
	*out = v;
	return true;
}

static int db_seed(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "tickets", required_argument, NULL, 't' },
		{ "seed", required_argument, NULL, 's' },
		{ "timing", no_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 },
	};
	struct seed_options so = { .tickets = 500, .seed = 1, .me = NULL, .timing = NULL };
	struct tt_error err;
	struct db *db;
	int c;

	struct cli_seen seen = { 0 };
	optind = 0;
	opterr = 0;
	while ((c = cli_getopt(argc, argv, "+", opts, "", &seen)) != -1) {
		if (c == CLI_OPT_TWICE)
			return cli_given_twice(usage, seen.twice);
		if (c == '?' || c == ':')
			return cli_bad_option(usage, &seen);
		if (c == 't' && parse_long(optarg, 0, &so.tickets))
			continue;
		if (c == 's' && parse_long(optarg, 0, &so.seed))
			continue;
		if (c == 'T') {
			so.timing = stderr;  /* each step's duration, for profiling */
			continue;
		}
		if (c == 't' || c == 's')
			return cli_usage(usage, _("'%s' is not a valid number"), optarg);
		return cli_usage(usage, _("unknown option or missing value: %s"), argv[optind - 1]);
	}
	if (optind < argc)
		return cli_usage(usage, _("unexpected argument '%s'"), argv[optind]);
	tt_error_init(&err);
	if (app_db(app, &db, &err) || seed_demo(db, &so, &err))
		return cli_fail(&err);
	printf(_("demo data loaded: %ld tickets (seed %ld)\n"), so.tickets, so.seed);
	return 0;
}

int cli_db(struct app *app, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(usage, "%s", _("which db command?"));
	bool migrate = !strcmp(argv[1], "migrate"), version = !strcmp(argv[1], "version");
	/* a known command with something after it is named as what is wrong,
	 * not taken for an unknown command */
	if ((migrate || version) && argc > 2)
		return cli_usage(usage, _("unexpected argument '%s'"), argv[2]);
	if (migrate)
		return db_migrate(app);
	if (version)
		return db_version(app);
	if (!strcmp(argv[1], "seed-demo"))
		return db_seed(app, argc - 1, argv + 1);
	return cli_usage(usage, _("unknown db command '%s'"), argv[1]);
}
