/* Canned replies: listing, managing and filling them in. */
#include "model/canned.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* An unknown language listed nothing, as if there were no reply, removed
 * nothing ("0 canned replies removed") and filled a reply in in English,
 * and said not why. */
int canned_check_lang(struct db *db, const char *lang, struct tt_error *err)
{
	const char *p[1] = { lang };
	PGresult *res = db_query(db,
		"SELECT $1::text = ANY (l.langs), array_to_string(l.langs, ', ')"
		"  FROM (SELECT ARRAY(SELECT 'en' UNION SELECT 'es'"
		"                     UNION SELECT c.lang FROM ticketty.canned_replies c ORDER BY 1) AS langs) l",
		1, p, err);
	if (!res)
		return err->code ? err->code : EX_SOFTWARE;
	int rc = 0;
	if (PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 0), "t")) {
		char *one_of = xasprintf("one of %s", PQgetvalue(res, 0, 1));
		rc = tt_error_set(err, EX_DATAERR, _("unknown language '%s'"), lang);
		tt_error_add_field(err, "lang", "unknown", one_of);
		free(one_of);
	}
	PQclear(res);
	return rc;
}

int canned_list(struct db *db, const char *lang, char **json, struct canned_reply **rows, int *n,
		struct tt_error *err)
{
	const char *p[1] = { lang };
	int rc;
	if (lang && (rc = canned_check_lang(db, lang, err)))
		return rc;
	if (json && !(*json = db_scalar(db,
			"SELECT ticketty.json_safe_text(("
			"SELECT coalesce(json_agg(json_build_object('key', c.key, 'lang', c.lang,"
			" 'title', c.title, 'body', c.body) ORDER BY c.key, c.lang), '[]')"
			" FROM ticketty.canned_replies c WHERE $1::text IS NULL OR c.lang = $1::text)::text)",
			1, p, err)))
		return err->code ? err->code : EX_SOFTWARE;
	if (!rows)
		return 0;
	PGresult *res = db_query(db,
		"SELECT c.key, c.lang, c.title, c.body FROM ticketty.canned_replies c"
		" WHERE $1::text IS NULL OR c.lang = $1::text ORDER BY c.key, c.lang",
		1, p, err);
	if (!res)
		return err->code;
	*n = PQntuples(res);
	*rows = xcalloc((size_t)*n + 1, sizeof(**rows));
	for (int i = 0; i < *n; i++) {
		(*rows)[i].key = xstrdup(PQgetvalue(res, i, 0));
		(*rows)[i].lang = xstrdup(PQgetvalue(res, i, 1));
		(*rows)[i].title = xstrdup(PQgetvalue(res, i, 2));
		(*rows)[i].body = xstrdup(PQgetvalue(res, i, 3));
	}
	PQclear(res);
	return 0;
}

void canned_list_free(struct canned_reply *rows, int n)
{
	for (int i = 0; rows && i < n; i++) {
		free(rows[i].key);
		free(rows[i].lang);
		free(rows[i].title);
		free(rows[i].body);
	}
	free(rows);
}

int canned_set(struct db *db, const char *key, const char *lang, const char *title,
	       const char *body, struct tt_error *err)
{
	const char *p[4] = { key, lang, title, body };
	PGresult *res = db_exec(db, "SELECT ticketty.api_canned_set($1, $2, $3, $4)", 4, p, err);
	if (!res)
		return err->code ? err->code : EX_SOFTWARE;
	PQclear(res);
	return 0;
}

int canned_remove(struct db *db, const char *key, const char *lang, int *removed,
		  struct tt_error *err)
{
	const char *p[2] = { key, lang };
	int rc;
	if (lang && (rc = canned_check_lang(db, lang, err)))
		return rc;
	char *v = db_scalar(db, "SELECT ticketty.api_canned_remove($1, $2)", 2, p, err);
	if (!v)
		return err->code ? err->code : EX_SOFTWARE;
	if (removed)
		*removed = atoi(v);
	free(v);
	return 0;
}

int canned_render(struct db *db, const char *key, long long ticket, const char *lang, char **text,
		  struct tt_error *err)
{
	char idbuf[24];
	snprintf(idbuf, sizeof(idbuf), "%lld", ticket);
	const char *p[3] = { key, idbuf, lang };
	*text = db_scalar(db, "SELECT ticketty.api_canned_render($1, $2::bigint, $3)",
			  3, p, err);
	return *text ? 0 : (err->code ? err->code : EX_SOFTWARE);
}
