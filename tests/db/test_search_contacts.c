/* Database tests of search by a contact (sql/functions/search.sql
 * search_contacts_query, sql/962_search_contact_phone.sql): a contact's
 * phone number, typed in any grouping, with or without the country code,
 * and the domain or the local part of its address find its tickets, for
 * support staff only (a pm or developer may not read contacts). A
 * ticket's vector holds its contact's name and address whole and no
 * phone, so none of these found anything. */
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "model/search.h"
#include "search_ids.h"
#include "testdb.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* Two customers, a contact each with a phone, a third without one. */
static void customers(void)
{
	testdb_create();
	testdb_sql(
		"INSERT INTO customers (name, member_id, plan) VALUES"
		" ('Acme Media', 4242, 'premium'), ('Globex Publishing', 5151, 'basic');"
		"INSERT INTO contacts (customer_id, name, email, phone, spoc)"
		" SELECT id, CASE member_id WHEN 4242 THEN 'Carla Núñez' ELSE 'Gus Grant' END,"
		"        CASE member_id WHEN 4242 THEN 'carla.nunez@acme.example' ELSE 'gus@globex.example' END,"
		"        CASE member_id WHEN 4242 THEN '+1 617 555 0100' ELSE '+34 612 345 678' END, true"
		"   FROM customers;"
		"INSERT INTO contacts (customer_id, name, email, spoc)"
		" SELECT id, 'Olga Obrien', 'olga@acme.example', false FROM customers WHERE member_id = 4242;");
}

/* A ticket of customer `member` filed by its contact `email`. */
static long long ticket(int member, const char *email, const char *title)
{
	char m[16];
	snprintf(m, sizeof(m), "%d", member);
	const char *p[3] = { m, email, title };
	char *v = testdb_value(
		"INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id,"
		"  severity, status, title, description, impact, object_ids, member_id, repro_steps, browser, os,"
		"  calendar_id, plan, created_at, first_response_due, resolution_due)"
		" SELECT c.id, ct.id, rt.id, rt.team_id, (SELECT min(id) FROM case_reasons), 3, 'new', $3,"
		"  'Nothing delivers', 'Campaign stopped', '{1}', c.member_id, '1. open', 'Firefox 128.0',"
		"  'Windows 11 23H2', c.calendar_id, c.plan, now(), now() + interval '1 hour', now() + interval '1 day'"
		" FROM customers c JOIN contacts ct ON ct.customer_id = c.id,"
		"  LATERAL (SELECT id, team_id FROM request_types WHERE team_id IS NOT NULL ORDER BY position LIMIT 1) rt"
		" WHERE c.member_id = $1::bigint AND ct.email = $2 RETURNING id", 3, p);
	ck_assert_ptr_nonnull(v);
	long long id = strtoll(v, NULL, 10);
	free(v);
	return id;
}

static void expect_as(const char *login, const char *query, long long want)
{
	char *got = search_ids_as(login, query, false, NULL);
	char *w = want ? xasprintf("%lld", want) : xstrdup("");
	ck_assert_msg(!strcmp(got, w), "%s: search '%s': want [%s], got [%s]", login, query, w, got);
	free(w);
	free(got);
}

START_TEST(phone_and_address_parts_find_the_contacts_tickets)
{
	customers();
	testdb_agent("sc_eng", "engineer");
	testdb_agent("sc_pm", "pm");
	long long carla = ticket(4242, "carla.nunez@acme.example", "Pixel fires twice");
	long long gus = ticket(5151, "gus@globex.example", "Invoice in the wrong currency");
	long long olga = ticket(4242, "olga@acme.example", "Report is empty");

	/* the phone in every grouping, with and without the country code */
	static const char *const carla_phone[] = { "+1 617 555 0100", "6175550100", "16175550100",
						   "+16175550100", "(617) 555-0100", "617-555-0100",
						   "617.555.0100", " 617 555 0100 ", NULL };
	for (int i = 0; carla_phone[i]; i++)
		expect_as("sc_eng", carla_phone[i], carla);
	expect_as("sc_eng", "612 345 678", gus);
	expect_as("sc_eng", "612345678", gus);
	expect_as("sc_eng", "+34 612 34 56 78", gus);
	expect_as("sc_eng", "0034612345678", gus);
	/* fewer than 7 digits are no phone: nothing in common */
	expect_as("sc_eng", "5550100", carla);
	expect_as("sc_eng", "0100", 0);
	/* the parts of an address */
	expect_as("sc_eng", "globex.example", gus);
	expect_as("sc_eng", "@GLOBEX.example", gus);
	expect_as("sc_eng", "carla.nunez", carla);
	char *both = search_ids_as("sc_eng", "acme.example", false, NULL);
	char *w1 = xasprintf("%lld %lld", olga, carla), *w2 = xasprintf("%lld %lld", carla, olga);
	ck_assert_msg(!strcmp(both, w1) || !strcmp(both, w2), "acme.example: got [%s]", both);
	free(both);
	free(w1);
	free(w2);
	/* with other words, the phone is read as words (nothing matches all) */
	expect_as("sc_eng", "617 555 0100 invoice", 0);
	/* a pm or developer may not read contacts: none of it finds anything */
	expect_as("sc_pm", "+1 617 555 0100", 0);
	expect_as("sc_pm", "6175550100", 0);
	expect_as("sc_pm", "globex.example", 0);
	expect_as("sc_pm", "pixel", carla);
	/* a changed phone is found at once, the old one no longer */
	testdb_sql("UPDATE contacts SET phone = '+1 (212) 555-0199' WHERE email = 'carla.nunez@acme.example'");
	expect_as("sc_eng", "212 555 0199", carla);
	expect_as("sc_eng", "6175550100", 0);
	/* the CLI as well */
	ck_assert_int_eq(testdb_cli("sc_eng", NULL, "search '+1 212 555 0199' --json"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\"title\" : \"Pixel fires twice\""), "%s", testdb_stdout());
}
END_TEST

/* The contacts a query names are read through an index, not by reading
 * every contact. */
START_TEST(contacts_read_through_indexes)
{
	customers();
	testdb_sql("INSERT INTO contacts (customer_id, name, email, phone)"
		   " SELECT c.id, 'Filler ' || g, 'filler' || g || '@f' || g || '.example',"
		   "        '+1 555 ' || lpad(g::text, 7, '0')"
		   "   FROM customers c, generate_series(1, 5000) g WHERE c.member_id = 5151;"
		   "ANALYZE contacts;"
		   "CREATE FUNCTION public.plan_of(q text) RETURNS text LANGUAGE plpgsql"
		   " SET enable_seqscan = off AS $$"
		   " DECLARE r text; o text := ''; BEGIN"
		   " FOR r IN EXECUTE 'EXPLAIN ' || q LOOP o := o || r || E'\\n'; END LOOP; RETURN o; END $$");
	static const char *const shapes[] = {
		"right(regexp_replace(co.phone, '[^0-9]', '', 'g'), 7) = right('6175550100', 7)",
		"lower(split_part(co.email, '@', 2)) = 'acme.example'",
		"lower(split_part(co.email, '@', 1)) = 'carla.nunez'",
		NULL };
	for (int i = 0; shapes[i]; i++) {
		const char *p[1] = { shapes[i] };
		char *plan = testdb_value(
			"SELECT public.plan_of('SELECT co.email FROM ticketty.contacts co WHERE ' || $1)", 1, p);
		ck_assert_msg(plan && strstr(plan, "Index") && !strstr(plan, "Seq Scan"), "%s:\n%s", shapes[i],
			      plan ? plan : "?");
		free(plan);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("search_contacts");
	TCase *tc = tcase_create("search_contacts");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, phone_and_address_parts_find_the_contacts_tickets);
	tcase_add_test(tc, contacts_read_through_indexes);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
