/* Unit tests for util/text: UTF-8 decoding, width, sanitising, fitting. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "testdb.h"
#include "util/text.h"
#include "util/xalloc.h"

static char *fit(const char *s, int w, int flags)
{
	static struct strbuf sb;
	if (!sb.buf)
		sb_init(&sb);
	sb_reset(&sb);
	text_fit(&sb, s, w, flags);
	return sb.buf;
}

static char *clean(const char *s, int flags)
{
	static struct strbuf sb;
	if (!sb.buf)
		sb_init(&sb);
	sb_reset(&sb);
	text_sanitize(&sb, s, strlen(s), flags);
	return sb.buf;
}

START_TEST(decode_rejects_malformed)
{
	uint32_t cp;
	ck_assert_uint_eq(utf8_decode("\xc3\xa9", 2, &cp), 2);
	ck_assert_uint_eq(cp, 0xE9);
	ck_assert_uint_eq(utf8_decode("\xc0\xaf", 2, &cp), 1);   /* overlong */
	ck_assert_uint_eq(cp, TEXT_INVALID);
	ck_assert_uint_eq(utf8_decode("\xed\xa0\x80", 3, &cp), 1); /* surrogate */
	ck_assert_uint_eq(cp, TEXT_INVALID);
	ck_assert_uint_eq(utf8_decode("\xe2\x82", 2, &cp), 1);   /* truncated */
	ck_assert(!utf8_valid("a\xff", 2));
	ck_assert(utf8_valid("日本語", strlen("日本語")));
}
END_TEST

START_TEST(width_counts_cells)
{
	ck_assert_int_eq(text_width("abc"), 3);
	ck_assert_int_eq(text_width("日本"), 4);
	ck_assert_int_eq(text_width("e\xcc\x81"), 1);   /* e + combining acute */
	ck_assert_int_eq(text_width_n("日本語", 6), 4);   /* the first two characters */
	ck_assert_int_eq(text_width_n("abc", 0), 0);
	ck_assert_int_eq(text_width("\xf0\x9f\x98\x80"), 2); /* emoji */
}
END_TEST

START_TEST(sanitize_escapes_controls)
{
	ck_assert_str_eq(clean("a\x1b]0;x\x07z", 0), "a^[]0;x^Gz");
	ck_assert_str_eq(clean("\x1b[2J", 0), "^[[2J");
	ck_assert_str_eq(clean("x\ry\bz", 0), "x^My^Hz");
	ck_assert_str_eq(clean("\x9b", 0), "\\x9B");            /* raw C1 byte */
	ck_assert_str_eq(clean("\xc2\x9b", 0), "<U+009B>");     /* encoded C1 */
	ck_assert_str_eq(clean("\xe2\x80\xae" "abc", 0), "<U+202E>abc"); /* RLO */
	ck_assert_str_eq(clean("a\nb", TEXT_MULTILINE), "a\nb");
	ck_assert_str_eq(clean("caf\xc3\xa9", TEXT_ASCII), "caf<U+00E9>");
}
END_TEST

START_TEST(fit_pads_and_cuts_on_characters)
{
	ck_assert_str_eq(fit("abc", 5, 0), "abc  ");
	ck_assert_str_eq(fit("abcdef", 4, 0), "abc\xe2\x80\xa6");
	ck_assert_str_eq(fit("abcdef", 4, TEXT_ASCII), "abc~");
	/* a wide character never gets split: 日本語 is 6 cells */
	ck_assert_str_eq(fit("日本語", 4, 0), "日 \xe2\x80\xa6");
	ck_assert_int_eq(text_width(fit("日本語x", 5, 0)), 5);
	/* combining mark stays with its base */
	ck_assert_str_eq(fit("e\xcc\x81tude", 3, 0), "e\xcc\x81t\xe2\x80\xa6");
	ck_assert_int_eq(text_width(fit("\x1b[2Jhello", 6, 0)), 6);
}
END_TEST

START_TEST(pad_counts_cells_and_never_cuts)
{
	struct strbuf sb;
	sb_init(&sb);
	text_pad(&sb, "Resolución", 12, 0);
	ck_assert_str_eq(sb.buf, "Resolución  ");
	ck_assert_int_eq(text_width(sb.buf), 12);
	sb_reset(&sb);
	text_pad(&sb, "Actualización al cliente", 12, 0);
	ck_assert_str_eq(sb.buf, "Actualización al cliente");
	sb_reset(&sb);
	text_pad(&sb, "a\x1b[31m", 6, 0);
	ck_assert_str_eq(sb.buf, "a^[[31m");
	sb_done(&sb);
}
END_TEST

START_TEST(wrap_breaks_between_words)
{
	/* "the service" at 8 cells: never "the serv/ice" */
	ck_assert_uint_eq(text_wrap_line("the service is down", 8), 3);
	ck_assert_uint_eq(text_wrap_line("the service is down", 11), 11);
	ck_assert_uint_eq(text_wrap_line("the service is down", 12), 11);
	ck_assert_uint_eq(text_wrap_line("short", 10), 5);
	/* a word longer than the line is cut, never an empty line */
	ck_assert_uint_eq(text_wrap_line("abcdefghij", 4), 4);
	/* a word longer than the line breaks after a separator, not inside a name */
	ck_assert_uint_eq(text_wrap_line("close|reopen|link|unlink", 16), 13);
	/* a URL only where the line is full, never at its hyphens or slashes */
	ck_assert_uint_eq(text_wrap_line("https://files.example/T1-1.png", 20), 20);
	ck_assert_uint_eq(text_wrap_line("files.example/T1-1.png", 20), 17);
	ck_assert_uint_eq(text_wrap_line("|abcdefgh", 4), 4);
	ck_assert_uint_eq(text_wrap_line("  lead", 1), 1);
	/* cells, not bytes: "caída del" at 6 cells breaks after "caída" */
	ck_assert_uint_eq(text_wrap_line("ca\xc3\xad" "da del", 6), 6);
}
END_TEST

static void collect(void *arg, const char *line)
{
	struct strbuf *sb = arg;
	sb_add(sb, line);
	sb_addc(sb, '|');
}

/* text_wrap: continuation lines hang under a field's value, or two cells
 * in from the line's own indent; the pager and `ticket show` share it */
START_TEST(wrap_hangs_continuations)
{
	struct strbuf sb;
	sb_init(&sb);
	/* a "label  value" line: under the value */
	ck_assert_int_eq(text_hang("Impact  the home page is blank", 30), 8);
	text_wrap("Impact  the home page is blank", 24, collect, &sb);
	ck_assert_str_eq(sb.buf, "Impact  the home page is|        blank|");
	/* the same at 20 cells: the value would start past a third, so two cells */
	sb_reset(&sb);
	text_wrap("Impact  the home page is blank", 20, collect, &sb);
	ck_assert_str_eq(sb.buf, "Impact  the home|  page is blank|");
	/* an indented paragraph: two cells further in */
	sb_reset(&sb);
	ck_assert_int_eq(text_hang("  one two three four", 30), 4);
	text_wrap("  one two three four", 12, collect, &sb);
	ck_assert_str_eq(sb.buf, "  one two|    three|    four|");
	/* a gap past the first third of the width is prose, not a label */
	ck_assert_int_eq(text_hang("A sentence ends.  Another", 30), 2);
	/* no room for a hang at all: none */
	ck_assert_int_eq(text_hang("    x", 6), 0);
	/* a URL too long for the value's column: a line of its own at the
	 * margin, whole, the next value hung again */
	sb_reset(&sb);
	text_wrap("Shots  https://cdn.example/ad-render-1.png, https://x.example/a-b.png", 40, collect, &sb);
	ck_assert_str_eq(sb.buf, "Shots|https://cdn.example/ad-render-1.png,|       https://x.example/a-b.png|");
	/* longer than the width: cut only where each line is full */
	sb_reset(&sb);
	text_wrap("Shots  https://cdn.example/ad-render-broken-on-sports-1.png", 20, collect, &sb);
	ck_assert_str_eq(sb.buf, "Shots|https://cdn.example/|ad-render-broken-on-|sports-1.png|");
	/* an empty line is one empty line */
	sb_reset(&sb);
	text_wrap("", 10, collect, &sb);
	ck_assert_str_eq(sb.buf, "|");
	sb_done(&sb);
}
END_TEST

/* A text that says nothing: spaces, tabs and line ends only (NULL too),
 * Unicode spaces included (a no-break space, U+3000, a zero-width space:
 * intake_blank in 510 agrees); anything else (a vertical tab, a letter
 * after them) says something. */
START_TEST(blank_is_whitespace_only)
{
	ck_assert(text_blank(NULL));
	ck_assert(text_blank(""));
	ck_assert(text_blank(" \t\r\n \n"));
	ck_assert(!text_blank("  x "));
	ck_assert(text_blank("\xc2\xa0"));
	ck_assert(text_blank(" \xe3\x80\x80\xe2\x80\x8b "));
	ck_assert(!text_blank("\xc2\xa0x"));
	ck_assert(!text_blank("\v"));
	ck_assert(text_blank_n("\xc2\xa0x", 2));
	ck_assert(!text_blank_n("\xc2", 1));   /* a cut character is not a space */
}
END_TEST

/* Matching ignores case and accents ("nandu" finds "Compañía Ñandú"),
 * one code point to one, and folds as SQL's translate() with the table. */
START_TEST(fold_ignores_case_and_accents)
{
	struct strbuf sb;
	sb_init(&sb);
	text_fold(&sb, "Compañía ÑANDÚ Publicación ŁÓDŹ Æsir Straße ×");
	ck_assert_str_eq(sb.buf, "compania nandu publicacion lodz æsir straße ×");
	sb_reset(&sb);
	text_fold(&sb, "bad \xff byte");
	ck_assert_str_eq(sb.buf, "bad \xff byte");
	sb_done(&sb);
	ck_assert(text_fold_contains("Compañía Ñandú Publicidad", "nandu"));
	ck_assert(text_fold_contains("Compañía Ñandú Publicidad", "ÑAND"));
	ck_assert(text_fold_contains("Problema de publicación de anuncios", "PUBLICACIÓN"));
	ck_assert(text_fold_contains("Problema de publicación de anuncios", "publicacion"));
	ck_assert(text_fold_contains("Zeta", ""));
	ck_assert(text_fold_contains(NULL, ""));
	ck_assert(!text_fold_contains(NULL, "a"));
	ck_assert(!text_fold_contains("Compañía", "campa"));
	/* beyond Latin: lower case only (C.UTF-8) */
	ck_assert(text_fold_contains("ΑΘΗΝΑ", "αθ"));
	ck_assert_uint_eq(text_fold_cp(0x130), 'i');   /* İ */
	ck_assert_uint_eq(text_fold_cp(0xD7), 0xD7);   /* × is no letter */
	/* the SQL table: one character for one, every one folded by text_fold */
	const char *from, *to;
	text_fold_table(&from, &to);
	ck_assert_uint_eq(utf8_length(from, strlen(from)), utf8_length(to, strlen(to)));
	ck_assert(strstr(from, "Ñ") && strstr(from, "ñ") && strstr(from, "Ó") && !strstr(from, "×"));
	for (size_t i = 0, j = 0; from[i];) {
		uint32_t a, b;
		i += utf8_decode(from + i, strlen(from + i), &a);
		j += utf8_decode(to + j, strlen(to + j), &b);
		ck_assert_uint_eq(text_fold_cp(a), b);
	}
}
END_TEST

/* Emoji joined by U+200D and characters given a presentation by U+FE0E /
 * U+FE0F: terminals draw them at widths wcwidth does not give, so the
 * joiner and the selectors are dropped and every code point left takes
 * the cells wcwidth says; width, fitting and the text shown agree. */
START_TEST(joiners_and_selectors_are_dropped)
{
	const char *family = "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d"
			     "\xf0\x9f\x91\xa7\xe2\x80\x8d\xf0\x9f\x91\xa6 family"; /* 👩‍👩‍👧‍👦 family */
	const char *apart = "\xf0\x9f\x91\xa9\xf0\x9f\x91\xa9\xf0\x9f\x91\xa7\xf0\x9f\x91\xa6 family";
	const char *heart = "\xe2\x9d\xa4\xef\xb8\x8f";   /* ❤️ */
	ck_assert_int_eq(text_cp_width(0x200D), 0);
	ck_assert_int_eq(text_cp_width(0xFE0E), 0);
	ck_assert_int_eq(text_cp_width(0xFE0F), 0);
	/* what reaches the terminal: the four people, no joiners */
	ck_assert_str_eq(clean(family, 0), apart);
	ck_assert_int_eq(text_width(clean(family, 0)), 15);
	ck_assert_int_eq(text_width(family), 15);
	ck_assert_str_eq(clean(heart, 0), "\xe2\x9d\xa4");
	ck_assert_int_eq(text_width(clean(heart, 0)), 1);
	ck_assert_int_eq(text_width(heart), 1);
	ck_assert_str_eq(clean("\xe2\x9d\xa4\xef\xb8\x8e x", 0), "\xe2\x9d\xa4 x"); /* U+FE0E */
	ck_assert_str_eq(clean(heart, TEXT_ASCII), "<U+2764>");
	ck_assert_str_eq(clean(family, TEXT_ASCII), "<U+1F469><U+1F469><U+1F467><U+1F466> family");
	/* a queue cell keeps its "…" and its width */
	ck_assert_str_eq(fit(family, 12, 0),
			 "\xf0\x9f\x91\xa9\xf0\x9f\x91\xa9\xf0\x9f\x91\xa7\xf0\x9f\x91\xa6 fa\xe2\x80\xa6");
	ck_assert_int_eq(text_width(fit(family, 12, 0)), 12);
	ck_assert_str_eq(fit(family, 5, 0), "\xf0\x9f\x91\xa9\xf0\x9f\x91\xa9\xe2\x80\xa6");
	ck_assert_str_eq(fit("\xe2\x9d\xa4\xef\xb8\x8f love it", 4, 0), "\xe2\x9d\xa4 l\xe2\x80\xa6");
	ck_assert_str_eq(fit(heart, 3, 0), "\xe2\x9d\xa4  ");
	struct strbuf sb;
	sb_init(&sb);
	text_pad(&sb, heart, 3, 0);
	ck_assert_str_eq(sb.buf, "\xe2\x9d\xa4  ");
	sb_done(&sb);
}
END_TEST

/* A combining mark that opens a text (a title of "\u0301abc" from a
 * customer's mail) would join the cell before it on the screen, another
 * column's last letter: it is drawn on a dotted circle (U+25CC) that
 * takes its own cell. Inside a word, or after a newline in multiline
 * text, it stays a mark on its letter. */
START_TEST(leading_combining_mark_gets_a_base)
{
	const char *acute = "\xcc\x81";                /* U+0301 */
	const char *circle = "\xe2\x97\x8c";          /* U+25CC */
	char *want = xasprintf("%s%sabc", circle, acute);
	ck_assert_str_eq(clean("\xcc\x81" "abc", 0), want);
	ck_assert_int_eq(text_width(clean("\xcc\x81" "abc", 0)), 4);
	free(want);
	/* its letter's mark: unchanged */
	ck_assert_str_eq(clean("cafe\xcc\x81", 0), "cafe\xcc\x81");
	/* each line of a multiline text */
	want = xasprintf("x\n%s%sy", circle, acute);
	ck_assert_str_eq(clean("x\n\xcc\x81y", TEXT_MULTILINE), want);
	free(want);
	/* a cell keeps its width with it */
	ck_assert_int_eq(text_width(fit("\xcc\x81" "abcdef", 4, 0)), 4);
	/* plain terminals see the escape, as for any non-ASCII character */
	ck_assert_str_eq(clean("\xcc\x81" "a", TEXT_ASCII), "<U+0301>a");
	(void)acute;
}
END_TEST

/* A line of an error or usage message that quotes a value pasted by the
 * kilobyte is shown by its two ends: short lines whole; a long one as its
 * first max/2 and last max/3 cells around an ellipsis. */
START_TEST(long_line_shown_by_its_ends)
{
	struct strbuf sb;
	sb_init(&sb);
	text_ends(&sb, "no agent 'bob'", 40, 0);
	ck_assert_str_eq(sb.buf, "no agent 'bob'");
	sb_reset(&sb);
	char *word = xcalloc(5001, 1);
	memset(word, 'x', 5000);
	char *line = xasprintf("no agent '%s' (agents: admin agent list)", word);
	text_ends(&sb, line, 120, 0);
	/* 60 cells, " … ", the last 40 */
	ck_assert_int_eq(text_width(sb.buf), 60 + 3 + 40);
	ck_assert_ptr_nonnull(strstr(sb.buf, "xx \xe2\x80\xa6 xx"));
	ck_assert(!strncmp(sb.buf, "no agent 'xxx", 13));
	const char *end = "' (agents: admin agent list)";
	ck_assert_str_eq(sb.buf + strlen(sb.buf) - strlen(end), end);
	sb_reset(&sb);
	text_ends(&sb, line, 120, TEXT_ASCII);
	ck_assert_ptr_nonnull(strstr(sb.buf, "xx ... xx"));
	free(line);
	free(word);
	sb_done(&sb);
}
END_TEST

/* A list cursor's numbers: exactly n, dot-joined, each may be negative. */
START_TEST(dotted_numbers)
{
	long long v[4];
	ck_assert(text_parse_dotted("1.2.-1795014000027666.50", v, 4));
	ck_assert_int_eq(v[0], 1);
	ck_assert_int_eq(v[2], -1795014000027666LL);
	ck_assert_int_eq(v[3], 50);
	ck_assert(!text_parse_dotted("1.2.3", v, 4));
	ck_assert(!text_parse_dotted("1.2.3.4.5", v, 4));
	ck_assert(!text_parse_dotted("1.2..4", v, 4));
	ck_assert(!text_parse_dotted("1.2.3.4x", v, 4));
	ck_assert(!text_parse_dotted(" 1.2.3.4", v, 4));
	ck_assert(!text_parse_dotted("1.2.3.99999999999999999999", v, 4));
	ck_assert(text_parse_dotted("7", v, 1));
}
END_TEST

static Suite *text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("core");
	setlocale(LC_ALL, "C.UTF-8");
	tcase_add_test(tc, decode_rejects_malformed);
	tcase_add_test(tc, width_counts_cells);
	tcase_add_test(tc, sanitize_escapes_controls);
	tcase_add_test(tc, fit_pads_and_cuts_on_characters);
	tcase_add_test(tc, joiners_and_selectors_are_dropped);
	tcase_add_test(tc, leading_combining_mark_gets_a_base);
	tcase_add_test(tc, long_line_shown_by_its_ends);
	tcase_add_test(tc, pad_counts_cells_and_never_cuts);
	tcase_add_test(tc, wrap_breaks_between_words);
	tcase_add_test(tc, wrap_hangs_continuations);
	tcase_add_test(tc, blank_is_whitespace_only);
	tcase_add_test(tc, dotted_numbers);
	tcase_add_test(tc, fold_ignores_case_and_accents);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(text_suite)
