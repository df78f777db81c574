/* Unit tests for model/mail_notes: the notes kept with a received mail
 * (sql/632) in words, in order, under the text (the parser's notes of
 * depth, of a lone calendar invitation and of long headers too); a long
 * name in UTF-8 whole; a note ticketty does not know left out; no notes,
 * no change. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "model/mail_notes.h"
#include "testdb.h"
#include "util/xalloc.h"

START_TEST(notes_in_order_under_the_text)
{
	char *text = xstrdup("Hello.\n\n");
	mail_notes_append(&text, "mime_broken\x1f\x1f\x1f\x1f\x1f\x1e"
				 "someday\x1f\x1f\x1f\x1f\x1f\x1e"
				 "file_too_large\x1f" "big.pdf\x1f" "10\x1f" "4\x1f\x1f\x1e"
				 "cut\x1f\x1f\x1f\x1f" "150000\x1f" "7");
	ck_assert_str_eq(text,
		"Hello.\n\n"
		"[this mail's MIME structure is broken: its text was read as it came; the raw message is kept whole]\n"
		"[attachment \"big.pdf\" (10 bytes) is larger than the limit of 4 bytes: it was not stored separately"
		" and stays in the raw message]\n"
		"[cut here: the mail's text is 150000 characters long; all of it is kept with inbound mail 7:"
		" ticketty inbox show 7]");
	free(text);
}
END_TEST

START_TEST(long_name_whole_and_nothing_to_say)
{
	/* 255 characters of three bytes each */
	char name[766];
	for (int i = 0; i < 255; i++)
		memcpy(name + 3 * i, "\xe2\x82\xac", 3);
	name[765] = '\0';
	char *flat = xasprintf("file_too_large\x1f%s\x1f" "9\x1f" "4\x1f\x1f", name);
	char *text = xstrdup("");
	mail_notes_append(&text, flat);
	ck_assert_ptr_nonnull(strstr(text, name));
	ck_assert_int_eq(strncmp(text, "[attachment", 11), 0);
	free(text);
	free(flat);
	/* no notes, an unknown one alone, no text: nothing changes */
	text = xstrdup("Hi.");
	mail_notes_append(&text, NULL);
	mail_notes_append(&text, "");
	mail_notes_append(&text, "someday\x1f\x1f\x1f\x1f\x1f");
	ck_assert_str_eq(text, "Hi.");
	free(text);
	char *none = NULL;
	mail_notes_append(&none, "mime_broken\x1f\x1f\x1f\x1f\x1f");
	ck_assert_ptr_null(none);
}
END_TEST

/* The notes the parser makes besides a broken structure: parts nested
 * too deep, a mail that is only a calendar invitation (a text that is
 * empty gets the words alone), headers too long to read whole */
START_TEST(deep_and_calendar_notes)
{
	char *text = xstrdup("");
	mail_notes_append(&text, "mime_deep\x1f\x1f\x1f\x1f\x1f\x1e" "calendar_only\x1f\x1f\x1f\x1f\x1f\x1e"
				 "header_too_long\x1f\x1f\x1f\x1f\x1f");
	ck_assert_str_eq(text,
		"[this mail's MIME parts are nested more than 1024 levels deep: the parts below were read again on"
		" their own, those more than 2048 levels deep as plain text; the raw message is kept whole]\n"
		"[this mail holds only a calendar invitation, no text: it is kept as an attachment]\n"
		"[some of this mail's headers are too long to read whole: only their start was read (its subject or"
		" sender may be cut short); the raw message is kept whole]");
	free(text);
	char *json = mail_notes_words_json();
	ck_assert_ptr_nonnull(strstr(json, "\"mime_deep\": \"[this mail's MIME parts"));
	ck_assert_ptr_nonnull(strstr(json, "\"calendar_only\": \"[this mail holds only"));
	ck_assert_ptr_nonnull(strstr(json, "\"header_too_long\": \"[some of this mail's headers"));
	free(json);
}
END_TEST

static Suite *mail_notes_suite(void)
{
	Suite *s = suite_create("mail_notes");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, notes_in_order_under_the_text);
	tcase_add_test(tc, long_name_whole_and_nothing_to_say);
	tcase_add_test(tc, deep_and_calendar_notes);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(mail_notes_suite)
