/* Intake queries: the form metadata and the rules for the current choices
 * (intake_form), the pickers' rows, a ticket's values for the re-triage
 * form, and the submission through api_ticket_check / api_ticket_create. */
#include "model/intake.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

static char *col(PGresult *res, int row, const char *name)
{
	int c = PQfnumber(res, name);
	if (c < 0 || PQgetisnull(res, row, c))
		return xstrdup("");
	return xstrdup(PQgetvalue(res, row, c));
}

static bool col_true(PGresult *res, int row, const char *name)
{
	int c = PQfnumber(res, name);
	return c >= 0 && !PQgetisnull(res, row, c) && PQgetvalue(res, row, c)[0] == 't';
}

int intake_meta_load(struct db *db, struct intake_meta *meta, struct tt_error *err)
{
	PGresult *res = db_query(db,
		"SELECT f.name, f.label, f.kind::text AS kind, f.help, f.rule, r.shown, r.required, "
		"coalesce(r.max_length, 0) AS max_length "
		"  FROM intake_fields f JOIN intake_form(NULL, NULL) r ON r.name = f.name "
		" ORDER BY f.position",
		0, NULL, err);

	memset(meta, 0, sizeof(*meta));
	if (!res)
		return err->code;
	meta->n = (size_t)PQntuples(res);
	meta->fields = xcalloc(meta->n ? meta->n : 1, sizeof(*meta->fields));
	for (size_t i = 0; i < meta->n; i++) {
		struct intake_field *f = &meta->fields[i];
		f->name = col(res, (int)i, "name");
		f->label = col(res, (int)i, "label");
		f->kind = col(res, (int)i, "kind");
		f->help = col(res, (int)i, "help");
		f->rule = col(res, (int)i, "rule");
		f->shown = col_true(res, (int)i, "shown");
		f->required = col_true(res, (int)i, "required");
		f->max_length = atoi(PQgetvalue(res, (int)i, PQfnumber(res, "max_length")));
	}
	PQclear(res);
	return 0;
}

int intake_meta_rules(struct db *db, struct intake_meta *meta, const char *request_type,
		      const char *severity, struct tt_error *err)
{
	const char *params[] = { request_type, severity };
	PGresult *res = db_query(db,
		"SELECT name, shown, required, coalesce(max_length, 0) AS max_length "
		"  FROM intake_form($1, $2)", 2, params, err);
	if (!res)
		return err->code;
	for (int r = 0; r < PQntuples(res); r++)
		for (size_t i = 0; i < meta->n; i++) {
			struct intake_field *f = &meta->fields[i];
			if (strcmp(f->name, PQgetvalue(res, r, 0)))
				continue;
			f->shown = PQgetvalue(res, r, 1)[0] == 't';
			f->required = PQgetvalue(res, r, 2)[0] == 't';
			f->max_length = atoi(PQgetvalue(res, r, 3));
		}
	PQclear(res);
	return 0;
}

void intake_meta_done(struct intake_meta *meta)
{
	for (size_t i = 0; i < meta->n; i++) {
		struct intake_field *f = &meta->fields[i];
		free(f->name);
		free(f->label);
		free(f->kind);
		free(f->help);
		free(f->rule);
	}
	free(meta->fields);
	memset(meta, 0, sizeof(*meta));
}

const struct intake_field *intake_meta_find(const struct intake_meta *meta, const char *name)
{
	for (size_t i = 0; meta && i < meta->n; i++)
		if (!strcmp(meta->fields[i].name, name))
			return &meta->fields[i];
	return NULL;
}

bool intake_kind_is_list(const char *kind)
{
	return kind && (!strcmp(kind, "id_list") || !strcmp(kind, "url_list"));
}

void intake_choices_done(struct intake_choices *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->items[i].value);
		free(c->items[i].label);
		free(c->items[i].note);
		free(c->items[i].help);
		free(c->items[i].member_id);
		for (int k = 0; k < 3; k++)
			free(c->items[i].criteria[k]);
	}
	free(c->items);
	memset(c, 0, sizeof(*c));
}

/* Fills out from a result with columns value, label, note, help and the
 * optional member_id and flags account_rep, ui_related, emergency, usable. */
static int fill_choices(PGresult *res, struct intake_choices *out, struct tt_error *err)
{
	memset(out, 0, sizeof(*out));
	if (!res)
		return err->code;
	out->n = (size_t)PQntuples(res);
	out->items = xcalloc(out->n ? out->n : 1, sizeof(*out->items));
	for (size_t i = 0; i < out->n; i++) {
		struct intake_choice *c = &out->items[i];
		c->value = col(res, (int)i, "value");
		c->label = col(res, (int)i, "label");
		c->note = col(res, (int)i, "note");
		c->help = col(res, (int)i, "help");
		c->member_id = col(res, (int)i, "member_id");
		c->account_rep = col_true(res, (int)i, "account_rep");
		c->ui_related = col_true(res, (int)i, "ui_related");
		c->emergency = col_true(res, (int)i, "emergency");
		c->usable = col_true(res, (int)i, "usable");
		static const char *const crit[3] = { "function_criteria", "data_criteria",
						     "backend_criteria" };
		for (int k = 0; k < 3; k++)
			if (PQfnumber(res, crit[k]) >= 0)
				c->criteria[k] = col(res, (int)i, crit[k]);
	}
	PQclear(res);
	return 0;
}

int intake_customers(struct db *db, const char *filter, int limit, struct intake_choices *out,
		     struct tt_error *err)
{
	char lim[16];
	snprintf(lim, sizeof(lim), "%d", limit > 0 ? limit : 50);
	/* case and accents ignored ("nandu" finds "Compañía Ñandú"), folded
	 * on both sides by the client's table (util/text.h): the pickers
	 * match the same way, and agents may not call unaccent(). Both
	 * sides are composed (NFC) first, so a name stored decomposed
	 * ("Cafe" U+0301) folds as the one typed composed ("Café") and the
	 * reverse. ORDER BY name LIMIT still walks customers_name_key. */
	const char *from, *to;
	text_fold_table(&from, &to);
	const char *params[] = { filter ? filter : "", lim, from, to };
	return fill_choices(db_query(db,
		"SELECT id::text AS value, name AS label, plan::text AS note, "
		"       member_id::text AS member_id, active AS usable "
		"  FROM customers "
		" WHERE $1 = '' OR id::text = $1 "
		"    OR strpos(translate(lower(normalize(name, NFC)), $3, $4), "
		"              translate(lower(normalize($1, NFC)), $3, $4)) > 0 "
		" ORDER BY name LIMIT $2::int", 4, params, err), out, err);
}

int intake_contacts(struct db *db, const char *customer_id, struct intake_choices *out,
		    struct tt_error *err)
{
	const char *params[] = { customer_id };
	return fill_choices(db_query(db,
		"SELECT id::text AS value, name AS label, email AS note, "
		"       coalesce(phone, '') AS help, spoc AND active AS usable "
		"  FROM contacts WHERE customer_id::text = $1 "
		" ORDER BY spoc AND active DESC, name, id", 1, params, err), out, err);
}

int intake_request_types(struct db *db, struct intake_choices *out, struct tt_error *err)
{
	return fill_choices(db_query(db,
		"SELECT r.key AS value, r.name AS label, coalesce(t.name, '') AS note, "
		"       coalesce(r.example, '') AS help, r.account_rep, r.ui_related, true AS usable "
		"  FROM request_types r LEFT JOIN teams t ON t.id = r.team_id "
		" ORDER BY r.position", 0, NULL, err), out, err);
}

int intake_reasons(struct db *db, struct intake_choices *out, struct tt_error *err)
{
	return fill_choices(db_query(db,
		"SELECT key AS value, name AS label, '' AS note, definition AS help, true AS usable "
		"  FROM case_reasons ORDER BY id", 0, NULL, err), out, err);
}

int intake_severities(struct db *db, struct intake_choices *out, struct tt_error *err)
{
	return fill_choices(db_query(db,
		"SELECT level::text AS value, name AS label, key AS note, emergency, true AS usable, "
		"       definition AS help, function_criteria, data_criteria, backend_criteria "
		"  FROM severities ORDER BY level", 0, NULL, err), out, err);
}

static bool refused_locally(const struct tt_error *bad, const char *field)
{
	for (size_t i = 0; bad && i < bad->nfields; i++)
		if (!strcmp(bad->fields[i].field, field))
			return true;
	return false;
}

/* The fields the client refused plus the server's other findings. */
static int check_only(struct db *db, const char *payload, const struct tt_error *bad,
		      struct tt_error *err)
{
	const char *params[] = { payload };
	PGresult *res = db_query(db, "SELECT field, code, message FROM api_ticket_check($1::jsonb)",
				 1, params, err);
	if (!res)
		return err->code;
	struct tt_error all;
	tt_error_init(&all);
	for (int i = 0; i < PQntuples(res); i++) {
		const char *field = PQgetvalue(res, i, 0), *code = PQgetvalue(res, i, 1);
		/* left out of the payload on purpose: not "missing" */
		if (refused_locally(bad, field) && (!strcmp(code, "required") || !strcmp(code, "empty_list")))
			continue;
		tt_error_add_field(&all, field, code, PQgetvalue(res, i, 2));
	}
	PQclear(res);
	for (size_t i = 0; i < bad->nfields; i++)
		tt_error_add_field(&all, bad->fields[i].field, bad->fields[i].code, bad->fields[i].message);
	intake_refused(&all);
	tt_error_clear(err);
	*err = all;
	return EX_DATAERR;
}

int intake_refused(struct tt_error *err)
{
	return tt_error_set(err, EX_DATAERR,
			    ngettext("the ticket was refused: %zu field needs attention",
				     "the ticket was refused: %zu fields need attention", err->nfields),
			    err->nfields);
}

/* True when msg is the server's count of refused fields (020's
 * api_ticket_create), as it came or as servermsg translated it: the text
 * after the count in either form. */
static bool counts_fields(const char *msg)
{
	static const char said[] = "the ticket was refused: % field(s) need attention";
	const char *forms[] = { said, i18n_pgettext("server", said) };
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		const char *count = strrchr(forms[i], '%');
		if (count && count[1] && strstr(msg, count + 1))
			return true;
	}
	return false;
}

int intake_refusal_words(struct tt_error *err)
{
	/* the server counts "field(s)": said in words that agree with it */
	if (err->code == EX_DATAERR && err->nfields && err->message && counts_fields(err->message))
		intake_refused(err);
	return err->code;
}

int intake_submit(struct db *db, const char *payload, const struct tt_error *bad, long long *id,
		  struct tt_error *err)
{
	if (bad && bad->nfields)
		return check_only(db, payload, bad, err);
	const char *params[] = { payload };
	char *v = db_scalar(db, "SELECT api_ticket_create($1::jsonb)", 1, params, err);
	if (!v && err->code)
		return intake_refusal_words(err);
	if (!v)
		return tt_error_set(err, EX_SOFTWARE, "%s", _("no ticket id returned"));
	*id = strtoll(v, NULL, 10);
	free(v);
	return 0;
}

int intake_ticket_load(struct db *db, long long id, struct intake_ticket *out, struct tt_error *err)
{
	char idbuf[24];
	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	const char *params[] = { idbuf };
	/* the ticket as api_ticket_set reads it (ticket_intake_payload); a
	 * list as one line, its entries after ", ", as the form's one-line
	 * fields hold it and intake_payload.c splits it again (a line break
	 * between screenshot URLs became a blank in the field: the form
	 * counted an untouched list as changed and sent two URLs as one) */
	PGresult *res = db_query(db,
		"SELECT t.version, t.customer_id::text, c.name, c.member_id::text, kv.key, "
		"       CASE jsonb_typeof(kv.value) WHEN 'null' THEN '' "
		"       WHEN 'array' THEN coalesce((SELECT string_agg(x, ', ' ORDER BY o) "
		"            FROM jsonb_array_elements_text(kv.value) WITH ORDINALITY AS a(x, o)), '') "
		"       ELSE kv.value #>> '{}' END "
		"  FROM tickets t JOIN customers c ON c.id = t.customer_id "
		" CROSS JOIN LATERAL jsonb_each(ticket_intake_payload(t)) AS kv "
		" WHERE t.id = $1::bigint", 1, params, err);

	memset(out, 0, sizeof(*out));
	if (!res)
		return err->code;
	int rows = PQntuples(res);
	if (rows == 0) {
		PQclear(res);
		return tt_error_set(err, EX_DATAERR, _("ticket %lld not found"), id);
	}
	out->version = atoi(PQgetvalue(res, 0, 0));
	out->customer_id = xstrdup(PQgetvalue(res, 0, 1));
	out->customer_name = xstrdup(PQgetvalue(res, 0, 2));
	out->customer_member_id = xstrdup(PQgetvalue(res, 0, 3));
	out->names = xcalloc((size_t)rows, sizeof(*out->names));
	out->values = xcalloc((size_t)rows, sizeof(*out->values));
	for (int r = 0; r < rows; r++) {
		out->names[r] = xstrdup(PQgetvalue(res, r, 4));
		out->values[r] = xstrdup(PQgetvalue(res, r, 5));
	}
	out->n = (size_t)rows;
	PQclear(res);
	return 0;
}

void intake_ticket_done(struct intake_ticket *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->names[i]);
		free(t->values[i]);
	}
	free(t->names);
	free(t->values);
	free(t->customer_id);
	free(t->customer_name);
	free(t->customer_member_id);
	memset(t, 0, sizeof(*t));
}

const char *intake_ticket_value(const struct intake_ticket *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->names[i], name))
			return t->values[i];
	return "";
}
