/* `ticket set`: re-triage (severity, request type and so team, case
 * reason, customer with its contact, any intake field) with a mandatory
 * reason. The server validates
 * as intake does and names every refused field (exit 65); a change that
 * changes nothing is refused (65, each field with the value it already
 * has). --json prints what this call did as the server returned it: the
 * new version, the event's id and the audited reason and changes.
 * `--reason -` reads the reason from standard input, and no --reason on
 * a terminal from $VISUAL/$EDITOR, as the other texts do (cli_message):
 * kept as "retriage-ID" until the re-triage is taken, so a refusal (a
 * stale --version, a refused field) loses nothing. */
#include "cli/ticket_set.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "model/retriage.h"
#include "model/ticket.h"
#include "util/i18n.h"
#include "util/kept_text.h"

static const char usage[] = "ticket set ID FIELD=VALUE ... --reason TEXT [--version N] [--json]";

int cli_ticket_set(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ "version", required_argument, NULL, 'V' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	const char *reason = NULL;
	int version = TICKET_ANY_VERSION, c;
	bool json = false;

	struct cli_seen seen = { 0 };
	optind = 0;
	opterr = 0;
	while ((c = cli_getopt(argc, argv, "r:", opts, "", &seen)) != -1) {
		if (c == CLI_OPT_TWICE) {
			return cli_given_twice(usage, seen.twice);
		} else if (c == '?' || c == ':') {
			return cli_bad_option(usage, &seen);
		} else if (c == 'r') {
			reason = optarg;
		} else if (c == 'V') {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (!*optarg || *end || v < 1 || v > 2147483647L)
				return cli_usage(usage, _("'%s' is not a valid version"), optarg);
			version = (int)v;
		} else if (c == 'j') {
			json = true;
		} else {
			return cli_usage(usage, _("%s: unknown option or missing value: %s"), argv[0],
					 argv[optind - 1]);
		}
	}
	long long id;
	if (optind >= argc)
		return cli_usage(usage, _("%s needs a ticket id"), argv[0]);
	if (!cli_parse_id(argv[optind], &id))
		return cli_usage(usage, _("'%s' is not a ticket id"), argv[optind]);
	int npairs = argc - optind - 1;
	struct field_pair pairs[PAIRS_MAX];
	int bad = cli_read_pairs(usage, argv + optind + 1, npairs, true, pairs);
	if (bad)
		return bad;

	struct tt_error err;
	tt_error_init(&err);

	/* "-": standard input (a reason of one dash is never meant; it was
	 * audited as the reason and what came on stdin was dropped); none on
	 * a terminal: the editor. Without a terminal, no reason is the
	 * server's to name. */
	char keep_as[KEPT_NAME_MAX];
	kept_text_name(keep_as, KEPT_RETRIAGE, id);
	bool read_text = reason ? !strcmp(reason, "-") : isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	char *text = NULL;
	if (read_text && !(text = cli_message(reason, _("the reason"), "reason", keep_as, &err)))
		return cli_fail(&err);
	bool kept = text != NULL;
	if (kept)
		reason = text;

	struct db *db;
	int rc, now = 0;
	char *out = NULL;
	/* the result is what this call did, returned by the same statement */
	if ((rc = app_db(app, &db, &err)) ||
	    (rc = ticket_retriage(db, id, version, pairs, (size_t)npairs, reason, &now,
				  json ? &out : NULL, &err))) {
		free(text);
		rc = cli_fail(&err);
		return kept ? cli_message_done(keep_as, rc) : rc;
	}
	free(text);
	if (json)
		printf("%s\n", out);
	else
		printf(_("ticket %lld updated, now version %d\n"), id, now);
	free(out);
	return kept ? cli_message_done(keep_as, 0) : 0;
}
