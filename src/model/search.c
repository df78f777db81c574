/* Search, customer history, duplicate hint and links: the only place with
 * their SQL (the functions themselves are in sql/070_search.sql and
 * sql/071_links.sql). Each list is read with one bounded query. */
#include "model/search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "model/ticket.h"
#include "util/i18n.h"
#include "util/xalloc.h"

void search_list_init(struct search_list *l)
{
	memset(l, 0, sizeof(*l));
}

void search_list_done(struct search_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct search_hit *h = &l->hits[i];
		free(h->status);
		free(h->customer);
		free(h->title);
		free(h->created_at);
		free(h->snippet);
	}
	free(l->hits);
	search_list_init(l);
}

/* Columns: id, open, status, severity, customer, title, created_at, rank,
 * snippet, more (every query below returns them in this order). */
static int fill(PGresult *res, struct search_list *out)
{
	search_list_done(out);
	out->n = (size_t)PQntuples(res);
	out->hits = xcalloc(out->n ? out->n : 1, sizeof(*out->hits));
	for (int i = 0; i < (int)out->n; i++) {
		struct search_hit *h = &out->hits[i];
		h->id = strtoll(PQgetvalue(res, i, 0), NULL, 10);
		h->open = PQgetvalue(res, i, 1)[0] == 't';
		h->status = xstrdup(PQgetvalue(res, i, 2));
		h->severity = atoi(PQgetvalue(res, i, 3));
		h->customer = xstrdup(PQgetvalue(res, i, 4));
		h->title = xstrdup(PQgetvalue(res, i, 5));
		h->created_at = xstrdup(PQgetvalue(res, i, 6));
		h->rank = strtod(PQgetvalue(res, i, 7), NULL);
		h->snippet = xstrdup(PQgetvalue(res, i, 8));
		if (PQgetvalue(res, i, 9)[0] == 't')
			out->more = true;
	}
	PQclear(res);
	return 0;
}

static void opts_params(const struct search_opts *o, char *limit, size_t n, const char *p[4])
{
	snprintf(limit, n, "%d", o->limit);
	p[0] = o->query;
	p[1] = o->all ? "t" : "f";
	p[2] = o->customer && *o->customer ? o->customer : NULL;
	p[3] = limit;
}

int search_run(struct db *db, const struct search_opts *o, struct search_list *out,
	       struct tt_error *err)
{
	char limit[16];
	const char *p[4];
	opts_params(o, limit, sizeof(limit), p);
	PGresult *res = db_query(db,
		"SELECT s.ticket_id, s.is_open, s.status, s.severity, s.customer_name, s.title,"
		"       to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
		"       s.rank, coalesce(s.snippet, ''), s.window_full"
		"  FROM ticketty.search($1, $2::boolean, $3, $4::int) s", 4, p, err);
	if (!res)
		return err->code;
	fill(res, out);
	if (out->n == 0) {
		/* nothing found, but maybe only among the newest tickets */
		char *partial = db_scalar(db, "SELECT ticketty.search_partial($1, $2::boolean, $3)", 3, p,
					  err);
		if (!partial)
			return err->code ? err->code : EX_SOFTWARE;
		out->more = partial[0] == 't';
		free(partial);
	}
	return 0;
}

static int json_call(struct db *db, const char *sql, int n, const char *const *p, char **json,
		     struct tt_error *err)
{
	*json = db_scalar(db, sql, n, p, err);
	return *json ? 0 : (err->code ? err->code : EX_SOFTWARE);
}

int search_json(struct db *db, const struct search_opts *o, char **json, struct tt_error *err)
{
	char limit[16];
	const char *p[4];
	opts_params(o, limit, sizeof(limit), p);
	/* safe to print, as every --json is: DEL, C1 and bidi controls escaped */
	return json_call(db,
		"SELECT ticketty.json_safe_text(ticketty.search_json($1, $2::boolean, $3, $4::int)::text)",
		4, p, json, err);
}

#define HISTORY_SQL \
	"SELECT h.ticket_id, h.is_open, h.status, h.severity, '', h.title," \
	"       to_char(h.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')," \
	"       0, coalesce(h.relation, ''), false" \
	"  FROM ticketty.customer_history($1::bigint, $2::int) h"

int search_history(struct db *db, long long ticket, int limit, struct search_list *out,
		   struct tt_error *err)
{
	char id[24], lim[16];
	snprintf(id, sizeof(id), "%lld", ticket);
	snprintf(lim, sizeof(lim), "%d", limit);
	const char *p[2] = { id, lim };
	PGresult *res = db_query(db, HISTORY_SQL, 2, p, err);
	if (!res)
		return err->code;
	return fill(res, out);
}

int search_history_json(struct db *db, long long ticket, int limit, char **json,
			struct tt_error *err)
{
	char id[24], lim[16];
	snprintf(id, sizeof(id), "%lld", ticket);
	snprintf(lim, sizeof(lim), "%d", limit);
	const char *p[2] = { id, lim };
	int rc = ticket_check_exists(db, ticket, err);
	if (rc)
		return rc;
	return json_call(db,
		"SELECT ticketty.json_safe_text(json_build_object('ticket', $1::bigint, 'history', coalesce(json_agg("
		"  json_build_object('id', h.ticket_id, 'open', h.is_open, 'status', h.status,"
		"    'severity', h.severity, 'title', h.title, 'created_at', h.created_at,"
		"    'resolved_at', h.resolved_at, 'link', h.relation)), '[]'))::text)"
		"  FROM ticketty.customer_history($1::bigint, $2::int) h", 2, p, json, err);
}

int search_check_object_ids(struct db *db, const char *object_ids, struct tt_error *err)
{
	const char *p[1] = { object_ids ? object_ids : "" };
	char *v = db_scalar(db, "SELECT ticketty.api_object_ids($1)", 1, p, err);
	if (!v)
		return err->code ? err->code : EX_SOFTWARE;
	free(v);
	return 0;
}

#define DUPLICATES_FROM \
	"  FROM ticketty.search_duplicates($1, $2," \
	"       ARRAY(SELECT x FROM regexp_split_to_table(btrim($3), '[\\s,;]+') x WHERE x <> '')," \
	"       $4::int) d"

int search_duplicates_json(struct db *db, const char *customer, const char *title,
			   const char *object_ids, int limit, char **json, struct tt_error *err)
{
	char lim[16];
	snprintf(lim, sizeof(lim), "%d", limit);
	const char *p[4] = { customer, title ? title : "", object_ids ? object_ids : "", lim };
	return json_call(db,
		"SELECT ticketty.json_safe_text(json_build_object('duplicates', coalesce(json_agg(json_build_object("
		"  'id', d.ticket_id, 'status', d.status, 'severity', d.severity, 'title', d.title,"
		"  'created_at', d.created_at, 'shared_object_ids', d.shared_ids,"
		"  'title_similarity', round(d.similarity::numeric, 3))), '[]'))::text)" DUPLICATES_FROM,
		4, p, json, err);
}

int search_duplicates(struct db *db, const char *customer, const char *title,
		      const char *object_ids, int limit, struct search_list *out,
		      struct tt_error *err)
{
	char lim[16];
	snprintf(lim, sizeof(lim), "%d", limit);
	const char *p[4] = { customer, title ? title : "", object_ids ? object_ids : "", lim };
	PGresult *res = db_query(db,
		"SELECT d.ticket_id, true, d.status, d.severity, '', d.title,"
		"       to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
		"       d.similarity, array_to_string(d.shared_ids, ', '), false"
		DUPLICATES_FROM, 4, p, err);
	if (!res)
		return err->code;
	return fill(res, out);
}

int search_link(struct db *db, long long id, long long other, const char *kind,
		int expected_version, int *new_version, struct tt_error *err)
{
	char a[24], b[24], v[16];
	snprintf(a, sizeof(a), "%lld", id);
	snprintf(b, sizeof(b), "%lld", other);
	snprintf(v, sizeof(v), "%d", expected_version);
	const char *p[4] = { a, b, kind, expected_version < 0 ? NULL : v };
	char *r = db_scalar(db, "SELECT ticketty.api_ticket_link($1::bigint, $2::bigint, $3, $4::int)",
			    4, p, err);
	if (!r) {
		ticket_name_held(db, a, b, err);   /* either may be the one held */
		return err->code ? err->code : EX_SOFTWARE;
	}
	*new_version = atoi(r);
	free(r);
	return 0;
}

int search_unlink(struct db *db, long long id, long long other, bool *removed,
		  struct tt_error *err)
{
	return search_unlink_at(db, id, other, -1, removed, err);
}

int search_unlink_at(struct db *db, long long id, long long other, int expected_version, bool *removed,
		     struct tt_error *err)
{
	char a[24], b[24], v[16];
	snprintf(a, sizeof(a), "%lld", id);
	snprintf(b, sizeof(b), "%lld", other);
	snprintf(v, sizeof(v), "%d", expected_version);
	const char *p[3] = { a, b, expected_version < 0 ? NULL : v };
	char *r = db_scalar(db, "SELECT ticketty.api_ticket_unlink($1::bigint, $2::bigint, $3::int)", 3, p,
			    err);
	if (!r) {
		ticket_name_held(db, a, b, err);   /* either may be the one held */
		return err->code ? err->code : EX_SOFTWARE;
	}
	*removed = r[0] == 't';
	free(r);
	return 0;
}
