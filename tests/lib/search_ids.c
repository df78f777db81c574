/* What a search finds, as a line of ticket ids (see search_ids.h). */
#include "search_ids.h"

#include "model/search.h"
#include "testdb.h"
#include "util/strbuf.h"

char *search_ids_as(const char *login, const char *query, bool all, const char *customer)
{
	struct db *db = testdb_open(login);
	struct search_opts o = { query, all, customer, 50 };
	struct search_list l;
	struct tt_error err;
	tt_error_init(&err);
	search_list_init(&l);
	int rc = search_run(db, &o, &l, &err);
	ck_assert_msg(rc == 0, "search '%s': %s", query, err.message ? err.message : "?");
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < l.n; i++)
		sb_addf(&sb, "%s%lld", i ? " " : "", l.hits[i].id);
	search_list_done(&l);
	db_close(db);
	return sb_detach(&sb);
}
