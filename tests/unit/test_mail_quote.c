/* Unit tests for util/mail_quote: the quoted history that ends a
 * customer's reply as Gmail, Thunderbird, Apple Mail and Outlook write it,
 * in English and Spanish, found; interleaved answers, all-quote mail,
 * a single quoted line and headers written inside the words left alone. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "testdb.h"
#include "util/mail_quote.h"

/* The new words and the history of text, as the ticket shows them. */
static char mine[4096], history[4096];
static int hidden;

static bool split(const char *text)
{
	struct mail_quote q;
	mine[0] = history[0] = '\0';
	hidden = 0;
	if (!mail_quote_find(text, &q))
		return false;
	ck_assert_uint_le(q.end, q.start);
	memcpy(mine, text, q.end);
	mine[q.end] = '\0';
	strcpy(history, text + q.start);
	hidden = q.lines;
	return true;
}

START_TEST(gmail_attribution_and_quote)
{
	ck_assert(split("Thanks, that is good news. Will the refund be automatic?\n\nFarid\n\n"
			"On Wed, Dec 2, 2026 at 00:00, Client Services <support@desk.example> wrote:\n"
			"> Hello Farid,\n>\n> A fix ships tomorrow.\n>\n> -- \n> Client Services\n"));
	ck_assert_str_eq(mine, "Thanks, that is good news. Will the refund be automatic?\n\nFarid");
	ck_assert(strncmp(history, "On Wed, Dec 2", 13) == 0);
	ck_assert_int_eq(hidden, 7);
}
END_TEST

START_TEST(wrapped_attribution)
{
	ck_assert(split("It works now.\n\nOn Wed, Dec 2, 2026 at 12:00 AM Client Services <\n"
			"support@desk.example> wrote:\n\n> Hello\n> there\n\n"));
	ck_assert_str_eq(mine, "It works now.");
	ck_assert(strncmp(history, "On Wed", 6) == 0);
	ck_assert_int_eq(hidden, 5);
}
END_TEST

START_TEST(spanish_gmail)
{
	ck_assert(split("Gracias, lo probamos hoy.\n\n"
			"El mi\xc3\xa9, 2 dic 2026 a las 0:00, Client Services (<support@desk.example>) escribi\xc3\xb3:\n"
			"> Hola Farid:\n> El arreglo sale ma\xc3\xb1" "ana.\n"));
	ck_assert_str_eq(mine, "Gracias, lo probamos hoy.");
	ck_assert(strncmp(history, "El mi", 5) == 0);
	ck_assert_int_eq(hidden, 3);
}
END_TEST

START_TEST(quote_without_attribution)
{
	ck_assert(split("Still broken.\n\n> Please try again\n> and tell us\n"));
	ck_assert_str_eq(mine, "Still broken.");
	ck_assert_str_eq(history, "> Please try again\n> and tell us\n");
	ck_assert_int_eq(hidden, 2);
}
END_TEST

START_TEST(outlook_rule_and_headers)
{
	ck_assert(split("See the attached report.\r\n\r\nRegards,\r\nAna\r\n\r\n"
			"________________________________\r\n"
			"From: Client Services <support@desk.example>\r\n"
			"Sent: Wednesday, December 2, 2026 12:00 AM\r\n"
			"To: Ana Ruiz <ana@customer.example>\r\n"
			"Subject: [#5] Campaign\r\n\r\nHello Ana,\r\nwe need the report.\r\n"));
	ck_assert_str_eq(mine, "See the attached report.\r\n\r\nRegards,\r\nAna");
	ck_assert(strncmp(history, "______", 6) == 0);
	ck_assert_int_eq(hidden, 8);
}
END_TEST

START_TEST(outlook_original_message)
{
	ck_assert(split("Done.\n-----Original Message-----\nFrom: desk\nSent: today\nTo: me\nSubject: RE: [#5] x\n\nbody\n"));
	ck_assert_str_eq(mine, "Done.");
	ck_assert(strncmp(history, "-----Original", 13) == 0);
}
END_TEST

START_TEST(spanish_outlook_headers)
{
	ck_assert(split("Adjunto la captura.\n\nDe: Client Services <support@desk.example>\n"
			"Enviado: mi\xc3\xa9rcoles, 2 de diciembre de 2026 0:00\nPara: Ana\n"
			"Asunto: [#5] Campa\xc3\xb1" "a\n\nHola Ana\n"));
	ck_assert_str_eq(mine, "Adjunto la captura.");
	ck_assert(strncmp(history, "De: Client", 10) == 0);
	ck_assert_int_eq(hidden, 6);
}
END_TEST

START_TEST(nothing_to_fold)
{
	/* no quote at all */
	ck_assert(!split("The placement is blank again.\nSince 9:00.\n"));
	/* answers between the quoted questions: the customer's words */
	ck_assert(!split("> Which placement?\n4313526\n> Since when?\nThis morning.\n"));
	/* all quote, nothing of the customer's own */
	ck_assert(!split("> Hello\n> there\n"));
	ck_assert(!split("\n\nOn Tue, someone wrote:\n> Hello\n> there\n"));
	/* one quoted line saves no room */
	ck_assert(!split("Yes.\n\n> Is it fixed?\n"));
	/* header-like lines in the customer's words (no Sent: or Subject:) */
	ck_assert(!split("The mail we got read:\nFrom: billing\nTo: finance\n\nPlease check.\n"));
	/* a mail that opens with Outlook's block: nothing of their own before it */
	ck_assert(!split("From: a\nSent: b\nTo: c\nSubject: [#5] d\n\nforwarded text\n"));
	/* a vendor's mail forwarded inline below their words (no [#ID] in
	 * its subject): the customer's news, shown */
	ck_assert(!split("The vendor wrote us this:\n\n________________________________\nFrom: Vendor <v@x>\n"
			 "Sent: Monday\nTo: us\nSubject: Outage tonight\n\nAll ads stop at 22:00.\n"));
	ck_assert(!split("See below.\n-----Original Message-----\nFrom: v@x\nSent: today\nSubject: outage\n\nx\ny\n"));
	ck_assert(!split(""));
	ck_assert(!split(NULL));
}
END_TEST

START_TEST(interleaved_then_trailing_quote)
{
	/* answers in between, then the rest of the earlier mail unanswered:
	 * only the trailing quote folds */
	ck_assert(split("> Which placement?\n4313526\n\n> Regards,\n> Client Services\n"));
	ck_assert_str_eq(mine, "> Which placement?\n4313526");
	ck_assert_str_eq(history, "> Regards,\n> Client Services\n");
}
END_TEST

static Suite *mail_quote_suite(void)
{
	Suite *s = suite_create("mail quote");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, gmail_attribution_and_quote);
	tcase_add_test(tc, wrapped_attribution);
	tcase_add_test(tc, spanish_gmail);
	tcase_add_test(tc, quote_without_attribution);
	tcase_add_test(tc, outlook_rule_and_headers);
	tcase_add_test(tc, outlook_original_message);
	tcase_add_test(tc, spanish_outlook_headers);
	tcase_add_test(tc, nothing_to_fold);
	tcase_add_test(tc, interleaved_then_trailing_quote);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(mail_quote_suite)
