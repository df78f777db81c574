/* Resolves where the database is and opens it on first use. */
#include "app.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <pwd.h>

#include "db/session.h"
#include "db/local.h"
#include "db/backfill.h"
#include "db/migrate.h"
#include "model/agent.h"
#include "model/desk_zone.h"
#include "model/seed.h"
#include "util/i18n.h"
#include "util/xalloc.h"

void app_init(struct app *app)
{
	memset(app, 0, sizeof(*app));
	conf_init(&app->cfg);
}

void app_done(struct app *app)
{
	db_close(app->db);
	app->db = NULL;
	free(app->refusal);
	app->refusal = NULL;
	conf_done(&app->cfg);
}

/* Matches "--name VALUE" or "--name=VALUE"; advances *i past the value. */
static int option_value(int argc, char **argv, int *i, const char *name, const char **value)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n))
		return 0;
	if (argv[*i][n] == '=') {
		*value = argv[*i] + n + 1;
		return 1;
	}
	if (argv[*i][n] != '\0')
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*value = argv[++*i];
	return 1;
}

int app_options(struct app *app, int argc, char **argv, int *i, struct tt_error *err)
{
	for (; *i < argc && argv[*i][0] == '-'; ++*i) {
		int m;
		if (!strcmp(argv[*i], "--")) {
			++*i;
			return 1;
		} else if ((m = option_value(argc, argv, i, "--config", &app->config_arg))) {
			if (m < 0)
				return tt_error_set(err, EX_USAGE, "%s", _("--config needs a file name")), -1;
		} else if ((m = option_value(argc, argv, i, "--db", &app->db_arg))) {
			if (m < 0)
				return tt_error_set(err, EX_USAGE, "%s", _("--db needs a connection string")), -1;
		} else if (!strcmp(argv[*i], "--no-color")) {
			app->no_color = true;
		} else {
			break;
		}
	}
	return 0;
}

int app_configure(struct app *app, struct tt_error *err)
{
	int rc = conf_load(&app->cfg, app->config_arg, err);
	if (rc)
		return rc;
	if (app->cfg.language)
		i18n_init(app->cfg.language);
	const char *no_color = getenv("NO_COLOR");
	if ((no_color && *no_color) || !app->cfg.color)
		app->no_color = true;
	return 0;
}

static bool pg_environment_set(void)
{
	const char *vars[] = { "PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGSERVICE", "PGUSER" };
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return true;
	}
	return false;
}

const char *app_conninfo(const struct app *app)
{
	if (app->db_arg)
		return app->db_arg;
	if (app->cfg.conninfo)
		return app->cfg.conninfo;
	if (pg_environment_set())
		return "";
	return NULL;
}

static const char *my_login(void)
{
	struct passwd *pw = getpwuid(geteuid());
	return pw ? pw->pw_name : NULL;
}

/* The session limits from the configuration. */
static struct db_options db_options(const struct app *app)
{
	struct db_options opt = { app->cfg.lock_timeout_ms, app->cfg.statement_timeout_ms, NULL };
	return opt;
}

static int open_private_cluster(struct app *app, struct tt_error *err)
{
	struct db_options opt = db_options(app);
	struct local_cluster lc;
	bool created = false;
	int rc, applied = 0;

	memset(&app->schema, 0, sizeof(app->schema));
	local_init(&lc, app->cfg.data_dir);
	rc = local_start(&lc, &created, err);
	if (!rc) {
		opt.private_data_dir = lc.data_dir;
		app->db = db_open_with(lc.conninfo, &opt, err);
		rc = app->db ? 0 : err->code;
	}
	if (!rc) {
		rc = migrate_apply(app->db, &applied, NULL, err);
		if (!rc)
			rc = migrate_backfill(app->db, NULL, NULL, err);
		/* a newer schema or one before the baseline: which, for the TUI */
		struct tt_error why;
		tt_error_init(&why);
		if (rc == EX_UNAVAILABLE && app->db && db_connected(app->db))
			(void)migrate_check_state(app->db, &app->schema, &why);
		tt_error_clear(&why);
	}
	if (!rc && created) {
		/* if_empty: a start beside this one may have loaded it already,
		 * or loaded it and stopped before leaving the mark */
		struct seed_options opt = { .tickets = 500, .seed = 1, .me = my_login(), .if_empty = true };
		rc = seed_demo(app->db, &opt, err);
		if (!rc)
			rc = local_mark_seeded(&lc, err);
	}
	local_done(&lc);
	app->local = true;
	return rc;
}

int app_private_server_up(struct app *app, struct tt_error *err)
{
	if (!app->local)
		return 0;
	struct local_cluster lc;
	bool created = false;
	local_init(&lc, app->cfg.data_dir);
	int rc = local_start(&lc, &created, err);
	local_done(&lc);
	return rc;
}

int app_db_private(struct app *app, struct db **db, struct tt_error *err)
{
	if (!app->db || !app->local) {
		db_close(app->db);
		app->db = NULL;
		int rc = open_private_cluster(app, err);
		if (rc) {
			db_close(app->db);
			app->db = NULL;
			return rc;
		}
	}
	*db = app->db;
	return 0;
}

int app_db_unchecked(struct app *app, struct db **db, struct tt_error *err)
{
	if (!app->db) {
		const char *conninfo = app_conninfo(app);
		struct db_options opt = db_options(app);
		if (!conninfo) {
			return app_db_private(app, db, err);
		} else {
			app->db = db_open_with(conninfo, &opt, err);
			if (!app->db)
				return err->code;
		}
	}
	*db = app->db;
	return 0;
}

/* Maintenance and read-only policy commands a superuser or the schema's
 * owner may run before any agent exists (sla and report only read the
 * shared policy). */
static bool maintenance_command(const char *command)
{
	static const char *const names[] = { "db", "admin", "local", "sla", "report" };
	for (size_t i = 0; command && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(command, names[i]))
			return true;
	return false;
}

/* The commands of ticketty-mail, the mail gateway's (src/mailer/main.c). */
static bool gateway_command(const char *command)
{
	return command && (!strcmp(command, "mail send") || !strcmp(command, "mail receive"));
}

/* An agent of role mail (the mail gateway, sql/972) runs `mail send` and
 * `mail receive` and nothing else: anything else, the full-screen
 * interface included, is refused (77) in words saying so, kept in
 * app->refusal for the TUI to say once the screen is gone. */
static int check_role(struct app *app, const char *role, struct tt_error *err)
{
	if (!role || strcmp(role, "mail") || gateway_command(app->command))
		return 0;
	tt_error_set(err, EX_NOPERM,
		     _("ticketty agent \"%s\" has the role mail: it runs only `ticketty mail send` and "
		       "`ticketty mail receive` (the mail gateway), not the interface or other commands"),
		     db_user(app->db));
	free(app->refusal);
	app->refusal = xstrdup(err->message);
	return EX_NOPERM;
}

/* Everything else needs an active agent behind the login. */
static int check_agent(struct app *app, struct tt_error *err)
{
	struct agent_info me;
	agent_info_init(&me);
	int rc = agent_whoami(app->db, &me, err);
	if (!rc)
		rc = check_role(app, me.role, err);
	agent_info_done(&me);
	if (rc == EX_NOPERM && maintenance_command(app->command) && agent_is_maintainer(app->db)) {
		tt_error_clear(err);
		rc = 0;
	}
	return rc;
}

/* Instants show in the agent's zone (ui.timezone, checked when the
 * configuration was read), else the desk's (the default calendar's): the
 * process's TZ, which timefmt's localtime_r follows. A database without
 * calendars yet (maintenance) keeps the TZ the process has. */
static int apply_desk_zone(struct app *app, bool probed, const char *desk, struct tt_error *err)
{
	char *zone = app->cfg.timezone ? xstrdup(app->cfg.timezone) : NULL;
	if (!zone && probed) {
		zone = desk ? xstrdup(desk) : NULL;  /* read with the session probe */
	} else if (!zone) {
		struct tt_error why;
		tt_error_init(&why);
		int rc = desk_zone_load(app->db, &zone, &why);
		if (rc == EX_UNAVAILABLE) {
			tt_error_clear(err);
			*err = why;
			return rc;
		}
		tt_error_clear(&why);
	}
	if (zone) {
		setenv("TZ", zone, 1);
		tzset();
	}
	free(zone);
	return 0;
}

/* The common case in one round trip: the schema this binary knows and an
 * active agent behind the login. False sends check_fresh to the detailed
 * checks, which name the problem. */
static bool fresh_fast(struct app *app, char **zone, char **role)
{
	struct agent_info me;
	struct tt_error err;
	char *versions = NULL, *functions = NULL;
	bool baseline = false;
	agent_info_init(&me);
	tt_error_init(&err);
	int rc = agent_session_probe(app->db, &me, &versions, &functions, &baseline, zone, &err);
	bool ok = !rc && baseline && migrate_versions_current(versions) &&
		  migrate_functions_current(functions);
	if (ok) {
		*role = me.role;
		me.role = NULL;
	}
	free(versions);
	free(functions);
	agent_info_done(&me);
	tt_error_clear(&err);
	return ok;
}

/* The checks on a fresh connection (schema version, an active agent);
 * closes it on a refusal. */
static int check_fresh(struct app *app, struct db **db, struct tt_error *err)
{
	char *zone = NULL, *role = NULL;
	bool fast = fresh_fast(app, &zone, &role);
	memset(&app->schema, 0, sizeof(app->schema));
	int rc = fast ? check_role(app, role, err) : migrate_check_state(app->db, &app->schema, err);
	free(role);
	if (!fast && (!rc || rc == EX_NOPERM)) {
		/* a stranger cannot read the schema version either: say why */
		struct tt_error why;
		tt_error_init(&why);
		int who = check_agent(app, &why);
		if (who) {
			tt_error_clear(err);
			*err = why;
			rc = who;
		} else {
			tt_error_clear(&why);
		}
	}
	if (!rc)
		rc = apply_desk_zone(app, fast, zone, err);
	free(zone);
	if (rc) {
		db_close(app->db);
		app->db = NULL;
	}
	*db = app->db;
	return rc;
}

int app_db(struct app *app, struct db **db, struct tt_error *err)
{
	bool fresh = app->db == NULL;
	int rc = app_db_unchecked(app, db, err);
	if (rc || !fresh)
		return rc;
	return check_fresh(app, db, err);
}

int app_db_configured(struct app *app, const char *what, struct db **db, struct tt_error *err)
{
	if (!app->db && !app_conninfo(app))
		return tt_error_set(err, EX_CONFIG,
				    _("no database is configured for %s: give --db, set database.conninfo in the "
				      "configuration file, or set PGHOST and PGDATABASE (the private demo database "
				      "is for trying ticketty out, never for mail)"), what);
	return app_db(app, db, err);
}

int app_db_start(struct app *app, struct tt_error *err)
{
	const char *conninfo = app_conninfo(app);
	struct db_options opt = db_options(app);

	if (!conninfo)
		return APP_DB_PRIVATE;
	db_close(app->db);
	app->db = db_connect_start(conninfo, &opt, err);
	return app->db ? 0 : err->code;
}

int app_db_connected(struct app *app, struct db **db, struct tt_error *err)
{
	return check_fresh(app, db, err);
}
