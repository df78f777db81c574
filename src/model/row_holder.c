/* Who holds a row a change waited too long for: the question and the
 * words of the refusal (include/model/row_holder.h). */
#include "model/row_holder.h"

#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "util/i18n.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

bool row_holder_ask(struct db *db, const char *sql, int n, const char *const *p, struct row_holder *h)
{
	PGconn *c = db ? db_pgconn(db) : NULL;
	if (!c || PQtransactionStatus(c) == PQTRANS_INERROR)
		return false;
	struct tt_error e;
	tt_error_init(&e);
	PGresult *res = db_exec(db, sql, n, p, &e);
	bool found = res && PQntuples(res) == 1 && (PQnfields(res) == 4 || PQnfields(res) == 7);
	if (found) {
		h->what = xstrdup(PQgetvalue(res, 0, 0));
		h->who = xstrdup(PQgetvalue(res, 0, 1));
		h->program = xstrdup(PQgetvalue(res, 0, 2));
		h->others = atoi(PQgetvalue(res, 0, 3));
		bool more = PQnfields(res) == 7;
		h->ticket = more ? strtoll(PQgetvalue(res, 0, 4), NULL, 10) : 0;
		h->gid = xstrdup(more ? PQgetvalue(res, 0, 5) : "");
		h->since = 0;
		if (more && !PQgetisnull(res, 0, 6))
			(void)timefmt_parse(PQgetvalue(res, 0, 6), &h->since);
	}
	if (res)
		PQclear(res);
	tt_error_clear(&e);
	return found;
}

void row_holder_done(struct row_holder *h)
{
	free(h->what);
	free(h->who);
	free(h->program);
	free(h->gid);
	memset(h, 0, sizeof(*h));
}

char *row_holder_who(const struct row_holder *h)
{
	/* no session: a prepared transaction, which only an administrator
	 * ends (it outlives every session and restart) */
	if (h->gid && *h->gid) {
		char *since = timefmt(h->since, TIMEFMT_ISO_ZONE);
		char *who = xasprintf(_("a prepared transaction '%s' since %s, which an administrator must "
					"COMMIT PREPARED or ROLLBACK PREPARED"),
				      h->gid, since);
		free(since);
		return who;
	}
	/* the program in an aside of its own: a status line short of room
	 * drops it before "text kept: r sends it" */
	char *who = *h->program ? xasprintf(_("%s (in %s)"), h->who, h->program) : xstrdup(h->who);
	/* the session that holds it named, the rest counted */
	if (h->others > 0) {
		char *one = who;
		who = xasprintf(ngettext("%s and %d other", "%s and %d others", h->others), one, h->others);
		free(one);
	}
	return who;
}

void row_holder_reword(struct tt_error *err, char *head)
{
	const char *said = err->message ? err->message : "";
	const char *tail = strstr(said, " (");
	char *msg = tail ? xasprintf("%s%s", head, tail) : xasprintf("%s: %s", head, said);
	free(head);
	free(err->message);
	err->message = msg;
}
