/* Ticket collaborator queries: the only place with collaborator SQL. */
#include "model/collab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "model/ticket.h"
#include "util/i18n.h"
#include "util/xalloc.h"

void collab_list_init(struct collab_list *l)
{
	memset(l, 0, sizeof(*l));
}

void collab_list_done(struct collab_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].login);
		free(l->items[i].display_name);
		free(l->items[i].role);
		free(l->items[i].added_by);
	}
	free(l->items);
	collab_list_init(l);
}

static int bool_call(struct db *db, const char *sql, long long ticket, const char *login,
		     bool *result, struct tt_error *err)
{
	char id[24];
	snprintf(id, sizeof(id), "%lld", ticket);
	const char *p[2] = { id, login };
	char *v = db_scalar(db, sql, 2, p, err);
	if (!v && err->code)
		ticket_name_held(db, id, NULL, err);   /* the row another session holds: named */
	if (!v)
		return err->code ? err->code : EX_SOFTWARE;
	*result = v[0] == 't';
	free(v);
	return 0;
}

int collab_add(struct db *db, long long ticket, const char *login, bool *added,
	       struct tt_error *err)
{
	return bool_call(db, "SELECT ticketty.api_ticket_add_collaborator($1::bigint, $2::text)",
			 ticket, login, added, err);
}

int collab_remove(struct db *db, long long ticket, const char *login, bool *removed,
		  struct tt_error *err)
{
	return bool_call(db, "SELECT ticketty.api_ticket_remove_collaborator($1::bigint, $2::text)",
			 ticket, login, removed, err);
}

int collab_list(struct db *db, long long ticket, struct collab_list *out, struct tt_error *err)
{
	char id[24];
	snprintf(id, sizeof(id), "%lld", ticket);
	const char *p[1] = { id };
	int rc = ticket_check_exists(db, ticket, err);
	if (rc)
		return rc;
	PGresult *res = db_query(db,
		"SELECT a.login, a.display_name, a.role::text, coalesce(b.display_name, '')"
		"  FROM ticketty.ticket_collaborators c"
		"  JOIN ticketty.agents a ON a.id = c.agent_id"
		"  LEFT JOIN ticketty.agents b ON b.id = c.added_by"
		" WHERE c.ticket_id = $1::bigint ORDER BY a.display_name, a.login", 1, p, err);
	if (!res)
		return err->code;
	collab_list_done(out);
	out->n = (size_t)PQntuples(res);
	out->items = xcalloc(out->n ? out->n : 1, sizeof(*out->items));
	for (size_t i = 0; i < out->n; i++) {
		out->items[i].login = xstrdup(PQgetvalue(res, (int)i, 0));
		out->items[i].display_name = xstrdup(PQgetvalue(res, (int)i, 1));
		out->items[i].role = xstrdup(PQgetvalue(res, (int)i, 2));
		out->items[i].added_by = xstrdup(PQgetvalue(res, (int)i, 3));
	}
	PQclear(res);
	return 0;
}

int collab_list_json(struct db *db, long long ticket, char **json, struct tt_error *err)
{
	char id[24];
	snprintf(id, sizeof(id), "%lld", ticket);
	const char *p[1] = { id };
	int rc = ticket_check_exists(db, ticket, err);
	if (rc)
		return rc;
	*json = db_scalar(db,
		"SELECT ticketty.json_safe_text(coalesce(json_agg(json_build_object("
		"  'login', a.login, 'name', a.display_name, 'role', a.role,"
		"  'added_by', b.display_name, 'added_at', c.added_at)"
		"  ORDER BY a.display_name, a.login), '[]')::text)"
		"  FROM ticketty.ticket_collaborators c"
		"  JOIN ticketty.agents a ON a.id = c.agent_id"
		"  LEFT JOIN ticketty.agents b ON b.id = c.added_by"
		" WHERE c.ticket_id = $1::bigint", 1, p, err);
	return *json ? 0 : err->code ? err->code : EX_SOFTWARE;
}
