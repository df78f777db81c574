/* Unit tests for util/timefmt: dates and times per locale (es_ES: 24-hour
 * clock and Spanish day names; en_US: 12-hour clock; C: 24-hour), the
 * compact list form and parsing PostgreSQL timestamps (durations in
 * words: test_duration.c). Needs es_ES.UTF-8 and en_US.UTF-8
 * (scripts/locales.sh) and the compiled catalog (TICKETTY_LOCALEDIR). */
#include <stdlib.h>
#include <string.h>

#include "testdb.h"
#include "util/i18n.h"
#include "util/timefmt.h"

/* Mon 2026-11-23 16:00 in America/New_York (EST, UTC-5). */
#define MON_1600 ((time_t)1795467600)

static void lang(const char *value)
{
	setenv("TZ", "America/New_York", 1);
	tzset();
	test_lang(value);
}

static const char *fmt_at(time_t t, time_t now, enum timefmt_style style)
{
	static struct strbuf sb;
	if (!sb.buf)
		sb_init(&sb);
	sb_reset(&sb);
	timefmt_append_at(&sb, t, now, style);
	return sb.buf;
}

static const char *fmt(time_t t, enum timefmt_style style)
{
	return fmt_at(t, t, style);
}

START_TEST(spanish_dates_use_24_hours_and_spanish_names)
{
	lang("es_ES.UTF-8");
	ck_assert_msg(timefmt_24h(), "es_ES should use a 24-hour clock (is es_ES.UTF-8 installed?)");
	ck_assert_str_eq(fmt(MON_1600, TIMEFMT_DATETIME), "lun 23 nov 2026 16:00");
	ck_assert_str_eq(fmt(MON_1600, TIMEFMT_DATE), "lun 23 nov 2026");
	ck_assert_str_eq(fmt(MON_1600, TIMEFMT_TIME), "16:00");
	ck_assert_str_eq(fmt(MON_1600, TIMEFMT_FULL), "lun 23 nov 2026 16:00 EST");
	/* Saturday 2026-11-28 09:05 */
	ck_assert_str_eq(fmt(MON_1600 + 5 * 86400 - 6 * 3600 - 55 * 60, TIMEFMT_DATETIME),
	                 "sáb 28 nov 2026 09:05");
}
END_TEST

START_TEST(us_english_uses_12_hours)
{
	lang("en_US.UTF-8");
	ck_assert(!timefmt_24h());
	ck_assert_str_eq(fmt(MON_1600, TIMEFMT_DATETIME), "Mon Nov 23 2026 4:00 PM");
	ck_assert_str_eq(fmt(MON_1600 - 7 * 3600, TIMEFMT_TIME), "9:00 AM");
}
END_TEST

START_TEST(c_locale_uses_24_hours)
{
	lang("C.UTF-8");
	ck_assert(timefmt_24h());
	ck_assert_str_eq(fmt(MON_1600, TIMEFMT_DATETIME), "Mon Nov 23 2026 16:00");
	ck_assert_str_eq(fmt(MON_1600, TIMEFMT_ISO), "2026-11-23 16:00");
}
END_TEST

/* The formats looked up once give what TIMEFMT_DATETIME gives, per locale. */
START_TEST(datetime_formats_once_match_datetime)
{
	static const char *const langs[] = { "es_ES.UTF-8", "en_US.UTF-8", "C.UTF-8" };
	static const char *const want[] = { "lun 23 nov 2026 16:00", "Mon Nov 23 2026 4:00 PM",
					    "Mon Nov 23 2026 16:00" };
	for (int l = 0; l < 3; l++) {
		lang(langs[l]);
		struct timefmt_datetime f;
		struct strbuf sb;
		timefmt_datetime_init(&f);
		sb_init(&sb);
		timefmt_append_datetime(&sb, MON_1600, &f);
		ck_assert_str_eq(sb.buf, want[l]);
		for (time_t t = MON_1600 - 400 * 86400; t < MON_1600 + 400 * 86400; t += 86400 + 3607) {
			sb_reset(&sb);
			timefmt_append_datetime(&sb, t, &f);
			ck_assert_str_eq(sb.buf, fmt(t, TIMEFMT_DATETIME));
		}
		sb_done(&sb);
	}
}
END_TEST

START_TEST(config_language_sets_date_conventions)
{
	unsetenv("LC_ALL");
	unsetenv("LANGUAGE");
	setenv("LANG", "C.UTF-8", 1);
	setenv("TZ", "America/New_York", 1);
	tzset();
	i18n_init("es");
	ck_assert_str_eq(fmt(MON_1600, TIMEFMT_DATETIME), "lun 23 nov 2026 16:00");
	i18n_init("en");
	ck_assert_str_eq(fmt(MON_1600, TIMEFMT_DATE), "Mon Nov 23 2026");
}
END_TEST

START_TEST(iso_is_the_same_everywhere)
{
	lang("es_ES.UTF-8");
	ck_assert_str_eq(fmt(MON_1600, TIMEFMT_ISO), "2026-11-23 16:00");
	/* with the zone, in the process's zone (the desk's): summer time too */
	ck_assert_str_eq(fmt(MON_1600, TIMEFMT_ISO_ZONE), "2026-11-23 16:00 EST");
	ck_assert_str_eq(fmt(MON_1600 - 30 * 86400, TIMEFMT_ISO_ZONE), "2026-10-24 17:00 EDT");
	setenv("TZ", "Europe/Madrid", 1);
	tzset();
	ck_assert_str_eq(fmt(MON_1600, TIMEFMT_ISO_ZONE), "2026-11-23 22:00 CET");
	lang("es_ES.UTF-8");
}
END_TEST

/* A time the database sent, as a list's cell: the zone when it fits */
START_TEST(database_time_as_a_cell)
{
	lang("C.UTF-8");
	struct strbuf sb;
	sb_init(&sb);
	timefmt_append_cell(&sb, "2026-11-18T15:00:01+00", 20);
	ck_assert_str_eq(sb.buf, "2026-11-18 10:00 EST");
	sb_reset(&sb);
	timefmt_append_cell(&sb, "2026-11-18 15:00:01.25+00", 19);
	ck_assert_str_eq(sb.buf, "2026-11-18 10:00");
	sb_reset(&sb);
	sb_add(&sb, "at ");
	timefmt_append_cell(&sb, "2026-07-01T12:00:00Z", 100);
	ck_assert_str_eq(sb.buf, "at 2026-07-01 08:00 EDT");
	sb_reset(&sb);
	timefmt_append_cell(&sb, "soon", 20);
	ck_assert_str_eq(sb.buf, "soon");
	sb_done(&sb);
}
END_TEST

START_TEST(compact_is_relative_to_now)
{
	lang("es_ES.UTF-8");
	time_t noon = MON_1600 - 4 * 3600;
	ck_assert_str_eq(fmt_at(MON_1600, noon, TIMEFMT_COMPACT), "16:00");
	/* Friday before: weekday and time */
	ck_assert_str_eq(fmt_at(MON_1600 - 3 * 86400, noon, TIMEFMT_COMPACT), "vie 16:00");
	/* older this year: day and month; another year: with the year */
	ck_assert_str_eq(fmt_at(MON_1600 - 30 * 86400, noon, TIMEFMT_COMPACT), "24 oct");
	ck_assert_str_eq(fmt_at(MON_1600 - 365 * 86400, noon, TIMEFMT_COMPACT), "23 nov 2025");
	lang("C.UTF-8");
	ck_assert_str_eq(fmt_at(MON_1600 - 30 * 86400, noon, TIMEFMT_COMPACT), "Oct 24");
	ck_assert_str_eq(fmt_at(MON_1600 + 86400, noon, TIMEFMT_COMPACT), "Tue 16:00");
}
END_TEST

START_TEST(parse_postgres_timestamps)
{
	time_t t;
	ck_assert_int_eq(timefmt_parse("2026-11-23 16:00:00-05", &t), 0);
	ck_assert_int_eq((long long)t, (long long)MON_1600);
	ck_assert_int_eq(timefmt_parse("2026-11-23T21:00:00Z", &t), 0);
	ck_assert_int_eq((long long)t, (long long)MON_1600);
	ck_assert_int_eq(timefmt_parse("2026-11-24 02:30:00.123456+05:30", &t), 0);
	ck_assert_int_eq((long long)t, (long long)MON_1600);
	ck_assert_int_eq(timefmt_parse("2026-11-23 21:00", &t), 0);
	ck_assert_int_eq((long long)t, (long long)MON_1600);
	ck_assert_int_eq(timefmt_parse("2026-11-23", &t), 0);
	ck_assert_int_eq(timefmt_parse("infinity", &t), -1);
	ck_assert_int_eq(timefmt_parse("2026-13-01 00:00:00", &t), -1);
	ck_assert_int_eq(timefmt_parse("2026-11-23 16:00:00-05 trailing", &t), -1);
	ck_assert_int_eq(timefmt_parse("", &t), -1);
	ck_assert_int_eq(timefmt_parse(NULL, &t), -1);
}
END_TEST

static Suite *timefmt_suite(void)
{
	Suite *s = suite_create("timefmt");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, spanish_dates_use_24_hours_and_spanish_names);
	tcase_add_test(tc, us_english_uses_12_hours);
	tcase_add_test(tc, c_locale_uses_24_hours);
	tcase_add_test(tc, datetime_formats_once_match_datetime);
	tcase_add_test(tc, config_language_sets_date_conventions);
	tcase_add_test(tc, iso_is_the_same_everywhere);
	tcase_add_test(tc, database_time_as_a_cell);
	tcase_add_test(tc, compact_is_relative_to_now);
	tcase_add_test(tc, parse_postgres_timestamps);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(timefmt_suite)
