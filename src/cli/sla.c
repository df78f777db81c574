/* `ticketty sla due` prints when a target falls due; `ticketty sla explain`
 * shows every deadline of a ticket, how it was computed, and its pauses. */
#include "cli/sla.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/sla.h"
#include "util/duration.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"

const char cli_sla_forms[] = N_(
	"sla due --plan P --severity N --created ISO8601 [--kind K] | sla explain TICKET [--json]");

static int sla_due_cmd(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "plan", required_argument, NULL, 'p' },
		{ "severity", required_argument, NULL, 's' },
		{ "created", required_argument, NULL, 'c' },
		{ "kind", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	const char *plan = NULL, *sev = NULL, *created = NULL, *kind = "first_response";
	struct tt_error err;
	struct db *db;
	char *due = NULL;
	int c;

	struct cli_seen seen = { 0 };
	optind = 0;
	opterr = 0;
	while ((c = cli_getopt(argc, argv, "+", opts, "", &seen)) != -1) {
		if (c == CLI_OPT_TWICE)
			return cli_given_twice(cli_sla_forms, seen.twice);
		switch (c) {
		case 'p': plan = optarg; break;
		case 's': sev = optarg; break;
		case 'c': created = optarg; break;
		case 'k': kind = optarg; break;
		default: return cli_bad_option(cli_sla_forms, &seen);
		}
	}
	if (optind < argc)
		return cli_usage(cli_sla_forms, _("unexpected argument '%s'"), argv[optind]);
	if (!plan || !sev || !created)
		return cli_usage(cli_sla_forms, "%s", _("--plan, --severity and --created are all needed"));
	tt_error_init(&err);
	if (app_db(app, &db, &err) || sla_due_kind(db, kind, plan, sev, created, &due, &err))
		return cli_fail(&err);
	printf("%s\n", due);
	free(due);
	return 0;
}

static void print_text(const char *s)
{
	struct strbuf sb;
	sb_init(&sb);
	text_sanitize(&sb, s ? s : "", strlen(s ? s : ""), i18n_utf8() ? 0 : TEXT_ASCII);
	fputs(sb.buf, stdout);
	sb_done(&sb);
}

/* The labels of a deadline, in the reader's language. */
static const char *const labels[] = {
	N_("target"), N_("clock from"), N_("paused"), N_("due"),
	N_("at risk from"), N_("state"), N_("decided at"),
};

/* "  label       " padded in cells to the widest label (at least 12), so
 * accented and long labels ("en riesgo desde") line up. */
static void label(const char *text)
{
	int width = 12;
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
		int w = text_width(_(labels[i]));
		width = w > width ? w : width;
	}
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "  ");
	text_pad(&sb, text, width, i18n_utf8() ? 0 : TEXT_ASCII);
	sb_addc(&sb, ' ');
	fputs(sb.buf, stdout);
	sb_done(&sb);
}

static void print_deadline(const struct sla_deadline *d, long day_secs)
{
	enum duration_clock clock = duration_clock_of(d->clock);
	struct strbuf sb;

	sb_init(&sb);
	printf("%s\n", i18n_term("sla_kind", d->kind));
	duration_words(&sb, (long long)d->minutes * 60, clock, day_secs);
	label(_("target"));
	printf("%s\n", sb.buf);
	label(_("clock from"));
	printf("%s\n", d->started_at ? d->started_at : "-");
	if (d->paused_secs > 0) {
		sb_reset(&sb);
		duration_words(&sb, d->paused_secs, clock, day_secs);
		label(_("paused"));
		printf("%s %s\n", sb.buf, _("(waiting on the customer, added back)"));
	}
	label(_("due"));
	printf("%s\n", d->due ? d->due : "-");
	if (d->risk_at) {
		label(_("at risk from"));
		printf("%s\n", d->risk_at);
	}
	label(_("state"));
	printf("%s", i18n_term("sla_state", d->state));
	if (d->has_remaining) {
		sb_reset(&sb);
		/* the words say which side of the due it is: no minus sign */
		duration_words(&sb, d->remaining_secs < 0 ? -d->remaining_secs : d->remaining_secs,
			       clock, day_secs);
		if (d->outcome)
			printf(d->remaining_secs >= 0 ? _(", %s to spare") : _(", %s late"), sb.buf);
		else
			printf(d->remaining_secs >= 0 ? _(", %s left") : _(", %s overdue"), sb.buf);
	}
	putchar('\n');
	if (d->decided_at) {
		label(_("decided at"));
		printf("%s\n", d->decided_at);
	}
	sb_done(&sb);
}

static int sla_explain_cmd(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false;
	long long id;
	struct tt_error err;
	struct db *db;
	int c;

	struct cli_seen seen = { 0 };
	optind = 0;
	opterr = 0;
	while ((c = cli_getopt(argc, argv, "", opts, "", &seen)) != -1) {
		if (c != 'j')
			return cli_bad_option(cli_sla_forms, &seen);
		json = true;
	}
	if (optind + 1 < argc)
		return cli_usage(cli_sla_forms, _("unexpected argument '%s'"), argv[optind + 1]);
	if (optind + 1 != argc)
		return cli_usage(cli_sla_forms, "%s", _("which ticket?"));
	if (!cli_parse_id(argv[optind], &id))
		return cli_usage(cli_sla_forms, _("'%s' is not a ticket number"), argv[optind]);
	tt_error_init(&err);
	if (app_db(app, &db, &err))
		return cli_fail(&err);
	if (json) {
		char *doc = NULL;
		if (sla_explain_json(db, id, &doc, &err))
			return cli_fail(&err);
		printf("%s\n", doc);
		free(doc);
		return 0;
	}
	struct sla_explain ex;
	if (sla_explain_load(db, id, &ex, &err)) {
		sla_explain_done(&ex);
		return cli_fail(&err);
	}
	printf(_("Ticket #%lld: plan %s, severity %d, %s\n"), ex.ticket,
	       i18n_term("plan", ex.plan), ex.severity, i18n_term("status", ex.status));
	printf(_("Calendar: "));
	print_text(ex.calendar);
	printf(" (");
	print_text(ex.time_zone);
	printf(_("); created %s\n"), ex.created_at);
	for (size_t i = 0; i < ex.ndeadlines; i++)
		print_deadline(&ex.deadlines[i], ex.day_secs);
	if (ex.update_missed)
		printf(ngettext("%d customer update was late\n", "%d customer updates were late\n",
				(unsigned long)ex.update_missed), ex.update_missed);
	if (ex.npauses) {
		printf("%s\n", _("pauses (waiting on the customer)"));
		for (size_t i = 0; i < ex.npauses; i++) {
			struct strbuf sb;
			sb_init(&sb);
			duration_words(&sb, ex.pauses[i].paused_secs,
				       duration_clock_of(ex.pauses[i].clock), ex.day_secs);
			printf("  %s .. %s  %s%s\n", ex.pauses[i].started_at,
			       ex.pauses[i].ended_at ? ex.pauses[i].ended_at : _("now"), sb.buf,
			       ex.pauses[i].ended_at ? "" : _(" so far"));
			sb_done(&sb);
		}
	}
	sla_explain_done(&ex);
	return 0;
}

int cli_sla(struct app *app, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(cli_sla_forms, "%s", _("which sla command?"));
	if (!strcmp(argv[1], "due"))
		return sla_due_cmd(app, argc - 1, argv + 1);
	if (!strcmp(argv[1], "explain"))
		return sla_explain_cmd(app, argc - 1, argv + 1);
	return cli_usage(cli_sla_forms, _("unknown sla command '%s'"), argv[1]);
}
