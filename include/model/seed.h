/* Demo data: believable customers, contacts, agents for every role and N
 * tickets across severities, states, teams and escalation levels,
 * deterministic for a given seed, loaded set-based (no per-row round trips). */
#ifndef TICKETTY_MODEL_SEED_H
#define TICKETTY_MODEL_SEED_H

#include <stdbool.h>
#include <stdio.h>

#include "util/error.h"

struct db;

struct seed_options {
	long tickets;     /* how many tickets (default 500) */
	long seed;        /* random seed (default 1) */
	const char *me;   /* login to add as an engineer agent too (the local user), or NULL */
	FILE *timing;     /* when set, each step's wall time is written there as it ends */
	bool if_empty;    /* a desk that has tickets already is left as it is (0), not
			   * refused (65): the private desk's first start, which another
			   * start may have seeded meanwhile */
};

int seed_demo(struct db *db, const struct seed_options *opt, struct tt_error *err);

#endif
