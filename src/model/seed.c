/* The demo seeder: runs the statements of seed_people.c and
 * seed_tickets.c in one transaction, set-based on the server (no per-row
 * round trips), so a million tickets load in well under two minutes.
 *
 * Policy: demo data goes only into a desk without tickets (EX_DATAERR
 * otherwise), loaded by the schema's owner or a superuser (EX_NOPERM
 * otherwise, before anything is tried). Agents, customers and contacts that already exist under the
 * demo names are reused, so seeding after `admin` commands works. When the
 * session is a superuser, triggers and foreign-key checks are switched off
 * for the load (session_replication_role = replica): every value is
 * generated consistent with the constraints, and the deadline columns that
 * triggers would maintain are filled by the statements themselves. */
#include "model/seed.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/conn.h"
#include "db/migrate.h"
#include "model/seed_steps.h"
#include "util/i18n.h"

static int run(struct db *db, const char *sql, int n, const char *const *params,
	       struct tt_error *err)
{
	PGresult *res = db_exec(db, sql, n, params, err);
	if (!res)
		return err->code ? err->code : EX_SOFTWARE;
	PQclear(res);
	return 0;
}

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int run_steps(struct db *db, const struct seed_step *steps, const char *seed,
		     const char *tickets, const char *me, FILE *timing, struct tt_error *err)
{
	for (const struct seed_step *s = steps; s->sql; s++) {
		double t0 = seconds();
		const char *params[2] = { NULL, NULL };
		int n = 0;
		switch (s->params) {
		case SEED_P_NONE:
			break;
		case SEED_P_SEED:
			params[n++] = seed;
			break;
		case SEED_P_SEED_TICKETS:
			params[n++] = seed;
			params[n++] = tickets;
			break;
		case SEED_P_ME:
			if (!me || !*me)
				continue;
			params[n++] = me;
			break;
		}
		int rc = run(db, s->sql, n, params, err);
		if (rc) {
			char *why = err->message;
			err->message = NULL;
			tt_error_set(err, rc, _("demo data (%s): %s"), _(s->what), why ? why : "");
			free(why);
			return rc;
		}
		if (timing) {
			fprintf(timing, "%9.2f s  %s\n", seconds() - t0, _(s->what));
			fflush(timing);
		}
	}
	return 0;
}

/* 1 when the tickets table has rows, 0 when empty, -1 on error. */
static int has_tickets(struct db *db, struct tt_error *err)
{
	char *v = db_scalar(db, "SELECT EXISTS (SELECT 1 FROM tickets)", 0, NULL, err);
	if (!v)
		return -1;
	int yes = v[0] == 't';
	free(v);
	return yes;
}

/* Locks the tickets and sets the load's limits; *replica is true when
 * the session is a superuser's and the load runs without triggers. */
static int prepare_session(struct db *db, bool *replica, struct tt_error *err)
{
	int rc = run(db, "LOCK TABLE tickets IN EXCLUSIVE MODE", 0, NULL, err);
	if (!rc)
		rc = run(db, "SELECT set_config('work_mem', '256MB', true),"
			     /* the indexes dropped for the load are built at the end */
			     "       set_config('maintenance_work_mem', '1GB', true),"
			     "       set_config('synchronous_commit', 'off', true),"
			     "       set_config('jit', 'off', true),"
			     /* the random join keys defeat row estimates; every join
			      * here is bulk, so a nested loop is always the wrong plan */
			     "       set_config('enable_nestloop', 'off', true),"
			     "       set_config('search_path', 'ticketty, pg_temp', true)", 0, NULL, err);
	if (rc)
		return rc;
	char *super = db_scalar(db,
		"SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user", 0, NULL, err);
	if (!super)
		return err->code ? err->code : EX_SOFTWARE;
	*replica = super[0] == 't';
	if (*replica)
		rc = run(db, "SELECT set_config('session_replication_role', 'replica', true)", 0, NULL, err);
	free(super);
	return rc;
}

int seed_demo(struct db *db, const struct seed_options *opt, struct tt_error *err)
{
	char seed[32], tickets[32];
	int rc;

	if (opt->tickets < 0 || opt->tickets > 100000000L)
		return tt_error_set(err, EX_USAGE, "%s", _("the number of tickets must be 0 to 100000000"));
	if (opt->seed < 0)
		return tt_error_set(err, EX_USAGE, "%s", _("the seed must not be negative"));
	snprintf(seed, sizeof(seed), "%ld", opt->seed);
	snprintf(tickets, sizeof(tickets), "%ld", opt->tickets);
	/* the load writes the tables directly: only their owner may */
	if ((rc = migrate_need_owner(db, _("load demo data"), err)))
		return rc;

	/* room for the scratch tables; only possible before the session
	 * touches a temporary table, so a refusal is fine */
	PGresult *res = PQexec(db_pgconn(db), "SET temp_buffers = '512MB'");
	PQclear(res);
	if ((rc = db_begin(db, err)))
		return rc;
	/* loading a million tickets takes minutes: no statement limit, on the
	 * server for this transaction only (the session's limit is back once
	 * it ends: the private desk's first start goes on with this session)
	 * and in the client meanwhile */
	res = PQexec(db_pgconn(db), "SET LOCAL statement_timeout = 0");
	PQclear(res);
	/* another seeder holds the tickets table until it commits: wait for
	 * it, then see its tickets */
	res = PQexec(db_pgconn(db), "SET LOCAL lock_timeout = 0");
	PQclear(res);
	db_allow_long_statements(db, true);
	bool replica = false;
	rc = prepare_session(db, &replica, err);
	if (!rc) {
		int any = has_tickets(db, err);
		if (any < 0)
			rc = err->code ? err->code : EX_SOFTWARE;
		else if (any && opt->if_empty) {
			db_rollback(db);
			db_allow_long_statements(db, false);
			return 0;
		} else if (any)
			rc = tt_error_set(err, EX_DATAERR, "%s",
					  _("this database already has tickets: demo data is only "
					    "loaded into a desk without any"));
	}
	if (!rc)
		rc = run_steps(db, seed_people_steps, seed, tickets, opt->me, opt->timing, err);
	if (!rc)
		rc = run_steps(db, seed_ticket_steps, seed, tickets, opt->me, opt->timing, err);
	double t0 = seconds();
	if (!rc)
		rc = db_commit(db, err);
	if (!rc && opt->timing)
		fprintf(opt->timing, "%9.2f s  %s\n", seconds() - t0, _("committing"));
	if (rc)
		db_rollback(db);
	t0 = seconds();
	if (!rc && replica)
		rc = seed_search_indexes(db, err);
	if (!rc && replica && opt->timing)
		fprintf(opt->timing, "%9.2f s  %s\n", seconds() - t0, _("building the search index (two sessions)"));
	db_allow_long_statements(db, false);
	return rc;
}
