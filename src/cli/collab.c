/* `ticketty collaborator add|remove ID [LOGIN]` (no LOGIN: yourself, to
 * follow a ticket or stop following it, as the ticket view's + and - offer
 * you first) and `ticketty collaborator list ID [--json]`; --json may come
 * anywhere, as with every other listing. */
#include "cli/collab.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "model/agent.h"
#include "model/collab.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"

static const char usage[] = N_("collaborator add|remove ID [LOGIN] | collaborator list ID [--json]");

static int list(struct db *db, long long id, bool json, struct tt_error *err)
{
	if (json) {
		char *text;
		int rc = collab_list_json(db, id, &text, err);
		if (rc)
			return rc;
		printf("%s\n", text);
		free(text);
		return 0;
	}
	struct collab_list l;
	collab_list_init(&l);
	int rc = collab_list(db, id, &l, err);
	if (!rc && !l.n)
		printf(_("ticket %lld has no collaborators\n"), id);
	if (!rc && l.n) {
		const char *head[] = { _("LOGIN"), _("NAME"), _("ROLE") };
		const int cap[] = { 16, 24, 0 };
		struct cli_table *t = cli_table_new(3, head, cap);
		for (size_t i = 0; i < l.n; i++) {
			const char *row[] = { l.items[i].login, l.items[i].display_name,
					      i18n_term("role", l.items[i].role) };
			cli_table_add(t, row);
		}
		cli_table_print(t, stdout);
		cli_table_free(t);
	}
	collab_list_done(&l);
	return rc;
}

int cli_collaborator(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	long long id;
	struct tt_error err;
	struct db *db;
	bool changed = false, json = false;
	int rc, c;

	if (argc < 2)
		return cli_usage(usage, "%s", _("which collaborator command and ticket?"));
	bool is_list = !strcmp(argv[1], "list");
	bool add = !strcmp(argv[1], "add");
	if (!is_list && !add && strcmp(argv[1], "remove"))
		return cli_usage(usage, _("unknown collaborator command '%s'"), argv[1]);
	struct cli_seen seen = { 0 };
	optind = 0;
	opterr = 0;
	argc--;
	argv++;
	while ((c = cli_getopt(argc, argv, "", opts, "", &seen)) != -1) {
		if (c == CLI_OPT_TWICE)
			return cli_given_twice(usage, seen.twice);
		if (c == '?' || c == ':')
			return cli_bad_option(usage, &seen);
		if (!is_list)
			return cli_wrong_option(usage, argv[0], &seen);
		json = true;
	}
	int have = argc - optind;
	if (have < 1)
		return cli_usage(usage, "%s", _("which collaborator command and ticket?"));
	if (!cli_parse_id(argv[optind], &id))
		return cli_usage(usage, _("'%s' is not a ticket number"), argv[optind]);
	if (have > (is_list ? 1 : 2))
		return cli_usage(usage, _("unexpected argument '%s'"), argv[optind + (is_list ? 1 : 2)]);
	const char *login = have == 2 ? argv[optind + 1] : NULL;
	tt_error_init(&err);
	if ((rc = app_db(app, &db, &err)))
		return cli_fail(&err);
	/* no login: yourself, as the database knows you */
	struct agent_info me;
	agent_info_init(&me);
	if (!is_list && !login && !(rc = agent_whoami(db, &me, &err)))
		login = me.login;
	if (rc) {
		agent_info_done(&me);
		return cli_fail(&err);
	}
	if (is_list)
		rc = list(db, id, json, &err);
	else if (add)
		rc = collab_add(db, id, login, &changed, &err);
	else
		rc = collab_remove(db, id, login, &changed, &err);
	if (!rc && !is_list) {
		const char *fmt = add ? (changed ? _("%s now follows ticket %lld\n")
						 : _("%s already follows ticket %lld\n"))
				      : (changed ? _("%s no longer follows ticket %lld\n")
						 : _("%s did not follow ticket %lld\n"));
		struct strbuf sb;
		sb_init(&sb);
		text_sanitize(&sb, login, strlen(login), 0);
		printf(fmt, sb.buf, id);
		sb_done(&sb);
	}
	agent_info_done(&me);
	return rc ? cli_fail(&err) : 0;
}
