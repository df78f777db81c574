/* The desk's teams: thin callers of api_admin_team_list, _add, _set and
 * _deactivate (sql/functions/admin.sql). */
#include "model/team.h"

#include <stdlib.h>

#include "db/conn.h"
#include "model/admin_records.h"
#include "util/xalloc.h"

int team_list(struct db *db, char **json, struct team_row **rows, int *n, struct tt_error *err)
{
	if (json && !(*json = db_scalar(db, "SELECT ticketty.json_safe_text(ticketty.api_admin_team_list()::text)",
					0, NULL, err)))
		return err->code ? err->code : EX_SOFTWARE;
	if (!rows)
		return 0;
	PGresult *res = db_query(db,
		"SELECT key, name, active, json_array_length(request_types), agents, open_tickets"
		"  FROM json_to_recordset(ticketty.api_admin_team_list())"
		"    AS x(key text, name text, active boolean, request_types json, agents int, open_tickets int)",
		0, NULL, err);
	if (!res)
		return err->code;
	*n = PQntuples(res);
	*rows = xcalloc((size_t)*n + 1, sizeof(**rows));
	for (int i = 0; i < *n; i++) {
		struct team_row *r = &(*rows)[i];
		r->key = xstrdup(PQgetvalue(res, i, 0));
		r->name = xstrdup(PQgetvalue(res, i, 1));
		r->active = PQgetvalue(res, i, 2)[0] == 't';
		r->request_types = atoi(PQgetvalue(res, i, 3));
		r->agents = atoi(PQgetvalue(res, i, 4));
		r->open_tickets = atoi(PQgetvalue(res, i, 5));
	}
	PQclear(res);
	return 0;
}

void team_list_free(struct team_row *rows, int n)
{
	for (int i = 0; rows && i < n; i++) {
		free(rows[i].key);
		free(rows[i].name);
	}
	free(rows);
}

static int call_for_id(struct db *db, const char *sql, int n, const char *const *p, long long *id,
		       struct tt_error *err)
{
	char *v = db_scalar(db, sql, n, p, err);
	if (!v)
		return err->code ? err->code : EX_SOFTWARE;
	*id = strtoll(v, NULL, 10);
	free(v);
	return 0;
}

int team_add(struct db *db, const char *key, const char *name, long long *id, struct tt_error *err)
{
	const char *p[] = { key, name };
	return call_for_id(db, "SELECT ticketty.api_admin_team_add($1, $2)", 2, p, id, err);
}

int team_set(struct db *db, const char *key, const struct field_pair *pairs, size_t npairs,
	     long long *id, struct tt_error *err)
{
	return admin_name_ref_held(db, "team", key,
				   admin_record_set(db, "api_admin_team_set", key, pairs, npairs, id, err), err);
}

int team_deactivate(struct db *db, const char *key, long long *id, struct tt_error *err)
{
	const char *p[] = { key };
	return admin_name_ref_held(db, "team", key,
				   call_for_id(db, "SELECT ticketty.api_admin_team_deactivate($1)", 1, p, id, err),
				   err);
}
