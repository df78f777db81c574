/* Moves open tickets to the policy of now, batch by batch
 * (include/model/policy_reapply.h). */
#include "model/policy_reapply.h"

#include <stdio.h>
#include <stdlib.h>

#include "db/conn.h"

int policy_reapply(struct db *db, policy_progress_fn progress, void *arg, long *moved,
		   struct tt_error *err)
{
	char after[32] = "0", limit[16];
	const char *params[2] = { after, limit };

	*moved = 0;
	snprintf(limit, sizeof(limit), "%d", POLICY_REAPPLY_BATCH);
	for (;;) {
		PGresult *res = db_exec(db,
			"SELECT r.moved, r.last_id FROM ticketty.api_policy_reapply($1::bigint, $2::int) r",
			2, params, err);
		if (!res)
			return err->code ? err->code : EX_SOFTWARE;
		int n = atoi(PQgetvalue(res, 0, 0));
		if (!PQgetisnull(res, 0, 1))
			snprintf(after, sizeof(after), "%s", PQgetvalue(res, 0, 1));
		PQclear(res);
		*moved += n;
		if (progress && n)
			progress(*moved, arg);
		/* fewer than a batch: none is left beyond the last one seen */
		if (n < POLICY_REAPPLY_BATCH)
			return 0;
	}
}
