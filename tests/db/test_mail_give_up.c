/* Mail that can never be sent is given up, through the real `mail send`
 * (sql/420_mail_give_up.sql): a message the sendmail command refuses for
 * good (a permanent exit status) is not tried again, its ticket says so
 * (timeline, "mail bounced" on the answer, the author told) and the
 * answer written after it goes out in the same run; one the MTA keeps
 * failing is given up once the mail policy's give_up_hours have passed,
 * and the thread behind it goes on; an MTA that cannot be run at all is
 * not handed the rest of the batch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ticket_fixture.h"
#include "testdb.h"

static long long ticket;

static void setup(void)
{
	testdb_create();
	fixture_customer();
	testdb_agent("gu_alice", "engineer");
	testdb_agent("gu_bot", "admin");
	testdb_clock("2027-03-10T15:00:00Z", TESTDB_CLOCK_FROZEN);
	ticket = fixture_tickets(1, "client_services");
}

static int cli(const char *login, const char *fmt, long long id)
{
	char args[512];
	snprintf(args, sizeof(args), fmt, id);
	return testdb_cli(login, NULL, args);
}

/* The command refuses the first answer for good (status 67, EX_NOUSER,
 * as sendmail says "user unknown") and takes every other message whole. */
static const char refuse_first[] =
	"mail send --sendmail 't=$(cat); case \"$t\" in *\"First answer\"*) "
	"echo \"5.1.1 user unknown\" >&2; exit 67;; esac; exit 0'";

START_TEST(refused_for_good_is_given_up_and_the_thread_goes_on)
{
	/* the author follows the ticket too: told of the bounce once (790) */
	char follow[200];
	snprintf(follow, sizeof(follow), "INSERT INTO ticket_collaborators (ticket_id, agent_id)"
		 " SELECT %lld, id FROM agents WHERE login = 'gu_alice'", ticket);
	testdb_sql(follow);
	ck_assert_int_eq(cli("gu_alice", "ticket ack %lld --message 'First answer.'", ticket), 0);
	ck_assert_int_eq(cli("gu_alice", "ticket reply %lld --message 'Second answer.'", ticket), 0);
	/* the second waits behind the first (380), then goes in the same run */
	ck_assert_int_eq(testdb_cli("gu_bot", NULL, refuse_first), 65);
	ck_assert_str_eq(testdb_stdout(), "sent 1 message, 1 given up (not tried again)\n");
	ck_assert_msg(strstr(testdb_stderr(), "refused for good and given up") &&
		      strstr(testdb_stderr(), "user unknown"), "stderr: %s", testdb_stderr());
	testdb_expect("SELECT string_agg(kind || ':' || state || ':' || (failed_at IS NOT NULL) || ':'"
	       " || (bounced_at IS NOT NULL), ',' ORDER BY id) FROM mail_outbox",
	       "acknowledgement:failed:true:true,reply:sent:false:false");
	testdb_expect("SELECT details->>'cause' || ' ' || (details->>'reason' LIKE '%user unknown%')"
	       "  FROM ticket_events WHERE kind = 'mail_bounced'", "refused true");
	/* the author is told; the answer reads as not delivered */
	testdb_expect("SELECT count(*) FROM notifications n JOIN agents a ON a.id = n.recipient_agent_id"
	       " WHERE n.kind = 'ticket.mail_bounced' AND a.login = 'gu_alice'", "1");
	testdb_expect("SELECT string_agg(n.kind, ',') FROM notifications n JOIN agents a ON a.id = n.recipient_agent_id"
	       " WHERE a.login = 'gu_alice'", "ticket.mail_bounced");
	ck_assert_int_eq(cli("gu_alice", "ticket show %lld", ticket), 0);
	ck_assert_msg(strstr(testdb_stdout(), "was refused by the mail system for good: "),
		      "stdout: %s", testdb_stdout());
	/* never tried again */
	ck_assert_int_eq(testdb_cli("gu_bot", NULL, "mail send --sendmail 'cat >/dev/null'"), 0);
	ck_assert_str_eq(testdb_stdout(), "sent 0 messages\n");
	testdb_expect("SELECT attempts FROM mail_outbox WHERE kind = 'acknowledgement'", "1");
}
END_TEST

START_TEST(failing_past_give_up_hours_is_given_up)
{
	ck_assert_int_eq(testdb_cli("gu_bot", NULL, "mail policy give_up_hours 0"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "value: is not a whole number of hours from 1 to 2160"), "stderr: %s",
		      testdb_stderr());
	ck_assert_int_eq(testdb_cli("gu_bot", NULL, "mail policy give_up_hours 2"), 0);
	ck_assert_int_eq(cli("gu_alice", "ticket ack %lld --message 'First answer.'", ticket), 0);
	ck_assert_int_eq(cli("gu_alice", "ticket reply %lld --message 'Second answer.'", ticket), 0);
	/* the MTA fails for now: retried, not given up */
	ck_assert_int_eq(testdb_cli("gu_bot", NULL, "mail send --sendmail 'cat >/dev/null; echo spool full >&2; exit 75'"), 75);
	ck_assert_str_eq(testdb_stdout(), "sent 0 messages, 1 failed (queued for a retry)\n");
	testdb_expect("SELECT string_agg(state, ',' ORDER BY id) FROM mail_outbox", "queued,queued");
	/* two hours after the first answer was written it still fails: given up */
	testdb_clock("2027-03-10T17:00:00Z", TESTDB_CLOCK_FROZEN);
	ck_assert_int_eq(testdb_cli("gu_bot", NULL, "mail send --sendmail 't=$(cat); case \"$t\" in"
				    " *\"First answer\"*) echo spool full >&2; exit 75;; esac; exit 0'"), 65);
	ck_assert_str_eq(testdb_stdout(), "sent 1 message, 1 given up (not tried again)\n");
	ck_assert_msg(strstr(testdb_stderr(), "given up: not taken within the mail policy's give_up_hours: ") &&
		      strstr(testdb_stderr(), "spool full"), "stderr: %s", testdb_stderr());
	testdb_expect("SELECT string_agg(state || ':' || attempts, ',' ORDER BY id) FROM mail_outbox", "failed:2,sent:1");
	testdb_expect("SELECT details->>'cause' FROM ticket_events WHERE kind = 'mail_bounced'", "expired");
	ck_assert_int_eq(cli("gu_alice", "ticket show %lld", ticket), 0);
	ck_assert_msg(strstr(testdb_stdout(), "was given up: the mail system did not take it in the time allowed: "),
		      "stdout: %s", testdb_stdout());
	/* counted where the desk looks */
	ck_assert_int_eq(testdb_cli("gu_bot", NULL, "mail status"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "bounced:    1 ") && strstr(testdb_stdout(), "\ngiven up:   1 (never tried again"),
		      "stdout: %s", testdb_stdout());
	ck_assert_int_eq(testdb_cli("gu_bot", NULL, "mail status --json"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\"given_up\" : 1") &&
		      strstr(testdb_stdout(), "\"given_up_latest\" : [{\"id\" : 1, \"ticket\" : 1, \"to\" : \"carla@acme.example\", \"attempts\" : 2"),
		      "stdout: %s", testdb_stdout());
}
END_TEST

/* Answers to inbox mail (`inbox ask`, `inbox refuse`) that never reach the
 * sender read so in the inbox: one the MTA refused for good, and one a
 * delivery report came back for. */
START_TEST(undelivered_inbox_answers_read_so_in_the_inbox)
{
	ck_assert_int_eq(testdb_cli("gu_bot", "From: carla@acme.example\nSubject: Help\nMessage-ID: <h1@acme>\n\nhelp\n",
				    "mail receive"), 0);
	ck_assert_int_eq(testdb_cli("gu_alice", NULL, "inbox ask 1"), 0);
	ck_assert_int_eq(testdb_cli("gu_bot", NULL, "mail send --sendmail 'cat >/dev/null; exit 67'"), 65);
	testdb_expect("SELECT state || ':' || (bounced_at IS NOT NULL) FROM mail_outbox WHERE inbound_id = 1", "failed:true");
	ck_assert_int_eq(testdb_cli("gu_alice", NULL, "inbox list"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "mail bounced: not delivered"), "stdout: %s", testdb_stdout());
	/* a report for a refusal that did go out */
	ck_assert_int_eq(testdb_cli("gu_bot", "From: carla@acme.example\nSubject: Bill\nMessage-ID: <h2@acme>\n\nbill\n",
				    "mail receive"), 0);
	ck_assert_int_eq(testdb_cli("gu_alice", NULL, "inbox refuse 2 account_rep"), 0);
	ck_assert_int_eq(testdb_cli("gu_bot", NULL, "mail send --sendmail 'cat >/dev/null'"), 0);
	char *mid = testdb_value("SELECT message_id FROM mail_outbox WHERE inbound_id = 2", 0, NULL);
	char report[2048];
	snprintf(report, sizeof(report),
		 "From: MAILER-DAEMON@mx.acme.example\nTo: support@desk.test\nMessage-ID: <dsn1@mx>\n"
		 "Content-Type: multipart/report; report-type=delivery-status; boundary=P\n\n"
		 "--P\nContent-Type: text/plain\n\nundeliverable\n"
		 "--P\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.acme.example\n\n"
		 "Final-Recipient: rfc822; carla@acme.example\nAction: failed\nStatus: 5.2.2\n"
		 "Diagnostic-Code: smtp; 552 Mailbox full\n\n"
		 "--P\nContent-Type: text/rfc822-headers\n\nMessage-ID: %s\n\n--P--\n", mid);
	free(mid);
	ck_assert_int_eq(testdb_cli("gu_bot", report, "mail receive"), 0);
	testdb_expect("SELECT bounce_reason FROM mail_outbox WHERE inbound_id = 2", "5.2.2 552 Mailbox full");
	ck_assert_int_eq(testdb_cli("gu_alice", NULL, "inbox show 2"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "mail bounced: not delivered"), "stdout: %s", testdb_stdout());
}
END_TEST

/* An MTA that cannot be used at all (the command is missing) fails the
 * first message it is given; the rest of the batch is not handed to it
 * but recorded as failed attempts, said in one line, and everything goes
 * out once the command works. */
START_TEST(an_mta_that_cannot_run_stops_the_run)
{
	long long more = fixture_tickets(2, "client_services");
	ck_assert_int_eq(cli("gu_alice", "ticket ack %lld --message 'First answer.'", ticket), 0);
	ck_assert_int_eq(cli("gu_alice", "ticket ack %lld --message 'Second answer.'", more), 0);
	ck_assert_int_eq(cli("gu_alice", "ticket ack %lld --message 'Third answer.'", more + 1), 0);
	ck_assert_int_eq(testdb_cli("gu_bot", NULL, "mail send --sendmail '/nonexistent/sendmail -t'"), 75);
	ck_assert_str_eq(testdb_stdout(), "sent 0 messages, 3 failed (queued for a retry)\n");
	const char *e = testdb_stderr();
	const char *once = strstr(e, "could not be run (status 127)");
	ck_assert_msg(once && !strstr(once + 1, "could not be run") &&
		      strstr(e, "ticketty: 2 more messages not tried (the mail transfer agent cannot be used)"),
		      "stderr: %s", e);
	testdb_expect("SELECT string_agg(state || ':' || attempts || ':' || (last_error LIKE '%could not be run%'),"
		      " ',' ORDER BY id) FROM mail_outbox", "queued:1:true,queued:1:true,queued:1:true");
	testdb_expect("SELECT count(*) FROM mail_outbox WHERE last_error LIKE 'not tried: %'", "2");
	testdb_clock("2027-03-10T15:05:00Z", TESTDB_CLOCK_FROZEN);
	ck_assert_int_eq(testdb_cli("gu_bot", NULL, "mail send --sendmail 'cat >/dev/null'"), 0);
	ck_assert_str_eq(testdb_stdout(), "sent 3 messages\n");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("mail_give_up");
	TCase *tc = tcase_create("give_up");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, refused_for_good_is_given_up_and_the_thread_goes_on);
	tcase_add_test(tc, failing_past_give_up_hours_is_given_up);
	tcase_add_test(tc, undelivered_inbox_answers_read_so_in_the_inbox);
	tcase_add_test(tc, an_mta_that_cannot_run_stops_the_run);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
