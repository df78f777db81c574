/* `ticketty admin policy show|load`: print the business calendar and SLA
 * targets, or replace them from a libconfig file (see config/ticketty.conf,
 * section policy). */
#include "cli/admin_policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/policy.h"
#include "util/duration.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"

static const char usage[] = "admin policy show [--json] | admin policy load FILE";

static void print_safe(const char *s)
{
	struct strbuf sb;
	sb_init(&sb);
	text_sanitize(&sb, s ? s : "", strlen(s ? s : ""), i18n_utf8() ? 0 : TEXT_ASCII);
	fputs(sb.buf, stdout);
	sb_done(&sb);
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
	printf("\n%s\n", _("Holidays:"));
	if (!pol->nholidays)
		printf("  %s\n", _("none"));
	for (size_t i = 0; i < pol->nholidays; i++) {
		printf("  %s  ", pol->holidays[i].date);
		print_safe(pol->holidays[i].name);
		putchar('\n');
	}
	printf("\n%s\n", _("SLA targets (minutes; one business day = one opening day):"));
	for (size_t i = 0; i < pol->ntargets; i++) {
		const struct policy_target *t = &pol->targets[i];
		struct strbuf d;
		sb_init(&d);
		duration_format(&d, (long long)t->minutes * 60, false);
		printf("  %-16s %-8s %d  %6d  %-8s %s\n", i18n_term("sla_kind", t->kind),
		       i18n_term("plan", t->plan), t->severity, t->minutes, d.buf,
		       i18n_term("clock", t->clock));
		sb_done(&d);
	}
}

static int policy_show(struct app *app, bool json)
{
	struct tt_error err;
	struct db *db;

	tt_error_init(&err);
	if (app_db(app, &db, &err))
		return cli_fail(&err);
	if (json) {
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
	print_policy(&pol);
	policy_done(&pol);
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
	return 0;
}

int cli_admin_policy(struct app *app, int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "show")) {
		if (argc == 2)
			return policy_show(app, false);
		if (argc == 3 && !strcmp(argv[2], "--json"))
			return policy_show(app, true);
		return cli_usage(usage, _("unexpected argument '%s'"), argv[2]);
	}
	if (argc >= 2 && !strcmp(argv[1], "load")) {
		if (argc != 3)
			return cli_usage(usage, "%s", _("which file?"));
		return policy_load(app, argv[2]);
	}
	if (argc < 2)
		return cli_usage(usage, "%s", _("which policy command?"));
	return cli_usage(usage, _("unknown policy command '%s'"), argv[1]);
}
