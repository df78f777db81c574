/* Whether LISTEN/NOTIFY really reaches this connection. It cannot on a hot
 * standby (notifications are not replicated) nor through a pooler that
 * hands the server connection to other clients between transactions
 * (PgBouncer pool_mode = transaction or statement): there a refresh would
 * be silently missed, so the caller says so instead. */
#ifndef TICKETTY_DB_LISTEN_CHECK_H
#define TICKETTY_DB_LISTEN_CHECK_H

#include "db/conn.h"

/* How long the pooler probe waits for its own notification. */
#define LISTEN_PROBE_MS 2000

/* NULL when notifications arrive, else why not, in the user's language
 * (newly allocated, caller frees). A direct connection (the backend pid
 * libpq was told equals pg_backend_pid()) costs one query; behind a
 * pooler a second connection NOTIFYs a probe channel this one LISTENs on
 * and the answer waits up to probe_ms for it. Notifications for other
 * channels that arrive meanwhile are consumed: reload after calling. */
char *db_listen_problem(struct db *db, int probe_ms);

/* The probe itself, for a connection behind a pooler: true when a
 * notification a second connection sends this one's own channel arrives
 * within probe_ms (session pooling), false when it does not (a pooler
 * in transaction mode, or a standby). Other notifications that arrive
 * meanwhile are consumed. Callers ask db_pooler_hands_on (db/conn.h),
 * which probes once a session. */
bool db_listen_delivers(struct db *db, int probe_ms);

#endif
