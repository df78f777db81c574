/* The batches a migration leaves (db/backfill.h): search_backfill_step
 * called until it says none is left, each call a transaction of its own
 * (autocommit), tried again after a lock timeout or a deadlock. */
#include "db/backfill.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/conn.h"

enum { BATCH = 500, RETRIES = 20 };

/* Whether the table of the batches exists (a schema before 963 has none,
 * and then nothing is left to do). */
static int has_backfill(struct db *db, bool *yes, struct tt_error *err)
{
	PGresult *res = db_exec(db, "SELECT to_regclass('ticketty.search_backfill') IS NOT NULL", 0, NULL, err);
	if (!res)
		return err->code ? err->code : EX_SOFTWARE;
	*yes = PQntuples(res) == 1 && !strcmp(PQgetvalue(res, 0, 0), "t");
	PQclear(res);
	return 0;
}

static bool retryable(const struct tt_error *err)
{
	return err->code == EX_TEMPFAIL;
}

int migrate_backfill(struct db *db, backfill_progress_fn *progress, void *arg, struct tt_error *err)
{
	bool yes = false;
	int rc = has_backfill(db, &yes, err);
	if (rc || !yes)
		return rc;
	char batch[16];
	snprintf(batch, sizeof(batch), "%d", BATCH);
	const char *params[1] = { batch };
	for (int tries = 0;;) {
		PGresult *res = db_exec(db, "SELECT ticketty.search_backfill_step($1::int)", 1, params, err);
		if (!res) {
			if (retryable(err) && ++tries < RETRIES) {
				tt_error_clear(err);
				struct timespec pause = { 0, 200 * 1000 * 1000 };
				nanosleep(&pause, NULL);
				continue;
			}
			return err->code ? err->code : EX_SOFTWARE;
		}
		tries = 0;
		long long left = PQntuples(res) == 1 ? strtoll(PQgetvalue(res, 0, 0), NULL, 10) : 0;
		PQclear(res);
		if (left == 0)
			return 0;
		if (progress)
			progress(left, arg);
	}
}
