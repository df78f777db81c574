/* Moves open tickets to the policy of now, batch by batch
 * (include/model/policy_reapply.h). */
#include "model/policy_reapply.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "model/row_holder.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* A batch that waited too long (55P03): not on a ticket, which it skips
 * when another transaction holds it (FOR UPDATE SKIP LOCKED), but on
 * related data the moved deadlines change (a dashboard rollup's row):
 * said so, with the session most likely in the way when the database
 * can tell (api_ticket_related_holder). */
static void name_held(struct db *db, struct tt_error *err)
{
	struct row_holder h = { 0 };
	if (strcmp(err->sqlstate, "55P03"))
		return;
	if (row_holder_ask(db, "SELECT * FROM ticketty.api_ticket_related_holder(NULL)", 0, NULL, &h)) {
		char *who = row_holder_who(&h);
		row_holder_reword(err, xasprintf(_("moving the deadlines waited on related data, likely held by %s"),
						 who));
		free(who);
		row_holder_done(&h);
	} else {
		row_holder_reword(err, xstrdup(_("moving the deadlines waited on related data held by another session")));
	}
}

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
		if (!res) {
			name_held(db, err);
			return err->code ? err->code : EX_SOFTWARE;
		}
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
