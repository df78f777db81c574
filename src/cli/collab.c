/* `ticketty collaborator add|remove ID LOGIN` and `ticketty collaborator list ID [--json]`. */
#include "cli/collab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "model/collab.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"

static const char usage[] = "collaborator add|remove ID LOGIN | collaborator list ID [--json]";

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
	long long id;
	struct tt_error err;
	struct db *db;
	bool changed = false;
	int rc;

	if (argc < 3)
		return cli_usage(usage, "%s", _("which collaborator command and ticket?"));
	bool is_list = !strcmp(argv[1], "list");
	bool add = !strcmp(argv[1], "add");
	if (!is_list && !add && strcmp(argv[1], "remove"))
		return cli_usage(usage, _("unknown collaborator command '%s'"), argv[1]);
	if (!cli_parse_id(argv[2], &id))
		return cli_usage(usage, _("'%s' is not a ticket number"), argv[2]);
	bool json = is_list && argc == 4 && !strcmp(argv[3], "--json");
	if (argc != (is_list ? 3 : 4) && !json)
		return cli_usage(usage, "%s", is_list ? _("list takes only the ticket number (and --json)")
						      : _("give the ticket number and one login"));
	tt_error_init(&err);
	if ((rc = app_db(app, &db, &err)))
		return cli_fail(&err);
	if (is_list)
		rc = list(db, id, json, &err);
	else if (add)
		rc = collab_add(db, id, argv[3], &changed, &err);
	else
		rc = collab_remove(db, id, argv[3], &changed, &err);
	if (rc)
		return cli_fail(&err);
	if (!is_list) {
		const char *fmt = add ? (changed ? _("%s now follows ticket %lld\n")
						 : _("%s already follows ticket %lld\n"))
				      : (changed ? _("%s no longer follows ticket %lld\n")
						 : _("%s did not follow ticket %lld\n"));
		struct strbuf sb;
		sb_init(&sb);
		text_sanitize(&sb, argv[3], strlen(argv[3]), 0);
		printf(fmt, sb.buf, id);
		sb_done(&sb);
	}
	return 0;
}
