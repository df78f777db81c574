/* Database tests of what a reopen does to the resolution clock in the SLA
 * reports (sql/README, "A REOPEN AND THE RESOLUTION CLOCK"; DESIGN.md §5,
 * §6, §12): the clock runs from created_at to the resolution and pauses
 * only while the ticket waits on the customer, so a reopen keeps the
 * ticket's resolution deadline. Reopened after that deadline, the ticket
 * is past due at once, counted on the day the deadline passed (an
 * earlier week), the resolution the reopen took back stays counted on its
 * day, and resolving it again counts a missed resolution on that day.
 * The clock is pinned: Friday 2027-03-12 12:00 in New York (the report
 * zone). Times below are New York times. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testdb.h"
#include "rollup_recount.h"

static void fixture(void)
{
	testdb_create();
	testdb_sql(
		"INSERT INTO clock_pin (pinned_at, frozen) VALUES ('2027-03-12 12:00 America/New_York', true);"
		"INSERT INTO customers (name, member_id, plan) VALUES ('Basic Co', 100, 'basic');"
		"INSERT INTO contacts (customer_id, name, email, spoc) VALUES (1, 'Ann', 'ann@basic.test', true);");
}

static void change(long long id, const char *set, const char *at)
{
	char sql[1024];
	snprintf(sql, sizeof(sql),
		 "SET TIME ZONE 'America/New_York'; UPDATE tickets SET %s, updated_at = '%s' WHERE id = %lld",
		 set, at, id);
	testdb_sql(sql);
}

/* "week|met|missed|past due" of the weeks 02-22 to 03-08 */
#define WEEKS "SELECT string_agg(key || '|' || resolution_met || '|' || resolution_missed || '|'" \
	" || resolution_past_due, ';' ORDER BY key) FROM report_sla('2027-02-22', '2027-03-12', 'week')"

START_TEST(late_reopen_keeps_the_deadline)
{
	fixture();
	/* basic, severity 3: resolution due in 5 business days, created Mon
	 * 02-22 09:00, due Fri 02-26 18:00 */
	char *id = testdb_value(
		"INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity,"
		"  title, description, impact, object_ids, member_id, repro_steps, browser, os, phone,"
		"  calendar_id, plan, created_at, updated_at)"
		" SELECT c.id, k.id, 1, 1, 1, 3, 'title', 'desc', 'impact', '{42}', c.member_id,"
		"  'steps', 'Firefox 128', 'Linux 6.1', '+1 555 0100', c.calendar_id, c.plan,"
		"  '2027-02-22 09:00 America/New_York', '2027-02-22 09:00 America/New_York'"
		"  FROM customers c JOIN contacts k ON k.customer_id = c.id RETURNING id", 0, NULL);
	long long t = atoll(id);
	free(id);
	testdb_expect("SELECT to_char(resolution_due AT TIME ZONE 'America/New_York', 'YYYY-MM-DD HH24:MI')"
		      " FROM tickets", "2027-02-26 18:00");
	change(t, "status = 'acknowledged', acknowledged_at = '2027-02-22 09:30'", "2027-02-22 09:30");
	/* resolved in time, Wed 02-24 */
	change(t, "status = 'resolved', resolved_at = '2027-02-24 10:00'", "2027-02-24 10:00");
	testdb_expect(WEEKS, "2027-02-22|1|0|0;2027-03-01|0|0|0;2027-03-08|0|0|0");
	/* reopened Tue 03-09, after the deadline: the deadline stays, the
	 * ticket is past due at once, on the day the deadline passed (the
	 * week of 02-22, two weeks before the reopen's); the met of 02-24
	 * stays */
	change(t, "status = 'in_progress', resolved_at = NULL", "2027-03-09 09:00");
	testdb_expect("SELECT to_char(resolution_due AT TIME ZONE 'America/New_York', 'YYYY-MM-DD HH24:MI')"
		      " || ' ' || (resolution_outcome IS NULL) FROM tickets", "2027-02-26 18:00 true");
	testdb_expect(WEEKS, "2027-02-22|1|0|1;2027-03-01|0|0|0;2027-03-08|0|0|0");
	/* resolved again Wed 03-10: a missed resolution that day, nothing past due */
	change(t, "status = 'resolved', resolved_at = '2027-03-10 10:00'", "2027-03-10 10:00");
	testdb_expect(WEEKS, "2027-02-22|1|0|0;2027-03-01|0|0|0;2027-03-08|0|1|0");
	char *v = testdb_value(recount_diff, 0, NULL);
	ck_assert_msg(v && !strncmp(v, "0/0/0/0 of ", 11), "rollups differ from the recount: %s", v ? v : "NULL");
	free(v);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("report_reopen");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, late_reopen_keeps_the_deadline);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
