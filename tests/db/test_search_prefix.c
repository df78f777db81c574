/* Database tests of search by the start of a word or ID
 * (sql/functions/search.sql search_query): "word*" finds the words that
 * start with it. websearch_to_tsquery drops the star, so part of an ID
 * ("431352" of 4313526, copied short from a screenshot) found nothing. */
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

static void expect(const char *query, long long a, long long b)
{
	char *want = a && b ? xasprintf("%lld %lld", a, b) : a ? xasprintf("%lld", a) : xstrdup("");
	char *got = ids(query);
	ck_assert_msg(!strcmp(got, want), "search '%s': want [%s], got [%s]", query, want, got);
	free(got);
	free(want);
}

START_TEST(word_star_finds_what_starts_with_it)
{
	customer();
	long long li = ticket("Line item stuck", "li-98765 never delivers; placement 4313526 is fine.", 30);
	long long eng = ticket("Upstream bug", "Tracked as ENG-20691 since Monday.", 20);
	long long other = ticket("Other", "Placement 4319999 and line 98700.", 10);

	expect("431352*", li, 0);
	expect("4313*", li, 0);
	expect("431*", other, li);
	expect("li-9876*", li, 0);
	expect("9876*", li, 0);
	expect("ENG-2069*", eng, 0);
	expect("deliv*", li, 0);
	expect("\"placement 43135*\"", li, 0);
	expect("placement -4319*", li, 0);
	/* without the star, or with fewer than 3 characters, nothing changes */
	expect("431352", 0, 0);
	expect("43*", 0, 0);
	expect("98765", li, 0);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("search_prefix");
	TCase *tc = tcase_create("search_prefix");
	tcase_add_test(tc, word_star_finds_what_starts_with_it);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
