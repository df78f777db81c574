/* The context every command and view receives: configuration, global
 * options and the (lazily opened) database connection. */
#ifndef TICKETTY_APP_H
#define TICKETTY_APP_H

#include <stdbool.h>

#include "config.h"
#include "db/migrate.h"
#include "util/error.h"

struct db;

struct app {
	struct config cfg;
	const char *config_arg; /* --config FILE, or NULL */
	const char *db_arg;     /* --db CONNINFO, or NULL */
	bool no_color;          /* --no-color or NO_COLOR set */
	bool local;             /* using the private cluster */
	struct db *db;          /* owned; NULL until app_db() */
	const char *command;    /* the subcommand (argv), NULL for the TUI */
	/* the last schema check on a fresh connection: its gap is not
	 * SCHEMA_OK when the schema refused it (not an outage: trying
	 * again at once cannot help) */
	struct schema_state schema;
	/* owned; set when the login may not use this program at all (an
	 * agent of role mail outside ticketty-mail): the TUI ends with it */
	char *refusal;
};

void app_init(struct app *app);
void app_done(struct app *app);   /* closes the database, frees config */

/* The global options every program takes, from argv[*i] on: --config
 * FILE, --db CONNINFO (also --name=VALUE), --no-color, and "--" (which
 * ends them). Stops at the first word that is none of them (*i then on
 * it: a command, or an option of the program's own). 0; 1 when "--"
 * ended them (what follows is no option); -1 with err set (EX_USAGE)
 * when an option's value is missing. */
int app_options(struct app *app, int argc, char **argv, int *i, struct tt_error *err);
/* Loads the configuration (--config, else the usual places) and applies
 * what the whole program follows: its language, and colour (also off
 * with NO_COLOR). 0, or an exit code with err set. */
int app_configure(struct app *app, struct tt_error *err);

/* The conninfo to use: --db, else database.conninfo from the config, else
 * "" when PG* variables name a server, else NULL (use the private cluster). */
const char *app_conninfo(const struct app *app);

/* Opens the database on first use and checks the schema version (the
 * private cluster is started, migrated and seeded with demo data on its
 * first start), then that the login is an active agent (77 otherwise).
 * A superuser that is no agent passes only for the maintenance commands
 * (db, admin, local), so an empty database can be bootstrapped.
 * Returns 0 and sets *db, or an exit code with err set. */
int app_db(struct app *app, struct db **db, struct tt_error *err);
/* app_db for the commands a mail transfer agent or a service runs
 * (`mail receive`, `mail send`): with no database configured it is
 * refused (78, err naming `what` and where to configure one) instead of
 * starting the private demo cluster, which would take the customer's mail
 * into a desk nobody reads. */
int app_db_configured(struct app *app, const char *what, struct db **db, struct tt_error *err);
/* Connecting without blocking (the TUI). app_db_start begins connecting
 * to the configured server: app->db is then a handle still connecting,
 * to be driven with live_connect_poll (model/live.h); returns 0, an exit
 * code with err set, or APP_DB_PRIVATE when only the private cluster is
 * configured (starting it blocks: use app_db). Once connected,
 * app_db_connected runs app_db's checks (schema version, agent); on a
 * refusal it closes app->db (NULL) and returns the code with err set. */
#define APP_DB_PRIVATE (-1)
int app_db_start(struct app *app, struct tt_error *err);
int app_db_connected(struct app *app, struct db **db, struct tt_error *err);
/* Opens the private cluster whatever is configured: starts it, migrates
 * it and, when its database was just created, loads demo data. */
int app_db_private(struct app *app, struct db **db, struct tt_error *err);
/* When app->db is the private cluster: starts its server again if it
 * stopped (`ticketty local stop`, a crash), blocking until it accepts
 * connections, so that reconnecting finds it. 0 otherwise. */
int app_private_server_up(struct app *app, struct tt_error *err);
/* The same without the schema check (for `db migrate`). */
int app_db_unchecked(struct app *app, struct db **db, struct tt_error *err);

#endif
