/* Unit tests for the status line's message fitting (ui/status_fit.c):
 * what explains a message stays whole, asides and later clauses give way
 * first, a field's refusal is cut rather than dropped, and a cut points to
 * :messages. */
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

/* A field's refusal ("field: reason") after the first clause is what the
 * message exists for: cut at a word's end rather than dropped, its name
 * and the head of its reason kept. Before, the clause went whole and the
 * line said only "the search text only excludes words (more: :messages)". */
START_TEST(a_field_refusal_is_cut_not_dropped)
{
	const char *search = "the search text only excludes words; query: needs at least one word that must "
			     "appear, not only -excluded ones";
	ck_fit(search, 80, "the search text only excludes words; query: needs at least one word that must…");
	/* with room for the pointer beside a long enough head */
	ck_fit(search, 110, search);
	ck_fit(search, 100, "the search text only excludes words; query: needs at least one word that must"
			    "…" MORE);
	/* the aside and the clauses after the field give way first */
	const char *intake = "the ticket was not created; object_ids: must be a positive whole number "
			     "(Object IDs must be positive whole numbers; \"12a\" is not); title: is required";
	ck_fit(intake, 80, "the ticket was not created; object_ids: must be a positive whole number");
	ck_fit(intake, 90, "the ticket was not created; object_ids: must be a positive whole number" MORE);
	ck_fit(intake, 60, "the ticket was not created; object_ids: must be a positive…");
	/* a clause between the first and the field's gives way before it */
	ck_fit("the form was not sent; the server refused it after a long wait; Object IDs: must be a positive "
	       "whole number", 70,
	       "the form was not sent; Object IDs: must be a positive whole number");
	/* too little room for the name and the reason's head: dropped */
	ck_fit(intake, 44, "the ticket was not created" MORE);
	/* in Spanish, a label of a few words */
	ck_fit("no se creó el ticket; IDs de objeto: deben ser números enteros positivos; Título: es obligatorio",
	       60, "no se creó el ticket; IDs de objeto: deben ser números…");
}
END_TEST

/* A field's refusal that is the first clause and too long keeps its name
 * and the head of its reason before the pointer to :messages does. */
START_TEST(a_first_field_refusal_keeps_its_reason_head)
{
	ck_fit("object_ids: must be a positive whole number (Object IDs must be positive whole numbers)", 40,
	       "object_ids: must be a positive whole…");
	/* mid-word when a word's end would keep too little of the reason */
	ck_fit("object_ids: must be a positive whole number; and then something much longer", 30,
	       "object_ids: must be a positiv…");
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
	tcase_add_test(tc, a_field_refusal_is_cut_not_dropped);
	tcase_add_test(tc, a_first_field_refusal_keeps_its_reason_head);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(status_fit_suite)
