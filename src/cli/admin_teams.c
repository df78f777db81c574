/* `admin team list [--json]`: each team, what goes to it and who is in
 * it; `admin team add KEY --name NAME`, `admin team set KEY FIELD=VALUE
 * ...` (name=NAME, active=yes|no) and `admin team deactivate KEY` print
 * the team's id. Request types are routed to teams by `admin
 * request-type` (cli/admin_routing.c). */
#include "cli/admin_teams.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "model/team.h"
#include "util/i18n.h"

static const char usage[] =
	"admin team list [--json] | admin team add KEY --name NAME | "
	"admin team set KEY FIELD=VALUE ... (name=NAME, active=yes|no) | admin team deactivate KEY";
static const char usage_add[] = "admin team add KEY --name NAME";

static int list(struct app *app, int argc, char **argv)
{
	bool json = argc == 3 && !strcmp(argv[2], "--json");
	if (argc > 2 && !json)
		return cli_usage(usage, _("unexpected argument '%s'"), argv[2]);
	struct team_row *rows = NULL;
	struct tt_error err;
	struct db *db;
	char *text = NULL;
	int n = 0;
	tt_error_init(&err);
	if (app_db(app, &db, &err) || team_list(db, json ? &text : NULL, json ? NULL : &rows, &n, &err))
		return cli_fail(&err);
	if (json) {
		printf("%s\n", text);
		free(text);
		return 0;
	}
	const char *head[] = { _("KEY"), _("TEAM"), _("REQUEST TYPES"), _("AGENTS"), _("OPEN TICKETS"),
			       _("STATE") };
	const int cap[] = { 0, 30, 0, 0, 0, 0 };
	struct cli_table *t = cli_table_new(6, head, cap);
	for (int i = 0; i < n; i++) {
		const struct team_row *r = &rows[i];
		char types[16], agents[16], open[16];
		snprintf(types, sizeof(types), "%d", r->request_types);
		snprintf(agents, sizeof(agents), "%d", r->agents);
		snprintf(open, sizeof(open), "%d", r->open_tickets);
		/* a name an admin gave has no translation: i18n_db shows it as typed */
		const char *row[] = { r->key, i18n_db(r->name), types, agents, open,
				      r->active ? _("active") : _("deactivated") };
		cli_table_add(t, row);
	}
	cli_table_print(t, stdout);
	cli_table_free(t);
	team_list_free(rows, n);
	return 0;
}

static int add(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli_seen seen = { 0 };
	const char *name = NULL;
	int o;
	/* argv[0] is "add": getopt reads from argv[1] on */
	optind = 0;
	while ((o = cli_getopt(argc, argv, ":", opts, "", &seen)) != -1) {
		if (o == CLI_OPT_TWICE)
			return cli_given_twice(usage_add, seen.twice);
		switch (o) {
		case 'n': name = optarg; break;
		default: return cli_bad_option(usage_add, &seen);
		}
	}
	if (argc - optind != 1)
		return cli_usage(usage_add, "%s", _("give exactly one KEY for the new team"));
	if (!name)
		return cli_usage(usage_add, "%s", _("--name is required"));
	struct tt_error err;
	struct db *db;
	long long id = 0;
	tt_error_init(&err);
	if (app_db(app, &db, &err) || team_add(db, argv[optind], name, &id, &err))
		return cli_fail(&err);
	printf("%lld\n", id);
	return 0;
}

static int deactivate(struct app *app, int argc, char **argv)
{
	if (argc != 3)
		return cli_usage("admin team deactivate KEY", "%s", _("give exactly one team KEY"));
	struct tt_error err;
	struct db *db;
	long long id = 0;
	tt_error_init(&err);
	if (app_db(app, &db, &err) || team_deactivate(db, argv[2], &id, &err))
		return cli_fail(&err);
	printf("%lld\n", id);
	return 0;
}

int cli_admin_team(struct app *app, int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "list"))
		return list(app, argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "add"))
		return add(app, argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "set"))
		return cli_set_by_key(app, argc, argv, usage, _("which team? (its key: admin team list)"),
				      team_set);
	if (argc >= 2 && !strcmp(argv[1], "deactivate"))
		return deactivate(app, argc, argv);
	return cli_usage(usage, "%s", argc < 2 ? _("list, add, set or deactivate?") : _("unknown team command"));
}
