/* The request types and where each goes: the listing, the new type and
 * the change, thin callers of api_admin_request_type_list, _add and _set
 * (sql/functions/admin.sql). */
#include "model/routing.h"

#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "model/admin_records.h"
#include "util/xalloc.h"

static char *opt_str(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? NULL : xstrdup(PQgetvalue(res, row, col));
}

int request_type_list(struct db *db, char **json, struct request_type_row **rows, int *n,
		      struct tt_error *err)
{
	if (json && !(*json = db_scalar(db, "SELECT ticketty.json_safe_text(ticketty.api_admin_request_type_list()::text)",
					0, NULL, err)))
		return err->code ? err->code : EX_SOFTWARE;
	if (!rows)
		return 0;
	PGresult *res = db_query(db,
		"SELECT key, name, team, team_name, account_rep, ui_related"
		"  FROM json_to_recordset(ticketty.api_admin_request_type_list())"
		"    AS x(key text, name text, team text, team_name text, account_rep boolean, ui_related boolean)",
		0, NULL, err);
	if (!res)
		return err->code;
	*n = PQntuples(res);
	*rows = xcalloc((size_t)*n + 1, sizeof(**rows));
	for (int i = 0; i < *n; i++) {
		struct request_type_row *r = &(*rows)[i];
		r->key = xstrdup(PQgetvalue(res, i, 0));
		r->name = xstrdup(PQgetvalue(res, i, 1));
		r->team = opt_str(res, i, 2);
		r->team_name = opt_str(res, i, 3);
		r->account_rep = PQgetvalue(res, i, 4)[0] == 't';
		r->ui_related = PQgetvalue(res, i, 5)[0] == 't';
	}
	PQclear(res);
	return 0;
}

void request_type_list_free(struct request_type_row *rows, int n)
{
	for (int i = 0; rows && i < n; i++) {
		free(rows[i].key);
		free(rows[i].name);
		free(rows[i].team);
		free(rows[i].team_name);
	}
	free(rows);
}

int request_type_add(struct db *db, const struct request_type_new *t, long long *id,
		     struct tt_error *err)
{
	const char *p[] = { t->key, t->name, t->team, t->account_rep ? "true" : "false",
			    t->ui_related ? "true" : "false", t->example };
	char *v = db_scalar(db, "SELECT ticketty.api_admin_request_type_add($1, $2, $3, $4::boolean,"
			    " $5::boolean, $6)", 6, p, err);
	if (!v) /* a new type refers to its team's row: waited on, it is named */
		return admin_name_ref_held(db, "team", t->team, err->code ? err->code : EX_SOFTWARE, err);
	*id = strtoll(v, NULL, 10);
	free(v);
	return 0;
}

int request_type_set(struct db *db, const char *key, const struct field_pair *pairs, size_t npairs,
		     long long *id, struct tt_error *err)
{
	int rc = admin_record_set(db, "api_admin_request_type_set", key, pairs, npairs, id, err);
	if (!rc || admin_ref_holder_named(db, "request_type", key, err))
		return rc;
	/* its own row free: the wait was on the row of the team it now goes to */
	for (size_t i = 0; i < npairs; i++)
		if (!strcmp(pairs[i].field, "team"))
			return admin_name_ref_held(db, "team", pairs[i].value, rc, err);
	return rc;
}
