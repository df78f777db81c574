/* Database tests of the emergency update cadence in the SLA reports
 * (sql/720): an update overdue and not yet sent is past due in report_sla
 * (update_past_due) and the dashboard like the other clocks' deadlines,
 * from the same rollups, counted live only in the hour running; a ticket
 * moved away from severity 1, resolved or closed while its update was
 * overdue counts that update missed. The clock is pinned: Friday
 * 2027-03-12 12:00 in New York (the report zone, EST). Times below are
 * New York times. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/report.h"
#include "testdb.h"
#include "rollup_desk.h"
#include "rollup_recount.h"

static void fixture(void)
{
	rollup_desk();
	testdb_agent("lead", "engineer");
}

/* A new ticket of the customer with that plan in team `team`, created and
 * acknowledged at New York times; returns its id. */
static long long ticket(const char *plan, int sev, int team, const char *created, const char *acked)
{
	long long v = rollup_desk_ticket(plan, sev, team, created);
	char sql[512];
	snprintf(sql, sizeof(sql),
		 "SET TIME ZONE 'America/New_York'; UPDATE tickets SET status = 'acknowledged',"
		 " acknowledged_at = '%s', updated_at = '%s' WHERE id = %lld",
		 acked, acked, v);
	testdb_sql(sql);
	return v;
}

/* Runs an UPDATE of ticket `id` at New York time `at`, the clock there too. */
static void change(long long id, const char *set, const char *at)
{
	char sql[1024];
	snprintf(sql, sizeof(sql),
		 "SET TIME ZONE 'America/New_York'; UPDATE clock_pin SET pinned_at = '%s';"
		 " UPDATE tickets SET %s, updated_at = '%s' WHERE id = %lld",
		 at, set, at, id);
	testdb_sql(sql);
}

static void clock_at(const char *at)
{
	char sql[256];
	snprintf(sql, sizeof(sql), "UPDATE clock_pin SET pinned_at = '%s America/New_York'", at);
	testdb_sql(sql);
}

static void assert_rows(const char *sql, const char *want)
{
	char *got = testdb_value(sql, 0, NULL);
	ck_assert_msg(got && !strcmp(got, want), "%s\n got: %s\nwant: %s", sql, got ? got : "NULL", want);
	free(got);
}

static void rollups_equal_recount(const char *when)
{
	char *v = testdb_value(recount_diff, 0, NULL);
	ck_assert_msg(!strncmp(v, "0/0/0/0 of ", 11), "%s: rollups differ from the recount: %s", when, v);
	free(v);
}

/* One string of the rows of a query: "a|b|c;a|b|c". */
#define ROWS(q) "SELECT string_agg(array_to_string(ARRAY[" q "], '|', ''), ';') FROM "

/* The overdue updates live, from the tickets: "total per-team" over the
 * weeks 03-01 to 03-14. */
static const char live_due[] =
	"SELECT coalesce(sum(n), 0) || ' ' || coalesce(string_agg(k || ':' || n, ';' ORDER BY k), '') FROM ("
	"  SELECT tm.key AS k, count(*) AS n FROM tickets t JOIN teams tm ON tm.id = t.team_id"
	"   WHERE t.is_open AND t.resolved_at IS NULL AND t.update_due <= tt_now()"
	"     AND t.update_due >= timestamptz '2027-03-01 00:00 America/New_York'"
	"   GROUP BY tm.key) s";
static const char report_due[] =
	"SELECT (SELECT update_past_due FROM report_sla('2027-03-01', '2027-03-14', 'total')) || ' ' ||"
	" coalesce((SELECT string_agg(key || ':' || update_past_due, ';' ORDER BY key)"
	"             FROM report_sla('2027-03-01', '2027-03-14', 'team') WHERE update_past_due > 0), '')";

/* report_sla's figure equals the live count, the rollups a recount, and
 * both `want`. */
static void due_is(const char *when, const char *want)
{
	char *live = testdb_value(live_due, 0, NULL);
	char *got = testdb_value(report_due, 0, NULL);
	ck_assert_msg(!strcmp(got, want) && !strcmp(live, want), "%s: report_sla %s, live %s, want %s", when, got,
		      live, want);
	free(live);
	free(got);
	rollups_equal_recount(when);
}

/* Teams: 1 Anti-Malvertising, 2 App Support.
 *   U1 basic 1, team 1, Wed 03-10 08:00, acknowledged 08:30: update due
 *      Wed 10:30 (a day before today: the daily rollups).
 *   U2 premium 1, team 2, today 08:00, acknowledged 08:10: due 10:10 (a
 *      whole hour of today past: the hourly rollups).
 *   U3 basic 1, team 1, today 10:00, acknowledged 10:15: due 12:15 (the
 *      hour running at 12:15: counted live).
 *   U4 premium 2, team 1, Wed 08:00, acknowledged 08:30: no cadence. */
START_TEST(update_past_due_counted)
{
	fixture();
	long long u1 = ticket("basic", 1, 1, "2027-03-10 08:00", "2027-03-10 08:30");
	ticket("premium", 1, 2, "2027-03-12 08:00", "2027-03-12 08:10");
	ticket("basic", 1, 1, "2027-03-12 10:00", "2027-03-12 10:15");
	ticket("premium", 2, 1, "2027-03-10 08:00", "2027-03-10 08:30");
	due_is("12:00", "2 anti_malvertising:1;app_support:1");
	assert_rows(ROWS("key, update_past_due::text, update_met::text, update_missed::text")
		    "report_sla('2027-03-01', '2027-03-14', 'week')", "2027-03-01|0|0|0;2027-03-08|2|0|0");
	assert_rows(ROWS("key, update_past_due::text") "report_sla('2027-03-08', '2027-03-14', 'severity')",
		    "1|2;2|0;3|0;4|0");
	assert_rows(ROWS("name, update_past_due::text") "report_sla('2027-03-08', '2027-03-14', 'customer')",
		    "Basic Co|1;Premium Co|1");
	assert_rows(ROWS("update_past_due::text") "report_sla('2027-03-08', '2027-03-14', 'total', p_customer => 'Basic Co')",
		    "1");
	assert_rows(ROWS("key, update_past_due::text") "report_sla('2027-03-08', '2027-03-14', 'plan')",
		    "basic|1;premium|1");
	/* the day each fell due: Wednesday's alone holds U1's */
	assert_rows(ROWS("update_past_due::text") "report_sla('2027-03-10', '2027-03-10', 'total')", "1");
	/* a team's breaches count it: the team with most comes first */
	assert_rows(ROWS("key") "report_sla('2027-03-08', '2027-03-14', 'team', max_rows => 1)", "anti_malvertising");

	/* U3 from the instant its update falls due, not a second before */
	clock_at("2027-03-12 12:14:59.999999");
	due_is("12:14:59", "2 anti_malvertising:1;app_support:1");
	clock_at("2027-03-12 12:15");
	due_is("12:15", "3 anti_malvertising:2;app_support:1");
	/* and on from the hourly rollups, then the daily ones */
	clock_at("2027-03-12 13:30");
	due_is("13:30", "3 anti_malvertising:2;app_support:1");
	clock_at("2027-03-13 09:00");
	due_is("Saturday", "3 anti_malvertising:2;app_support:1");
	clock_at("2027-03-12 12:20");

	/* a reply decides U1's period (missed, today) and sets the next due
	 * at 14:20: no longer past due */
	change(u1, "last_public_reply_at = '2027-03-12 12:20'", "2027-03-12 12:20");
	due_is("U1 answered", "2 anti_malvertising:1;app_support:1");
	assert_rows(ROWS("update_met::text, update_missed::text, update_past_due::text")
		    "report_sla('2027-03-08', '2027-03-14', 'total')", "0|1|2");
	/* a team change moves the figure */
	change(u1, "team_id = 2", "2027-03-12 12:25");
	clock_at("2027-03-12 14:30");
	due_is("U1 moved, overdue again", "3 anti_malvertising:1;app_support:2");

	/* the dashboard reads it per week; the update line is no longer "-" */
	struct db *db = testdb_open("lead");
	struct tt_error err;
	struct dash d;
	struct report_filter f = { 0 };
	tt_error_init(&err);
	dash_init(&d);
	ck_assert_int_eq(dash_load(db, &f, &d, &err), 0);
	long long due = 0;
	for (int i = 0; i < d.nweeks; i++)
		due += d.weeks[i].past_due[DASH_UPDATE];
	ck_assert_int_eq(due, 3);
	ck_assert_int_eq(d.nteams, 2);
	ck_assert_str_eq(d.teams[0].key, "app_support");
	ck_assert_int_eq(d.teams[0].past_due, 3);   /* U1's and U2's updates, U1's resolution (Thu 08:00) */
	dash_done(&d);
	db_close(db);

	/* the CLI: "+N" on the update cadence, JSON and CSV (resolutions past
	 * due: U1 Thu 08:00, U4 Wed 18:00) */
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --by severity --from 2027-03-08 --to 2027-03-14"), 0);
	const char *out = testdb_stdout();
	const char *s1 = strstr(out, "\n1 Critical ");
	ck_assert_msg(s1 && strstr(s1, "0/1 +3") && strstr(out, "emergency updates not sent"), "%s", out);
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --by total --from 2027-03-08 --to 2027-03-14 --format json"), 0);
	/* the row's weeks follow it (sql/850) */
	ck_assert_msg(strstr(testdb_stdout(), "\"update_past_due\":3,\"weeks\":[{\"week\" : \"2027-03-08\""), "%s",
		      testdb_stdout());
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --by total --from 2027-03-08 --to 2027-03-14 --format csv"), 0);
	ck_assert_msg(strstr(testdb_stdout(), ",update_past_due\r\n") && strstr(testdb_stdout(), ",2,3\r\n"), "%s",
		      testdb_stdout());

	/* a rebuild gives the same tables */
	testdb_sql("SELECT dashboard_rebuild()");
	due_is("rebuilt", "3 anti_malvertising:1;app_support:2");
}
END_TEST

/* A move away from severity 1 while the update is overdue: the period was
 * breached, it counts missed, at the instant of the move (as a resolution
 * while overdue counts: on the day the period ended), in the reports and
 * in update_missed_count; it leaves the past-due figure. A move before
 * the update falls due owed nothing and counts nothing. */
START_TEST(downgrade_while_overdue_is_missed)
{
	fixture();
	/* U1 due Wed 10:30, U2 due today 10:10, U3 due today 12:15 */
	long long u1 = ticket("basic", 1, 1, "2027-03-10 08:00", "2027-03-10 08:30");
	long long u2 = ticket("premium", 1, 2, "2027-03-12 08:00", "2027-03-12 08:10");
	long long u3 = ticket("basic", 1, 1, "2027-03-12 10:00", "2027-03-12 10:15");
	due_is("12:00", "2 anti_malvertising:1;app_support:1");
	change(u1, "severity = 2", "2027-03-12 12:05");
	change(u2, "severity = 3", "2027-03-12 12:05");
	change(u3, "severity = 2", "2027-03-12 12:05");
	assert_rows(ROWS("id::text, severity::text, update_missed_count::text, coalesce(update_due::text, '-')")
		    "(SELECT * FROM tickets ORDER BY id) t", "1|2|1|-;2|3|1|-;3|2|0|-");
	assert_rows(ROWS("ticket_id::text, outcome::text, (at AT TIME ZONE 'America/New_York')::text")
		    "(SELECT * FROM sla_update_outcomes ORDER BY ticket_id) u",
		    "1|missed|2027-03-12 12:05:00;2|missed|2027-03-12 12:05:00");
	/* counted today (the day the period ended), under the ticket's keys
	 * as they are now; nothing past due is left */
	assert_rows(ROWS("key, update_met::text, update_missed::text, update_past_due::text")
		    "report_sla('2027-03-10', '2027-03-12', 'week')", "2027-03-08|0|2|0");
	assert_rows(ROWS("update_missed::text") "report_sla('2027-03-12', '2027-03-12', 'total')", "2");
	assert_rows(ROWS("key, update_missed::text") "report_sla('2027-03-08', '2027-03-14', 'severity')",
		    "1|0;2|1;3|1;4|0");
	due_is("moved away", "0 ");
	/* back to severity 1: a new cadence from the move, nothing counted
	 * twice; a reply later decides it as usual */
	change(u3, "severity = 1", "2027-03-12 12:10");
	assert_rows("SELECT (update_due AT TIME ZONE 'America/New_York')::text FROM tickets WHERE id = 3",
		    "2027-03-12 14:10:00");
	clock_at("2027-03-12 15:00");
	due_is("U3 an emergency again, overdue", "1 anti_malvertising:1");
	change(u3, "severity = 2", "2027-03-12 15:00");
	assert_rows("SELECT update_missed_count::text FROM tickets WHERE id = 3", "1");
	assert_rows(ROWS("update_missed::text, update_past_due::text") "report_sla('2027-03-08', '2027-03-14', 'total')",
		    "3|0");
	rollups_equal_recount("after the moves");
	/* the rebuild reads the stored outcomes */
	testdb_sql("SELECT dashboard_rebuild()");
	assert_rows(ROWS("update_missed::text, update_past_due::text") "report_sla('2027-03-08', '2027-03-14', 'total')",
		    "3|0");
	rollups_equal_recount("rebuilt");
}
END_TEST

/* Resolved, or closed, while the update is overdue: the period counts
 * missed at that instant (090's rule, kept), and the past-due figure
 * lets it go; resolved before it fell due: met. */
START_TEST(resolved_or_closed_while_overdue_is_missed)
{
	fixture();
	long long u1 = ticket("basic", 1, 1, "2027-03-10 08:00", "2027-03-10 08:30");
	long long u2 = ticket("premium", 1, 2, "2027-03-12 08:00", "2027-03-12 08:10");
	long long u3 = ticket("basic", 1, 1, "2027-03-12 10:00", "2027-03-12 10:15");
	due_is("12:00", "2 anti_malvertising:1;app_support:1");
	change(u1, "status = 'resolved', resolved_at = '2027-03-12 12:05'", "2027-03-12 12:05");
	change(u2, "status = 'closed', closed_at = '2027-03-12 12:05'", "2027-03-12 12:05");
	change(u3, "status = 'resolved', resolved_at = '2027-03-12 12:05'", "2027-03-12 12:05");
	assert_rows(ROWS("id::text, update_missed_count::text") "(SELECT * FROM tickets ORDER BY id) t", "1|1;2|1;3|0");
	assert_rows(ROWS("update_met::text, update_missed::text, update_past_due::text")
		    "report_sla('2027-03-12', '2027-03-12', 'total')", "1|2|0");
	due_is("resolved and closed", "0 ");
}
END_TEST

static Suite *update_past_due_suite(void)
{
	Suite *s = suite_create("update_past_due");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, update_past_due_counted);
	tcase_add_test(tc, downgrade_while_overdue_is_missed);
	tcase_add_test(tc, resolved_or_closed_while_overdue_is_missed);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(update_past_due_suite)
