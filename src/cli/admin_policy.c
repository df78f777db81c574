/* `ticketty admin policy show|load|reapply`: print the business calendar
 * and SLA targets, or replace them from a libconfig file (see
 * config/ticketty.conf, section policy) and move the open tickets'
 * deadlines to them. */
#include "cli/admin_policy.h"

#include <langinfo.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/policy.h"
#include "model/policy_reapply.h"
#include "util/duration.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

static const char usage[] = "admin policy show [--json|--conf] | admin policy load FILE|- | admin policy reapply";

static void print_safe(const char *s)
{
	struct strbuf sb;
	sb_init(&sb);
	text_sanitize(&sb, s ? s : "", strlen(s ? s : ""), i18n_utf8() ? 0 : TEXT_ASCII);
	fputs(sb.buf, stdout);
	sb_done(&sb);
}

/* "1 January, observed on the nearest weekday" / "third Monday of January"
 * / "last Monday of May", with the locale's month and day names. */
static void rule_describe(struct strbuf *out, const struct policy_holiday_rule *r)
{
	static const char *const ordinals[] = {
		N_("first %s of %s"), N_("second %s of %s"), N_("third %s of %s"),
		N_("fourth %s of %s"), N_("fifth %s of %s"),
	};
	const char *month = nl_langinfo((nl_item)(MON_1 + r->month - 1));
	if (r->day > 0) {
		sb_addf(out, _("%d %s"), r->day, month);
		if (r->observed)
			sb_addf(out, ", %s", _("observed on the nearest weekday"));
		return;
	}
	const char *weekday = nl_langinfo((nl_item)(DAY_1 + r->isodow % 7));
	if (r->nth == -1)
		sb_addf(out, _("last %s of %s"), weekday, month);
	else if (r->nth >= 1 && r->nth <= 5)
		sb_addf(out, _(ordinals[r->nth - 1]), weekday, month);
}

static void print_dates(const struct policy_holiday *h, size_t n, bool mark_working)
{
	if (!n)
		printf("  %s\n", _("none"));
	for (size_t i = 0; i < n; i++) {
		printf("  %s  ", h[i].date);
		if (mark_working)
			printf("%s  ", h[i].working ? _("open") : _("closed"));
		print_safe(h[i].name);
		putchar('\n');
	}
}

static void print_holidays(const struct policy *pol)
{
	printf("\n%s\n", _("Holiday rules (every year):"));
	if (!pol->nrules)
		printf("  %s\n", _("none"));
	struct strbuf *d = xcalloc(pol->nrules + 1, sizeof(*d));
	int width = 0;
	for (size_t i = 0; i < pol->nrules; i++) {
		sb_init(&d[i]);
		rule_describe(&d[i], &pol->rules[i]);
		if (text_width(d[i].buf) > width)
			width = text_width(d[i].buf);
	}
	for (size_t i = 0; i < pol->nrules; i++) {
		struct strbuf line;
		sb_init(&line);
		text_pad(&line, d[i].buf, width, i18n_utf8() ? 0 : TEXT_ASCII);
		printf("  %s  ", line.buf);
		print_safe(pol->rules[i].name);
		putchar('\n');
		sb_done(&line);
		sb_done(&d[i]);
	}
	free(d);
	printf("\n%s\n", _("One-off dates:"));
	print_dates(pol->holidays, pol->nholidays, true);
	printf("\n%s\n", _("Closed this year and next:"));
	print_dates(pol->upcoming, pol->nupcoming, false);
}

static void print_policy(const struct policy *pol)
{
	printf("%s ", _("Business calendar"));
	print_safe(pol->calendar);
	printf(", %s ", _("time zone"));
	print_safe(pol->time_zone);
	printf("\n\n%s\n", _("Opening hours [open, close):"));
	if (!pol->nhours)
		printf("  %s\n", _("none"));
	for (size_t i = 0; i < pol->nhours; i++)
		printf("  %s  %s-%s\n", pol->hours[i].day, pol->hours[i].open, pol->hours[i].close);
	print_holidays(pol);
	printf("\n%s\n", _("SLA targets (minutes; one business day = one opening day):"));
	/* the kind and plan columns as wide as their widest word, in cells:
	 * translated words ("prémium", "actualización al cliente") line up */
	int wkind = 0, wplan = 0;
	for (size_t i = 0; i < pol->ntargets; i++) {
		int k = text_width(i18n_term("sla_kind", pol->targets[i].kind));
		int p = text_width(i18n_term("plan", pol->targets[i].plan));
		wkind = k > wkind ? k : wkind;
		wplan = p > wplan ? p : wplan;
	}
	int flags = i18n_utf8() ? 0 : TEXT_ASCII;
	for (size_t i = 0; i < pol->ntargets; i++) {
		const struct policy_target *t = &pol->targets[i];
		struct strbuf d, line;
		sb_init(&d);
		sb_init(&line);
		duration_words(&d, (long long)t->minutes * 60, duration_clock_of(t->clock), pol->day_secs);
		sb_add(&line, "  ");
		text_pad(&line, i18n_term("sla_kind", t->kind), wkind, flags);
		sb_addc(&line, ' ');
		text_pad(&line, i18n_term("plan", t->plan), wplan, flags);
		sb_addf(&line, " %d  %6d  %s", t->severity, t->minutes, d.buf);
		puts(line.buf);
		sb_done(&line);
		sb_done(&d);
	}
}

enum show_form { SHOW_TEXT, SHOW_JSON, SHOW_CONF };

static int policy_show(struct app *app, enum show_form form)
{
	struct tt_error err;
	struct db *db;

	tt_error_init(&err);
	if (app_db(app, &db, &err))
		return cli_fail(&err);
	if (form == SHOW_JSON) {
		char *doc = NULL;
		if (policy_json(db, &doc, &err))
			return cli_fail(&err);
		printf("%s\n", doc);
		free(doc);
		return 0;
	}
	struct policy pol;
	if (policy_read(db, &pol, &err)) {
		policy_done(&pol);
		return cli_fail(&err);
	}
	int rc = 0;
	if (form == SHOW_CONF)
		rc = policy_write_conf(&pol, stdout, &err);
	else
		print_policy(&pol);
	policy_done(&pol);
	return rc ? cli_fail(&err) : 0;
}

/* On a terminal, how many tickets have moved so far, on one line. */
static void say_progress(long moved, void *arg)
{
	(void)arg;
	fputc('\r', stderr);
	fprintf(stderr, _("moving the open tickets' deadlines to the policy: %ld so far"), moved);
	fflush(stderr);
}

/* Moves the open tickets still on an earlier policy and says how many. */
static int reapply(struct db *db, struct tt_error *err)
{
	long moved = 0;
	bool tty = isatty(STDERR_FILENO);
	int rc = policy_reapply(db, tty ? say_progress : NULL, NULL, &moved, err);
	if (tty && moved)
		fputc('\n', stderr);
	if (rc) {
		char *why = xasprintf(_("%s (the deadlines of %ld open tickets moved before it; "
					"'ticketty admin policy reapply' moves the rest)"),
				      err->message ? err->message : "", moved);
		free(err->message);
		err->message = why;
		return rc;
	}
	if (moved)
		printf(ngettext("the deadlines of %ld open ticket moved to the policy\n",
				"the deadlines of %ld open tickets moved to the policy\n", moved), moved);
	else
		printf("%s\n", _("no open ticket had deadlines from an earlier policy"));
	return 0;
}

static int policy_load(struct app *app, const char *path)
{
	struct tt_error err;
	struct db *db;

	tt_error_init(&err);
	if (app_db(app, &db, &err) || policy_load_file(db, path, &err))
		return cli_fail(&err);
	printf(_("policy loaded from %s\n"), path);
	if (reapply(db, &err))
		return cli_fail(&err);
	return 0;
}

static int policy_reapply_cmd(struct app *app)
{
	struct tt_error err;
	struct db *db;

	tt_error_init(&err);
	if (app_db(app, &db, &err) || reapply(db, &err))
		return cli_fail(&err);
	return 0;
}

int cli_admin_policy(struct app *app, int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "show")) {
		if (argc == 2)
			return policy_show(app, SHOW_TEXT);
		if (argc == 3 && !strcmp(argv[2], "--json"))
			return policy_show(app, SHOW_JSON);
		if (argc == 3 && !strcmp(argv[2], "--conf"))
			return policy_show(app, SHOW_CONF);
		return cli_usage(usage, _("unexpected argument '%s'"), argv[2]);
	}
	if (argc >= 2 && !strcmp(argv[1], "load")) {
		if (argc != 3)
			return cli_usage(usage, "%s", _("which file?"));
		return policy_load(app, argv[2]);
	}
	if (argc >= 2 && !strcmp(argv[1], "reapply")) {
		if (argc != 2)
			return cli_usage(usage, _("unexpected argument '%s'"), argv[2]);
		return policy_reapply_cmd(app);
	}
	if (argc < 2)
		return cli_usage(usage, "%s", _("which policy command?"));
	return cli_usage(usage, _("unknown policy command '%s'"), argv[1]);
}
