/* `ticketty canned ...`: list, add or replace, remove canned replies. The
 * body of `canned set` comes from --body, else $EDITOR on a terminal, else
 * standard input (like a reply). Use one with `ticket reply ID --template
 * KEY`, or read it filled in for a ticket with `canned show KEY --ticket
 * ID` to change it before sending it with --message (the ticket view's T
 * puts it in the reply's editor). */
#include "cli/canned.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "model/canned.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"

const char cli_canned_forms[] = N_(
	"canned list [--lang L] [--json] | canned set KEY --lang L --title TITLE [--body TEXT]"
	" | canned remove KEY [--lang L] | canned show KEY --ticket ID [--lang L]");

/* `canned show KEY --ticket ID [--lang L]`: the reply filled in for the
 * ticket, as `ticket reply ID --template KEY` would send it (text from
 * the database: control characters shown, not obeyed). */
static int show(struct app *app, const char *key, const char *ticket, const char *lang)
{
	long long id;
	if (!ticket)
		return cli_usage(cli_canned_forms, "%s", _("for which ticket? give --ticket ID"));
	if (!cli_parse_id(ticket, &id))
		return cli_usage(cli_canned_forms, _("'%s' is not a ticket number"), ticket);
	struct tt_error err;
	struct db *db;
	char *text = NULL;
	tt_error_init(&err);
	/* a language asked for is one replies may be in (as canned list
	 * checks it), not one silently filled in in English; without one,
	 * the contact's, as the reply would be mailed */
	if (app_db(app, &db, &err) || (lang && canned_check_lang(db, lang, &err)) ||
	    canned_render(db, key, id, lang, &text, &err))
		return cli_fail(&err);
	cli_print_text(text, cli_terminal_cols());
	free(text);
	return 0;
}

int cli_canned(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "title", required_argument, NULL, 't' },
		{ "body", required_argument, NULL, 'b' },
		{ "json", no_argument, NULL, 'j' },
		{ "ticket", required_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 },
	};
	const char *lang = NULL, *title = NULL, *body = NULL, *ticket = NULL;
	bool json = false;
	int c;

	if (argc < 2)
		return cli_usage(cli_canned_forms, "%s", _("which canned command: list, set or remove?"));
	const char *verb = argv[1];
	struct cli_seen seen = { 0 };
	optind = 0;
	opterr = 0;
	while ((c = cli_getopt(argc - 1, argv + 1, "", opts, "", &seen)) != -1) {
		if (c == CLI_OPT_TWICE)
			return cli_given_twice(cli_canned_forms, seen.twice);
		if (c == '?' || c == ':')
			return cli_bad_option(cli_canned_forms, &seen);
		if (c == 'l')
			lang = optarg;
		else if (c == 't')
			title = optarg;
		else if (c == 'b')
			body = optarg;
		else if (c == 'j')
			json = true;
		else if (c == 'T')
			ticket = optarg;
		else
			return cli_usage(cli_canned_forms, _("%s: unknown option or missing value: %s"), verb,
					 argv[optind]);
	}
	if (ticket && strcmp(verb, "show"))
		return cli_usage(cli_canned_forms, _("%s: unknown option or missing value: %s"), verb, "--ticket");
	int first = optind + 1, left = argc - first;
	struct tt_error err;
	struct db *db;
	int rc;
	tt_error_init(&err);

	if (!strcmp(verb, "list")) {
		if (left)
			return cli_usage(cli_canned_forms, _("unexpected argument '%s'"), argv[first]);
		struct canned_reply *rows = NULL;
		char *out = NULL;
		int n = 0;
		if (app_db(app, &db, &err) ||
		    canned_list(db, lang, json ? &out : NULL, json ? NULL : &rows, &n, &err))
			return cli_fail(&err);
		if (json) {
			printf("%s\n", out);
			free(out);
			return 0;
		}
		const char *head[] = { _("KEY"), _("LANG"), _("TITLE") };
		const int cap[] = { 24, 0, 50 };
		struct cli_table *t = cli_table_new(3, head, cap);
		for (int i = 0; i < n; i++) {
			const char *row[] = { rows[i].key, rows[i].lang, rows[i].title };
			cli_table_add(t, row);
		}
		cli_table_print(t, stdout);
		cli_table_free(t);
		canned_list_free(rows, n);
		return 0;
	}
	if (strcmp(verb, "set") && strcmp(verb, "remove") && strcmp(verb, "show"))
		return cli_usage(cli_canned_forms, _("unknown canned command '%s'"), verb);
	if (left != 1)
		return cli_usage(cli_canned_forms, "%s", _("give exactly one KEY"));
	const char *key = argv[first];
	if (!strcmp(verb, "show"))
		return show(app, key, ticket, lang);
	if (!strcmp(verb, "remove")) {
		int removed = 0;
		if ((rc = app_db(app, &db, &err)) || (rc = canned_remove(db, key, lang, &removed, &err)))
			return cli_fail(&err);
		printf(ngettext("%d canned reply removed\n", "%d canned replies removed\n", removed), removed);
		return 0;
	}
	char keep_as[160];
	snprintf(keep_as, sizeof(keep_as), "canned-%s-%s", key, lang ? lang : "");
	char *text = cli_message(body, _("the canned reply"), "body", keep_as, &err);
	if (!text)
		return cli_fail(&err);
	if ((rc = app_db(app, &db, &err)) == 0)
		rc = canned_set(db, key, lang, title, text, &err);
	free(text);
	if (rc)
		return cli_message_done(keep_as, cli_fail(&err));
	cli_message_done(keep_as, 0);
	printf("%s\n", key);
	return 0;
}
