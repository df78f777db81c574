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

/* Database text sanitised for printing, appended to out. */
static void add_safe(struct strbuf *out, const char *s)
{
	text_sanitize(out, s ? s : "", strlen(s ? s : ""), i18n_utf8() ? 0 : TEXT_ASCII);
}

/* One line of two columns: `left` (already padded and sanitised) and
 * the database text `right`. Piped (cols 0), or when it fits, on one
 * line; on a narrower terminal `right` wraps between words, its
 * continuation lines under its own column (or hanging four cells in when
 * the left column leaves it less than a fifth of the width), so no line
 * runs past the terminal's edge (a 19 June rule's long name at 80
 * columns, a Spanish rule's words). */
static void print_two_columns(const char *left, const char *right, int cols)
{
	struct strbuf r, line;
	sb_init(&r);
	sb_init(&line);
	add_safe(&r, right);
	int lw = text_width(left);
	if (cols <= 0 || lw + text_width(r.buf) <= cols) {
		printf("%s%s\n", left, r.buf);
	} else {
		int indent = cols - lw >= cols / 5 ? lw : 4;
		const char *rest = r.buf;
		sb_add(&line, left);
		if (indent < lw) {
			/* the name starts on a line of its own */
			cli_print_wrapped(left, cols);
			sb_reset(&line);
			for (int i = 0; i < indent; i++)
				sb_addc(&line, ' ');
		}
		while (*rest) {
			size_t n = text_wrap_line(rest, cols - indent);
			sb_addn(&line, rest, n);
			printf("%s\n", line.buf);
			rest += n;
			while (*rest == ' ')
				rest++;
			sb_reset(&line);
			for (int i = 0; i < indent; i++)
				sb_addc(&line, ' ');
		}
	}
	sb_done(&line);
	sb_done(&r);
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

static void print_dates(const struct policy_holiday *h, size_t n, bool mark_working, int cols)
{
	if (!n)
		printf("  %s\n", _("none"));
	for (size_t i = 0; i < n; i++) {
		struct strbuf left;
		sb_init(&left);
		sb_addf(&left, "  %s  ", h[i].date);
		if (mark_working)
			sb_addf(&left, "%s  ", h[i].working ? _("open") : _("closed"));
		print_two_columns(left.buf, h[i].name, cols);
		sb_done(&left);
	}
}

static void print_holidays(const struct policy *pol, int cols)
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
		sb_add(&line, "  ");
		text_pad(&line, d[i].buf, width, i18n_utf8() ? 0 : TEXT_ASCII);
		sb_add(&line, "  ");
		print_two_columns(line.buf, pol->rules[i].name, cols);
		sb_done(&line);
		sb_done(&d[i]);
	}
	free(d);
	printf("\n%s\n", _("One-off dates:"));
	print_dates(pol->holidays, pol->nholidays, true, cols);
	printf("\n%s\n", _("Closed this year and next:"));
	print_dates(pol->upcoming, pol->nupcoming, false, cols);
}

/* "Monday" for "mon", in the locale's words (the key when unknown). */
static const char *day_name(const char *key)
{
	static const char *const keys[] = { "sun", "mon", "tue", "wed", "thu", "fri", "sat" };
	for (int i = 0; i < 7; i++)
		if (key && !strcmp(key, keys[i]))
			return nl_langinfo((nl_item)(DAY_1 + i));
	return key ? key : "";
}

static void print_policy(const struct policy *pol)
{
	int cols = cli_terminal_cols();
	struct strbuf head;
	sb_init(&head);
	sb_addf(&head, "%s ", _("Business calendar"));
	add_safe(&head, pol->calendar);
	sb_addf(&head, ", %s ", _("time zone"));
	add_safe(&head, pol->time_zone);
	cli_print_wrapped(head.buf, cols);
	sb_done(&head);
	printf("\n%s\n", _("Opening hours [open, close):"));
	if (!pol->nhours)
		printf("  %s\n", _("none"));
	/* the days in the reader's words ("Monday", "lunes"), as the
	 * holiday rules name them, in a column as wide as the widest */
	int wday = 0;
	for (size_t i = 0; i < pol->nhours; i++) {
		int w = text_width(day_name(pol->hours[i].day));
		wday = w > wday ? w : wday;
	}
	for (size_t i = 0; i < pol->nhours; i++) {
		struct strbuf line;
		sb_init(&line);
		sb_add(&line, "  ");
		text_pad(&line, day_name(pol->hours[i].day), wday, i18n_utf8() ? 0 : TEXT_ASCII);
		sb_addf(&line, "  %s-%s", pol->hours[i].open, pol->hours[i].close);
		puts(line.buf);
		sb_done(&line);
	}
	print_holidays(pol, cols);
	cli_print_wrapped(_("SLA targets (minutes; one business day = one opening day):"), cols);
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
		cli_print_wrapped(line.buf, cols);
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
