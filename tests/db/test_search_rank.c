/* Database tests of search's ranking (sql/functions/search.sql search):
 * the ticket whose title says what was looked for comes first. */
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "model/search.h"
#include "testdb.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static void customer(void)
{
	testdb_create();
	testdb_sql(
		"INSERT INTO customers (name, member_id, plan) VALUES ('Medios Ibéricos', 4242, 'premium');"
		"INSERT INTO contacts (customer_id, name, email, spoc, lang)"
		" SELECT id, 'Lucía Gómez', 'lucia@medios.example', true, 'es' FROM customers;");
}

static long long ticket(const char *title, const char *description, int age_min)
{
	char age[16];
	snprintf(age, sizeof(age), "%d", age_min);
	const char *p[3] = { title, description, age };
	char *v = testdb_value(
		"INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id,"
		"  severity, status, title, description, impact, object_ids, member_id, repro_steps, browser, os,"
		"  calendar_id, plan, created_at, first_response_due, resolution_due)"
		" SELECT c.id, ct.id, rt.id, rt.team_id, (SELECT min(id) FROM case_reasons), 3, 'new', $1, $2,"
		"  'x', '{1}', c.member_id, '1. x', 'Firefox 128.0', 'Windows 11 23H2', c.calendar_id, c.plan,"
		"  now() - $3::int * interval '1 minute', now() + interval '1 hour', now() + interval '1 day'"
		" FROM customers c JOIN contacts ct ON ct.customer_id = c.id,"
		"  LATERAL (SELECT id, team_id FROM request_types WHERE team_id IS NOT NULL ORDER BY position LIMIT 1) rt"
		" RETURNING id", 3, p);
	ck_assert_ptr_nonnull(v);
	long long id = strtoll(v, NULL, 10);
	free(v);
	return id;
}

/* The ids found, newest first among equals, space-separated. */
static char *ids(const char *query)
{
	struct db *db = testdb_open(NULL);
	struct search_opts o = { query, false, NULL, 50 };
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

/* The ticket whose title holds the words comes first, also for two or
 * more words, against one whose messages repeat them: ts_rank saturates
 * near 1 for an "and" of words (0.9998 against 0.9947), and the title's
 * weight was lost in it. A title holding only some of the words earns
 * nothing, and equal titles are ranked by the rest. */
START_TEST(title_match_ranks_first)
{
	customer();
	long long title = ticket("Quarzite export totals wrong", "The export does not add up.", 30);
	long long talk = ticket("Question about numbers", "Some numbers look odd.", 20);
	long long half = ticket("Quarzite dashboard", "The export is slow.", 10);
	char id[24];
	snprintf(id, sizeof(id), "%lld", talk);
	const char *p[1] = { id };
	for (int i = 0; i < 4; i++)
		free(testdb_value("INSERT INTO comments (ticket_id, kind, body) VALUES ($1::bigint, 'public',"
				  " 'We looked at the quarzite export again; the quarzite export totals match now."
				  " Quarzite export rows: 10.') RETURNING id", 1, p));
	char *want = xasprintf("%lld %lld %lld", title, talk, half);
	char *got = ids("quarzite export");
	ck_assert_msg(!strcmp(got, want), "quarzite export: want [%s], got [%s]", want, got);
	free(got);
	free(want);
	want = xasprintf("%lld %lld", title, talk);
	got = ids("\"quarzite export totals\"");
	ck_assert_msg(!strcmp(got, want), "phrase: want [%s], got [%s]", want, got);
	free(got);
	free(want);
	/* one word: both titles before the messages, the newer first */
	want = xasprintf("%lld %lld %lld", half, title, talk);
	got = ids("quarzite");
	ck_assert_msg(!strcmp(got, want), "quarzite: want [%s], got [%s]", want, got);
	free(got);
	free(want);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("search_rank");
	TCase *tc = tcase_create("search_rank");
	tcase_add_test(tc, title_match_ranks_first);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
