/* Records that change: thin callers of api_admin_customer_set & co. and
 * the contact and audit listings (sql/005_admin.sql). */
#include "model/admin_records.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "model/row_holder.h"
#include "util/i18n.h"
#include "util/xalloc.h"

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

int admin_record_set(struct db *db, const char *fn, const char *ref, const struct field_pair *pairs,
		    size_t npairs, long long *id, struct tt_error *err)
{
	if (npairs == 0 || npairs > PAIRS_MAX)
		return tt_error_set(err, EX_USAGE, _("name between 1 and %d fields to change"), PAIRS_MAX);
	const char *p[1 + 2 * PAIRS_MAX];
	p[0] = ref;
	for (size_t i = 0; i < npairs; i++) {
		p[1 + 2 * i] = pairs[i].field;
		p[2 + 2 * i] = pairs[i].value;
	}
	char *obj = pairs_object_sql(npairs, 2);
	char *sql = xasprintf("SELECT ticketty.%s($1::text, %s)", fn, obj);
	free(obj);
	int rc = call_for_id(db, sql, 1 + 2 * (int)npairs, p, id, err);
	free(sql);
	return rc;
}

/* A change of the record `kind` `ref` that waited too long for its row
 * (55P03): the refusal names the record and, when the database can tell
 * (api_admin_row_holder), who holds it; or, when the wait was on a
 * ticket or an escalation the change goes on to change (a customer's
 * new CSM takes its escalations, an agent's new role or deactivation
 * hands its escalations and tickets on), that ticket and who holds it.
 * True when it named one. */
static bool name_held(struct db *db, const char *kind, const char *ref, bool beyond, struct tt_error *err)
{
	if (!ref || strcmp(err->sqlstate, "55P03"))
		return false;
	const char *p[3] = { kind, ref, beyond ? "true" : "false" };
	struct row_holder h = { 0 };
	if (!row_holder_ask(db, "SELECT * FROM ticketty.api_admin_row_holder($1, $2, $3::boolean)", 3, p, &h))
		return false;
	char *who = row_holder_who(&h);
	bool customer = !strcmp(kind, "customer"), agent = !strcmp(kind, "agent");
	char *head;
	if (h.ticket && !strcmp(h.what, "escalation"))
		/* TRANSLATORS: customer NAME / agent LOGIN: the escalation of
		 * ticket N is held by WHO */
		head = xasprintf(customer ? _("customer %s: the escalation of ticket %lld is held by %s")
					  : _("agent %s: the escalation of ticket %lld is held by %s"),
				 ref, h.ticket, who);
	else if (h.ticket)
		head = xasprintf(customer ? _("customer %s: ticket %lld is held by %s")
					  : _("agent %s: ticket %lld is held by %s"),
				 ref, h.ticket, who);
	else
		head = xasprintf(customer ? _("customer %s is held by %s")
				 : agent  ? _("agent %s is held by %s")
				 : !strcmp(kind, "team") ? _("team %s is held by %s")
				 : !strcmp(kind, "request_type") ? _("request type %s is held by %s")
					  : _("contact %s is held by %s"),
				 ref, who);
	row_holder_reword(err, head);
	free(who);
	row_holder_done(&h);
	return true;
}

int admin_name_held(struct db *db, const char *kind, const char *ref, int rc, struct tt_error *err)
{
	if (rc)
		name_held(db, kind, ref, true, err);
	return rc;
}

int admin_name_ref_held(struct db *db, const char *kind, const char *ref, int rc, struct tt_error *err)
{
	if (rc)
		name_held(db, kind, ref, false, err);
	return rc;
}

bool admin_ref_holder_named(struct db *db, const char *kind, const char *ref, struct tt_error *err)
{
	return name_held(db, kind, ref, false, err);
}

int admin_customer_set(struct db *db, const char *ref, const struct field_pair *pairs,
		       size_t npairs, long long *id, struct tt_error *err)
{
	return admin_name_held(db, "customer", ref,
			       admin_record_set(db, "api_admin_customer_set", ref, pairs, npairs, id, err), err);
}

int admin_contact_set(struct db *db, const char *ref, const struct field_pair *pairs,
		      size_t npairs, long long *id, struct tt_error *err)
{
	return admin_name_held(db, "contact", ref,
			       admin_record_set(db, "api_admin_contact_set", ref, pairs, npairs, id, err), err);
}

int admin_agent_set(struct db *db, const char *login, const struct field_pair *pairs,
		    size_t npairs, long long *id, struct tt_error *err)
{
	return admin_name_held(db, "agent", login,
			       admin_record_set(db, "api_admin_agent_set", login, pairs, npairs, id, err), err);
}

int admin_customer_deactivate(struct db *db, const char *ref, long long *id, struct tt_error *err)
{
	const char *p[1] = { ref };
	return admin_name_held(db, "customer", ref,
			       call_for_id(db, "SELECT ticketty.api_admin_customer_deactivate($1)", 1, p, id, err), err);
}

int admin_contact_deactivate(struct db *db, const char *ref, long long *id, struct tt_error *err)
{
	const char *p[1] = { ref };
	return admin_name_held(db, "contact", ref,
			       call_for_id(db, "SELECT ticketty.api_admin_contact_deactivate($1)", 1, p, id, err), err);
}

int admin_contact_customer_without_spoc(struct db *db, long long id, char **customer, struct tt_error *err)
{
	char num[24];
	snprintf(num, sizeof(num), "%lld", id);
	const char *p[1] = { num };
	*customer = NULL;
	PGresult *res = db_query(db,
		"SELECT c.name FROM ticketty.contacts k JOIN ticketty.customers c ON c.id = k.customer_id"
		" WHERE k.id = $1::int AND c.active"
		"   AND NOT EXISTS (SELECT 1 FROM ticketty.contacts s"
		"                    WHERE s.customer_id = c.id AND s.spoc AND s.active)",
		1, p, err);
	if (!res)
		return err->code;
	if (PQntuples(res) == 1)
		*customer = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	return 0;
}

int admin_agent_team_id(struct db *db, const char *login, long long *team_id, struct tt_error *err)
{
	const char *p[1] = { login };
	*team_id = 0;
	PGresult *res = db_query(db, "SELECT team_id FROM ticketty.agents WHERE login = $1 AND team_id IS NOT NULL",
				 1, p, err);
	if (!res)
		return err->code;
	if (PQntuples(res) == 1)
		*team_id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return 0;
}

int admin_team_left_alone(struct db *db, long long team_id, char **team, long *open, struct tt_error *err)
{
	char num[24];
	snprintf(num, sizeof(num), "%lld", team_id);
	const char *p[1] = { num };
	*team = NULL;
	*open = 0;
	PGresult *res = db_query(db,
		"SELECT t.name, (SELECT count(*) FROM ticketty.tickets x"
		"                 WHERE x.team_id = t.id AND x.status NOT IN ('resolved', 'closed'))"
		"  FROM ticketty.teams t"
		" WHERE t.id = $1::int AND t.active"
		"   AND NOT EXISTS (SELECT 1 FROM ticketty.agents o WHERE o.team_id = t.id AND o.active)",
		1, p, err);
	if (!res)
		return err->code;
	if (PQntuples(res) == 1 && strtol(PQgetvalue(res, 0, 1), NULL, 10) > 0) {
		*team = xstrdup(PQgetvalue(res, 0, 0));
		*open = strtol(PQgetvalue(res, 0, 1), NULL, 10);
	}
	PQclear(res);
	return 0;
}

static char *opt_str(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? NULL : xstrdup(PQgetvalue(res, row, col));
}

int contacts_list(struct db *db, const char *customer, char **json, struct contact_row **rows,
		  int *n, struct tt_error *err)
{
	const char *p[1] = { customer };
	if (json && !(*json = db_scalar(db, "SELECT ticketty.json_safe_text(ticketty.api_contacts_list($1)::text)", 1, p, err)))
		return err->code ? err->code : EX_SOFTWARE;
	if (!rows)
		return 0;
	PGresult *res = db_query(db,
		"SELECT id, name, email, phone, spoc, active"
		"  FROM json_to_recordset(ticketty.api_contacts_list($1))"
		"    AS x(id bigint, name text, email text, phone text, spoc boolean, active boolean)",
		1, p, err);
	if (!res)
		return err->code;
	*n = PQntuples(res);
	*rows = xcalloc((size_t)*n + 1, sizeof(**rows));
	for (int i = 0; i < *n; i++) {
		struct contact_row *c = &(*rows)[i];
		c->id = strtoll(PQgetvalue(res, i, 0), NULL, 10);
		c->name = xstrdup(PQgetvalue(res, i, 1));
		c->email = xstrdup(PQgetvalue(res, i, 2));
		c->phone = opt_str(res, i, 3);
		c->spoc = PQgetvalue(res, i, 4)[0] == 't';
		c->active = PQgetvalue(res, i, 5)[0] == 't';
	}
	PQclear(res);
	return 0;
}

void contacts_list_free(struct contact_row *rows, int n)
{
	for (int i = 0; rows && i < n; i++) {
		free(rows[i].name);
		free(rows[i].email);
		free(rows[i].phone);
	}
	free(rows);
}

int admin_audit_list(struct db *db, int limit, char **json, struct admin_event_row **rows, int *n,
		     struct tt_error *err)
{
	char lim[16];
	snprintf(lim, sizeof(lim), "%d", limit);
	const char *p[1] = { lim };
	if (json && !(*json = db_scalar(db, "SELECT ticketty.json_safe_text(ticketty.api_admin_audit($1::int)::text)", 1, p, err)))
		return err->code ? err->code : EX_SOFTWARE;
	if (!rows)
		return 0;
	PGresult *res = db_query(db,
		"SELECT id, extract(epoch FROM at)::bigint, actor, action, object,"
		/* a change shows the fields it changed, not the whole record
		 * twice (a policy load: every hour, rule and target) */
		"       CASE WHEN jsonb_typeof(before) = 'object' AND jsonb_typeof(after) = 'object'"
		"            THEN coalesce((SELECT jsonb_object_agg(k, coalesce(before -> k, 'null'))"
		"                    FROM jsonb_object_keys(before || after) k"
		"                   WHERE before -> k IS DISTINCT FROM after -> k), '{}')::text"
		"            ELSE before::text END,"
		"       CASE WHEN jsonb_typeof(before) = 'object' AND jsonb_typeof(after) = 'object'"
		"            THEN coalesce((SELECT jsonb_object_agg(k, coalesce(after -> k, 'null'))"
		"                    FROM jsonb_object_keys(before || after) k"
		"                   WHERE before -> k IS DISTINCT FROM after -> k), '{}')::text"
		"            ELSE after::text END"
		"  FROM json_to_recordset(ticketty.api_admin_audit($1::int))"
		"    AS x(id bigint, at timestamptz, actor text, action text, object text,"
		"         before jsonb, after jsonb)",
		1, p, err);
	if (!res)
		return err->code;
	*n = PQntuples(res);
	*rows = xcalloc((size_t)*n + 1, sizeof(**rows));
	for (int i = 0; i < *n; i++) {
		struct admin_event_row *e = &(*rows)[i];
		e->id = strtoll(PQgetvalue(res, i, 0), NULL, 10);
		e->at = (time_t)strtoll(PQgetvalue(res, i, 1), NULL, 10);
		e->actor = xstrdup(PQgetvalue(res, i, 2));
		e->action = xstrdup(PQgetvalue(res, i, 3));
		e->object = opt_str(res, i, 4);
		e->before = opt_str(res, i, 5);
		e->after = opt_str(res, i, 6);
	}
	PQclear(res);
	return 0;
}

void admin_audit_list_free(struct admin_event_row *rows, int n)
{
	for (int i = 0; rows && i < n; i++) {
		free(rows[i].actor);
		free(rows[i].action);
		free(rows[i].object);
		free(rows[i].before);
		free(rows[i].after);
	}
	free(rows);
}

int admin_record_json(struct db *db, enum admin_record kind, long long id, char **json,
		      struct tt_error *err)
{
	static const char *const sql[] = {
		[ADMIN_CUSTOMER] = "SELECT ticketty.json_safe_text(row_to_json(c)::text)"
				   "  FROM ticketty.customers c WHERE c.id = $1",
		[ADMIN_CONTACT] = "SELECT ticketty.json_safe_text(row_to_json(c)::text)"
				  "  FROM ticketty.contacts c WHERE c.id = $1",
		[ADMIN_AGENT] = "SELECT ticketty.json_safe_text(row_to_json(a)::text)"
				"  FROM ticketty.agents a WHERE a.id = $1",
	};
	char num[24];
	snprintf(num, sizeof(num), "%lld", id);
	const char *p[1] = { num };
	*json = db_scalar(db, sql[kind], 1, p, err);
	return *json ? 0 : err->code ? err->code : EX_SOFTWARE;
}
