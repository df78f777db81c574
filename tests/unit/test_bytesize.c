/* Unit tests for util/bytesize: file sizes in words, exact bytes below
 * 10 KiB, then rounded KiB and MiB, in English and Spanish. Needs
 * es_ES.UTF-8 (scripts/locales.sh) and the compiled catalog
 * (TICKETTY_LOCALEDIR). */
#include <check.h>
#include <stdlib.h>

#include "testdb.h"
#include "util/bytesize.h"
#include "util/i18n.h"

static const char *size(long long n)
{
	static struct strbuf sb;
	if (!sb.buf)
		sb_init(&sb);
	sb_reset(&sb);
	bytesize_add(&sb, n);
	return sb.buf;
}

START_TEST(bytes_then_kib_then_mib)
{
	test_lang("C.UTF-8");
	ck_assert_str_eq(size(0), "0 bytes");
	ck_assert_str_eq(size(1), "1 byte");
	ck_assert_str_eq(size(8), "8 bytes");
	ck_assert_str_eq(size(10239), "10239 bytes");
	ck_assert_str_eq(size(10240), "10 KiB");
	ck_assert_str_eq(size(10751), "10 KiB");
	ck_assert_str_eq(size(10752), "11 KiB");
	ck_assert_str_eq(size(10LL * 1024 * 1024 - 1), "10240 KiB");
	ck_assert_str_eq(size(10LL * 1024 * 1024), "10 MiB");
	ck_assert_str_eq(size(40LL * 1024 * 1024 + 600 * 1024), "41 MiB");
}
END_TEST

START_TEST(spanish_bytes)
{
	test_lang("es_ES.UTF-8");
	ck_assert_str_eq(size(1), "1 byte");
	ck_assert_str_eq(size(8), "8 bytes");
	ck_assert_str_eq(size(20480), "20 KiB");
	test_lang("C.UTF-8");
}
END_TEST

static Suite *bytesize_suite(void)
{
	Suite *s = suite_create("bytesize");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, bytes_then_kib_then_mib);
	tcase_add_test(tc, spanish_bytes);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(bytesize_suite)
