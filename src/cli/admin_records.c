/* Records that change: `admin customer set REF FIELD=VALUE ...`, `admin
 * customer deactivate REF`, the same for contacts (SPOC granted or revoked
 * with spoc=yes|no), `admin agent set LOGIN FIELD=VALUE ...`, `admin audit` (who changed what, before and after)
 * and `contacts list CUSTOMER`. Each prints the record's id, or the JSON
 * PostgreSQL built with --json for the listings. */
#include "cli/admin_records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "model/admin_records.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/timefmt.h"

static const char usage_set[] =
	"admin customer set CUSTOMER FIELD=VALUE ... | admin customer deactivate CUSTOMER"
	" | admin contact set CONTACT FIELD=VALUE ... | admin contact deactivate CONTACT"
	" | admin agent set LOGIN FIELD=VALUE ... (each with --json: the record after the change)";
static const char usage_audit[] = "admin audit [--limit N] [--json]";
static const char usage_contacts[] = "contacts list CUSTOMER [--json]";

long long cli_admin_agent_team(struct db *db, const char *login)
{
	struct tt_error err;
	long long team_id = 0;
	tt_error_init(&err);
	if (admin_agent_team_id(db, login, &team_id, &err))
		team_id = 0;
	tt_error_clear(&err);
	return team_id;
}

void cli_admin_warn_team_left_alone(struct db *db, long long team_id)
{
	struct tt_error err;
	char *team = NULL;
	long open = 0;
	if (!team_id)
		return;
	tt_error_init(&err);
	if (!admin_team_left_alone(db, team_id, &team, &open, &err) && team) {
		struct strbuf w;
		sb_init(&w);
		text_sanitize(&w, i18n_db(team), strlen(i18n_db(team)), i18n_utf8() ? 0 : TEXT_ASCII);
		fprintf(stderr, ngettext("ticketty: warning: team %s has no active agent now, and %ld open ticket that "
					 "waits in its queue (admin agent set LOGIN team=KEY gives it one)\n",
					 "ticketty: warning: team %s has no active agent now, and %ld open tickets that "
					 "wait in its queue (admin agent set LOGIN team=KEY gives it one)\n", open),
			w.buf, open);
		sb_done(&w);
	}
	free(team);
	tt_error_clear(&err);
}

bool cli_admin_records_handles(const char *what, const char *verb)
{
	return ((!strcmp(what, "customer") || !strcmp(what, "contact")) &&
		(!strcmp(verb, "set") || !strcmp(verb, "deactivate"))) ||
	       (!strcmp(what, "agent") && !strcmp(verb, "set"));
}

int cli_admin_records(struct app *app, int argc, char **argv)
{
	enum admin_record kind = !strcmp(argv[0], "customer") ? ADMIN_CUSTOMER
				 : !strcmp(argv[0], "contact") ? ADMIN_CONTACT : ADMIN_AGENT;
	bool set = !strcmp(argv[1], "set");
	bool json = false;
	/* --json anywhere after the verb: the record as JSON */
	for (int i = 2; i < argc; i++)
		if (!strcmp(argv[i], "--json")) {
			json = true;
			memmove(&argv[i], &argv[i + 1], (size_t)(argc - i - 1) * sizeof(*argv));
			argc--;
			i--;
		}
	if (argc < 3)
		return cli_usage(usage_set, "%s", kind == ADMIN_CUSTOMER ? _("which customer?")
					  : kind == ADMIN_CONTACT ? _("which contact?") : _("which agent?"));
	if (!set && argc != 3)
		return cli_usage(usage_set, _("unexpected argument '%s'"), argv[3]);
	int npairs = argc - 3;
	struct field_pair pairs[PAIRS_MAX];
	int bad = cli_read_pairs(usage_set, argv + 3, npairs, set, pairs);
	if (bad)
		return bad;
	struct tt_error err;
	tt_error_init(&err);
	struct db *db;
	long long id = 0;
	int rc = app_db(app, &db, &err);
	/* an agent's team before the change: the one it may leave alone */
	long long team_before = !rc && kind == ADMIN_AGENT ? cli_admin_agent_team(db, argv[2]) : 0;
	if (!rc && kind == ADMIN_CUSTOMER)
		rc = set ? admin_customer_set(db, argv[2], pairs, (size_t)npairs, &id, &err)
			 : admin_customer_deactivate(db, argv[2], &id, &err);
	else if (!rc && kind == ADMIN_CONTACT)
		rc = set ? admin_contact_set(db, argv[2], pairs, (size_t)npairs, &id, &err)
			 : admin_contact_deactivate(db, argv[2], &id, &err);
	else if (!rc)
		rc = admin_agent_set(db, argv[2], pairs, (size_t)npairs, &id, &err);
	if (rc)
		return cli_fail(&err);
	/* a contact's change that leaves its customer without an authorised
	 * single point of contact (the old SPOC revoked or deactivated before
	 * the new one is named): done, but said, for from now on every ticket
	 * of that customer, by mail or not, is refused as "not a SPOC" */
	char *alone = NULL;
	if (kind == ADMIN_CONTACT && !admin_contact_customer_without_spoc(db, id, &alone, &err) && alone) {
		struct strbuf w;
		sb_init(&w);
		text_sanitize(&w, alone, strlen(alone), i18n_utf8() ? 0 : TEXT_ASCII);
		fprintf(stderr, _("ticketty: warning: %s has no authorised single point of contact now: no ticket "
				  "can be filed for it until one is named (admin contact set REF spoc=yes)\n"),
			w.buf);
		sb_done(&w);
	}
	free(alone);
	tt_error_clear(&err);
	if (kind == ADMIN_AGENT)
		cli_admin_warn_team_left_alone(db, team_before);
	if (json) {
		char *out = NULL;
		if (admin_record_json(db, kind, id, &out, &err))
			return cli_fail(&err);
		printf("%s\n", out);
		free(out);
		return 0;
	}
	printf("%lld\n", id);
	return 0;
}

/* A cell of the audit's first line: cut to `width` on a terminal, whole
 * (padded to it) when piped. */
static void cell(struct strbuf *sb, const char *s, int width)
{
	int flags = i18n_utf8() ? 0 : TEXT_ASCII;
	if (isatty(STDOUT_FILENO))
		text_fit(sb, s ? s : "-", width, flags);
	else
		text_pad(sb, s ? s : "-", width, flags);
	sb_add(sb, "  ");
}

/* Database text appended whole, sanitised; "-" when there is none. */
static void whole(struct strbuf *sb, const char *s)
{
	if (!s)
		s = "-";
	text_sanitize(sb, s, strlen(s), i18n_utf8() ? 0 : TEXT_ASCII);
}

int cli_admin_audit(struct app *app, int argc, char **argv)
{
	bool json = false;
	int limit = 50;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (!strcmp(argv[i], "--limit") && i + 1 < argc) {
			char *end;
			long v = strtol(argv[++i], &end, 10);
			if (*end || v < 1 || v > 10000)
				return cli_usage(usage_audit, _("'%s' is not a number from 1 to 10000"), argv[i]);
			limit = (int)v;
		} else {
			return cli_usage(usage_audit, _("unexpected argument '%s'"), argv[i]);
		}
	}
	struct tt_error err;
	struct db *db;
	struct admin_event_row *rows = NULL;
	char *out = NULL;
	int n = 0;
	tt_error_init(&err);
	if (app_db(app, &db, &err) ||
	    admin_audit_list(db, limit, json ? &out : NULL, json ? NULL : &rows, &n, &err))
		return cli_fail(&err);
	if (json) {
		printf("%s\n", out);
		free(out);
		return 0;
	}
	struct strbuf sb;
	sb_init(&sb);
	if (!n) {
		printf("%s\n", _("the audit log is empty"));
	} else {
		cell(&sb, _("WHEN"), 20);
		cell(&sb, _("WHO"), 14);
		cell(&sb, _("ACTION"), 22);
		sb_add(&sb, _("OBJECT"));
		printf("%s\n", sb.buf);
	}
	/* on a terminal every line wraps between words, its continuation
	 * indented (a long object, the values of a change), so nothing runs
	 * past its edge; piped, each line is whole */
	int cols = cli_terminal_cols();
	for (int i = 0; i < n; i++) {
		const struct admin_event_row *e = &rows[i];
		char *when = timefmt(e->at, TIMEFMT_ISO_ZONE);
		sb_reset(&sb);
		cell(&sb, when, 20);
		free(when);
		cell(&sb, e->actor, 14);
		cell(&sb, e->action, 22);
		whole(&sb, e->object);
		cli_print_wrapped(sb.buf, cols);
		sb_reset(&sb);
		sb_add(&sb, "    ");
		sb_add(&sb, _("before:"));
		sb_add(&sb, " ");
		whole(&sb, e->before);
		cli_print_wrapped(sb.buf, cols);
		sb_reset(&sb);
		sb_add(&sb, "    ");
		sb_add(&sb, _("after:"));
		sb_add(&sb, " ");
		whole(&sb, e->after);
		cli_print_wrapped(sb.buf, cols);
	}
	sb_done(&sb);
	admin_audit_list_free(rows, n);
	return 0;
}

int cli_contacts(struct app *app, int argc, char **argv)
{
	bool json = false;
	const char *customer = NULL;
	if (argc < 2)
		return cli_usage(usage_contacts, "%s", _("which contacts command?"));
	if (strcmp(argv[1], "list"))
		return cli_usage(usage_contacts, _("unknown contacts command '%s'"), argv[1]);
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else if (!customer)
			customer = argv[i];
		else
			return cli_usage(usage_contacts, _("unexpected argument '%s'"), argv[i]);
	}
	if (!customer)
		return cli_usage(usage_contacts, "%s", _("which customer?"));
	struct tt_error err;
	struct db *db;
	struct contact_row *rows = NULL;
	char *out = NULL;
	int n = 0;
	tt_error_init(&err);
	if (app_db(app, &db, &err) ||
	    contacts_list(db, customer, json ? &out : NULL, json ? NULL : &rows, &n, &err))
		return cli_fail(&err);
	if (json) {
		printf("%s\n", out);
		free(out);
		return 0;
	}
	const char *head[] = { _("ID"), _("NAME"), _("EMAIL"), _("PHONE"), _("SPOC"), _("STATE") };
	const int cap[] = { 0, 24, 32, 18, 0, 0 };
	struct cli_table *t = cli_table_new(6, head, cap);
	for (int i = 0; i < n; i++) {
		const struct contact_row *c = &rows[i];
		char id[32];
		snprintf(id, sizeof(id), "%lld", c->id);
		const char *row[] = { id, c->name, c->email, c->phone, c->spoc ? _("SPOC") : "-",
				      c->active ? _("active") : _("deactivated") };
		cli_table_add(t, row);
	}
	cli_table_print(t, stdout);
	cli_table_free(t);
	contacts_list_free(rows, n);
	return 0;
}
