/* The demo seeder's last step (see model/seed_steps.h): the two search
 * tables' indexes, built after the load's commit in two sessions at
 * once. A GIN build keeps one core busy for most of a large seed; the
 * two tables' builds are independent, so on two cores they take the time
 * of the larger one. Each build runs in a transaction of its own without
 * a statement limit (the session's limit is back after the load). */
#include "model/seed_steps.h"

#include <stdbool.h>
#include <stdlib.h>

#include "db/conn.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static const char build_sql[] = "SELECT ticketty.search_build_pending($1::regclass)";

/* A new session with c's connection options (host, port, database, user,
 * password...), or NULL when it does not open. */
static PGconn *second_session(PGconn *c)
{
	PQconninfoOption *opts = PQconninfo(c);
	if (!opts)
		return NULL;
	size_t n = 0;
	for (PQconninfoOption *o = opts; o->keyword; o++)
		n++;
	const char **keys = xcalloc(n + 1, sizeof(*keys)), **vals = xcalloc(n + 1, sizeof(*vals));
	size_t m = 0;
	for (PQconninfoOption *o = opts; o->keyword; o++)
		if (o->val && *o->val) {
			keys[m] = o->keyword;
			vals[m++] = o->val;
		}
	PGconn *s = PQconnectdbParams(keys, vals, 0);
	free(keys);
	free(vals);
	PQconninfoFree(opts);
	if (PQstatus(s) != CONNECTION_OK) {
		PQfinish(s);
		return NULL;
	}
	return s;
}

static bool command_ok(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);
	bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	return ok;
}

/* Starts the build of `table`'s pending indexes (NULL: all) on c: a
 * transaction with no statement or lock limit, the call sent, not
 * awaited. false when c refused. */
static bool build_start(PGconn *c, const char *table)
{
	const char *params[1] = { table };
	return command_ok(c, "BEGIN") && command_ok(c, "SET LOCAL statement_timeout = 0") &&
	       command_ok(c, "SET LOCAL lock_timeout = 0") &&
	       PQsendQueryParams(c, build_sql, 1, NULL, params, NULL, NULL, 0);
}

/* Waits for the call build_start sent and commits it; NULL, or the
 * server's words (caller frees). */
static char *build_finish(PGconn *c)
{
	char *why = NULL;
	PGresult *r;
	while ((r = PQgetResult(c))) {
		if (PQresultStatus(r) != PGRES_TUPLES_OK && !why)
			why = xstrdup(PQresultErrorMessage(r));
		PQclear(r);
	}
	if (!command_ok(c, why ? "ROLLBACK" : "COMMIT") && !why)
		why = xstrdup(PQerrorMessage(c));
	return why;
}

int seed_search_indexes(struct db *db, struct tt_error *err)
{
	PGconn *c = db_pgconn(db);
	PGconn *other = second_session(c);
	if (other && !build_start(other, "ticketty.ticket_search_shared")) {
		PQfinish(other);
		other = NULL;
	}
	char *why = NULL, *why_other = NULL;
	if (!build_start(c, other ? "ticketty.ticket_search" : NULL)) {
		why = xstrdup(PQerrorMessage(c));
		command_ok(c, "ROLLBACK");
	} else
		why = build_finish(c);
	if (other) {
		why_other = build_finish(other);
		PQfinish(other);
	}
	int rc = 0;
	if (why || why_other)
		rc = tt_error_set(err, EX_TEMPFAIL, _("demo data (%s): %s"), _("building the search index"),
				  why ? why : why_other);
	free(why);
	free(why_other);
	return rc;
}
