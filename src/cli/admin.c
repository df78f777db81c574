/* `ticketty admin ...`: add customers, contacts and agents (printing the
 * new id on stdout), deactivate agents, list customers and agents; `admin
 * policy ...` is handed to cli/admin_policy.c, `admin request-type ...` to
 * cli/admin_routing.c, `admin team ...` to cli/admin_teams.c. */
#include "cli/admin.h"
#include "cli/mail.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/admin_policy.h"
#include "cli/admin_records.h"
#include "cli/admin_routing.h"
#include "cli/admin_teams.h"
#include "cli/cli.h"
#include "cli/table.h"
#include "model/admin.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

const char cli_admin_forms[] = N_(
	"admin customer add NAME --member-id ID --plan premium|basic [--csm LOGIN] "
	"[--account-rep \"Name <email>\"] [--account-rep-lang en|es] | admin customer list [--json] | "
	"admin contact add CUSTOMER --name NAME --email EMAIL [--phone P] [--spoc] [--lang en|es] | "
	"admin contact list CUSTOMER [--json] | admin agent add LOGIN --name NAME --role ROLE [--email E] [--team KEY] [--lang en|es] [--password-stdin] | "
	"admin agent deactivate LOGIN | admin agent list [--json] | "
	"admin agent set LOGIN FIELD=VALUE ... | "
	"admin customer|contact set REF FIELD=VALUE ... | admin customer|contact deactivate REF | "
	"admin audit [--limit N] [--json] | admin team list [--json] | admin team add KEY --name NAME | "
	"admin team set KEY FIELD=VALUE ... | admin team deactivate KEY | admin request-type list [--json] | "
	"admin request-type add KEY --name NAME (--team TEAM | --account-rep) [--ui-related] [--example TEXT] | "
	"admin request-type set KEY FIELD=VALUE ... | admin policy show [--json|--conf] | admin policy load FILE|- | admin policy reapply | "
	"admin template list [--json] | admin template show KIND LANG | "
	"admin template set KIND LANG [--subject TEXT] [--body-file FILE|-]");
static const char usage_customer_add[] =
	"admin customer add NAME --member-id ID --plan premium|basic [--csm LOGIN] "
	"[--account-rep \"Name <email>\"] [--account-rep-lang en|es]";
static const char usage_contact_add[] =
	"admin contact add CUSTOMER --name NAME --email EMAIL [--phone P] [--spoc] [--lang en|es]";
static const char usage_contact_list[] = "admin contact list CUSTOMER [--json]";
static const char usage_agent_add[] =
	"admin agent add LOGIN --name NAME --role engineer|csm|coo|ceo|pm|developer|admin|mail "
	"[--email E] [--team KEY] [--lang en|es] [--password-stdin]";
static const char usage_list[] = "admin customer list [--json] | admin agent list [--json]";

/* Prints the new id, or the error; call after the model call returned
 * (arguments are evaluated in no fixed order). */
static int print_id(int rc, const long long *id, struct tt_error *err)
{
	if (rc)
		return cli_fail(err);
	printf("%lld\n", *id);
	return 0;
}

static int customer_add(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "member-id", required_argument, NULL, 'm' },
		{ "plan", required_argument, NULL, 'p' },
		{ "csm", required_argument, NULL, 'c' },
		{ "account-rep", required_argument, NULL, 'r' },
		{ "account-rep-lang", required_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 },
	};
	struct admin_customer_new c = { 0 };
	struct tt_error err;
	struct db *db;
	long long id = 0;
	int o;

	struct cli_seen seen = { 0 };
	optind = 0;
	while ((o = cli_getopt(argc, argv, ":", opts, "", &seen)) != -1) {
		if (o == CLI_OPT_TWICE)
			return cli_given_twice(usage_customer_add, seen.twice);
		switch (o) {
		case 'm': c.member_id = optarg; break;
		case 'p': c.plan = optarg; break;
		case 'c': c.csm_login = optarg; break;
		case 'r': c.account_rep = optarg; break;
		case 'L': c.account_rep_lang = optarg; break;
		default: return cli_bad_option(usage_customer_add, &seen);
		}
	}
	if (argc - optind != 1)
		return cli_usage(usage_customer_add, "%s", _("give exactly one customer NAME"));
	if (!c.member_id || !c.plan)
		return cli_usage(usage_customer_add, "%s", _("--member-id and --plan are required"));
	c.name = argv[optind];
	tt_error_init(&err);
	if (app_db(app, &db, &err))
		return cli_fail(&err);
	int rc = admin_customer_add(db, &c, &id, &err);
	return print_id(rc, &id, &err);
}

static int contact_add(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "email", required_argument, NULL, 'e' },
		{ "phone", required_argument, NULL, 'p' },
		{ "spoc", no_argument, NULL, 's' },
		{ "lang", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	struct admin_contact_new c = { 0 };
	struct tt_error err;
	struct db *db;
	long long id = 0;
	int o;

	struct cli_seen seen = { 0 };
	optind = 0;
	while ((o = cli_getopt(argc, argv, ":", opts, "", &seen)) != -1) {
		if (o == CLI_OPT_TWICE)
			return cli_given_twice(usage_contact_add, seen.twice);
		switch (o) {
		case 'n': c.name = optarg; break;
		case 'e': c.email = optarg; break;
		case 'p': c.phone = optarg; break;
		case 's': c.spoc = true; break;
		case 'l': c.lang = optarg; break;
		default: return cli_bad_option(usage_contact_add, &seen);
		}
	}
	if (argc - optind != 1)
		return cli_usage(usage_contact_add, "%s", _("give exactly one CUSTOMER (name or id)"));
	if (!c.name || !c.email)
		return cli_usage(usage_contact_add, "%s", _("--name and --email are required"));
	c.customer = argv[optind];
	tt_error_init(&err);
	if (app_db(app, &db, &err))
		return cli_fail(&err);
	int rc = admin_contact_add(db, &c, &id, &err);
	return print_id(rc, &id, &err);
}

/* The longest password line read: far beyond any passphrase, and a
 * bound on what `--password-stdin </dev/zero` makes the command hold. */
#define PASSWORD_MAX 4096

/* One line from standard input without its line end, not echoed when
 * stdin is a terminal. NULL when nothing could be read; *nul is set when
 * the line holds a NUL byte (it would silently cut the password), *long_
 * when it runs past PASSWORD_MAX bytes (reading stops there). */
static char *read_password(bool *nul, bool *long_)
{
	struct termios old, quiet;
	bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
	char *line = xmalloc(PASSWORD_MAX + 2);
	int c;

	if (tty) {
		fprintf(stderr, "%s", _("Password: "));
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	ssize_t n = 0;
	while (n <= PASSWORD_MAX && (c = getchar()) != EOF) {
		line[n++] = (char)c;
		if (c == '\n')
			break;
	}
	line[n] = '\0';
	*long_ = n > PASSWORD_MAX && line[n - 1] != '\n';
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (n == 0) {
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	*nul = strlen(line) != (size_t)n;
	return line;
}

static int agent_add(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "role", required_argument, NULL, 'r' },
		{ "email", required_argument, NULL, 'e' },
		{ "team", required_argument, NULL, 't' },
		{ "password-stdin", no_argument, NULL, 'P' },
		{ "lang", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	struct admin_agent_new a = { 0 };
	struct tt_error err;
	struct db *db;
	long long id = 0;
	bool want_password = false;
	char *password = NULL;
	int o;

	struct cli_seen seen = { 0 };
	optind = 0;
	while ((o = cli_getopt(argc, argv, ":", opts, "", &seen)) != -1) {
		if (o == CLI_OPT_TWICE)
			return cli_given_twice(usage_agent_add, seen.twice);
		switch (o) {
		case 'n': a.name = optarg; break;
		case 'r': a.role = optarg; break;
		case 'e': a.email = optarg; break;
		case 't': a.team = optarg; break;
		case 'l': a.lang = optarg; break;
		case 'P': want_password = true; break;
		default: return cli_bad_option(usage_agent_add, &seen);
		}
	}
	if (argc - optind != 1)
		return cli_usage(usage_agent_add, "%s", _("give exactly one LOGIN"));
	if (!a.name || !a.role)
		return cli_usage(usage_agent_add, "%s", _("--name and --role are required"));
	a.login = argv[optind];
	if (want_password) {
		bool nul = false, too_long = false;
		password = read_password(&nul, &too_long);
		if (!password)
			return cli_usage(usage_agent_add, "%s",
					 _("--password-stdin: no password line on standard input"));
		if (nul || too_long) {
			memset(password, 0, PASSWORD_MAX + 2);
			free(password);
			tt_error_init(&err);
			tt_error_set(&err, EX_DATAERR, "%s", _("the agent was not added"));
			if (too_long)
				tt_error_add_field(&err, "password", "too_long", "is longer than 4096 bytes");
			else
				tt_error_add_field(&err, "password", "nul_byte", "contains a NUL byte");
			return cli_fail(&err);
		}
		a.password = password;
	}
	tt_error_init(&err);
	int rc = app_db(app, &db, &err);
	if (!rc)
		rc = admin_agent_add(db, &a, &id, &err);
	if (password) {
		memset(password, 0, strlen(password));
		free(password);
	}
	return print_id(rc, &id, &err);
}

static int agent_deactivate(struct app *app, int argc, char **argv)
{
	struct tt_error err;
	struct db *db;
	long long id = 0;

	if (argc != 2)
		return cli_usage("admin agent deactivate LOGIN", "%s", _("give exactly one LOGIN"));
	tt_error_init(&err);
	if (app_db(app, &db, &err))
		return cli_fail(&err);
	long long team = cli_admin_agent_team(db, argv[1]);
	int rc = admin_agent_deactivate(db, argv[1], &id, &err);
	if (!rc)
		cli_admin_warn_team_left_alone(db, team);
	return print_id(rc, &id, &err);
}

static bool json_flag(int argc, char **argv, bool *json)
{
	*json = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json"))
			return false;
		*json = true;
	}
	return true;
}

static int customer_list(struct app *app, int argc, char **argv)
{
	struct admin_customer *rows = NULL;
	struct tt_error err;
	struct db *db;
	char *json = NULL;
	bool as_json;
	int n = 0;

	if (!json_flag(argc, argv, &as_json))
		return cli_usage(usage_list, _("unexpected argument '%s'"), argv[argc - 1]);
	tt_error_init(&err);
	if (app_db(app, &db, &err) ||
	    admin_customer_list(db, as_json ? &json : NULL, as_json ? NULL : &rows, &n, &err))
		return cli_fail(&err);
	if (as_json) {
		printf("%s\n", json);
		free(json);
		return 0;
	}
	const char *head[] = { _("ID"), _("NAME"), _("MEMBER ID"), _("PLAN"), _("CSM"),
			       _("ACCOUNT REP"), _("CONTACTS") };
	const int cap[] = { 0, 28, 0, 0, 16, 30, 0 };
	struct cli_table *t = cli_table_new(7, head, cap);
	for (int i = 0; i < n; i++) {
		const struct admin_customer *c = &rows[i];
		char id[32], member[32], contacts[96];
		snprintf(id, sizeof(id), "%lld", c->id);
		snprintf(member, sizeof(member), "%lld", c->member_id);
		snprintf(contacts, sizeof(contacts), ngettext("%d contact", "%d contacts", c->contacts), c->contacts);
		snprintf(contacts + strlen(contacts), sizeof(contacts) - strlen(contacts), " (%d SPOC)", c->spocs);
		const char *row[] = { id, c->name, member, i18n_term("plan", c->plan), c->csm,
				      c->account_rep_email, contacts };
		cli_table_add(t, row);
		/* as the agent and contact lists show it: a deactivated
		 * customer must not read like a live one */
		if (!c->active)
			cli_table_note(t, _("deactivated"));
	}
	cli_table_print(t, stdout);
	cli_table_free(t);
	admin_customer_list_free(rows, n);
	return 0;
}

/* `admin contact list CUSTOMER [--json]`: whom mail goes to, and in
 * which language. */
static int contact_list(struct app *app, int argc, char **argv)
{
	struct admin_contact *rows = NULL;
	struct tt_error err;
	struct db *db;
	char *json = NULL;
	/* --json before or after the customer, as `contacts list` takes it */
	bool json_first = argc == 3 && !strcmp(argv[1], "--json");
	bool as_json = argc == 3 && (json_first || !strcmp(argv[2], "--json"));
	const char *customer = json_first ? argv[2] : argv[1];
	int n = 0;

	if (argc < 2 || (argc > 2 && !as_json))
		return cli_usage(usage_contact_list, "%s", _("give exactly one CUSTOMER (name or id)"));
	tt_error_init(&err);
	if (app_db(app, &db, &err) ||
	    admin_contact_list(db, customer, as_json ? &json : NULL, as_json ? NULL : &rows, &n, &err))
		return cli_fail(&err);
	if (as_json) {
		printf("%s\n", json);
		free(json);
		return 0;
	}
	const char *head[] = { _("ID"), _("NAME"), _("EMAIL"), _("LANG"), _("SPOC"), _("STATE"), _("PHONE") };
	const int cap[] = { 0, 24, 32, 0, 0, 0, 0 };
	struct cli_table *t = cli_table_new(7, head, cap);
	for (int i = 0; i < n; i++) {
		const struct admin_contact *c = &rows[i];
		char id[32];
		snprintf(id, sizeof(id), "%lld", c->id);
		const char *row[] = { id, c->name, c->email, c->lang, c->spoc ? "SPOC" : "-",
				      c->active ? _("active") : _("inactive"), c->phone };
		cli_table_add(t, row);
	}
	cli_table_print(t, stdout);
	cli_table_free(t);
	admin_contact_list_free(rows, n);
	return 0;
}

static int agent_list(struct app *app, int argc, char **argv)
{
	struct admin_agent *rows = NULL;
	struct tt_error err;
	struct db *db;
	char *json = NULL;
	bool as_json;
	int n = 0;

	if (!json_flag(argc, argv, &as_json))
		return cli_usage(usage_list, _("unexpected argument '%s'"), argv[argc - 1]);
	tt_error_init(&err);
	if (app_db(app, &db, &err) ||
	    admin_agent_list(db, as_json ? &json : NULL, as_json ? NULL : &rows, &n, &err))
		return cli_fail(&err);
	if (as_json) {
		printf("%s\n", json);
		free(json);
		return 0;
	}
	/* on a terminal login, name and team are capped, the role never cut */
	const char *head[] = { _("ID"), _("LOGIN"), _("NAME"), _("ROLE"), _("TEAM"), _("LANG"),
			       _("STATE") };
	const int cap[] = { 0, 16, 24, 0, 18, 0, 0 };
	struct cli_table *t = cli_table_new(7, head, cap);
	for (int i = 0; i < n; i++) {
		const struct admin_agent *a = &rows[i];
		char id[32];
		snprintf(id, sizeof(id), "%lld", a->id);
		const char *row[] = { id, a->login, a->name, i18n_term("role", a->role), a->team, a->lang,
				      a->active ? _("active") : _("deactivated") };
		cli_table_add(t, row);
	}
	cli_table_print(t, stdout);
	cli_table_free(t);
	admin_agent_list_free(rows, n);
	return 0;
}

int cli_admin(struct app *app, int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "policy"))
		return cli_admin_policy(app, argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "template"))
		return cli_admin_template(app, argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "audit"))
		return cli_admin_audit(app, argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "request-type"))
		return cli_admin_request_type(app, argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "team"))
		return cli_admin_team(app, argc - 1, argv + 1);
	if (argc >= 3 && cli_admin_records_handles(argv[1], argv[2]))
		return cli_admin_records(app, argc - 1, argv + 1);
	if (argc < 3)
		return cli_usage(cli_admin_forms, "%s", _("which admin command?"));
	const char *what = argv[1], *verb = argv[2];
	if (!strcmp(what, "customer") && !strcmp(verb, "add"))
		return customer_add(app, argc - 2, argv + 2);
	if (!strcmp(what, "customer") && !strcmp(verb, "list"))
		return customer_list(app, argc - 2, argv + 2);
	if (!strcmp(what, "contact") && !strcmp(verb, "add"))
		return contact_add(app, argc - 2, argv + 2);
	if (!strcmp(what, "contact") && !strcmp(verb, "list"))
		return contact_list(app, argc - 2, argv + 2);
	if (!strcmp(what, "agent") && !strcmp(verb, "add"))
		return agent_add(app, argc - 2, argv + 2);
	if (!strcmp(what, "agent") && !strcmp(verb, "deactivate"))
		return agent_deactivate(app, argc - 2, argv + 2);
	if (!strcmp(what, "agent") && !strcmp(verb, "list"))
		return agent_list(app, argc - 2, argv + 2);
	return cli_usage(cli_admin_forms, _("unknown admin command '%s %s'"), what, verb);
}
