/* Database tests of the SLA report's title (`report sla`, text): a period
 * not given is named in words and by its days, counted in the desk's zone
 * (the default calendar's, America/New_York), not the client's or UTC,
 * in English and in Spanish; dates given are named as given. The clock
 * is pinned at Friday 2027-03-12 21:30 in New York, already Saturday
 * 03-13 in UTC: today is 03-12 and the period starts on the Monday 11
 * weeks before this week's, 2026-12-21. */
#include <stdlib.h>
#include <string.h>

#include "testdb.h"

static void fixture(void)
{
	testdb_create();
	testdb_clock("2027-03-12T21:30:00-05:00", TESTDB_CLOCK_FROZEN);
	testdb_agent("lead", "engineer");
}

static void lang(const char *l)
{
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANGUAGE");
	setenv("LANG", l, 1);
}

static void first_line_is(const char *args, const char *want)
{
	ck_assert_int_eq(testdb_cli("lead", NULL, args), 0);
	const char *out = testdb_stdout();
	size_t n = strcspn(out, "\n");
	ck_assert_msg(strlen(want) == n && !strncmp(out, want, n), "%s: got\n%s\nwant\n%s", args, out, want);
}

START_TEST(default_period_names_its_days)
{
	fixture();
	/* a client far east of the desk, where it is already 03-13 afternoon */
	setenv("TZ", "Pacific/Kiritimati", 1);
	lang("C.UTF-8");
	first_line_is("report sla", "SLA attainment (met / decided) from the start of the week 11 weeks back"
				    " (2026-12-21) to today (2027-03-12)");
	first_line_is("report sla --by total --to 2027-03-05",
		      "SLA attainment (met / decided) from the start of the week 11 weeks back (2026-12-14)"
		      " to 2027-03-05");
	first_line_is("report sla --by total --from 2027-03-01",
		      "SLA attainment (met / decided) from 2027-03-01 to today (2027-03-12)");
	first_line_is("report sla --by total --from 2027-03-01 --to 2027-03-05",
		      "SLA attainment (met / decided) from 2027-03-01 to 2027-03-05");
	lang("es_ES.UTF-8");
	first_line_is("report sla", "Cumplimiento del ANS (cumplidos / decididos) desde el comienzo de la semana"
				    " de hace 11 semanas (2026-12-21) hasta hoy (2027-03-12)");
	lang("C.UTF-8");
	unsetenv("TZ");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("report_title");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, default_period_names_its_days);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
