/* `ticketty report sla`: first-response compliance per severity, plan and
 * team, with the median and 90th percentile business time to respond. */
#include "cli/report.h"

#include <ctype.h>
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

static const char usage[] = "report sla [--from DATE] [--to DATE] [--json]";

/* YYYY-MM-DD (the database checks that the day exists). */
static bool date_shaped(const char *s)
{
	static const char shape[] = "dddd-dd-dd";
	if (strlen(s) != sizeof(shape) - 1)
		return false;
	for (size_t i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != shape[i])
			return false;
	return true;
}

static const char *row_label(const struct sla_report_row *r, char *buf, size_t n)
{
	if (!strcmp(r->dimension, "severity"))
		snprintf(buf, n, _("severity %s %s"), r->key, i18n_db(r->name));
	else if (!strcmp(r->dimension, "plan"))
		snprintf(buf, n, _("plan %s"), i18n_term("plan", r->key));
	else if (!strcmp(r->dimension, "team"))
		snprintf(buf, n, _("team %s"), i18n_db(r->name));
	else
		snprintf(buf, n, "%s", _("all tickets"));
	return buf;
}

static void print_report(const struct sla_report_row *rows, size_t n)
{
	struct strbuf line, cell;
	int flags = i18n_utf8() ? 0 : TEXT_ASCII;

	sb_init(&line);
	sb_init(&cell);
	text_fit(&line, _("group"), 28, flags);
	printf("%s %8s %6s %6s %8s %11s %18s %18s\n", line.buf, _("tickets"), _("met"), _("missed"),
	       _("pending"), _("compliance"), _("median response"), _("p90 response"));
	for (size_t i = 0; i < n; i++) {
		char label[128], pct[16] = "-";
		const struct sla_report_row *r = &rows[i];
		sb_reset(&line);
		text_fit(&line, row_label(r, label, sizeof(label)), 28, flags);
		if (r->has_compliance)
			snprintf(pct, sizeof(pct), "%.1f%%", r->compliance);
		printf("%s %8lld %6lld %6lld %8lld %11s ", line.buf, r->tickets, r->met, r->missed,
		       r->pending, pct);
		sb_reset(&cell);
		if (r->has_times)
			duration_format(&cell, r->median_secs, true);
		else
			sb_add(&cell, "-");
		printf("%18s ", cell.buf);
		sb_reset(&cell);
		if (r->has_times)
			duration_format(&cell, r->p90_secs, true);
		else
			sb_add(&cell, "-");
		printf("%18s\n", cell.buf);
	}
	sb_done(&line);
	sb_done(&cell);
}

static int report_sla(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	const char *from = NULL, *to = NULL;
	bool json = false;
	struct tt_error err;
	struct db *db;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		switch (c) {
		case 'f': from = optarg; break;
		case 't': to = optarg; break;
		case 'j': json = true; break;
		default: return cli_usage(usage, "%s", _("unknown option"));
		}
	}
	if (optind < argc)
		return cli_usage(usage, _("unexpected argument '%s'"), argv[optind]);
	tt_error_init(&err);
	if (from && !date_shaped(from))
		tt_error_add_field(&err, "from", "malformed", _("must be a date YYYY-MM-DD"));
	if (to && !date_shaped(to))
		tt_error_add_field(&err, "to", "malformed", _("must be a date YYYY-MM-DD"));
	if (err.nfields) {
		tt_error_set(&err, EX_DATAERR, "%s", _("cannot make the report"));
		return cli_fail(&err);
	}
	if (app_db(app, &db, &err))
		return cli_fail(&err);
	if (json) {
		char *doc = NULL;
		if (sla_report_json(db, from, to, &doc, &err))
			return cli_fail(&err);
		printf("%s\n", doc);
		free(doc);
		return 0;
	}
	struct sla_report_row *rows;
	size_t n;
	if (sla_report_load(db, from, to, &rows, &n, &err))
		return cli_fail(&err);
	printf(_("First-response SLA, tickets created %s to %s (response times in business hours)\n"),
	       from ? from : _("(start)"), to ? to : _("(now)"));
	print_report(rows, n);
	sla_report_free(rows, n);
	return 0;
}

int cli_report(struct app *app, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(usage, "%s", _("which report?"));
	if (!strcmp(argv[1], "sla"))
		return report_sla(app, argc - 1, argv + 1);
	return cli_usage(usage, _("unknown report '%s'"), argv[1]);
}
