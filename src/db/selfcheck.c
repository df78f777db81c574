/* The security self-check run by `db migrate` and `db version`. */
#include "db/selfcheck.h"

#include "db/conn.h"

#include <string.h>

#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

int selfcheck_run(struct db *db, bool *ran, struct tt_error *err)
{
	*ran = false;
	/* only the owner or a superuser may execute it; never raise for others */
	PGresult *res = db_query(db,
		"SELECT p.oid IS NOT NULL AND pg_catalog.has_function_privilege(p.oid, 'EXECUTE')"
		"  FROM (SELECT pg_catalog.to_regprocedure('ticketty.security_violations()')::oid AS oid) p",
		0, NULL, err);
	if (!res)
		return err->code;
	bool may = PQntuples(res) == 1 && !strcmp(PQgetvalue(res, 0, 0), "t");
	PQclear(res);
	if (!may)
		return 0;
	res = db_query(db, "SELECT object, problem FROM ticketty.security_violations() ORDER BY 1, 2",
		       0, NULL, err);
	if (!res)
		return err->code;
	*ran = true;
	int n = PQntuples(res);
	if (n == 0) {
		PQclear(res);
		return 0;
	}
	tt_error_set(err, EX_CONFIG,
		     ngettext("security self-check: %d problem lets agents write other than through the API",
			      "security self-check: %d problems let agents write other than through the API", n),
		     n);
	struct strbuf obj, problem;
	sb_init(&obj);
	sb_init(&problem);
	for (int i = 0; i < n; i++) {
		sb_reset(&obj);
		sb_reset(&problem);
		text_sanitize(&obj, PQgetvalue(res, i, 0), (size_t)PQgetlength(res, i, 0), 0);
		text_sanitize(&problem, PQgetvalue(res, i, 1), (size_t)PQgetlength(res, i, 1), 0);
		tt_error_add_field(err, obj.buf, "security", problem.buf);
	}
	sb_done(&obj);
	sb_done(&problem);
	PQclear(res);
	err->hint = xstrdup(_("docs/access.md says how to repair each problem; the schema owner can list"
			      " them with SELECT * FROM ticketty.security_violations()."));
	return EX_CONFIG;
}
