/* One database connection: open with a conninfo string (PG* variables
 * honoured), run parameterised statements, map SQLSTATEs to exit codes,
 * reconnect after a lost connection, LISTEN and drain notifications
 * without blocking. Statements go out with libpq's asynchronous calls
 * (PQsendQueryParams, then PQconsumeInput/PQisBusy on the socket) and
 * connecting can be driven step by step (PQconnectStartParams /
 * PQconnectPoll), so an interactive caller keeps answering while the
 * server works: see db_set_waiter. Every session sets lock_timeout and
 * statement_timeout. Only model/ and db/ include this header (it brings
 * libpq-fe.h); the rest of the program uses db/session.h, the same
 * module's face without libpq types. */
#ifndef TICKETTY_DB_CONN_H
#define TICKETTY_DB_CONN_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "db/session.h"
#include "util/error.h"

/* The libpq connection (db/ and model/ only). */
PGconn *db_pgconn(struct db *db);

/* Runs one statement with text parameters ($1..$n; a NULL entry is SQL
 * NULL). Returns the result (caller PQclear()s) or NULL with err set.
 * When the connection turns out to be lost, it is re-established once
 * before returning the 69 error, so the caller can simply retry (not
 * with a waiter installed: that caller's loop reconnects without
 * blocking). */
PGresult *db_exec(struct db *db, const char *sql, int nparams,
		  const char *const *params, struct tt_error *err);
/* Same for read-only statements outside a transaction: retried once
 * transparently after a successful reconnect. */
PGresult *db_query(struct db *db, const char *sql, int nparams,
		   const char *const *params, struct tt_error *err);
/* One statement of a pipeline. With a name it runs as that prepared
 * statement (planned once per session): the session remembers what it
 * has prepared, and prepares a name it does not know in the same
 * pipeline, so the first use costs no extra round trip either. */
struct db_stmt {
	const char *sql;
	int nparams;
	const char *const *params;
	const char *name;     /* NULL = unnamed; else unique per sql */
};
/* Sends n read-only statements in one pipeline (one
 * round trip) and collects their results in order into results[0..n-1]
 * (owned by the caller, PQclear each). Outside a transaction and not
 * behind a pooler, two or more read one snapshot (a REPEATABLE READ,
 * READ ONLY transaction in the same round trip). Returns 0, or the code of the
 * first statement that failed with err set and every results[i] NULL.
 * Like db_query, a lost connection is re-established once and the
 * statements sent again (not with a waiter installed). */
int db_query_many(struct db *db, int n, const struct db_stmt *stmts, PGresult **results,
		  struct tt_error *err);
/* Runs a statement and returns the text of row 0 column 0 (owned by the
 * caller), or NULL with err set (or with err->code 0 when it was NULL). */
char *db_scalar(struct db *db, const char *sql, int nparams,
		const char *const *params, struct tt_error *err);

/* The bytes of a bytea cell (text result), copied into a buffer the
 * caller frees, one byte longer and NUL-terminated; *len = their count
 * (0 when libpq could not decode it). */
unsigned char *db_bytea_copy(const PGresult *res, int row, int col, size_t *len);

/* True when the session goes through a pooler that hands the server
 * connection to other clients between transactions (PgBouncer pool_mode
 * = transaction or statement): a direct connection answers at once (the
 * set-up read pg_backend_pid(), which a pooler's differs from); behind a
 * pooler the first call of a session probes it (db_listen_delivers, up to
 * probe_ms) and later calls reuse the answer. */
bool db_pooler_hands_on(struct db *db, int probe_ms);

/* Fills err from a failed result: message, detail, hint, SQLSTATE, the
 * exit code for it, and the refused fields of a TT400 error. Returns the code. */
int db_error_from_result(struct db *db, const PGresult *res, struct tt_error *err);
/* Adds to err the refused fields of a TT400 DETAIL text, one
 * "field<TAB>code<TAB>message" line each (as api_ticket_create_many gives
 * each refused ticket), their messages in the user's language. */
void db_refused_fields(struct tt_error *err, const char *detail);

#endif
