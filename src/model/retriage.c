/* Re-triage (api_ticket_retriage) and the transitions allowed now. */
#include "model/retriage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "model/ticket.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* The refusal names intake fields (not only the reason or the list of
 * changes): api_ticket_retriage's "ticket N was not re-triaged". */
static bool intake_refusal(const struct tt_error *err)
{
	if (err->code != EX_DATAERR)
		return false;
	for (size_t i = 0; i < err->nfields; i++)
		if (strcmp(err->fields[i].field, "reason") && strcmp(err->fields[i].field, "changes"))
			return true;
	return false;
}

/* The refusal says every field given already has its value ("unchanged"):
 * the server's message says so, not a count of fields to mend. */
static bool nothing_changes(const struct tt_error *err)
{
	for (size_t i = 0; i < err->nfields; i++)
		if (strcmp(err->fields[i].code, "unchanged"))
			return false;
	return err->nfields > 0;
}

int ticket_retriage(struct db *db, long long id, int expected_version, const struct field_pair *pairs,
		    size_t npairs, const char *reason, int *new_version, char **json, struct tt_error *err)
{
	if (json)
		*json = NULL;
	if (npairs == 0 || npairs > PAIRS_MAX)
		return tt_error_set(err, EX_USAGE, _("name between 1 and %d fields to change"), PAIRS_MAX);
	char idbuf[24], vbuf[16];
	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	snprintf(vbuf, sizeof(vbuf), "%d", expected_version);
	const char *p[3 + 2 * PAIRS_MAX];
	p[0] = idbuf;
	p[1] = expected_version < 0 ? NULL : vbuf;
	p[2] = reason;
	for (size_t i = 0; i < npairs; i++) {
		p[3 + 2 * i] = pairs[i].field;
		p[4 + 2 * i] = pairs[i].value;
	}
	/* what this call did, as the server returned it: never read back */
	char *obj = pairs_object_sql(npairs, 4);
	char *sql = xasprintf(
		"SELECT r->>'version', ticketty.json_safe_text(json_build_object('ticket', r->'ticket',"
		" 'version', r->'version', 'event', r->'event', 'retriage', r->'retriage')::text)"
		"  FROM ticketty.api_ticket_retriage($1::bigint, $2::int, %s, $3::text) AS r", obj);
	free(obj);
	PGresult *res = db_query(db, sql, 3 + 2 * (int)npairs, p, err);
	free(sql);
	if (!res)
		ticket_name_held(db, idbuf, NULL, err);
	if (!res && intake_refusal(err) && !nothing_changes(err))
		/* the server counts "field(s)": say it in words that agree */
		return tt_error_set(err, EX_DATAERR,
				    ngettext("ticket %lld was not re-triaged: %zu field needs attention",
					     "ticket %lld was not re-triaged: %zu fields need attention", err->nfields),
				    id, err->nfields);
	if (!res)
		return err->code ? err->code : tt_error_set(err, EX_SOFTWARE, "%s", _("no version returned"));
	if (PQntuples(res) != 1 || PQgetisnull(res, 0, 0)) {
		PQclear(res);
		return tt_error_set(err, EX_SOFTWARE, "%s", _("no version returned"));
	}
	if (new_version)
		*new_version = atoi(PQgetvalue(res, 0, 0));
	if (json)
		*json = xstrdup(PQgetvalue(res, 0, 1));
	PQclear(res);
	return 0;
}

int ticket_set(struct db *db, long long id, int expected_version, const struct field_pair *pairs,
	       size_t npairs, const char *reason, int *new_version, struct tt_error *err)
{
	return ticket_retriage(db, id, expected_version, pairs, npairs, reason, new_version, NULL, err);
}

int ticket_transitions_load(struct db *db, long long id, struct ticket_transition **out,
			    size_t *n, struct tt_error *err)
{
	char idbuf[24];
	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	const char *p[1] = { idbuf };
	PGresult *res = db_query(db,
		"SELECT to_status, action, needs_bug_ref, message"
		"  FROM ticketty.api_ticket_transitions($1::bigint)", 1, p, err);
	*out = NULL;
	*n = 0;
	if (!res)
		return err->code;
	int rows = PQntuples(res);
	*out = xcalloc((size_t)rows + 1, sizeof(**out));
	for (int i = 0; i < rows; i++) {
		struct ticket_transition *t = &(*out)[i];
		snprintf(t->to, sizeof(t->to), "%s", PQgetvalue(res, i, 0));
		snprintf(t->action, sizeof(t->action), "%s", PQgetvalue(res, i, 1));
		t->needs_bug_ref = PQgetvalue(res, i, 2)[0] == 't';
		snprintf(t->message, sizeof(t->message), "%s", PQgetvalue(res, i, 3));
	}
	*n = (size_t)rows;
	PQclear(res);
	return 0;
}
