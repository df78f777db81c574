/* Named prepared statements for the model's hot read queries (the ticket
 * view loads): planned once per connection instead of on every call. */
#ifndef TICKETTY_MODEL_PREPARED_H
#define TICKETTY_MODEL_PREPARED_H

#include <libpq-fe.h>

#include "util/error.h"

struct db;

/* Runs the read-only statement `sql` (parameters $1..$n as text, NULL =
 * SQL NULL) as the prepared statement `name`, preparing it in the same
 * round trip when this session has not prepared it yet (a new or
 * re-established connection: db_query_many). Inside a transaction block,
 * or when the connection was lost, it runs as db_query (which also
 * reconnects once). Returns the result (caller
 * PQclear()s) or NULL with err set. `name` must be unique per `sql`. */
PGresult *prepared_query(struct db *db, const char *name, const char *sql, int nparams,
			 const char *const *params, struct tt_error *err);

#endif
