/* What a migration leaves to be done in batches after it: the stored
 * search vectors of the tickets it listed (search_backfill, sql/963),
 * rebuilt a batch of tickets a transaction (search_backfill_step), so
 * that `db migrate` at ten million tickets holds no row for long. An
 * interrupted run goes on where it stopped at the next run. */
#ifndef TICKETTY_DB_BACKFILL_H
#define TICKETTY_DB_BACKFILL_H

#include "db/session.h"
#include "util/error.h"

/* Told before each batch about how many tickets are left (an upper
 * bound: ids, not rows). */
typedef void backfill_progress_fn(long long left, void *arg);

/* Runs batches until none is left (a batch that meets a lock or a
 * deadlock is tried again). 0, or an exit code with err set. The session
 * must be the schema's owner (migrate_apply checked it); progress may be
 * NULL. */
int migrate_backfill(struct db *db, backfill_progress_fn *progress, void *arg, struct tt_error *err);

#endif
