/* Unit tests for util/strbuf: appending, formatting, growth, truncation
 * and handing the buffer over. */
#include <stdlib.h>
#include <string.h>

#include "testdb.h"
#include "util/strbuf.h"

START_TEST(starts_empty_and_appends)
{
	struct strbuf sb;
	sb_init(&sb);
	ck_assert_ptr_nonnull(sb.buf);
	ck_assert_str_eq(sb.buf, "");
	ck_assert_uint_eq(sb.len, 0);
	sb_add(&sb, "tick");
	sb_addc(&sb, 'e');
	sb_addn(&sb, "tty and more", 3);
	ck_assert_str_eq(sb.buf, "ticketty");
	ck_assert_uint_eq(sb.len, 8);
	sb_add(&sb, "");
	ck_assert_uint_eq(sb.len, 8);
	sb_done(&sb);
	ck_assert_ptr_null(sb.buf);
}
END_TEST

START_TEST(formats_and_grows)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_addf(&sb, "#%d %s", 42, "open");
	ck_assert_str_eq(sb.buf, "#42 open");
	/* far beyond the initial capacity, in one call and in many */
	char big[5000];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	sb_addf(&sb, "[%s]", big);
	ck_assert_uint_eq(sb.len, 8 + 2 + 4999);
	ck_assert_uint_eq(strlen(sb.buf), sb.len);
	ck_assert_int_eq(sb.buf[sb.len - 1], ']');
	ck_assert(sb.cap > sb.len);
	for (int i = 0; i < 10000; i++)
		sb_addc(&sb, (char)('a' + i % 26));
	ck_assert_uint_eq(sb.len, 8 + 2 + 4999 + 10000);
	ck_assert_int_eq(sb.buf[sb.len], '\0');
	sb_done(&sb);
}
END_TEST

START_TEST(keeps_embedded_bytes)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_addn(&sb, "a\0b", 3);
	ck_assert_uint_eq(sb.len, 3);
	ck_assert_int_eq(memcmp(sb.buf, "a\0b\0", 4), 0);
	sb_done(&sb);
}
END_TEST

START_TEST(truncate_reset_detach)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "escalation");
	sb_truncate(&sb, 6);
	ck_assert_str_eq(sb.buf, "escala");
	sb_truncate(&sb, 100);  /* never grows */
	ck_assert_str_eq(sb.buf, "escala");
	size_t cap = sb.cap;
	sb_reset(&sb);
	ck_assert_str_eq(sb.buf, "");
	ck_assert_uint_eq(sb.cap, cap);
	sb_add(&sb, "mine");
	char *s = sb_detach(&sb);
	ck_assert_str_eq(s, "mine");
	ck_assert_ptr_nonnull(sb.buf);  /* empty, holds no memory, usable again */
	ck_assert_str_eq(sb.buf, "");
	ck_assert_uint_eq(sb.cap, 0);
	sb_reset(&sb);
	sb_truncate(&sb, 0);
	char *empty = sb_detach(&sb);   /* detaching an empty one gives "" */
	ck_assert_str_eq(empty, "");
	free(empty);
	sb_addf(&sb, "%s", "");
	ck_assert_str_eq(sb.buf, "");
	sb_add(&sb, "again");
	ck_assert_str_eq(sb.buf, "again");
	ck_assert_ptr_ne(s, sb.buf);
	free(s);
	sb_done(&sb);
	sb_done(&sb);  /* twice is harmless */
}
END_TEST

START_TEST(trim_spaces_drops_only_the_trailing_ones)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "  a  b   ");
	sb_trim_spaces(&sb);
	ck_assert_str_eq(sb.buf, "  a  b");
	ck_assert_uint_eq(sb.len, 6);
	sb_reset(&sb);
	sb_add(&sb, "   ");
	sb_trim_spaces(&sb);
	ck_assert_str_eq(sb.buf, "");
	ck_assert_uint_eq(sb.len, 0);
	sb_trim_spaces(&sb);
	ck_assert_uint_eq(sb.len, 0);
	sb_done(&sb);
}
END_TEST

START_TEST(detach_without_done_leaks_nothing)
{
	/* the common idiom; ASan and valgrind runs would report a leak */
	for (int i = 0; i < 3; i++) {
		struct strbuf sb;
		sb_init(&sb);
		sb_addf(&sb, "round %d", i);
		char *s = sb_detach(&sb);
		ck_assert_str_eq(s, i == 0 ? "round 0" : i == 1 ? "round 1" : "round 2");
		free(s);
	}
}
END_TEST

static Suite *strbuf_suite(void)
{
	Suite *s = suite_create("strbuf");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, starts_empty_and_appends);
	tcase_add_test(tc, formats_and_grows);
	tcase_add_test(tc, keeps_embedded_bytes);
	tcase_add_test(tc, truncate_reset_detach);
	tcase_add_test(tc, trim_spaces_drops_only_the_trailing_ones);
	tcase_add_test(tc, detach_without_done_leaks_nothing);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(strbuf_suite)
