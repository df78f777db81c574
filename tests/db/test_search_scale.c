/* Database tests of search at more than a handful of tickets
 * (sql/functions/search.sql search_plan, search_newest): what a search
 * reads of the search table. A search with --all (open and closed ranked
 * together) ordered the whole table by its creation time, which no index
 * gives, so every such search read and sorted every ticket (a full scan
 * of ticket_search, 100-300 ms at 200k tickets, growing with the desk). */
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "model/search.h"
#include "testdb.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define TICKETS 6000

/* TICKETS tickets of one customer, one a second apart, every other one
 * closed, all with the words "frames" and "placement"; one older open
 * ticket says "zanzibar". */
static void desk(void)
{
	testdb_create();
	testdb_sql(
		"INSERT INTO customers (name, member_id, plan) VALUES ('Acme Media', 4242, 'premium');"
		"INSERT INTO contacts (customer_id, name, email, spoc)"
		" SELECT id, 'Carla Nunez', 'carla@acme.example', true FROM customers;"
		"INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id,"
		"  severity, status, title, description, impact, object_ids, member_id, repro_steps, browser, os,"
		"  calendar_id, plan, created_at, first_response_due, resolution_due, resolved_at, closed_at)"
		" SELECT c.id, ct.id, rt.id, rt.team_id, (SELECT min(id) FROM case_reasons), 3,"
		"  CASE WHEN g % 2 = 0 THEN 'closed' ELSE 'new' END::ticket_status,"
		"  CASE WHEN g = 6001 THEN 'Old zanzibar' ELSE 'Filler ' || g END,"
		"  'blank frames on the placement', 'i', ARRAY['f' || g], c.member_id, 'r',"
		"  'Firefox 128.0', 'Windows 11 23H2', c.calendar_id, c.plan, now() - g * interval '1 second',"
		"  now() + interval '1 hour', now() + interval '1 day',"
		"  CASE WHEN g % 2 = 0 THEN now() END, CASE WHEN g % 2 = 0 THEN now() END"
		" FROM generate_series(1, 6001) g, customers c JOIN contacts ct ON ct.customer_id = c.id,"
		"  LATERAL (SELECT id, team_id FROM request_types WHERE team_id IS NOT NULL ORDER BY position LIMIT 1) rt;"
		"ANALYZE ticket_search; ANALYZE ticket_search_shared");
}

/* The ids `query` finds (space-separated) on db, and how many rows of
 * `table` the search read (sequentially or through an index), counted
 * within one transaction with parallel workers off (their reads are
 * counted elsewhere) and no plain table scan where an index can serve. */
static char *search_reads(struct db *db, const char *query, bool all, const char *customer,
			  const char *table, long *read)
{
	struct tt_error err;
	struct search_list l;
	tt_error_init(&err);
	search_list_init(&l);
	char *v = db_scalar(db, "SELECT pg_catalog.set_config('max_parallel_workers_per_gather', '0', false),"
			    " pg_catalog.set_config('enable_seqscan', 'off', false)", 0, NULL, &err);
	ck_assert_msg(v != NULL, "%s", err.message ? err.message : "?");
	free(v);
	ck_assert_int_eq(db_begin(db, &err), 0);
	struct search_opts o = { query, all, customer, 20 };
	int rc = search_run(db, &o, &l, &err);
	ck_assert_msg(rc == 0, "search '%s': %s", query, err.message ? err.message : "?");
	const char *p[1] = { table };
	v = db_scalar(db, "SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0)"
		      "  FROM pg_catalog.pg_stat_xact_user_tables WHERE schemaname = 'ticketty' AND relname = $1",
		      1, p, &err);
	ck_assert_ptr_nonnull(v);
	*read = strtol(v, NULL, 10);
	free(v);
	db_rollback(db);
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < l.n; i++)
		sb_addf(&sb, "%s%lld", i ? " " : "", l.hits[i].id);
	search_list_done(&l);
	return sb_detach(&sb);
}

/* The newest n tickets (open and closed together, or open first), as
 * search lists them when their rank is the same. */
static char *newest(int n, bool all)
{
	char lim[16];
	snprintf(lim, sizeof(lim), "%d", n);
	const char *p[2] = { lim, all ? "t" : "f" };
	return testdb_value("SELECT string_agg(id::text, ' ' ORDER BY o, created_at DESC, id DESC)"
			    "  FROM (SELECT id, created_at, CASE WHEN $2::boolean THEN 0 ELSE (NOT is_open)::int END AS o"
			    "          FROM tickets WHERE title LIKE 'Filler %'"
			    "         ORDER BY 3, created_at DESC, id DESC LIMIT $1::int) t", 2, p);
}

static void expect_bounded(const char *login, const char *query, bool all, const char *customer,
			   const char *table, const char *want)
{
	struct db *db = testdb_open(login);
	long read = 0;
	char *got = search_reads(db, query, all, customer, table, &read);
	if (want)
		ck_assert_msg(!strcmp(got, want), "%s: search '%s'%s: want [%s], got [%s]", login ? login : "owner",
			      query, all ? " (all)" : "", want, got);
	ck_assert_msg(read < TICKETS / 2, "%s: search '%s'%s%s read %ld rows of %s (of %d tickets)",
		      login ? login : "owner", query, all ? " (all)" : "", customer ? " (customer)" : "", read,
		      table, TICKETS);
	free(got);
	db_close(db);
}

/* A common word (the window walks the newest tickets) and a rare one
 * (the GIN index), with and without --all and a customer, as support staff (ticket_search)
 * and as a pm (ticket_search_shared): each reads a bounded part of the
 * table, and --all lists the newest matches open and closed together. */
START_TEST(all_reads_the_newest_not_every_ticket)
{
	desk();
	testdb_agent("scale_eng", "engineer");
	testdb_agent("scale_pm", "pm");
	char *all20 = newest(20, true), *open20 = newest(20, false);
	char *zanzibar = testdb_value("SELECT id::text FROM tickets WHERE title = 'Old zanzibar'", 0, NULL);

	expect_bounded("scale_eng", "frames", true, NULL, "ticket_search", all20);
	expect_bounded("scale_eng", "frames", false, NULL, "ticket_search", open20);
	expect_bounded("scale_eng", "frames", true, "Acme Media", "ticket_search", all20);
	expect_bounded("scale_eng", "zanzibar", true, NULL, "ticket_search", zanzibar);
	expect_bounded("scale_pm", "frames", true, NULL, "ticket_search_shared", all20);
	expect_bounded("scale_pm", "zanzibar", true, NULL, "ticket_search_shared", zanzibar);
	expect_bounded("scale_pm", "frames", true, "4242", "ticket_search_shared", all20);
	free(all20);
	free(open20);
	free(zanzibar);
}
END_TEST

/* An exclusion the planner misjudges: 1500 old tickets say "refused"
 * and every one of them "creative" too, so "refused -creative" matches
 * none, but the planner, taking the words as independent, expected
 * hundreds of matches, walked the order index for the first 200 and read
 * every ticket. Its matches come from the GIN index now. */
START_TEST(exclusion_reads_its_matches_not_every_ticket)
{
	desk();
	testdb_sql("INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id,"
		   "  severity, status, title, description, impact, object_ids, member_id, repro_steps, browser, os,"
		   "  calendar_id, plan, created_at, first_response_due, resolution_due)"
		   " SELECT c.id, ct.id, rt.id, rt.team_id, (SELECT min(id) FROM case_reasons), 3, 'new',"
		   "  'Creative refused ' || g, 'The creative was refused', 'i', ARRAY['r' || g], c.member_id, 'r',"
		   "  'Firefox 128.0', 'Windows 11 23H2', c.calendar_id, c.plan,"
		   "  now() - interval '1 day' - g * interval '1 second', now() + interval '1 hour', now() + interval '1 day'"
		   " FROM generate_series(1, 1500) g, customers c JOIN contacts ct ON ct.customer_id = c.id,"
		   "  LATERAL (SELECT id, team_id FROM request_types WHERE team_id IS NOT NULL ORDER BY position LIMIT 1) rt;"
		   "ANALYZE ticket_search; ANALYZE ticket_search_shared");
	testdb_agent("scale_eng", "engineer");
	testdb_agent("scale_pm", "pm");
	expect_bounded("scale_eng", "refused -creative", false, NULL, "ticket_search", "");
	expect_bounded("scale_eng", "refused -creative", true, NULL, "ticket_search", "");
	expect_bounded("scale_pm", "refused -creative", false, NULL, "ticket_search_shared", "");
	/* and what matches is found */
	char *one = testdb_value("SELECT id::text FROM tickets WHERE title = 'Creative refused 7'", 0, NULL);
	expect_bounded("scale_eng", "refused -r8 r7", false, NULL, "ticket_search", one);
	free(one);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("search_scale");
	TCase *tc = tcase_create("search_scale");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, all_reads_the_newest_not_every_ticket);
	tcase_add_test(tc, exclusion_reads_its_matches_not_every_ticket);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
