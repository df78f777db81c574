/* Database tests for the SLA clock: the worked examples of DESIGN.md §6
 * through `ticketty sla due` and sla_due_at(), and the edge cases of
 * business time (opening, closing, holidays, weekends, daylight saving). */
#include <stdlib.h>
#include <string.h>

#include "model/sla.h"
#include "testdb.h"

/* `ticketty sla due` output for a target (static buffer of testdb). */
static const char *due_cli(const char *plan, int sev, const char *created)
{
	char args[256];
	snprintf(args, sizeof(args), "sla due --plan %s --severity %d --created %s", plan, sev, created);
	int rc = testdb_cli(NULL, NULL, args);
	ck_assert_msg(rc == 0, "sla due failed (%d): %s", rc, testdb_stderr());
	return testdb_stdout();
}

/* sla_due(kind, plan, severity, created) in the calendar zone, via SQL. */
static char *due_sql(const char *kind, const char *plan, const char *sev, const char *created)
{
	const char *p[4] = { kind, plan, sev, created };
	return testdb_value("SELECT api_sla_due($2, $3, $4, $1)", 4, p);
}

static void assert_due(const char *kind, const char *plan, const char *sev, const char *created,
		       const char *want)
{
	char *got = due_sql(kind, plan, sev, created);
	ck_assert_msg(got && !strcmp(got, want), "%s %s %s from %s: got %s, want %s",
		      kind, plan, sev, created, got ? got : "NULL", want);
	free(got);
}

static long long bsecs(const char *a, const char *b)
{
	const char *p[2] = { a, b };
	char *v = testdb_value("SELECT business_seconds(default_calendar_id(), $1::timestamptz, $2::timestamptz)",
			       2, p);
	long long n = atoll(v);
	free(v);
	return n;
}

START_TEST(worked_examples_exactly)
{
	testdb_create();
	ck_assert_str_eq(due_cli("basic", 3, "2026-11-20T16:00"), "2026-11-23T16:00:00-05:00\n");
	ck_assert_str_eq(due_cli("premium", 2, "2026-11-25T17:00"), "2026-11-27T10:00:00-05:00\n");
	ck_assert_str_eq(due_cli("basic", 1, "2026-11-21T03:10"), "2026-11-21T04:10:00-05:00\n");
	ck_assert_str_eq(due_cli("basic", 4, "2026-11-23T20:00"), "2026-11-25T18:00:00-05:00\n");
	ck_assert_str_eq(due_cli("premium", 2, "2026-10-30T17:00:00-04:00"), "2026-11-02T10:00:00-05:00\n");
	/* an offset given in another zone means the same instant */
	ck_assert_str_eq(due_cli("basic", 3, "2026-11-20T21:00:00Z"), "2026-11-23T16:00:00-05:00\n");
}
END_TEST

START_TEST(agents_share_the_clock)
{
	testdb_create();
	testdb_sql("CREATE ROLE sla_clock_engineer LOGIN IN ROLE ticketty_engineer;"
		   "INSERT INTO agents (login, display_name, role) VALUES ('sla_clock_engineer', 'E', 'engineer')");
	ck_assert_int_eq(testdb_cli("sla_clock_engineer", NULL,
				    "sla due --plan basic --severity 3 --created 2026-11-20T16:00"), 0);
	ck_assert_str_eq(testdb_stdout(), "2026-11-23T16:00:00-05:00\n");
	/* and cannot rebuild the calendar behind everyone's back */
	struct db *db = testdb_open("sla_clock_engineer");
	struct tt_error err;
	tt_error_init(&err);
	ck_assert_ptr_null(db_scalar(db, "SELECT calendar_rebuild(1::smallint)", 0, NULL, &err));
	ck_assert_int_eq(err.code, 77);
	tt_error_clear(&err);
	db_close(db);
}
END_TEST

START_TEST(model_sla_due_at)
{
	testdb_create();
	struct db *db = testdb_open(NULL);
	struct tt_error err;
	char *due = NULL;
	tt_error_init(&err);
	ck_assert_int_eq(sla_due_at(db, "premium", 2, "2026-11-25T17:00", &due, &err), 0);
	ck_assert_str_eq(due, "2026-11-27T10:00:00-05:00");
	free(due);
	due = NULL;
	ck_assert_int_eq(sla_due_at(db, "gold", 9, "not a date", &due, &err), 65);
	ck_assert_ptr_null(due);
	ck_assert_int_eq((int)err.nfields, 3);
	ck_assert_str_eq(err.fields[0].field, "plan");
	ck_assert_str_eq(err.fields[1].field, "severity");
	ck_assert_str_eq(err.fields[2].field, "created");
	tt_error_clear(&err);
	db_close(db);
}
END_TEST

START_TEST(bad_input_named_on_stderr)
{
	testdb_create();
	ck_assert_int_eq(testdb_cli(NULL, NULL, "sla due --plan gold --severity 2 --created 2026-11-20T16:00"), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "plan: "));
	ck_assert_int_eq(testdb_cli(NULL, NULL, "sla due --plan basic --severity 2 --created 2026-02-30T10:00"), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "created: "));
	ck_assert_int_eq(testdb_cli(NULL, NULL, "sla due --plan basic --created 2026-11-20T16:00"), 64);
}
END_TEST

START_TEST(opening_and_closing_edges)
{
	testdb_create();
	/* exactly at opening: the clock starts at once */
	assert_due("first_response", "premium", "2", "2026-11-23T09:00", "2026-11-23T11:00:00-05:00");
	/* exactly at close: [09:00, 18:00) is half-open, so it starts next morning */
	assert_due("first_response", "premium", "2", "2026-11-23T18:00", "2026-11-24T11:00:00-05:00");
	/* one second before close: that second counts */
	assert_due("first_response", "premium", "2", "2026-11-23T17:59:59", "2026-11-24T10:59:59-05:00");
	/* a target ending exactly at close ends at 18:00, not next opening */
	assert_due("first_response", "premium", "4", "2026-11-23T09:00", "2026-11-23T18:00:00-05:00");
	assert_due("first_response", "basic", "4", "2026-11-23T20:00", "2026-11-25T18:00:00-05:00");
	ck_assert_int_eq(bsecs("2026-11-23 09:00 America/New_York", "2026-11-23 18:00 America/New_York"), 32400);
	ck_assert_int_eq(bsecs("2026-11-23 17:59:59 America/New_York", "2026-11-23 18:00 America/New_York"), 1);
	ck_assert_int_eq(bsecs("2026-11-23 18:00 America/New_York", "2026-11-24 09:00 America/New_York"), 0);
	ck_assert_int_eq(bsecs("2026-11-24 10:00 America/New_York", "2026-11-23 10:00 America/New_York"), 0);
}
END_TEST

START_TEST(holidays_and_weekends)
{
	testdb_create();
	/* created on Thanksgiving: nothing counts until Friday 09:00 */
	assert_due("first_response", "premium", "2", "2026-11-26T10:00", "2026-11-27T11:00:00-05:00");
	/* created on a Saturday: Monday morning */
	assert_due("first_response", "premium", "3", "2026-11-21T10:00", "2026-11-23T13:00:00-05:00");
	assert_due("first_response", "basic", "2", "2026-11-22T23:59:59", "2026-11-23T13:00:00-05:00");
	/* round the clock ignores both */
	assert_due("first_response", "premium", "1", "2026-11-26T10:00", "2026-11-26T11:00:00-05:00");
	ck_assert_int_eq(bsecs("2026-11-20 00:00 America/New_York", "2026-11-23 00:00 America/New_York"), 32400);
	ck_assert_int_eq(bsecs("2026-11-26 00:00 America/New_York", "2026-11-27 00:00 America/New_York"), 0);
}
END_TEST

START_TEST(daylight_saving_changes_2026)
{
	testdb_create();
	/* spring forward, Sunday 2026-03-08: Friday EST to Monday EDT */
	assert_due("first_response", "premium", "2", "2026-03-06T17:00", "2026-03-09T10:00:00-04:00");
	ck_assert_int_eq(bsecs("2026-03-06 09:00 America/New_York", "2026-03-09 18:00 America/New_York"), 64800);
	/* fall back, Sunday 2026-11-01 */
	assert_due("first_response", "premium", "2", "2026-10-30T17:00", "2026-11-02T10:00:00-05:00");
	ck_assert_int_eq(bsecs("2026-10-30 09:00 America/New_York", "2026-11-02 18:00 America/New_York"), 64800);
	/* the wall clock counts real time: 01:30 EST + 1h = 03:30 EDT */
	assert_due("first_response", "basic", "1", "2026-03-08T01:30", "2026-03-08T03:30:00-04:00");
	/* 01:30 EDT + 1h = 01:30 EST on the night the clocks go back */
	assert_due("first_response", "basic", "1", "2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00");
}
END_TEST

START_TEST(multi_day_targets_over_holiday_weeks)
{
	testdb_create();
	/* basic sev 4 resolution = 10 business days; Thanksgiving week */
	assert_due("resolution", "basic", "4", "2026-11-23T09:00", "2026-12-07T18:00:00-05:00");
	/* basic sev 3 resolution = 5 business days; Christmas Friday */
	assert_due("resolution", "basic", "3", "2026-12-21T09:00", "2026-12-28T18:00:00-05:00");
	/* premium sev 4 resolution = 5 business days, across New Year 2027 */
	assert_due("resolution", "premium", "4", "2026-12-30T12:00", "2027-01-07T12:00:00-05:00");
	/* the update cadence exists for emergencies only */
	assert_due("update", "premium", "1", "2026-11-21T03:10", "2026-11-21T05:10:00-05:00");
	const char *p[4] = { "update", "premium", "2", "2026-11-21T03:10" };
	char *none = testdb_value("SELECT sla_due($1::sla_kind, $2::plan_kind, $3::smallint, $4::timestamptz) IS NULL",
				  4, p);
	ck_assert_str_eq(none, "t");
	free(none);
}
END_TEST

START_TEST(add_and_measure_agree)
{
	testdb_create();
	/* for many starts and lengths: business_seconds(s, business_add(s, n)) = n */
	char *bad = testdb_value(
		"SELECT count(*) FROM generate_series(0, 400) g, "
		"  LATERAL (SELECT timestamptz '2026-10-20 00:00 America/New_York' + g * interval '47 minutes 13 seconds' AS s, "
		"                  (g * 1237) % 200000 + 1 AS n) x "
		" WHERE business_seconds(default_calendar_id(), x.s, business_add(default_calendar_id(), x.s, x.n)) <> x.n",
		0, NULL);
	ck_assert_str_eq(bad, "0");
	free(bad);
}
END_TEST

static Suite *sla_suite(void)
{
	Suite *s = suite_create("sla clock");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, worked_examples_exactly);
	tcase_add_test(tc, model_sla_due_at);
	tcase_add_test(tc, agents_share_the_clock);
	tcase_add_test(tc, bad_input_named_on_stderr);
	tcase_add_test(tc, opening_and_closing_edges);
	tcase_add_test(tc, holidays_and_weekends);
	tcase_add_test(tc, daylight_saving_changes_2026);
	tcase_add_test(tc, multi_day_targets_over_holiday_weeks);
	tcase_add_test(tc, add_and_measure_agree);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(sla_suite)
