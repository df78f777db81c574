/* Unit tests for util/duration: SLA durations in words (business days of
 * the calendar's opening-day length, round-the-clock time named as such)
 * and compactly for narrow columns, in English and Spanish. Needs
 * es_ES.UTF-8 (scripts/locales.sh) and the compiled catalog
 * (TICKETTY_LOCALEDIR). */
#include <check.h>
#include <locale.h>
#include <stdlib.h>

#include "testdb.h"
#include "util/duration.h"
#include "util/i18n.h"

#define H 3600LL
#define DAY9 (9 * 3600L)   /* the default calendar's opening day, 09:00-18:00 */

static const char *words(long long secs, enum duration_clock c, long day)
{
	static struct strbuf sb;
	if (!sb.buf)
		sb_init(&sb);
	sb_reset(&sb);
	duration_words(&sb, secs, c, day);
	return sb.buf;
}

static const char *compact(long long secs, enum duration_clock c, long day)
{
	static struct strbuf sb;
	if (!sb.buf)
		sb_init(&sb);
	sb_reset(&sb);
	duration_compact(&sb, secs, c, day);
	return sb.buf;
}

START_TEST(business_days_are_opening_days)
{
	test_lang("C.UTF-8");
	/* five 9-hour days: the figure that used to read "1d21h" */
	ck_assert_str_eq(words(45 * H, DURATION_BUSINESS, DAY9), "5 business days");
	ck_assert_str_eq(words(9 * H, DURATION_BUSINESS, DAY9), "1 business day");
	ck_assert_str_eq(words(21 * H, DURATION_BUSINESS, DAY9), "2 d 3 h business");
	ck_assert_str_eq(words(21 * H + 59 * 60, DURATION_BUSINESS, DAY9), "2 d 3 h business");
	ck_assert_str_eq(words(2 * H, DURATION_BUSINESS, DAY9), "2 business hours");
	ck_assert_str_eq(words(1 * H, DURATION_BUSINESS, DAY9), "1 business hour");
	ck_assert_str_eq(words(2 * H + 5 * 60, DURATION_BUSINESS, DAY9), "2 h 05 min business");
	ck_assert_str_eq(words(45 * 60 + 10, DURATION_BUSINESS, DAY9), "45 business minutes");
	ck_assert_str_eq(words(30, DURATION_BUSINESS, DAY9), "30 business seconds");
	/* the day is the calendar's: an 8-hour calendar makes 40 hours five days */
	ck_assert_str_eq(words(40 * H, DURATION_BUSINESS, 8 * 3600L), "5 business days");
	ck_assert_str_eq(words(45 * H, DURATION_BUSINESS, 8 * 3600L), "5 d 5 h business");
	/* no opening hours known: hours, never 24-hour days */
	ck_assert_str_eq(words(45 * H, DURATION_BUSINESS, 0), "45 business hours");
	ck_assert_str_eq(words(29 * H + 15 * 60, DURATION_BUSINESS, 0), "29 h 15 min business");
}
END_TEST

START_TEST(round_the_clock_says_so)
{
	test_lang("C.UTF-8");
	ck_assert_str_eq(words(1 * H, DURATION_WALL, DAY9), "1 hour round the clock");
	ck_assert_str_eq(words(8 * H, DURATION_WALL, DAY9), "8 hours round the clock");
	ck_assert_str_eq(words(24 * H, DURATION_WALL, DAY9), "1 day round the clock");
	ck_assert_str_eq(words(27 * H, DURATION_WALL, DAY9), "1 d 3 h round the clock");
	ck_assert_str_eq(words(7 * H + 59 * 60, DURATION_WALL, DAY9), "7 h 59 min round the clock");
	ck_assert_str_eq(words(45 * 60, DURATION_WALL, 0), "45 minutes round the clock");
	/* plain: no clock named */
	ck_assert_str_eq(words(27 * H, DURATION_PLAIN, DAY9), "1 d 3 h");
	ck_assert_str_eq(words(2 * H, DURATION_PLAIN, 0), "2 hours");
	ck_assert_str_eq(words(60, DURATION_PLAIN, 0), "1 minute");
	ck_assert_str_eq(words(-(2 * H + 10 * 60), DURATION_BUSINESS, DAY9), "-2 h 10 min business");
}
END_TEST

START_TEST(spanish_words)
{
	test_lang("es_ES.UTF-8");
	ck_assert_str_eq(words(45 * H, DURATION_BUSINESS, DAY9), "5 días hábiles");
	ck_assert_str_eq(words(9 * H, DURATION_BUSINESS, DAY9), "1 día hábil");
	ck_assert_str_eq(words(21 * H, DURATION_BUSINESS, DAY9), "2 d 3 h hábiles");
	ck_assert_str_eq(words(2 * H, DURATION_BUSINESS, DAY9), "2 horas hábiles");
	ck_assert_str_eq(words(2 * H + 5 * 60, DURATION_BUSINESS, DAY9), "2 h 05 min hábiles");
	ck_assert_str_eq(words(1 * H, DURATION_WALL, DAY9), "1 hora natural");
	ck_assert_str_eq(words(8 * H, DURATION_WALL, DAY9), "8 horas naturales");
	ck_assert_str_eq(words(7 * H + 59 * 60, DURATION_WALL, DAY9), "7 h 59 min naturales");
	ck_assert_str_eq(words(24 * H, DURATION_PLAIN, DAY9), "1 día");
	ck_assert_str_eq(compact(45 * H, DURATION_BUSINESS, DAY9), "5d");
	test_lang("C.UTF-8");
}
END_TEST

START_TEST(compact_forms)
{
	test_lang("C.UTF-8");
	ck_assert_str_eq(compact(0, DURATION_WALL, 0), "0s");
	ck_assert_str_eq(compact(45, DURATION_WALL, 0), "45s");
	ck_assert_str_eq(compact(35 * 60 + 59, DURATION_WALL, 0), "35m");   /* towards zero */
	ck_assert_str_eq(compact(2 * H + 10 * 60, DURATION_BUSINESS, DAY9), "2h10m");
	ck_assert_str_eq(compact(23 * H + 59 * 60, DURATION_WALL, 0), "23h59m");
	ck_assert_str_eq(compact(86400, DURATION_WALL, 0), "1d");
	ck_assert_str_eq(compact(86400 + 2 * H + 59 * 60, DURATION_WALL, 0), "1d2h");
	/* business days of the calendar, not 24 hours */
	ck_assert_str_eq(compact(45 * H, DURATION_BUSINESS, DAY9), "5d");
	ck_assert_str_eq(compact(-66 * H, DURATION_BUSINESS, DAY9), "-7d3h");
	ck_assert_str_eq(compact(29 * H + 15 * 60, DURATION_BUSINESS, 0), "29h15m");
	ck_assert_str_eq(compact(-15 * 60, DURATION_WALL, 0), "-15m");
	ck_assert_str_eq(compact(-1, DURATION_PLAIN, 0), "-1s");
	ck_assert_str_eq(compact(-9223372036854775807LL - 1, DURATION_WALL, 0), "-106751991167300d15h");
	struct strbuf sb;
	sb_init(&sb);
	duration_coarse(&sb, -(17 * 86400LL + 2 * H), DURATION_WALL, 0);
	ck_assert_str_eq(sb.buf, "-17d");
	sb_reset(&sb);
	duration_coarse(&sb, 21 * H, DURATION_BUSINESS, DAY9);
	ck_assert_str_eq(sb.buf, "2d");
	sb_reset(&sb);
	duration_coarse(&sb, 5 * H + 59 * 60, DURATION_BUSINESS, DAY9);
	ck_assert_str_eq(sb.buf, "5h");
	sb_reset(&sb);
	duration_coarse(&sb, 45 * 60, DURATION_WALL, 0);
	ck_assert_str_eq(sb.buf, "45m");
	sb_done(&sb);
}
END_TEST

START_TEST(clock_keys)
{
	ck_assert_int_eq(duration_clock_of("business"), DURATION_BUSINESS);
	ck_assert_int_eq(duration_clock_of("wall"), DURATION_WALL);
	ck_assert_int_eq(duration_clock_of(NULL), DURATION_PLAIN);
	ck_assert_int_eq(duration_clock_of("other"), DURATION_PLAIN);
}
END_TEST

static Suite *duration_suite(void)
{
	Suite *s = suite_create("duration");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, business_days_are_opening_days);
	tcase_add_test(tc, round_the_clock_says_so);
	tcase_add_test(tc, spanish_words);
	tcase_add_test(tc, compact_forms);
	tcase_add_test(tc, clock_keys);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(duration_suite)
