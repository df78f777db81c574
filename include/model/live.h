/* The live connection as the event loop sees it: whether it is up, the
 * socket to wait on, LISTEN on the ticketty channel, reconnecting, the
 * notifications turned into typed events ({ticket, kind}), and the waiter
 * that runs while a statement is in flight. The UI includes this, never a
 * db/ header. */
#ifndef TICKETTY_MODEL_LIVE_H
#define TICKETTY_MODEL_LIVE_H

#include <stdbool.h>

#include "util/error.h"

struct db;

/* One database notification on channel "ticketty". */
struct live_event {
	long long ticket;   /* 0 when the payload named none */
	char kind[32];      /* "created", "updated" ...; "" when absent */
};

/* While a statement runs: wait on `sock` (and whatever else) and answer
 * LIVE_MORE, or LIVE_CANCEL to have the server cancel the statement. */
enum live_wait { LIVE_MORE = 0, LIVE_CANCEL = 1 };
typedef int (*live_wait_fn)(void *arg, int sock);   /* returns an enum live_wait */

/* Installs the waiter and LISTENs; 0 or an exit code with err set. */
int live_attach(struct db *db, live_wait_fn fn, void *arg, struct tt_error *err);
bool live_connected(struct db *db);
/* The login the server sees, "" when unknown. */
const char *live_user(struct db *db);
/* The socket to poll for notifications, -1 when disconnected. */
int live_socket(struct db *db);
/* Re-establishes a lost connection (its LISTENs too): 0 or 69 with err.
 * Blocks until connected or failed: the event loop uses the steps below. */
int live_reconnect(struct db *db, struct tt_error *err);
/* True once after a statement found the session ended by the server
 * (a restart) and was sent on a new one opened on the spot: the schema
 * is checked again and the views read again, as after live_reconnect. */
bool live_take_reopened(struct db *db);

/* Connecting without blocking, driven from the caller's poll loop:
 * live_reconnect_start begins again on the handle (0, or 69 with err);
 * then, while live_connect_poll answers LIVE_POLL_READ / LIVE_POLL_WRITE,
 * wait until live_connect_socket is readable / writable and call it
 * again (begin as if it had answered LIVE_POLL_WRITE). LIVE_POLL_OK:
 * connected, the session set up and its LISTENs restored (those
 * statements go through the waiter); LIVE_POLL_FAILED: err is set and
 * the handle can start again. */
enum live_poll { LIVE_POLL_FAILED, LIVE_POLL_READ, LIVE_POLL_WRITE, LIVE_POLL_OK };
int live_reconnect_start(struct db *db, struct tt_error *err);
enum live_poll live_connect_poll(struct db *db, struct tt_error *err);
int live_connect_socket(struct db *db);
/* Installs the waiter alone (on a handle still connecting). */
void live_set_waiter(struct db *db, live_wait_fn fn, void *arg);
/* Delivers what arrived without blocking (nothing while a statement is in
 * flight). Returns the number of events, -1 when the connection was lost. */
int live_drain(struct db *db, void (*fn)(void *arg, const struct live_event *ev), void *arg);
/* Parses a notification payload {"ticket":ID,"kind":"..."} (PostgreSQL's
 * JSON; unknown or malformed parts are left 0 / ""). */
void live_parse(const char *payload, struct live_event *ev);
/* NULL when LISTEN/NOTIFY really reaches this connection, else why not (a
 * hot standby, a transaction-mode pooler), in the user's language; newly
 * allocated. May wait up to two seconds behind a pooler (db/listen_check.h). */
char *live_listen_problem(struct db *db);

#endif
