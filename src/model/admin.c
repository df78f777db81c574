/* Administration of customers, contacts and agents: thin callers of the
 * api_admin_* functions (sql/005_admin.sql), which check the caller and
 * every field. */
#include "model/admin.h"

#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "model/admin_records.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* Runs a statement returning one id; stores it in *id. */
static int call_for_id(struct db *db, const char *sql, int n, const char *const *params,
		       long long *id, struct tt_error *err)
{
	char *v = db_scalar(db, sql, n, params, err);
	if (!v)
		return err->code ? err->code : EX_SOFTWARE;
	*id = strtoll(v, NULL, 10);
	free(v);
	return 0;
}

int admin_customer_add(struct db *db, const struct admin_customer_new *c, long long *id,
		       struct tt_error *err)
{
	const char *p[] = { c->name, c->member_id, c->plan, c->csm_login, c->account_rep, c->account_rep_lang };
	/* its CSM's row, which another session may hold */
	return admin_name_ref_held(db, "agent", c->csm_login,
				   call_for_id(db, "SELECT api_admin_customer_add($1, $2, $3, $4, $5, $6)", 6, p, id, err),
				   err);
}

int admin_contact_add(struct db *db, const struct admin_contact_new *c, long long *id,
		      struct tt_error *err)
{
	const char *p[] = { c->customer, c->name, c->email, c->phone, c->spoc ? "true" : "false",
			    c->lang ? c->lang : "en" };
	/* its customer's row, which another session may hold */
	return admin_name_ref_held(db, "customer", c->customer,
				   call_for_id(db, "SELECT api_admin_contact_add($1, $2, $3, $4, $5::boolean, $6)", 6,
					       p, id, err),
				   err);
}

int admin_agent_add(struct db *db, const struct admin_agent_new *a, long long *id,
		    struct tt_error *err)
{
	/* the password is encrypted here, as psql's \password does: the server
	 * (its log, pg_stat_activity) only ever sees the verifier. An empty one
	 * goes as is, so the server names it with the other refused fields. */
	char *verifier = NULL;
	if (a->password && strlen(a->password) > 1000) {
		tt_error_set(err, EX_DATAERR, "%s", _("the agent was not added"));
		tt_error_add_field(err, "password", "too_long", "at most 1000 characters");
		return EX_DATAERR;
	}
	/* a password of spaces alone (tabs, no-break spaces) is one nobody
	 * means to set; only here is it seen: the server gets the verifier */
	if (a->password && *a->password && text_blank_n(a->password, strlen(a->password))) {
		tt_error_set(err, EX_DATAERR, "%s", _("the agent was not added"));
		tt_error_add_field(err, "password", "blank", "is only spaces: a password must have more than blanks");
		return EX_DATAERR;
	}
	if (a->password && *a->password) {
		verifier = PQencryptPasswordConn(db_pgconn(db), a->password, a->login, NULL);
		if (!verifier)
			return tt_error_set(err, db_connected(db) ? EX_SOFTWARE : EX_UNAVAILABLE,
					    _("could not encrypt the password: %s"),
					    PQerrorMessage(db_pgconn(db)));
	}
	const char *p[] = { a->login, a->name, a->role, verifier ? verifier : a->password, a->email,
			    a->team, a->lang };
	int rc = call_for_id(db, "SELECT api_admin_agent_add($1, $2, $3, $4, $5, $6, $7)", 7, p, id, err);
	if (verifier)
		PQfreemem(verifier);
	return rc;
}

int admin_agent_deactivate(struct db *db, const char *login, long long *id, struct tt_error *err)
{
	const char *p[] = { login };
	return admin_name_held(db, "agent", login,
			       call_for_id(db, "SELECT api_admin_agent_deactivate($1)", 1, p, id, err), err);
}

static char *opt_str(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? NULL : xstrdup(PQgetvalue(res, row, col));
}

static int fetch_json(struct db *db, const char *sql, char **json, struct tt_error *err)
{
	*json = db_scalar(db, sql, 0, NULL, err);
	return *json ? 0 : (err->code ? err->code : EX_SOFTWARE);
}

int admin_customer_list(struct db *db, char **json, struct admin_customer **rows, int *n,
			struct tt_error *err)
{
	if (json && fetch_json(db, "SELECT json_safe_text(api_admin_customer_list()::text)", json, err))
		return err->code;
	if (!rows)
		return 0;
	PGresult *res = db_query(db,
		"SELECT id, name, member_id, plan, csm, account_rep_name, account_rep_email,"
		"       contacts, spocs, active"
		"  FROM json_to_recordset(api_admin_customer_list())"
		"    AS x(id bigint, name text, member_id bigint, plan text, csm text,"
		"         account_rep_name text, account_rep_email text, contacts int, spocs int,"
		"         active boolean)",
		0, NULL, err);
	if (!res)
		return err->code;
	*n = PQntuples(res);
	*rows = xcalloc((size_t)*n + 1, sizeof(**rows));
	for (int i = 0; i < *n; i++) {
		struct admin_customer *c = &(*rows)[i];
		c->id = strtoll(PQgetvalue(res, i, 0), NULL, 10);
		c->name = xstrdup(PQgetvalue(res, i, 1));
		c->member_id = strtoll(PQgetvalue(res, i, 2), NULL, 10);
		c->plan = xstrdup(PQgetvalue(res, i, 3));
		c->csm = opt_str(res, i, 4);
		c->account_rep_name = opt_str(res, i, 5);
		c->account_rep_email = opt_str(res, i, 6);
		c->contacts = atoi(PQgetvalue(res, i, 7));
		c->spocs = atoi(PQgetvalue(res, i, 8));
		c->active = PQgetvalue(res, i, 9)[0] == 't';
	}
	PQclear(res);
	return 0;
}

void admin_customer_list_free(struct admin_customer *rows, int n)
{
	for (int i = 0; rows && i < n; i++) {
		free(rows[i].name);
		free(rows[i].plan);
		free(rows[i].csm);
		free(rows[i].account_rep_name);
		free(rows[i].account_rep_email);
	}
	free(rows);
}

int admin_contact_list(struct db *db, const char *customer, char **json,
		       struct admin_contact **rows, int *n, struct tt_error *err)
{
	const char *p[] = { customer };
	char *doc = db_scalar(db, "SELECT json_safe_text(api_admin_contact_list($1)::text)", 1, p, err);
	if (!doc) {
		if (err->code)
			return err->code;
		return tt_error_set(err, EX_DATAERR, _("no customer has the name or id %s"), customer);
	}
	if (json)
		*json = doc;
	else
		free(doc);
	if (!rows)
		return 0;
	PGresult *res = db_query(db,
		"SELECT id, name, email, phone, lang, spoc, active"
		"  FROM json_to_recordset(api_admin_contact_list($1))"
		"    AS x(id bigint, name text, email text, phone text, lang text, spoc boolean,"
		"         active boolean)",
		1, p, err);
	if (!res)
		return err->code;
	*n = PQntuples(res);
	*rows = xcalloc((size_t)*n + 1, sizeof(**rows));
	for (int i = 0; i < *n; i++) {
		struct admin_contact *c = &(*rows)[i];
		c->id = strtoll(PQgetvalue(res, i, 0), NULL, 10);
		c->name = xstrdup(PQgetvalue(res, i, 1));
		c->email = xstrdup(PQgetvalue(res, i, 2));
		c->phone = opt_str(res, i, 3);
		c->lang = xstrdup(PQgetvalue(res, i, 4));
		c->spoc = PQgetvalue(res, i, 5)[0] == 't';
		c->active = PQgetvalue(res, i, 6)[0] == 't';
	}
	PQclear(res);
	return 0;
}

void admin_contact_list_free(struct admin_contact *rows, int n)
{
	for (int i = 0; rows && i < n; i++) {
		free(rows[i].name);
		free(rows[i].email);
		free(rows[i].phone);
		free(rows[i].lang);
	}
	free(rows);
}

int admin_agent_list(struct db *db, char **json, struct admin_agent **rows, int *n,
		     struct tt_error *err)
{
	if (json && fetch_json(db, "SELECT json_safe_text(api_admin_agent_list()::text)", json, err))
		return err->code;
	if (!rows)
		return 0;
	PGresult *res = db_query(db,
		"SELECT id, login, name, email, role, team, active, lang, mail_notifications"
		"  FROM json_to_recordset(api_admin_agent_list())"
		"    AS x(id bigint, login text, name text, email text, role text, team text,"
		"         active boolean, lang text, mail_notifications boolean)",
		0, NULL, err);
	if (!res)
		return err->code;
	*n = PQntuples(res);
	*rows = xcalloc((size_t)*n + 1, sizeof(**rows));
	for (int i = 0; i < *n; i++) {
		struct admin_agent *a = &(*rows)[i];
		a->id = strtoll(PQgetvalue(res, i, 0), NULL, 10);
		a->login = xstrdup(PQgetvalue(res, i, 1));
		a->name = xstrdup(PQgetvalue(res, i, 2));
		a->email = opt_str(res, i, 3);
		a->role = xstrdup(PQgetvalue(res, i, 4));
		a->team = opt_str(res, i, 5);
		a->active = PQgetvalue(res, i, 6)[0] == 't';
		a->lang = xstrdup(PQgetvalue(res, i, 7));
		a->mail_notifications = PQgetvalue(res, i, 8)[0] == 't';
	}
	PQclear(res);
	return 0;
}

void admin_agent_list_free(struct admin_agent *rows, int n)
{
	for (int i = 0; rows && i < n; i++) {
		free(rows[i].login);
		free(rows[i].name);
		free(rows[i].email);
		free(rows[i].role);
		free(rows[i].team);
		free(rows[i].lang);
	}
	free(rows);
}
