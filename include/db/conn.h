/* One database connection: open with a conninfo string (PG* variables
 * honoured), run parameterised statements, map SQLSTATEs to exit codes,
 * reconnect after a lost connection, LISTEN and drain notifications
 * without blocking. Only model/ and db/ include this header. */
#ifndef TICKETTY_DB_CONN_H
#define TICKETTY_DB_CONN_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "util/error.h"

struct db;

/* Connects; conninfo may be NULL or "" (then only PG* variables count).
 * Sets search_path and application_name. NULL on failure with err set
 * (69 unreachable, 77 authentication refused). */
struct db *db_open(const char *conninfo, struct tt_error *err);
void db_close(struct db *db);

PGconn *db_pgconn(struct db *db);
/* The login role the server sees (session_user). */
const char *db_user(struct db *db);
bool db_connected(struct db *db);
/* The connection string it was opened with (owned by db, "" for none). */
const char *db_conninfo(struct db *db);
/* True when the server reached is a hot standby (pg_is_in_recovery() at
 * connect time): reads work, changes are refused (SQLSTATE 25006, exit
 * 69 with a message naming the standby), LISTEN is skipped. */
bool db_is_standby(struct db *db);

/* Runs one statement with text parameters ($1..$n; a NULL entry is SQL
 * NULL). Returns the result (caller PQclear()s) or NULL with err set.
 * When the connection turns out to be lost, it is re-established once
 * before returning the 69 error, so the caller can simply retry. */
PGresult *db_exec(struct db *db, const char *sql, int nparams,
		  const char *const *params, struct tt_error *err);
/* Same for read-only statements outside a transaction: retried once
 * transparently after a successful reconnect. */
PGresult *db_query(struct db *db, const char *sql, int nparams,
		   const char *const *params, struct tt_error *err);
/* Runs a statement and returns the text of row 0 column 0 (owned by the
 * caller), or NULL with err set (or with err->code 0 when it was NULL). */
char *db_scalar(struct db *db, const char *sql, int nparams,
		const char *const *params, struct tt_error *err);

int db_begin(struct db *db, struct tt_error *err);
int db_commit(struct db *db, struct tt_error *err);
void db_rollback(struct db *db);

/* Fills err from a failed result: message, detail, hint, SQLSTATE, the
 * exit code for it, and the refused fields of a TT400 error. Returns the code. */
int db_error_from_result(struct db *db, const PGresult *res, struct tt_error *err);
/* The exit code for a SQLSTATE (see HACKING.md). */
int db_exit_code_for_sqlstate(const char *sqlstate);

/* LISTEN on a channel; remembered and restored after a reconnect (not
 * sent to a standby: see db_is_standby()). */
int db_listen(struct db *db, const char *channel, struct tt_error *err);
/* The socket to poll() for notifications, -1 when disconnected. */
int db_socket(struct db *db);
typedef void (*db_notify_fn)(void *arg, const char *channel, const char *payload);
/* Reads what arrived without blocking and calls fn for each notification.
 * Returns the number delivered, or -1 when the connection was lost. */
int db_drain_notifications(struct db *db, db_notify_fn fn, void *arg);
/* Re-establishes a lost connection (same parameters), restores the
 * search_path and the LISTENs. 0 on success, else 69 with err set. */
int db_reconnect(struct db *db, struct tt_error *err);

#endif
