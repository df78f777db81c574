/* `ticketty report sla|backlog|escalations [--from DATE] [--to DATE]
 * [--by week|team|customer|severity|plan] [--format text|json|csv]`,
 * `ticketty report oldest [--limit N] [--format text|json|csv]` (the
 * dashboard's oldest open tickets) and the filters of the dashboard
 * (--team, --plan, --severity, --customer).
 * The figures come from the rollups (model/report.h); this file only
 * parses the options and prints: text with bars (cli/report_text.c), CSV
 * (RFC 4180) or the JSON document PostgreSQL builds. */
#include "cli/report.h"

#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/report_text.h"
#include "model/report.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

const char cli_report_forms[] = N_(
	"report sla|backlog|escalations [--from DATE] [--to DATE] "
	"[--by week|team|customer|severity|plan|total] [--format text|json|csv] "
	"[--team T] [--plan P] [--severity N] [--customer C] | "
	"report oldest [--limit N] [--format text|json|csv] "
	"[--team T] [--plan P] [--severity N] [--customer C]");

enum format { F_TEXT, F_JSON, F_CSV };

/* YYYY-MM-DD, the shape alone. */
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

/* A YYYY-MM-DD that names a day of the calendar (no 2026-02-30): timegm
 * normalises a day past its month's end into the next month. */
static bool day_exists(const char *s)
{
	int y, m, d;
	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return false;
	struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 12 };
	return timegm(&tm) != (time_t)-1 && tm.tm_year == y - 1900 && tm.tm_mon == m - 1 && tm.tm_mday == d;
}

/* Refuses --from/--to (`field`) unless it is a day: malformed, or no such day. */
static void check_day(struct tt_error *err, const char *field, const char *value)
{
	if (!value)
		return;
	if (!date_shaped(value))
		tt_error_add_field(err, field, "malformed", _("must be a date YYYY-MM-DD"));
	else if (!day_exists(value))
		tt_error_add_field(err, field, "no_such_day", _("is no day of the calendar"));
}

/* The Monday of the week of `day` (a valid YYYY-MM-DD), or with `end`
 * its Sunday, as YYYY-MM-DD in out (calendar arithmetic in UTC: no zone
 * moves a date). */
static void week_edge(const char *day, bool end, char out[11])
{
	struct tm tm = { 0 };
	tm.tm_year = atoi(day) - 1900;
	tm.tm_mon = atoi(day + 5) - 1;
	tm.tm_mday = atoi(day + 8);
	tm.tm_hour = 12;
	time_t t = timegm(&tm);
	struct tm d;
	gmtime_r(&t, &d);
	int back = (d.tm_wday + 6) % 7;   /* days since Monday */
	t += (time_t)((end ? 6 - back : -back) * 86400);
	gmtime_r(&t, &d);
	strftime(out, 11, "%Y-%m-%d", &d);
}

/* ------------------------------------------------------------------ csv -- */

/* True when s would start a formula in a spreadsheet and is not simply a
 * signed number: OWASP's list (CSV Injection) of characters no cell may
 * begin with is =, +, -, @, a tab, a CR and a line feed. Such a cell (a
 * customer's name is whatever the desk typed) is written with a leading
 * apostrophe, the usual guard against formula injection, so it opens as
 * text. A cell led by a blank is never taken for a number (strtod would
 * skip the blank). */
static bool csv_formula(const char *s)
{
	if (!*s || !strchr("=+-@\t\r\n", *s))
		return false;
	if (*s != '+' && *s != '-')
		return true;
	char *end;
	(void)strtod(s, &end);
	return end == s || *end != '\0';
}

/* One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line
 * end, or starts with a space; and when it holds a semicolon, the
 * separator a spreadsheet in many languages splits on (unquoted, the rest
 * of "Acme;=1+1" would become a cell of its own: a formula). On a
 * terminal its text is sanitised like every listing (escapes shown, never
 * sent); a file gets the bytes. */
static void csv_field(const char *s, bool tty)
{
	if (!s)
		return;
	struct strbuf clean;
	sb_init(&clean);
	if (tty) {
		text_sanitize(&clean, s, strlen(s), TEXT_MULTILINE | TEXT_TABS | (i18n_utf8() ? 0 : TEXT_ASCII));
		s = clean.buf;
	}
	bool guard = csv_formula(s);
	if (!guard && !strpbrk(s, ",;\"\r\n") && !isspace((unsigned char)*s)) {
		fputs(s, stdout);
		sb_done(&clean);
		return;
	}
	putchar('"');
	if (guard)
		putchar('\'');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
	sb_done(&clean);
}

static void print_csv(const struct report_table *t)
{
	bool tty = isatty(STDOUT_FILENO);
	for (int c = 0; c < t->ncols; c++) {
		if (c)
			putchar(',');
		csv_field(t->names[c], tty);
	}
	fputs("\r\n", stdout);
	for (size_t r = 0; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++) {
			if (c)
				putchar(',');
			csv_field(t->cells[r * (size_t)t->ncols + (size_t)c], tty);
		}
		fputs("\r\n", stdout);
	}
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
		{ "limit", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	struct report_args a = { 0 };
	const char *format = "text", *severity = NULL, *limit = NULL;
	enum format fmt = F_TEXT;
	struct tt_error err;
	struct db *db;
	int kind, c, rc;

	if (argc < 2 || argv[1][0] == '-')
		return cli_usage(cli_report_forms, "%s", _("which report? sla, backlog, escalations or oldest"));
	if ((kind = report_kind_parse(argv[1])) < 0)
		return cli_usage(cli_report_forms, _("unknown report '%s'"), argv[1]);
	argc--;
	argv++;
	struct cli_seen seen = { 0 };
	optind = 0;
	opterr = 0;
	while ((c = cli_getopt(argc, argv, "+", opts, "", &seen)) != -1) {
		if (c == CLI_OPT_TWICE)
			return cli_given_twice(cli_report_forms, seen.twice);
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
		case 'l': limit = optarg; break;
		default: return cli_bad_option(cli_report_forms, &seen);
		}
	}
	if (optind < argc)
		return cli_usage(cli_report_forms, _("unexpected argument '%s'"), argv[optind]);
	/* the oldest tickets have no period and no groups; only they a number */
	const char *stray = kind != REPORT_OLDEST ? (limit ? "--limit" : NULL)
			    : a.from ? "--from" : a.to ? "--to" : a.by ? "--by" : NULL;
	if (stray)
		/* TRANSLATORS: "report oldest takes no --from"; the first %s is
		 * the report (sla, backlog, escalations, oldest), the second
		 * an option. */
		return cli_usage(cli_report_forms, _("report %s takes no %s"), argv[0], stray);
	if (limit && !cli_parse_limit(limit, REPORT_OLDEST_MAX, &a.limit))
		return cli_usage(cli_report_forms, _("--limit must be a number from 1 to %d"), REPORT_OLDEST_MAX);
	if (!strcmp(format, "json"))
		fmt = F_JSON;
	else if (!strcmp(format, "csv"))
		fmt = F_CSV;
	else if (strcmp(format, "text"))
		return cli_usage(cli_report_forms, _("unknown format '%s' (text, json or csv)"), format);
	if (!a.by && kind != REPORT_OLDEST)
		a.by = kind == REPORT_SLA ? "week" : kind == REPORT_BACKLOG ? "severity" : "total";
	tt_error_init(&err);
	check_day(&err, "from", a.from);
	check_day(&err, "to", a.to);
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
	struct report_table t, trend = { 0 };
	struct report_period period = { "", "" };
	/* the text of the SLA report draws each group's weeks too, and names
	 * the days of its period */
	if (kind == REPORT_SLA && fmt == F_TEXT)
		rc = report_sla_load(db, &a, &t, &trend, &period, &err);
	else
		rc = report_load(db, kind, &a, &t, &err);
	if (rc)
		return cli_fail(&err);
	if (fmt == F_CSV) {
		print_csv(&t);
	} else if (kind == REPORT_SLA) {
		/* a customer's figures are kept by week (the rollups of 090):
		 * the title names the whole weeks they cover, and says so */
		bool weeks = (a.by && !strcmp(a.by, "customer")) || a.filter.customer;
		char from[11] = "", to[11] = "";
		if (weeks && a.from)
			week_edge(a.from, false, from);
		if (weeks && a.to)
			week_edge(a.to, true, to);
		/* a period not given is named in words and by its days (the
		 * desk's, as the database counts them) */
		char *from_words = NULL, *to_words = NULL;
		if (!a.from && *period.from)
			/* TRANSLATORS: the first day of `report sla` when --from is not
			 * given; %s is that day, YYYY-MM-DD */
			from_words = xasprintf(_("the start of the week 11 weeks back (%s)"), period.from);
		if (!a.to && *period.to)
			/* TRANSLATORS: the last day of `report sla` when --to is not
			 * given; %s is today's date, YYYY-MM-DD */
			to_words = xasprintf(_("today (%s)"), period.to);
		report_text_sla(&t, &trend, a.by,
				*from ? from : a.from ? a.from : from_words ? from_words
						: _("the start of the week 11 weeks back"),
				*to ? to : a.to ? a.to : to_words ? to_words : _("today"));
		free(from_words);
		free(to_words);
		if (weeks && ((a.from && strcmp(from, a.from)) || (a.to && strcmp(to, a.to))))
			printf("%s\n", _("A customer's figures are kept by week: they cover the whole weeks "
					  "(Monday to Sunday) of the dates asked for."));
	} else if (kind == REPORT_BACKLOG) {
		report_text_backlog(&t, a.by, a.from, a.to);
	} else if (kind == REPORT_OLDEST) {
		report_text_oldest(&t);
	} else {
		report_text_escalations(&t, a.by, a.from, a.to);
	}
	report_table_done(&t);
	report_table_done(&trend);
	return 0;
}
