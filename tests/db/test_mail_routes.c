/* One mail brought by two routes is one mail (sql/985), through the real
 * binary's `mail receive`: Exim's pipe transport hands it over with an
 * mbox line "From sender date" before it and a line end after it
 * (message_prefix, message_suffix, on by default), a plain pipe, a
 * fetchmail or an admin's re-feed from a Maildir without them (the
 * Maildir's copy with the headers its delivery added), a saved .eml with
 * CRLF line ends: stored once, one message on the ticket, the raw kept as
 * the first delivery brought it; the same for a mail without a
 * Message-ID. What is dropped is only an mbox line, not a header field
 * named From; a mail stored before 985 is found the same way once `db
 * migrate` has made its digest and made-up ID again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "ticket_fixture.h"
#include "testdb.h"

#define MBOX_LINE "From carla@acme.example Sun Mar 14 06:59:50 2027\n"

static const char reply[] =
	"From: Carla <carla@acme.example>\nTo: support@desk.test\nSubject: Re: [#1] Ticket 1\n"
	"Message-ID: <routes-1@acme.example>\n\nStill dark.\n";

static const char no_id[] =
	"From: Carla <carla@acme.example>\nTo: support@desk.test\nSubject: Video ads do not play\n\n"
	"Our video ads stopped playing.\n";

static void setup(void)
{
	testdb_create();
	fixture_customer();
	testdb_agent("mail_alice", "engineer");
	testdb_agent("mail_bot", "admin");
	testdb_sql("INSERT INTO clock_pin (pinned_at, frozen) VALUES ('2027-03-14T06:59:50Z', true);"
		   "UPDATE mail_policy SET value = 'support@desk.test' WHERE key IN ('from_address', 'reply_to');"
		   "UPDATE mail_policy SET value = 'desk.test' WHERE key = 'message_id_domain';");
	fixture_tickets(1, "client_services");
}

/* `mail receive --verbose` of `mail`; its first line of output. */
static const char *receive(const char *mail)
{
	ck_assert_int_eq(testdb_cli("mail_bot", mail, "mail receive --verbose"), 0);
	return testdb_stdout();
}

static void expect_redelivery(const char *mail, const char *route)
{
	const char *out = receive(mail);
	ck_assert_msg(!strcmp(out, "already stored (a redelivery)\n"), "%s: not taken for a redelivery: %s", route,
		      out);
}

/* `mail` with each LF as CRLF (caller frees). */
static char *crlf(const char *mail)
{
	char *out = xmalloc(2 * strlen(mail) + 1);
	char *o = out;
	for (const char *p = mail; *p; p++) {
		if (*p == '\n')
			*o++ = '\r';
		*o++ = *p;
	}
	*o = '\0';
	return out;
}

/* A customer's reply brought by Exim first, then by the other routes:
 * one mail, one message on the ticket, the raw as Exim brought it. */
START_TEST(reply_by_two_routes_lands_once)
{
	char *exim = xasprintf(MBOX_LINE "%s\n", reply);
	char *maildir = xasprintf("Return-path: <carla@acme.example>\nEnvelope-to: support@desk.test\n"
				  "Delivery-date: Sun, 14 Mar 2027 07:00:00 +0000\n%s", reply);
	char *windows = crlf(reply);
	ck_assert_int_eq(strncmp(receive(exim), "mail ", 5), 0);
	expect_redelivery(reply, "plain pipe");
	expect_redelivery(windows, "CRLF");
	expect_redelivery(maildir, "Maildir re-feed");
	testdb_expect("SELECT count(*) FROM mail_inbound", "1");
	testdb_expect("SELECT count(*) FROM comments WHERE ticket_id = 1 AND kind = 'customer'", "1");
	testdb_expect("SELECT body FROM comments WHERE ticket_id = 1 AND kind = 'customer'", "Still dark.");
	/* kept byte for byte as it came, the mbox line and the last line end too */
	const char *p[1] = { exim };
	char *same = testdb_value("SELECT raw = convert_to($1, 'UTF8') FROM ticketty.mail_inbound", 1, p);
	ck_assert_str_eq(same, "t");
	free(same);
	/* a different mail under the same ID is still another message */
	ck_assert_int_eq(strncmp(receive(MBOX_LINE "From: Carla <carla@acme.example>\nSubject: Re: [#1] Ticket 1\n"
					 "Message-ID: <routes-1@acme.example>\n\nStill dark, and slow.\n\n"),
				 "mail ", 5),
			 0);
	expect_redelivery("From: Carla <carla@acme.example>\nSubject: Re: [#1] Ticket 1\n"
			  "Message-ID: <routes-1@acme.example>\n\nStill dark, and slow.\n",
			  "the other message, plain pipe");
	testdb_expect("SELECT count(*) FROM comments WHERE ticket_id = 1 AND kind = 'customer'", "2");
	free(exim);
	free(maildir);
	free(windows);
}
END_TEST

/* A mail without a Message-ID, known by the SHA-256 of the message:
 * plain first, then Exim's and a CRLF copy: one mail in the inbox. */
START_TEST(mail_without_message_id_by_two_routes_is_stored_once)
{
	char *exim = xasprintf(MBOX_LINE "%s\n", no_id);
	char *windows = crlf(no_id);
	ck_assert_int_eq(strncmp(receive(no_id), "mail ", 5), 0);
	expect_redelivery(exim, "Exim");
	expect_redelivery(windows, "CRLF");
	testdb_expect("SELECT count(*) || ' ' || bool_and(message_id LIKE '<%@ticketty.no-message-id>')::text"
		      " FROM mail_inbound", "1 true");
	free(exim);
	free(windows);
}
END_TEST

/* Only an mbox first line is dropped: a first header field named From,
 * even in the obsolete form with blanks before its colon, is the
 * message's own; and the message itself is the one the routes share. */
START_TEST(only_an_mbox_line_is_dropped)
{
	testdb_expect("SELECT string_agg(encode(ticketty.mail_message_bytes(convert_to(m, 'UTF8')), 'escape'), '|'"
		      " ORDER BY n) FROM (VALUES"
		      " (1, E'From a@b Sun Mar 14 06:59:50 2027\\nFrom: a@b\\n\\nhi\\n\\n'),"
		      " (2, E'From : a@b\\n\\nhi\\n'),"
		      " (3, E'From \\t: a@b\\n\\nhi'),"
		      " (4, E'From: a@b\\r\\n\\r\\nhi\\r\\n\\r\\n'),"
		      " (5, E'Subject: x\\nFrom a@b\\n\\nFrom here on\\n')) v (n, m)",
		      "From: a@b\n\nhi|From : a@b\n\nhi|From \t: a@b\n\nhi|From: a@b\n\nhi|Subject: x\nFrom a@b\n\nFrom here on");
}
END_TEST

/* A mail stored before 985 (its digest of the text as it came, a mail
 * without a Message-ID under the SHA-256 of its raw bytes): once `db
 * migrate` has run 985, its copy by another route is a redelivery. */
START_TEST(mail_stored_before_is_found_after_migrate)
{
	char *exim_reply = xasprintf(MBOX_LINE "%s\n", reply);
	char *exim_no_id = xasprintf(MBOX_LINE "%s\n", no_id);
	ck_assert_int_eq(strncmp(receive(exim_reply), "mail ", 5), 0);
	ck_assert_int_eq(strncmp(receive(exim_no_id), "mail ", 5), 0);
	/* as api_mail_store wrote them before 985 */
	testdb_sql("UPDATE ticketty.mail_inbound"
		   "   SET received_digest = sha256(convert_to(concat_ws(E'\\n', coalesce(from_address, ''), subject, body), 'UTF8')),"
		   "       message_id = CASE WHEN message_id LIKE '%@ticketty.no-message-id>'"
		   "                         THEN format('<%s@ticketty.no-message-id>', encode(sha256(raw), 'hex'))"
		   "                         ELSE message_id END;"
		   "DELETE FROM ticketty.schema_migrations WHERE version = 985");
	ck_assert_int_eq(testdb_cli(NULL, NULL, "db migrate"), 0);
	/* the Maildir's copy: other bytes, only the digest tells */
	char *maildir = xasprintf("Return-path: <carla@acme.example>\nDelivered-To: support@desk.test\n%s", reply);
	expect_redelivery(maildir, "Maildir re-feed, reply stored before");
	free(maildir);
	expect_redelivery(no_id, "plain pipe, mail without an ID stored before");
	testdb_expect("SELECT count(*) FROM mail_inbound", "2");
	testdb_expect("SELECT count(*) FROM comments WHERE ticket_id = 1 AND kind = 'customer'", "1");
	free(exim_reply);
	free(exim_no_id);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("mail_routes");
	TCase *tc = tcase_create("mail_routes");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, reply_by_two_routes_lands_once);
	tcase_add_test(tc, mail_without_message_id_by_two_routes_is_stored_once);
	tcase_add_test(tc, only_an_mbox_line_is_dropped);
	tcase_add_test(tc, mail_stored_before_is_found_after_migrate);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
