/* Prepared statements for hot read queries: run by name; the connection
 * (db/conn.c) prepares a name it has not prepared yet in the same round
 * trip. Inside a transaction block, or when the connection was lost, the
 * plain path (db_query) runs it. */
#include "model/prepared.h"

#include "db/conn.h"

PGresult *prepared_query(struct db *db, const char *name, const char *sql, int nparams,
			 const char *const *params, struct tt_error *err)
{
	PGconn *c = db_connected(db) ? db_pgconn(db) : NULL;

	if (c && PQtransactionStatus(c) == PQTRANS_IDLE) {
		const struct db_stmt s = { sql, nparams, params, name };
		PGresult *r = NULL;
		if (db_query_many(db, 1, &s, &r, err) == 0)
			return r;
		if (db_connected(db))
			return NULL;   /* the statement's own error, in err */
		tt_error_clear(err);
	}
	/* the plain path reports the error properly (and reconnects once) */
	return db_query(db, sql, nparams, params, err);
}
