/* Moving open tickets to a new policy: after `admin policy load` the
 * deadlines of every open ticket set under the earlier policy are read
 * again under the new one (api_policy_reapply), a short transaction a
 * batch, so that no transaction holds every open ticket of a large desk. */
#ifndef TICKETTY_MODEL_POLICY_REAPPLY_H
#define TICKETTY_MODEL_POLICY_REAPPLY_H

#include "util/error.h"

struct db;

/* Tickets a batch moves: about half a second of the server's work. */
#define POLICY_REAPPLY_BATCH 500

/* Called after each batch with the number moved so far. */
typedef void (*policy_progress_fn)(long moved, void *arg);

/* Moves every open ticket still on an earlier policy, batch by batch in
 * id order, calling progress (may be NULL) after each; *moved receives
 * the total. A ticket another transaction holds is left to that change,
 * which reads its deadlines again itself. 77 for a caller who is not an
 * admin; on an error *moved holds what the batches before it moved (they
 * stay done: running it again goes on from there). */
int policy_reapply(struct db *db, policy_progress_fn progress, void *arg, long *moved,
		   struct tt_error *err);

#endif
