/* Prepared statements for hot read queries: execute by name, prepare on
 * "does not exist" (SQLSTATE 26000), fall back to a plain query. */
#include "model/prepared.h"

#include <string.h>

#include "db/conn.h"

static PGresult *exec_named(PGconn *c, const char *name, int n, const char *const *p, bool *missing)
{
	PGresult *r = PQexecPrepared(c, name, n, p, NULL, NULL, 0);
	if (PQresultStatus(r) == PGRES_TUPLES_OK)
		return r;
	const char *st = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	*missing = st && !strcmp(st, "26000");
	PQclear(r);
	return NULL;
}

PGresult *prepared_query(struct db *db, const char *name, const char *sql, int nparams,
			 const char *const *params, struct tt_error *err)
{
	PGconn *c = db_connected(db) ? db_pgconn(db) : NULL;

	if (c && PQtransactionStatus(c) == PQTRANS_IDLE) {
		bool missing = false;
		PGresult *r = exec_named(c, name, nparams, params, &missing);
		if (r)
			return r;
		if (missing) {
			PGresult *pr = PQprepare(c, name, sql, nparams, NULL);
			bool ok = PQresultStatus(pr) == PGRES_COMMAND_OK;
			PQclear(pr);
			if (ok && (r = exec_named(c, name, nparams, params, &missing)))
				return r;
		}
	}
	/* the plain path reports the error properly (and reconnects once) */
	return db_query(db, sql, nparams, params, err);
}
