/* Unit tests for util/chart: bars in eighths of a cell (Unicode) or whole
 * cells of '#' (ASCII), always exactly as wide as asked; sparkline heights. */
#include <check.h>
#include <stdlib.h>

#include "testdb.h"
#include "util/chart.h"
#include "util/text.h"

static const char *bar(double v, double max, int cells, bool ascii)
{
	static struct strbuf sb;
	if (!sb.buf)
		sb_init(&sb);
	sb_reset(&sb);
	chart_bar(&sb, v, max, cells, ascii);
	return sb.buf;
}

static const char *spark(double share, bool ascii)
{
	static struct strbuf sb;
	if (!sb.buf)
		sb_init(&sb);
	sb_reset(&sb);
	chart_spark(&sb, share, ascii);
	return sb.buf;
}

START_TEST(bars)
{
	ck_assert_str_eq(bar(10, 10, 4, false), "████");
	ck_assert_str_eq(bar(5, 10, 4, false), "██  ");
	ck_assert_str_eq(bar(1, 16, 2, false), "▏ ");      /* one eighth */
	ck_assert_str_eq(bar(0.001, 10, 3, false), "▏  ");  /* something shows */
	ck_assert_str_eq(bar(0, 10, 3, false), "   ");
	ck_assert_str_eq(bar(3, 0, 3, false), "   ");
	ck_assert_str_eq(bar(20, 10, 2, false), "██");     /* capped */
	ck_assert_str_eq(bar(10, 10, 4, true), "####");
	ck_assert_str_eq(bar(6.5, 10, 4, true), "##+ ");   /* 2 cells and 5 eighths */
	ck_assert_str_eq(bar(0.1, 10, 4, true), ".   ");
	for (int v = 0; v <= 40; v++)
		ck_assert_int_eq(text_width(bar(v, 40, 7, false)), 7);
}
END_TEST

START_TEST(sparks)
{
	ck_assert_str_eq(spark(0, false), "▁");
	ck_assert_str_eq(spark(0.5, false), "▅");
	ck_assert_str_eq(spark(1, false), "█");
	ck_assert_str_eq(spark(-1, false), " ");
	ck_assert_str_eq(spark(0, true), "_");
	ck_assert_str_eq(spark(1, true), "#");
}
END_TEST

/* The height of an attainment, as the dashboard and `report sla` draw
 * it: half met or less the lowest mark, all met the full one. */
START_TEST(attainment)
{
	ck_assert(chart_attainment(0, 0) < 0);
	ck_assert_str_eq(spark(chart_attainment(0, 0), false), " ");
	ck_assert_str_eq(spark(chart_attainment(0, 3), false), "▁");
	ck_assert_str_eq(spark(chart_attainment(1, 1), false), "▁");
	ck_assert_str_eq(spark(chart_attainment(2, 1), false), "▃");
	ck_assert_str_eq(spark(chart_attainment(3, 1), false), "▄");
	ck_assert_str_eq(spark(chart_attainment(9, 1), false), "▇");
	ck_assert_str_eq(spark(chart_attainment(5, 0), false), "█");
	ck_assert_str_eq(spark(chart_attainment(3, 1), true), ":");
}
END_TEST

static Suite *chart_suite(void)
{
	Suite *s = suite_create("chart");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, bars);
	tcase_add_test(tc, sparks);
	tcase_add_test(tc, attainment);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(chart_suite)
