/* Crashes found by the fuzzers (tests/fuzz), kept as unit tests so they
 * stay fixed. Each test names the harness that found it. */
#include <locale.h>
#include <string.h>

#include "testdb.h"
#include "util/lineedit.h"
#include "util/text.h"

/* fuzz_lineedit: inserting a lead byte before dangling continuation bytes
 * joined them into one character with the cursor inside it. */
START_TEST(lineedit_cursor_stays_on_boundary_after_joining_bytes)
{
	struct lineedit le;
	uint32_t cp;

	le_init(&le, false);
	le_insert(&le, "\x97\x97", 2);         /* two invalid bytes */
	le_apply(&le, LE_HOME);
	le_insert(&le, "\xe6", 1);             /* now one valid character U+65D7 */
	ck_assert_uint_eq(utf8_decode(le_text(&le), le_len(&le), &cp), 3);
	ck_assert_uint_eq(cp, 0x65D7);
	ck_assert_uint_eq(le.cursor, 3);       /* after the character, not inside */
	ck_assert_int_eq(le_cursor_column(&le), 2);
	/* a kill that joins fragments leaves the cursor on a boundary too */
	le_set(&le, "\xe6 \x97\x97", 4);
	le_apply(&le, LE_HOME);
	le_apply(&le, LE_RIGHT);
	le_apply(&le, LE_DELETE);              /* "\xe6\x97\x97" again */
	ck_assert_uint_eq(le.cursor, 3);
	le_done(&le);
}
END_TEST

/* The exact input libFuzzer reported (crash-99472b6a…). */
START_TEST(lineedit_fuzz_crash_99472b6a)
{
	static const unsigned char input[] = {
		0x68, 0x01, 0x68, 0x7a, 0x72, 0x6c, 0xe6, 0x97, 0x02, 0x17, 0x6c, 0xe6, 0x97,
		0x02, 0x17, 0xff, 0xf4, 0x6d, 0x6f, 0x65, 0x68, 0x6c,
	};
	struct lineedit le;
	size_t i = 0;
	uint32_t cp;

	le_init(&le, true);
	while (i < sizeof(input)) {
		if (input[i] < 0x20) {
			int op = le_op_for_control(input[i++]);
			if (op >= 0)
				le_apply(&le, (enum le_op)op);
		} else {
			size_t start = i;
			while (i < sizeof(input) && input[i] >= 0x20)
				i++;
			le_insert(&le, (const char *)input + start, i - start);
		}
		size_t pos = 0;
		while (pos < le.cursor)
			pos += utf8_decode(le_text(&le) + pos, le_len(&le) - pos, &cp);
		ck_assert_uint_eq(pos, le.cursor);
	}
	le_done(&le);
}
END_TEST

static Suite *fuzz_regressions_suite(void)
{
	Suite *s = suite_create("fuzz regressions");
	TCase *tc = tcase_create("core");
	setlocale(LC_ALL, "C.UTF-8");
	tcase_add_test(tc, lineedit_cursor_stays_on_boundary_after_joining_bytes);
	tcase_add_test(tc, lineedit_fuzz_crash_99472b6a);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(fuzz_regressions_suite)
