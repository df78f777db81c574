/* Unit tests for the status line's message fitting (ui/status_fit.c):
 * what explains a message stays whole, asides and later clauses give way
 * first, and a cut points to :messages. */
#include <stdlib.h>
#include <string.h>

#include "testdb.h"
#include "ui/status_fit.h"
#include "util/i18n.h"
#include "util/text.h"

#define MORE " (more: :messages)"

static char *fit(const char *msg, int room)
{
	struct strbuf sb;
	sb_init(&sb);
	status_fit(&sb, msg, room, MORE, 0);
	ck_assert_msg(text_width(sb.buf) <= room, "%d cells in %d: '%s'", text_width(sb.buf), room, sb.buf);
	return sb_detach(&sb);
}

#define ck_fit(msg, room, want)                                        \
	do {                                                           \
		char *got_ = fit((msg), (room));                       \
		ck_assert_str_eq(got_, (want));                        \
		free(got_);                                            \
	} while (0)

START_TEST(a_message_that_fits_is_whole)
{
	ck_fit("ticket 4 acknowledged", 80, "ticket 4 acknowledged");
	ck_fit("exactly (ten)", 13, "exactly (ten)");
}
END_TEST

/* A held ticket's refusal with its kept text, at 80 columns, as the
 * escalations view words it: the aside gives way, the reason and the key
 * that sends the text stay. */
START_TEST(held_refusal_keeps_its_reason_at_80)
{
	ck_fit("ticket 1 is being changed in another session (waited 1.5 s, database.lock_timeout_ms): "
	       "try again; text kept: r sends it",
	       80, "ticket 1 is being changed in another session: try again; text kept: r sends it");
	ck_fit("otra sesión modifica el ticket 1 (se esperó 1,5 s, database.lock_timeout_ms): "
	       "inténtelo de nuevo; texto guardado: r lo envía",
	       80, "otra sesión modifica el ticket 1: inténtelo de nuevo; texto guardado: r lo envía");
	/* with room for the pointer too, it says where the rest is */
	ck_fit("ticket 1 is being changed in another session (waited 1.5 s, database.lock_timeout_ms): "
	       "try again",
	       80, "ticket 1 is being changed in another session: try again" MORE);
}
END_TEST

START_TEST(later_clauses_give_way_before_the_first_is_cut)
{
	const char *msg = "ticket 1234 is being changed in another session (waited 1.5 s, x): "
			  "try again; text kept: r sends it";
	ck_fit(msg, 80, "ticket 1234 is being changed in another session: try again" MORE);
	ck_fit(msg, 62, "ticket 1234 is being changed in another session: try again");
	/* the first clause alone too long: its end cut, the pointer after */
	ck_fit(msg, 50, "ticket 1234 is being changed in…" MORE);
	/* no room for the pointer: only the cut */
	ck_fit(msg, 20, "ticket 1234 is bein…");
}
END_TEST

START_TEST(unbalanced_or_leading_parentheses_stay)
{
	ck_fit("(draft) the reply is kept (open one; more text here", 40,
	       "(draft) the reply is kept (open one");
}
END_TEST

START_TEST(hostile_text_is_sanitised)
{
	char *got = fit("customer \x1b[31mred\x1b[0m says (\x07" "bell) hi; and more and more and more", 30);
	ck_assert_ptr_null(strchr(got, '\x1b'));
	ck_assert_ptr_null(strchr(got, '\x07'));
	free(got);
}
END_TEST

static Suite *status_fit_suite(void)
{
	Suite *s = suite_create("status_fit");
	TCase *tc = tcase_create("core");
	setenv("LC_ALL", "C.UTF-8", 1);
	i18n_init(NULL);
	tcase_add_test(tc, a_message_that_fits_is_whole);
	tcase_add_test(tc, held_refusal_keeps_its_reason_at_80);
	tcase_add_test(tc, later_clauses_give_way_before_the_first_is_cut);
	tcase_add_test(tc, unbalanced_or_leading_parentheses_stay);
	tcase_add_test(tc, hostile_text_is_sanitised);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(status_fit_suite)
