/* Intake of many tickets in one call: the payloads joined into one JSON
 * array for api_ticket_create_many (sql/functions/intake.sql), its rows
 * read back onto the items in their order. */
#include "model/intake_import.h"

#include <libpq-fe.h>
#include <stdlib.h>

#include "db/conn.h"
#include "model/intake.h"
#include "util/i18n.h"
#include "util/strbuf.h"

int intake_submit_many(struct db *db, struct intake_import_item *items, size_t n,
		       struct tt_error *err)
{
	struct strbuf array;

	for (size_t i = 0; i < n; i++) {
		tt_error_init(&items[i].err);
		items[i].id = 0;
	}
	if (n == 0 || n > INTAKE_IMPORT_MAX)
		return tt_error_set(err, EX_SOFTWARE, "intake_submit_many: %zu payloads", n);
	sb_init(&array);
	sb_addc(&array, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_addc(&array, ',');
		sb_add(&array, items[i].payload);
	}
	sb_addc(&array, ']');
	const char *params[] = { array.buf };
	PGresult *res = db_exec(db, "SELECT item, ticket_id, refusal FROM api_ticket_create_many($1::jsonb)",
				1, params, err);
	sb_done(&array);
	if (!res)
		return err->code;
	if ((size_t)PQntuples(res) != n) {
		int rows = PQntuples(res);
		PQclear(res);
		return tt_error_set(err, EX_SOFTWARE, _("the database answered for %d of %zu tickets"), rows, n);
	}
	for (int r = 0; r < PQntuples(res); r++) {
		long item = strtol(PQgetvalue(res, r, 0), NULL, 10) - 1;
		if (item < 0 || (size_t)item >= n)
			continue;
		struct intake_import_item *it = &items[item];
		if (!PQgetisnull(res, r, 1)) {
			it->id = strtoll(PQgetvalue(res, r, 1), NULL, 10);
		} else {
			db_refused_fields(&it->err, PQgetvalue(res, r, 2));
			intake_refused(&it->err);
		}
	}
	PQclear(res);
	return 0;
}
