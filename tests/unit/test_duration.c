/* Unit tests for util/duration: the compact SLA duration format. */
#include <check.h>
#include <locale.h>
#include <stdlib.h>

#include "testdb.h"
#include "util/duration.h"

static const char *fmt(long long secs, bool business)
{
	static struct strbuf sb;
	if (!sb.buf)
		sb_init(&sb);
	sb_reset(&sb);
	duration_format(&sb, secs, business);
	return sb.buf;
}

START_TEST(minutes_and_seconds)
{
	ck_assert_str_eq(fmt(0, false), "0s");
	ck_assert_str_eq(fmt(45, false), "45s");
	ck_assert_str_eq(fmt(59, true), "59s business");
	ck_assert_str_eq(fmt(60, false), "1m");
	ck_assert_str_eq(fmt(35 * 60, false), "35m");
	ck_assert_str_eq(fmt(35 * 60 + 59, false), "35m");   /* rounds towards zero */
}
END_TEST

START_TEST(hours)
{
	ck_assert_str_eq(fmt(2 * 3600 + 10 * 60, true), "2h10m business");
	ck_assert_str_eq(fmt(3 * 3600, false), "3h");
	ck_assert_str_eq(fmt(23 * 3600 + 59 * 60, false), "23h59m");
	/* business time never turns into days: a business day is 9 hours */
	ck_assert_str_eq(fmt(29 * 3600 + 15 * 60, true), "29h15m business");
}
END_TEST

START_TEST(days_on_the_wall_clock)
{
	ck_assert_str_eq(fmt(86400, false), "1d");
	ck_assert_str_eq(fmt(86400 + 2 * 3600 + 59 * 60, false), "1d2h");
	ck_assert_str_eq(fmt(10 * 86400, false), "10d");
}
END_TEST

START_TEST(overdue_is_negative)
{
	ck_assert_str_eq(fmt(-15 * 60, false), "-15m");
	ck_assert_str_eq(fmt(-(2 * 3600 + 10 * 60), true), "-2h10m business");
	ck_assert_str_eq(fmt(-1, false), "-1s");
	ck_assert_str_eq(fmt(-2 * 86400, false), "-2d");
	ck_assert_str_eq(fmt(-9223372036854775807LL - 1, false), "-106751991167300d15h");
}
END_TEST

static Suite *duration_suite(void)
{
	Suite *s = suite_create("duration");
	TCase *tc = tcase_create("core");
	setlocale(LC_ALL, "C");
	tcase_add_test(tc, minutes_and_seconds);
	tcase_add_test(tc, hours);
	tcase_add_test(tc, days_on_the_wall_clock);
	tcase_add_test(tc, overdue_is_negative);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(duration_suite)
