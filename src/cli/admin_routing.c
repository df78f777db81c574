/* `admin request-type list [--json]`: each request type and where it
 * goes; `admin request-type add KEY --name NAME (--team TEAM |
 * --account-rep) [--ui-related] [--example TEXT]` puts a new one last on
 * the intake form; `admin request-type set KEY FIELD=VALUE ...` (name,
 * example, team=KEY, account_rep=yes|no, ui_related=yes|no) changes one
 * for the next intake. add and set print the type's id, and say when
 * the team the type now goes to has no active agent (its tickets would
 * wait in a queue nobody works). */
#include "cli/admin_routing.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "model/routing.h"
#include "model/team.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static const char usage[] =
	"admin request-type list [--json] | "
	"admin request-type add KEY --name NAME (--team TEAM | --account-rep) [--ui-related] [--example TEXT] | "
	"admin request-type set KEY FIELD=VALUE ..."
	" (name=NAME, example=TEXT, team=KEY, account_rep=yes|no, ui_related=yes|no)";
static const char usage_add[] =
	"admin request-type add KEY --name NAME (--team TEAM | --account-rep) [--ui-related] [--example TEXT]";

/* After a request type was routed to team `key`: a warning on stderr
 * when no active agent belongs to it. The change stands either way. */
static void warn_if_unstaffed(struct db *db, const char *key)
{
	struct team_row *rows = NULL;
	int n = 0;
	struct tt_error err;
	tt_error_init(&err);
	if (team_list(db, NULL, &rows, &n, &err) == 0)
		for (int i = 0; i < n; i++)
			if (!strcmp(rows[i].key, key) && rows[i].agents == 0)
				fprintf(stderr, _("ticketty: warning: team %s has no active agent: its tickets wait"
						  " until one joins it (admin agent set LOGIN team=%s)\n"),
					key, key);
	team_list_free(rows, n);
	tt_error_clear(&err);
}

/* The team=KEY among set's FIELD=VALUE words, or NULL. */
static const char *team_given(int argc, char **argv)
{
	for (int i = 3; i < argc; i++)
		if (!strncmp(argv[i], "team=", 5) && argv[i][5])
			return argv[i] + 5;
	return NULL;
}

static int list(struct app *app, int argc, char **argv)
{
	bool json = argc == 3 && !strcmp(argv[2], "--json");
	if (argc > 2 && !json)
		return cli_usage(usage, _("unexpected argument '%s'"), argv[2]);
	struct request_type_row *rows = NULL;
	struct tt_error err;
	struct db *db;
	char *text = NULL;
	int n = 0;
	tt_error_init(&err);
	if (app_db(app, &db, &err) ||
	    request_type_list(db, json ? &text : NULL, json ? NULL : &rows, &n, &err))
		return cli_fail(&err);
	if (json) {
		printf("%s\n", text);
		free(text);
		return 0;
	}
	const char *head[] = { _("KEY"), _("REQUEST TYPE"), _("GOES TO"), _("SCREENSHOTS") };
	const int cap[] = { 0, 30, 30, 0 };
	struct cli_table *t = cli_table_new(4, head, cap);
	for (int i = 0; i < n; i++) {
		const struct request_type_row *r = &rows[i];
		const char *row[] = { r->key, i18n_db(r->name),
				      r->account_rep ? _("the account representative") : i18n_db(r->team_name),
				      r->ui_related ? _("required") : "-" };
		cli_table_add(t, row);
	}
	cli_table_print(t, stdout);
	cli_table_free(t);
	request_type_list_free(rows, n);
	return 0;
}

static int add(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "team", required_argument, NULL, 't' },
		{ "account-rep", no_argument, NULL, 'r' },
		{ "ui-related", no_argument, NULL, 'u' },
		{ "example", required_argument, NULL, 'e' },
		{ NULL, 0, NULL, 0 },
	};
	struct request_type_new t = { 0 };
	struct cli_seen seen = { 0 };
	int o;
	/* argv[0] is "add": getopt reads from argv[1] on */
	optind = 0;
	while ((o = cli_getopt(argc, argv, ":", opts, "", &seen)) != -1) {
		if (o == CLI_OPT_TWICE)
			return cli_given_twice(usage_add, seen.twice);
		switch (o) {
		case 'n': t.name = optarg; break;
		case 't': t.team = optarg; break;
		case 'r': t.account_rep = true; break;
		case 'u': t.ui_related = true; break;
		case 'e': t.example = optarg; break;
		default: return cli_bad_option(usage_add, &seen);
		}
	}
	if (argc - optind != 1)
		return cli_usage(usage_add, "%s", _("give exactly one KEY for the new request type"));
	if (!t.name)
		return cli_usage(usage_add, "%s", _("--name is required"));
	if (!t.team == !t.account_rep)
		return cli_usage(usage_add, "%s",
				 _("say where the type goes: --team TEAM or --account-rep, one of the two"));
	t.key = argv[optind];
	struct tt_error err;
	struct db *db;
	long long id = 0;
	tt_error_init(&err);
	if (app_db(app, &db, &err) || request_type_add(db, &t, &id, &err))
		return cli_fail(&err);
	printf("%lld\n", id);
	if (t.team)
		warn_if_unstaffed(db, t.team);
	return 0;
}

int cli_admin_request_type(struct app *app, int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "list"))
		return list(app, argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "add"))
		return add(app, argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "set")) {
		/* read before the words are parsed (in place) */
		char *team = team_given(argc, argv) ? xstrdup(team_given(argc, argv)) : NULL;
		int rc = cli_set_by_key(app, argc, argv, usage,
					_("which request type? (its key: admin request-type list)"),
					request_type_set);
		struct db *db;
		struct tt_error err;
		tt_error_init(&err);
		if (!rc && team && !app_db(app, &db, &err))
			warn_if_unstaffed(db, team);
		tt_error_clear(&err);
		free(team);
		return rc;
	}
	return cli_usage(usage, "%s", argc < 2 ? _("list, add or set?") : _("unknown request-type command"));
}
