/* Unit tests for util/lineedit: a character (not a byte) per keystroke,
 * combining marks and wide characters, readline kills and yank, lines. */
#include <locale.h>
#include <string.h>

#include "testdb.h"
#include "util/lineedit.h"

static struct lineedit le;

static void setup(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	le_init(&le, false);
}

static void teardown(void)
{
	le_done(&le);
}

static void type(const char *s)
{
	le_insert(&le, s, strlen(s));
}

START_TEST(cursor_moves_by_character_not_byte)
{
	type("añ€😀z");  /* 1 + 2 + 3 + 4 + 1 bytes */
	ck_assert_uint_eq(le_len(&le), 11);
	ck_assert_uint_eq(le_chars(&le), 5);
	size_t expect[] = { 10, 6, 3, 1, 0 };
	for (int i = 0; i < 5; i++) {
		ck_assert_int_eq(le_apply(&le, LE_LEFT), LE_MOVED);
		ck_assert_uint_eq(le.cursor, expect[i]);
	}
	ck_assert_int_eq(le_apply(&le, LE_LEFT), LE_NONE);
	le_apply(&le, LE_RIGHT);
	le_apply(&le, LE_RIGHT);
	ck_assert_uint_eq(le.cursor, 3);
	/* backspace removes the whole ñ, delete the whole € */
	ck_assert_int_eq(le_apply(&le, LE_BACKSPACE), LE_CHANGED);
	ck_assert_str_eq(le_text(&le), "a€😀z");
	ck_assert_int_eq(le_apply(&le, LE_DELETE), LE_CHANGED);
	ck_assert_str_eq(le_text(&le), "a😀z");
	type("é");
	ck_assert_str_eq(le_text(&le), "aé😀z");
	ck_assert_uint_eq(le.cursor, 3);
}
END_TEST

START_TEST(combining_marks_move_with_their_base)
{
	type("e\xcc\x81x");  /* e + COMBINING ACUTE + x */
	le_apply(&le, LE_LEFT);
	ck_assert_uint_eq(le.cursor, 3);
	le_apply(&le, LE_LEFT);
	ck_assert_uint_eq(le.cursor, 0);
	le_apply(&le, LE_RIGHT);
	ck_assert_uint_eq(le.cursor, 3);
	le_apply(&le, LE_BACKSPACE);
	ck_assert_str_eq(le_text(&le), "x");
}
END_TEST

START_TEST(wide_characters_take_two_cells)
{
	type("日本語");
	ck_assert_int_eq(le_cursor_column(&le), 6);
	le_apply(&le, LE_LEFT);
	ck_assert_int_eq(le_cursor_column(&le), 4);
	le_apply(&le, LE_HOME);
	ck_assert_int_eq(le_cursor_column(&le), 0);
	type("a");
	ck_assert_int_eq(le_cursor_column(&le), 1);
	ck_assert_str_eq(le_text(&le), "a日本語");
	/* a control character pasted in is shown escaped: its cells count */
	le_apply(&le, LE_END);
	type("\x1b");
	ck_assert_int_eq(le_cursor_column(&le), 9);
}
END_TEST

START_TEST(kill_and_yank)
{
	type("one two three");
	ck_assert_int_eq(le_apply(&le, LE_KILL_WORD), LE_CHANGED);
	ck_assert_str_eq(le_text(&le), "one two ");
	ck_assert_str_eq(le.kill, "three");
	/* consecutive backward kills collect in order */
	le_apply(&le, LE_KILL_WORD);
	ck_assert_str_eq(le_text(&le), "one ");
	ck_assert_str_eq(le.kill, "two three");
	le_apply(&le, LE_HOME);
	ck_assert_int_eq(le_apply(&le, LE_YANK), LE_CHANGED);
	ck_assert_str_eq(le_text(&le), "two threeone ");
	/* Ctrl-K kills to the end, Ctrl-U to the start */
	le_apply(&le, LE_LEFT);
	le_apply(&le, LE_LEFT);
	ck_assert_int_eq(le_apply(&le, LE_KILL_TO_END), LE_CHANGED);
	ck_assert_str_eq(le_text(&le), "two thr");
	ck_assert_str_eq(le.kill, "eeone ");
	le_apply(&le, LE_LEFT);
	le_apply(&le, LE_KILL_TO_START);
	ck_assert_str_eq(le_text(&le), "r");
	ck_assert_str_eq(le.kill, "two th");
	le_apply(&le, LE_END);
	le_apply(&le, LE_YANK);
	le_apply(&le, LE_YANK);
	ck_assert_str_eq(le_text(&le), "rtwo thtwo th");
	/* killing nothing keeps the buffer */
	le_apply(&le, LE_KILL_TO_END);
	ck_assert_str_eq(le.kill, "two th");
	/* multibyte words */
	le_set(&le, "Grüße 日本", strlen("Grüße 日本"));
	le_apply(&le, LE_KILL_WORD);
	ck_assert_str_eq(le.kill, "日本");
	ck_assert_str_eq(le_text(&le), "Grüße ");
}
END_TEST

START_TEST(control_keys_map_to_readline_operations)
{
	ck_assert_int_eq(le_op_for_control(1), LE_HOME);
	ck_assert_int_eq(le_op_for_control(5), LE_END);
	ck_assert_int_eq(le_op_for_control(2), LE_LEFT);
	ck_assert_int_eq(le_op_for_control(6), LE_RIGHT);
	ck_assert_int_eq(le_op_for_control(21), LE_KILL_TO_START);
	ck_assert_int_eq(le_op_for_control(11), LE_KILL_TO_END);
	ck_assert_int_eq(le_op_for_control(23), LE_KILL_WORD);
	ck_assert_int_eq(le_op_for_control(25), LE_YANK);
	ck_assert_int_eq(le_op_for_control(19), -1); /* Ctrl-S belongs to the form */
}
END_TEST

START_TEST(single_line_has_no_line_breaks)
{
	type("a\nb");
	ck_assert_str_eq(le_text(&le), "a b");
	ck_assert_int_eq(le_apply(&le, LE_NEWLINE), LE_NONE);
	ck_assert_uint_eq(le_lines(&le), 1);
	ck_assert_int_eq(le_apply(&le, LE_UP), LE_NONE);
}
END_TEST

/* A NUL byte (a damaged draft, a paste) is shown, never cuts the text. */
START_TEST(nul_bytes_are_shown_not_cutting)
{
	static const char in[] = "kept\0also kept";
	le_insert(&le, in, sizeof(in) - 1);
	ck_assert_str_eq(le_text(&le), "kept\xe2\x90\x80" "also kept");
	ck_assert_uint_eq(le_len(&le), strlen(le_text(&le)));
	ck_assert_uint_eq(le.cursor, le_len(&le));
	/* the symbol is one character: one Backspace removes it */
	le.cursor = strlen("kept\xe2\x90\x80");
	le_apply(&le, LE_BACKSPACE);
	ck_assert_str_eq(le_text(&le), "keptalso kept");
	struct lineedit ml;
	le_init(&ml, true);
	le_set(&ml, "a\0\nb\0", 5);
	ck_assert_str_eq(le_text(&ml), "a\xe2\x90\x80" "\nb\xe2\x90\x80");
	le_done(&ml);
}
END_TEST

START_TEST(multi_line_editing)
{
	le_done(&le);
	le_init(&le, true);
	type("first line");
	le_apply(&le, LE_NEWLINE);
	type("日本");
	le_apply(&le, LE_NEWLINE);
	type("third");
	ck_assert_uint_eq(le_lines(&le), 3);
	ck_assert_uint_eq(le_cursor_row(&le), 2);
	/* Home/End stay on the current line */
	le_apply(&le, LE_HOME);
	ck_assert_int_eq(le_cursor_column(&le), 0);
	ck_assert_uint_eq(le_cursor_row(&le), 2);
	le_apply(&le, LE_END);
	ck_assert_int_eq(le_cursor_column(&le), 5);
	/* up keeps the column in cells: 5 cells lands after 日本 (4) */
	le_apply(&le, LE_UP);
	ck_assert_uint_eq(le_cursor_row(&le), 1);
	ck_assert_int_eq(le_cursor_column(&le), 4);
	le_apply(&le, LE_UP);
	ck_assert_int_eq(le_cursor_column(&le), 4);
	ck_assert_int_eq(le_apply(&le, LE_UP), LE_NONE);
	/* Ctrl-K at the end of a line joins the next one */
	le_apply(&le, LE_END);
	le_apply(&le, LE_KILL_TO_END);
	ck_assert_str_eq(le_text(&le), "first line日本\nthird");
	size_t s, e;
	ck_assert(le_line(&le, 1, &s, &e));
	ck_assert_uint_eq(e - s, 5);
	ck_assert(!le_line(&le, 2, &s, &e));
	le_apply(&le, LE_DOWN);
	ck_assert_uint_eq(le_cursor_row(&le), 1);
	ck_assert_int_eq(le_cursor_column(&le), 5);
}
END_TEST

START_TEST(invalid_bytes_are_kept_and_stepped_one_at_a_time)
{
	le_set(&le, "a\xff\xc3", 3);
	ck_assert_uint_eq(le_len(&le), 3);
	le_apply(&le, LE_LEFT);
	ck_assert_uint_eq(le.cursor, 2);
	le_apply(&le, LE_LEFT);
	ck_assert_uint_eq(le.cursor, 1);
	le_apply(&le, LE_DELETE);
	ck_assert_uint_eq(le_len(&le), 2);
	ck_assert_int_eq(memcmp(le_text(&le), "a\xc3", 2), 0);
}
END_TEST

START_TEST(word_moves)
{
	type("alpha  beta gamma");
	le_apply(&le, LE_WORD_LEFT);
	ck_assert_uint_eq(le.cursor, 12);
	le_apply(&le, LE_WORD_LEFT);
	ck_assert_uint_eq(le.cursor, 7);
	le_apply(&le, LE_WORD_RIGHT);
	ck_assert_uint_eq(le.cursor, 11);
}
END_TEST

START_TEST(offset_for_cells_scrolls_by_whole_characters)
{
	type("ab日本cd");
	ck_assert_uint_eq(le_offset_for_cells(&le, 0, 0), 0);
	ck_assert_uint_eq(le_offset_for_cells(&le, 0, 2), 2);
	/* 3 cells fall inside 日: the scroll starts after it, never halfway */
	ck_assert_uint_eq(le_offset_for_cells(&le, 0, 3), 5);
	ck_assert_uint_eq(le_offset_for_cells(&le, 0, 4), 5);
	ck_assert_uint_eq(le_offset_for_cells(&le, 0, 99), le_len(&le));
}
END_TEST

/* A paste comes one character at a time (ui/input.c): inserting whole
 * characters costs their size, not the text's (a 400,000-character paste
 * took minutes when every insertion copied and re-walked the line), and
 * bytes that join with an invalid one before the cursor still move it to
 * the boundary. */
START_TEST(pasting_one_character_at_a_time_stays_linear)
{
	for (int i = 0; i < 400000; i++)
		type(i % 2 ? "é" : "a");
	ck_assert_uint_eq(le_len(&le), 600000);
	ck_assert_uint_eq(le.cursor, 600000);
	le_apply(&le, LE_HOME);
	type("\x1b");
	ck_assert_uint_eq(le.cursor, 1);
	ck_assert_int_eq(memcmp(le_text(&le), "\x1b" "a\xc3\xa9", 4), 0);
	le_set(&le, "x\xc3", 2);
	type("\xa9");   /* \xc3\xa9 is é: the cursor ends after it */
	ck_assert_uint_eq(le.cursor, 3);
	le_apply(&le, LE_LEFT);
	ck_assert_uint_eq(le.cursor, 1);
}
END_TEST

static Suite *lineedit_suite(void)
{
	Suite *s = suite_create("lineedit");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, cursor_moves_by_character_not_byte);
	tcase_add_test(tc, combining_marks_move_with_their_base);
	tcase_add_test(tc, wide_characters_take_two_cells);
	tcase_add_test(tc, kill_and_yank);
	tcase_add_test(tc, control_keys_map_to_readline_operations);
	tcase_add_test(tc, single_line_has_no_line_breaks);
	tcase_add_test(tc, nul_bytes_are_shown_not_cutting);
	tcase_add_test(tc, multi_line_editing);
	tcase_add_test(tc, invalid_bytes_are_kept_and_stepped_one_at_a_time);
	tcase_add_test(tc, word_moves);
	tcase_add_test(tc, offset_for_cells_scrolls_by_whole_characters);
	tcase_add_test(tc, pasting_one_character_at_a_time_stays_linear);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(lineedit_suite)
