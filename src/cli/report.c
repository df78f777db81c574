/* `ticketty report sla|backlog|escalations [--from DATE] [--to DATE]
 * [--by week|team|customer|severity|plan] [--format text|json|csv]` and
 * the filters of the dashboard (--team, --plan, --severity, --customer).
 * The figures come from the rollups (model/report.h); this file only
 * parses the options and prints: text with bars, CSV (RFC 4180) or the
 * JSON document PostgreSQL builds. */
#include "cli/report.h"

#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/escalation.h"
#include "model/report.h"
#include "util/chart.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"

static const char usage[] =
	"report sla|backlog|escalations [--from DATE] [--to DATE] "
	"[--by week|team|customer|severity|plan|total] [--format text|json|csv] "
	"[--team T] [--plan P] [--severity N] [--customer C]";

enum format { F_TEXT, F_JSON, F_CSV };

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

/* ------------------------------------------------------------------ csv -- */

static void csv_field(const char *s)
{
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n") && !isspace((unsigned char)*s)) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

static void print_csv(const struct report_table *t)
{
	for (int c = 0; c < t->ncols; c++) {
		if (c)
			putchar(',');
		csv_field(t->names[c]);
	}
	fputs("\r\n", stdout);
	for (size_t r = 0; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++) {
			if (c)
				putchar(',');
			csv_field(t->cells[r * (size_t)t->ncols + (size_t)c]);
		}
		fputs("\r\n", stdout);
	}
}

/* ----------------------------------------------------------------- text -- */

#define LABEL_W 24

/* The row's label in the reader's language: severity "1 Critical", a plan,
 * a week "week of 2027-03-08", a team or customer name, "all tickets". */
static void row_label(struct strbuf *out, const struct report_table *t, size_t r, const char *by)
{
	const char *key = report_cell(t, r, "key"), *name = report_cell(t, r, "name");
	if (!key)
		key = "";
	if (!strcmp(by, "severity"))
		sb_addf(out, "%s %s", key, name ? i18n_db(name) : "");
	else if (!strcmp(by, "plan"))
		sb_add(out, i18n_term("plan", key));
	else if (!strcmp(by, "week"))
		sb_addf(out, _("week of %s"), key);
	else if (!strcmp(by, "total"))
		sb_add(out, _("all tickets"));
	else
		sb_add(out, name ? name : key);
}

static void label_cell(struct strbuf *line, const char *text, int flags)
{
	text_fit(line, text, LABEL_W, flags);
}

/* The clock of a severity's first-response target, in words. */
static const char *clock_words(const char *clock)
{
	if (!clock)
		return NULL;
	if (!strcmp(clock, "wall"))
		return _("round the clock");
	if (!strcmp(clock, "business"))
		return _("business hours");
	return _("business hours or round the clock, by plan");
}

static void print_sla(const struct report_table *t, const char *by, const char *from, const char *to)
{
	static const char *const clocks[3] = { "first_response", "update", "resolution" };
	const char *titles[3] = { _("first response"), _("update cadence"), _("resolution") };
	int flags = i18n_utf8() ? 0 : TEXT_ASCII;
	bool ascii = !i18n_utf8();
	struct strbuf line, cell;

	sb_init(&line);
	sb_init(&cell);
	printf(_("SLA attainment (met / decided) from %s to %s\n"), from, to);
	label_cell(&line, "", flags);
	for (int c = 0; c < 3; c++) {
		sb_addc(&line, ' ');
		text_fit(&line, titles[c], 22, flags);
	}
	printf("%s\n", line.buf);
	for (size_t r = 0; r < t->nrows; r++) {
		sb_reset(&line);
		sb_reset(&cell);
		row_label(&cell, t, r, by);
		label_cell(&line, cell.buf, flags);
		for (int c = 0; c < 3; c++) {
			char col[32];
			snprintf(col, sizeof(col), "%s_met", clocks[c]);
			long long met = atoll(report_cell(t, r, col) ? report_cell(t, r, col) : "0");
			snprintf(col, sizeof(col), "%s_missed", clocks[c]);
			long long missed = atoll(report_cell(t, r, col) ? report_cell(t, r, col) : "0");
			snprintf(col, sizeof(col), "%s_pct", clocks[c]);
			const char *pct = report_cell(t, r, col);
			sb_addc(&line, ' ');
			chart_bar(&line, (double)met, (double)(met + missed), 5, ascii);
			sb_reset(&cell);
			if (pct)
				sb_addf(&cell, "%5s%% %lld/%lld", pct, met, met + missed);
			else
				sb_add(&cell, "    -");
			sb_addc(&line, ' ');
			text_fit(&line, cell.buf, 16, flags);
		}
		const char *words = clock_words(report_cell(t, r, "clock"));
		if (words)
			sb_addf(&line, " %s", words);
		printf("%s\n", line.buf);
	}
	sb_done(&line);
	sb_done(&cell);
}

static void print_backlog(const struct report_table *t, const char *by)
{
	static const char *const bands[5] = { "age_0d", "age_1_2d", "age_3_6d", "age_7_27d", "age_28d_plus" };
	const char *titles[5] = { _("today"), _("1-2 d"), _("3-6 d"), _("7-27 d"), _("28+ d") };
	int flags = i18n_utf8() ? 0 : TEXT_ASCII;
	long long max = 0;
	struct strbuf line, cell;

	for (size_t r = 0; r < t->nrows; r++) {
		long long n = atoll(report_cell(t, r, "total") ? report_cell(t, r, "total") : "0");
		if (n > max)
			max = n;
	}
	sb_init(&line);
	sb_init(&cell);
	printf("%s\n", _("Open tickets by age (days since created)"));
	label_cell(&line, "", flags);
	sb_addc(&line, ' ');
	text_pad(&line, _("total"), 7, flags);
	for (int b = 0; b < 5; b++) {
		sb_addc(&line, ' ');
		text_pad(&line, titles[b], 7, flags);
	}
	printf("%s\n", line.buf);
	for (size_t r = 0; r < t->nrows; r++) {
		sb_reset(&line);
		sb_reset(&cell);
		row_label(&cell, t, r, by);
		label_cell(&line, cell.buf, flags);
		long long n = atoll(report_cell(t, r, "total") ? report_cell(t, r, "total") : "0");
		sb_addf(&line, " %7lld", n);
		for (int b = 0; b < 5; b++)
			sb_addf(&line, " %7s", report_cell(t, r, bands[b]) ? report_cell(t, r, bands[b]) : "0");
		sb_addc(&line, ' ');
		chart_bar(&line, (double)n, (double)max, 12, !i18n_utf8());
		printf("%s\n", line.buf);
	}
	sb_done(&line);
	sb_done(&cell);
}

static void print_escalations(const struct report_table *t, const char *by)
{
	static const char *const lv[3] = { "csm", "coo", "ceo" };
	int flags = i18n_utf8() ? 0 : TEXT_ASCII;
	struct strbuf line, cell;

	sb_init(&line);
	sb_init(&cell);
	printf("%s\n", _("Open escalations per level (count, oldest)"));
	label_cell(&line, "", flags);
	sb_addc(&line, ' ');
	text_pad(&line, _("total"), 5, flags);
	for (int l = 0; l < 3; l++) {
		sb_addc(&line, ' ');
		text_fit(&line, esc_level_short(l + 1), 16, flags);
	}
	printf("%s\n", line.buf);
	for (size_t r = 0; r < t->nrows; r++) {
		sb_reset(&line);
		sb_reset(&cell);
		row_label(&cell, t, r, by);
		label_cell(&line, cell.buf, flags);
		sb_addf(&line, " %5s", report_cell(t, r, "total") ? report_cell(t, r, "total") : "0");
		for (int l = 0; l < 3; l++) {
			char col[32], age[32] = "-";
			snprintf(col, sizeof(col), "%s_oldest_secs", lv[l]);
			if (report_cell(t, r, col))
				esc_format_age(atol(report_cell(t, r, col)), age, sizeof(age));
			snprintf(col, sizeof(col), "%s_open", lv[l]);
			sb_reset(&cell);
			sb_addf(&cell, "%s (%s)", report_cell(t, r, col) ? report_cell(t, r, col) : "0", age);
			sb_addc(&line, ' ');
			text_fit(&line, cell.buf, 16, flags);
		}
		printf("%s\n", line.buf);
	}
	sb_done(&line);
	sb_done(&cell);
}

/* ------------------------------------------------------------- command -- */

int cli_report(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "by", required_argument, NULL, 'b' },
		{ "format", required_argument, NULL, 'F' },
		{ "json", no_argument, NULL, 'j' },
		{ "team", required_argument, NULL, 'T' },
		{ "plan", required_argument, NULL, 'P' },
		{ "severity", required_argument, NULL, 'S' },
		{ "customer", required_argument, NULL, 'C' },
		{ NULL, 0, NULL, 0 },
	};
	struct report_args a = { 0 };
	const char *format = "text", *severity = NULL;
	enum format fmt = F_TEXT;
	struct tt_error err;
	struct db *db;
	int kind, c, rc;

	if (argc < 2 || argv[1][0] == '-')
		return cli_usage(usage, "%s", _("which report? sla, backlog or escalations"));
	if ((kind = report_kind_parse(argv[1])) < 0)
		return cli_usage(usage, _("unknown report '%s'"), argv[1]);
	argc--;
	argv++;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		switch (c) {
		case 'f': a.from = optarg; break;
		case 't': a.to = optarg; break;
		case 'b': a.by = optarg; break;
		case 'F': format = optarg; break;
		case 'j': format = "json"; break;
		case 'T': a.filter.team = optarg; break;
		case 'P': a.filter.plan = optarg; break;
		case 'S': severity = optarg; break;
		case 'C': a.filter.customer = optarg; break;
		default: return cli_usage(usage, "%s", _("unknown option"));
		}
	}
	if (optind < argc)
		return cli_usage(usage, _("unexpected argument '%s'"), argv[optind]);
	if (!strcmp(format, "json"))
		fmt = F_JSON;
	else if (!strcmp(format, "csv"))
		fmt = F_CSV;
	else if (strcmp(format, "text"))
		return cli_usage(usage, _("unknown format '%s' (text, json or csv)"), format);
	if (!a.by)
		a.by = kind == REPORT_SLA ? "week" : kind == REPORT_BACKLOG ? "severity" : "total";
	tt_error_init(&err);
	if (a.from && !date_shaped(a.from))
		tt_error_add_field(&err, "from", "malformed", _("must be a date YYYY-MM-DD"));
	if (a.to && !date_shaped(a.to))
		tt_error_add_field(&err, "to", "malformed", _("must be a date YYYY-MM-DD"));
	if (severity) {
		char *end;
		long n = strtol(severity, &end, 10);
		if (*end || end == severity || n < 1 || n > 4)
			tt_error_add_field(&err, "severity", "malformed", _("must be 1, 2, 3 or 4"));
		else
			a.filter.severity = (int)n;
	}
	if (err.nfields) {
		tt_error_set(&err, EX_DATAERR, "%s", _("cannot make the report"));
		return cli_fail(&err);
	}
	if (app_db(app, &db, &err))
		return cli_fail(&err);
	if (fmt == F_JSON) {
		char *doc = NULL;
		if (report_json(db, kind, &a, &doc, &err))
			return cli_fail(&err);
		printf("%s\n", doc);
		free(doc);
		return 0;
	}
	struct report_table t;
	if ((rc = report_load(db, kind, &a, &t, &err)))
		return cli_fail(&err);
	if (fmt == F_CSV) {
		print_csv(&t);
	} else if (kind == REPORT_SLA) {
		print_sla(&t, a.by, a.from ? a.from : _("the start of the week 11 weeks back"),
			  a.to ? a.to : _("today"));
	} else if (kind == REPORT_BACKLOG) {
		print_backlog(&t, a.by);
	} else {
		print_escalations(&t, a.by);
	}
	report_table_done(&t);
	return 0;
}
