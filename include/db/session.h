/* A database session as the code outside db/ and model/ sees it: open
 * and close (with the session limits), connect step by step, the waiter
 * that runs while a statement is in flight, transactions, LISTEN and
 * notifications, the exit code of a SQLSTATE. No libpq type appears here:
 * libpq-fe.h and the statement calls are in db/conn.h, which only db/
 * and model/ include. Implemented in src/db/conn.c. */
#ifndef TICKETTY_DB_SESSION_H
#define TICKETTY_DB_SESSION_H

#include <stdbool.h>

#include "util/error.h"

struct db;

/* Session limits (milliseconds, 0 = none). A lock wait longer than
 * lock_ms ends in SQLSTATE 55P03 (exit 75), a statement longer than
 * statement_ms in 57014 (exit 75): an agent's action never hangs. A
 * server that does not answer at all (a hung host, a cut link) is given
 * DB_GRACE_MS past the statement limit, or DB_CANCEL_GRACE_MS once the
 * statement was cancelled; then the client drops the connection (exit
 * 69) and connects again. */
struct db_options {
	int lock_timeout_ms;
	int statement_timeout_ms;
	/* the private cluster's data directory (pgdata), or NULL for any
	 * other database; the session keeps a copy. When its files are gone
	 * (removed while the server ran), an error that the server cannot
	 * open a file says so and names the way out. */
	const char *private_data_dir;
};
#define DB_LOCK_TIMEOUT_MS 5000
#define DB_STATEMENT_TIMEOUT_MS 30000
#define DB_GRACE_MS 10000
#define DB_CANCEL_GRACE_MS 5000

/* Connects; conninfo may be NULL or "" (then only PG* variables count).
 * Sets search_path, application_name and the limits (defaults above when
 * opt is NULL). NULL on failure with err set (69 unreachable, 77
 * authentication refused). */
struct db *db_open(const char *conninfo, struct tt_error *err);
struct db *db_open_with(const char *conninfo, const struct db_options *opt, struct tt_error *err);
void db_close(struct db *db);

/* Connecting without blocking: db_connect_start creates the handle
 * (NULL with err set when even that fails); then, while
 * db_connect_poll returns DB_POLL_READ/DB_POLL_WRITE, wait for that on
 * db_socket_any and call it again. DB_POLL_OK: connected and the session
 * set up (the LISTENs restored); DB_POLL_FAILED: err set, the handle
 * stays usable for another db_connect_restart. */
enum db_poll { DB_POLL_FAILED, DB_POLL_READ, DB_POLL_WRITE, DB_POLL_OK };
struct db *db_connect_start(const char *conninfo, const struct db_options *opt,
			    struct tt_error *err);
int db_connect_restart(struct db *db, struct tt_error *err);
enum db_poll db_connect_poll(struct db *db, struct tt_error *err);
/* The socket during connecting too (-1 when none). */
int db_socket_any(struct db *db);

/* Called while a statement is in flight, instead of blocking in libpq:
 * wait (at most until `sock` is readable, or a short while) and return
 * DB_WAIT_MORE, or DB_WAIT_CANCEL to have the server cancel the statement
 * (PQcancel; the statement then ends with SQLSTATE 57014, reported as
 * "cancelled"). Without a waiter the caller blocks in poll(). */
enum db_wait { DB_WAIT_MORE = 0, DB_WAIT_CANCEL = 1 };
typedef int (*db_wait_fn)(void *arg, int sock);   /* returns an enum db_wait */
void db_set_waiter(struct db *db, db_wait_fn fn, void *arg);
/* Work that may run for minutes on purpose (migrations, the demo
 * seeder, which turn the server's statement limit off): while `on`, the
 * client waits for the server however long it takes, unless cancelled. */
void db_allow_long_statements(struct db *db, bool on);
/* True while a statement is in flight (a waiter is running). */
bool db_busy(const struct db *db);

/* The login role the server sees (session_user). */
const char *db_user(struct db *db);
bool db_connected(struct db *db);
/* The connection string it was opened with (owned by db, "" for none). */
const char *db_conninfo(struct db *db);
/* True when the server reached is a hot standby (pg_is_in_recovery() at
 * connect time): reads work, changes are refused (SQLSTATE 25006, exit
 * 69 with a message naming the standby), LISTEN is skipped. */
bool db_is_standby(struct db *db);

int db_begin(struct db *db, struct tt_error *err);
int db_commit(struct db *db, struct tt_error *err);
void db_rollback(struct db *db);

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
/* True once after a statement found its session ended by the server
 * while idle (a restart) and went to a new one opened on the spot (the
 * LISTENs restored; notifications sent meanwhile are lost): whoever shows
 * the desk reads it again. */
bool db_take_reopened(struct db *db);

#endif
