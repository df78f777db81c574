/* Prepared statements for hot read queries: db_query_named runs them
 * without blocking, prepared on first use per connection. */
#include "model/prepared.h"

#include "db/conn.h"

PGresult *prepared_query(struct db *db, const char *name, const char *sql, int nparams,
			 const char *const *params, struct tt_error *err)
{
	return db_query_named(db, name, sql, nparams, params, err);
}
