/* Database tests for holidays from rules (DESIGN.md §6): the default US
 * federal rules give the dates of the design's list for 2026 and 2027 and
 * go on for any year (the observed New Year on Friday 2027-12-31, 2028,
 * 2035); a policy file loads rules, one-off closed days and one-off working
 * days; every bad holiday line is refused by its line and reason and leaves
 * the policy untouched. Every instant here is stated: nothing reads the
 * date the test runs on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/policy.h"
#include "testdb.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* The dates the default calendar is closed on in [first, last], as
 * "YYYY-MM-DD YYYY-MM-DD ..." (caller frees). */
static char *closed_days(const char *first, const char *last)
{
	const char *p[2] = { first, last };
	return testdb_value("SELECT coalesce(string_agg(to_char(day, 'YYYY-MM-DD'), ' ' ORDER BY day), '')"
			    "  FROM calendar_holidays(default_calendar_id(), $1::date, $2::date)", 2, p);
}

static void assert_closed(const char *first, const char *last, const char *want)
{
	char *got = closed_days(first, last);
	ck_assert_msg(!strcmp(got, want), "closed %s..%s:\n got  %s\n want %s", first, last, got, want);
	free(got);
}

static void assert_due(const char *plan, const char *sev, const char *created, const char *want)
{
	const char *p[3] = { plan, sev, created };
	char *got = testdb_value("SELECT api_sla_due($1, $2, $3)", 3, p);
	ck_assert_msg(got && !strcmp(got, want), "%s %s from %s: got %s, want %s",
		      plan, sev, created, got ? got : "NULL", want);
	free(got);
}

START_TEST(default_rules_give_the_design_list)
{
	testdb_create();
	assert_closed("2026-01-01", "2026-12-31",
		      "2026-01-01 2026-01-19 2026-02-16 2026-05-25 2026-06-19 2026-07-03 "
		      "2026-09-07 2026-10-12 2026-11-11 2026-11-26 2026-12-25");
	/* 1 January 2028 is a Saturday: observed on Friday 31 December 2027 */
	assert_closed("2027-01-01", "2027-12-31",
		      "2027-01-01 2027-01-18 2027-02-15 2027-05-31 2027-06-18 2027-07-05 "
		      "2027-09-06 2027-10-11 2027-11-11 2027-11-25 2027-12-24 2027-12-31");
	assert_closed("2028-01-01", "2028-12-31",
		      "2028-01-17 2028-02-21 2028-05-29 2028-06-19 2028-07-04 2028-09-04 "
		      "2028-10-09 2028-11-10 2028-11-23 2028-12-25");
	/* Thanksgiving far ahead: 4th Thursday of November 2035 */
	assert_closed("2035-11-01", "2035-11-30", "2035-11-12 2035-11-22");
}
END_TEST

START_TEST(deadlines_cross_rule_holidays_in_any_year)
{
	testdb_create();
	/* Thu 17:00 + 2 business hours: Fri 31 Dec 2027 is the observed New Year */
	assert_due("premium", "2", "2027-12-30T17:00:00-05:00", "2028-01-03T10:00:00-05:00");
	/* the CLI prints the same */
	testdb_agent("hol_cli", "engineer");
	int rc = testdb_cli("hol_cli", NULL,
			    "sla due --plan premium --severity 2 --created 2027-12-30T17:00:00-05:00");
	ck_assert_msg(rc == 0, "sla due failed: %s", testdb_stderr());
	ck_assert_str_eq(testdb_stdout(), "2028-01-03T10:00:00-05:00\n");
	/* Wed before Thanksgiving 2035, 17:00: Thursday closed, Friday 10:00 */
	assert_due("premium", "2", "2035-11-21T17:00:00-05:00", "2035-11-23T10:00:00-05:00");
	/* Memorial Day 2031 (last Monday of May = 26th): Friday 17:00 -> Tuesday */
	assert_due("premium", "2", "2031-05-23T17:00:00-04:00", "2031-05-27T10:00:00-04:00");
	/* a plain week in 2035 for contrast: Wednesday 17:00 -> Thursday 10:00 */
	assert_due("premium", "2", "2035-11-14T17:00:00-05:00", "2035-11-15T10:00:00-05:00");
}
END_TEST

/* A policy file: New York, Mon-Fri 09:00-18:00, the 18 required targets,
 * and the given holiday entries, one per line from line 4 on. */
static char *write_policy(const char *const *holidays)
{
	static const char *kinds[] = { "first_response", "resolution", "update" };
	static const char *plans[] = { "premium", "basic" };
	struct strbuf sb;
	char path[] = "/tmp/ticketty-holidays-XXXXXX";

	sb_init(&sb);
	sb_add(&sb, "policy = {\n  time_zone = \"America/New_York\";\n  holidays = (\n");
	for (int i = 0; holidays[i]; i++)
		sb_addf(&sb, "    %s%s\n", holidays[i], holidays[i + 1] ? "," : "");
	sb_add(&sb, "  );\n  hours = (\n");
	static const char *days[] = { "mon", "tue", "wed", "thu", "fri" };
	for (int d = 0; d < 5; d++)
		sb_addf(&sb, "    { day = \"%s\"; open = \"09:00\"; close = \"18:00\"; }%s\n",
			days[d], d < 4 ? "," : "");
	sb_add(&sb, "  );\n  targets = (\n");
	int n = 0;
	for (int k = 0; k < 3; k++)
		for (int p = 0; p < 2; p++)
			for (int s = 1; s <= (k == 2 ? 1 : 4); s++) {
				n++;
				sb_addf(&sb, "    { kind = \"%s\"; plan = \"%s\"; severity = %d; minutes = %d; "
					"clock = \"%s\"; }%s\n", kinds[k], plans[p], s, 60 * s,
					s == 1 ? "wall" : "business", n == 18 ? "" : ",");
			}
	sb_add(&sb, "  );\n};\n");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, sb.buf, sb.len), (ssize_t)sb.len);
	close(fd);
	sb_done(&sb);
	return xstrdup(path);
}

static int load(const char *const *holidays, struct tt_error *err, char **path)
{
	struct db *db = testdb_open(NULL);
	*path = write_policy(holidays);
	tt_error_init(err);
	int rc = policy_load_file(db, *path, err);
	db_close(db);
	return rc;
}

START_TEST(policy_loads_rules_and_one_off_dates)
{
	static const char *const holidays[] = {
		"{ name = \"New Year\"; month = 1; day = 1; observed = true; }",
		"{ name = \"Thanksgiving\"; month = 11; weekday = \"thu\"; nth = 4; }",
		"{ name = \"Memorial Day\"; month = 5; weekday = \"mon\"; nth = -1; }",
		"{ name = \"Desk party\"; date = \"2027-12-29\"; }",
		"{ name = \"Open on Thanksgiving 2028\"; date = \"2028-11-23\"; working = true; }",
		NULL,
	};
	struct tt_error err;
	char *path;
	testdb_create();
	ck_assert_msg(load(holidays, &err, &path) == 0, "refused: %s",
		      err.nfields ? err.fields[0].message : err.message);
	unlink(path);
	free(path);
	assert_closed("2027-11-01", "2028-12-31",
		      "2027-11-25 2027-12-29 2027-12-31 2028-05-29");
	/* the calendar follows at once: Tue 28 Dec 2027 17:00 + 2h skips the
	 * party on the 29th and ends on Thursday the 30th */
	assert_due("premium", "2", "2027-12-28T17:00:00-05:00", "2027-12-30T10:00:00-05:00");
	/* the working day taken away from the rule counts again */
	assert_due("premium", "2", "2028-11-22T17:00:00-05:00", "2028-11-23T10:00:00-05:00");
	char *rules = testdb_value("SELECT count(*) || ' ' || (SELECT count(*) FROM holidays)"
				   "  FROM holiday_rules", 0, NULL);
	ck_assert_str_eq(rules, "3 2");
	free(rules);
	/* `admin policy show` lists the rules in words and the dates they give */
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin policy show"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "fourth Thursday of November"), "%s", testdb_stdout());
	ck_assert_msg(strstr(testdb_stdout(), "last Monday of May"), "%s", testdb_stdout());
	ck_assert_msg(strstr(testdb_stdout(), "2028-11-23  open  Open on Thanksgiving 2028"),
		      "%s", testdb_stdout());
}
END_TEST

/* A fixed date without `observed` closes the date itself, as
 * config/ticketty.conf says ("observed = true moves it"): 6 March 2027 is
 * a Saturday, and the Friday before stays open; with observed = true the
 * Friday closes. (A rule without it closed the Friday: the desk was shut
 * a day nobody named.) */
START_TEST(observed_is_opt_in)
{
	static const char *const plain[] = { "{ name = \"Company Day\"; month = 3; day = 6; }", NULL };
	static const char *const moved[] = {
		"{ name = \"Company Day\"; month = 3; day = 6; observed = true; }", NULL };
	struct tt_error err;
	char *path;
	testdb_create();
	ck_assert_int_eq(load(plain, &err, &path), 0);
	unlink(path);
	free(path);
	const char *q = "SELECT coalesce(string_agg(day::text, ' ' ORDER BY day), 'none')"
			"  FROM calendar_holidays(default_calendar_id(), '2027-03-01', '2027-03-10')";
	char *days = testdb_value(q, 0, NULL);
	ck_assert_str_eq(days, "2027-03-06");
	free(days);
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin policy show"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "  6 March  ") && !strstr(testdb_stdout(), "observed"),
		      "%s", testdb_stdout());
	ck_assert_int_eq(load(moved, &err, &path), 0);
	unlink(path);
	free(path);
	days = testdb_value(q, 0, NULL);
	ck_assert_str_eq(days, "2027-03-05");
	free(days);
	tt_error_clear(&err);
}
END_TEST

struct bad_case {
	const char *entry;  /* placed on line 5, after a good rule on line 4 */
	const char *text;   /* part of the reason */
};

static const struct bad_case bad_cases[] = {
	{ "{ name = \"Both\"; date = \"2027-01-02\"; month = 1; day = 2; }", "either date" },
	{ "{ name = \"Neither\"; }", "needs a date" },
	{ "{ name = \"Thirteenth\"; month = 13; day = 1; }", "month must be 1 to 12" },
	{ "{ name = \"April 31\"; month = 4; day = 31; }", "month 4 has no day 31" },
	{ "{ name = \"Odd day\"; month = 5; weekday = \"funday\"; nth = 1; }", "unknown day" },
	{ "{ name = \"Zeroth\"; month = 5; weekday = \"mon\"; nth = 0; }", "nth must be" },
	{ "{ name = \"No nth\"; month = 5; weekday = \"mon\"; }", "nth must be" },
	{ "{ name = \"Day and weekday\"; month = 5; day = 3; weekday = \"mon\"; nth = 1; }", "either day" },
	{ "{ name = \"Observed weekday\"; month = 5; weekday = \"mon\"; nth = 1; observed = true; }",
	  "observed belongs" },
	{ "{ name = \"Working rule\"; month = 5; day = 3; working = true; }", "working belongs" },
	{ "{ name = \"Again\"; month = 7; day = 4; }", "listed twice" },
	{ "{ name = \"\"; month = 8; day = 1; }", "needs a name" },
	/* a name is one line (policy show, sla explain), of at most 200 */
	{ "{ name = \"Desk\\tday\"; month = 8; day = 1; }", "name must be one line" },
	{ "{ name = \"Desk\\nparty\"; date = \"2027-02-03\"; }", "name must be one line" },
	{ "{ name = \"\\x1b[2Jday\"; month = 8; day = 2; }", "name must be one line" },
	{ "{ name = \"" "0123456789012345678901234567890123456789012345678901234567890123456789"
	  "0123456789012345678901234567890123456789012345678901234567890123456789"
	  "01234567890123456789012345678901234567890123456789012345678901\"; month = 8; day = 3; }",
	  "name is too long" },
	{ "{ name = \"Bad date\"; date = \"2027-02-30\"; }", "there is no date 2027-02-30" },
	{ "{ name = \"Bad form\"; date = \"30/02/2027\"; }", "date must be YYYY-MM-DD" },
	/* working = true opens a day a rule closes; on a Saturday, or a day
	 * no rule names, it would change nothing */
	{ "{ name = \"Open Saturday\"; date = \"2027-07-10\"; working = true; }", "no holiday rule closes 2027-07-10" },
	{ "{ name = \"Open anyway\"; date = \"2027-07-14\"; working = true; }", "no holiday rule closes" },
	{ "{ name = \"Rule field on date\"; date = \"2027-02-03\"; nth = 2; }", "belong to rules" },
	{ "{ name = \"Typed\"; month = 8; day = 1; observed = \"yes\"; }", "true or false" },
	{ "{ name = \"Typed\"; month = \"8\"; day = 1; }", "whole number" },
};

START_TEST(each_bad_holiday_line_is_named)
{
	const struct bad_case *c = &bad_cases[_i];
	const char *holidays[] = { "{ name = \"Independence Day\"; month = 7; day = 4; observed = true; }",
				   c->entry, NULL };
	struct tt_error err;
	char *path;
	testdb_create();
	char *before = testdb_value("SELECT policy_json()::text", 0, NULL);
	ck_assert_int_eq(load(holidays, &err, &path), 65);
	char *field = xasprintf("%s:5", path);
	bool found = false;
	for (size_t i = 0; i < err.nfields; i++)
		if (!strcmp(err.fields[i].field, field) && strstr(err.fields[i].message, c->text))
			found = true;
	ck_assert_msg(found, "%s: no refusal on line 5 with \"%s\" (%zu fields, first %s: %s)",
		      c->entry, c->text, err.nfields, err.nfields ? err.fields[0].field : "-",
		      err.nfields ? err.fields[0].message : "-");
	char *after = testdb_value("SELECT policy_json()::text", 0, NULL);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	free(field);
	unlink(path);
	free(path);
	tt_error_clear(&err);
}
END_TEST

static Suite *holidays_suite(void)
{
	Suite *s = suite_create("holidays");
	TCase *tc = tcase_create("rules");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, default_rules_give_the_design_list);
	tcase_add_test(tc, deadlines_cross_rule_holidays_in_any_year);
	tcase_add_test(tc, policy_loads_rules_and_one_off_dates);
	tcase_add_test(tc, observed_is_opt_in);
	tcase_add_loop_test(tc, each_bad_holiday_line_is_named, 0,
			    (int)(sizeof(bad_cases) / sizeof(bad_cases[0])));
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(holidays_suite)
