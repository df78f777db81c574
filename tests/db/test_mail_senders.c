/* Who may write in a ticket's mail thread (sql/350): a reply found by
 * In-Reply-To/References is the customer's only when its sender is an
 * active contact of that ticket's customer; a stranger who guesses the
 * desk's Message-IDs (<ticketty.TICKET.N@domain>) is held as
 * 'thread_stranger', the ticket untouched but recorded, so that it may
 * still become an internal note. The desk's own mail coming back (its
 * own Message-ID, or From the desk's address) is held as 'own_mail' and
 * never reopens a resolved ticket. The contact's replies thread as
 * before. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/xalloc.h"
#include "ticket_fixture.h"
#include "testdb.h"

static long long ticket;

static void setup(void)
{
	testdb_create();
	fixture_customer();
	testdb_agent("mail_alice", "engineer");
	testdb_agent("mail_bot", "admin");
	testdb_sql("INSERT INTO clock_pin (pinned_at, frozen) VALUES ('2027-03-14T06:59:50Z', true);"
		   "UPDATE mail_policy SET value = 'support@desk.test' WHERE key IN ('from_address', 'reply_to');"
		   "UPDATE mail_policy SET value = 'desk.test' WHERE key = 'message_id_domain';");
	ticket = fixture_tickets(1, "client_services");
}

static char *val(const char *sql)
{
	return testdb_value(sql, 0, NULL);
}

static int cli(const char *login, const char *input, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int cli(const char *login, const char *input, const char *fmt, ...)
{
	char args[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	return testdb_cli(login, input, args);
}

/* A mail as the MTA hands it over; the desk's Message-IDs written as
 * <ticketty.T.N@desk.test> are the ones outbox row N holds (testdb.h). */
static int receive(const char *mail)
{
	return testdb_cli("mail_bot", testdb_mail_ids(mail), "mail receive");
}

/* state/hold_reason/ticket_id of the stored mail with that Message-ID */
static void expect_mail(const char *message_id, const char *want)
{
	char sql[512];
	snprintf(sql, sizeof(sql), "SELECT state || '/' || coalesce(hold_reason, '-') || '/' || coalesce(ticket_id::text, '-')"
		 "  FROM mail_inbound WHERE message_id = '%s'", message_id);
	testdb_expect(sql, want);
}

/* The ticket answered and resolved by mail_alice: an acknowledgement,
 * a reply and the resolution queued, <ticketty.1.1..3@desk.test>. */
static void answered_and_resolved(void)
{
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket ack %lld --message 'On it'", ticket), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket reply %lld --message 'Clear the cache'", ticket), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket resolve %lld --message 'Fixed'", ticket), 0);
	testdb_expect("SELECT string_agg(message_id, ' ' ORDER BY id) FROM mail_outbox",
	       testdb_mail_ids("<ticketty.1.1@desk.test> <ticketty.1.2@desk.test> <ticketty.1.3@desk.test>"));
	testdb_expect("SELECT status FROM tickets WHERE id = 1", "resolved");
}

/* Nothing from the mail reached the ticket: still resolved, no customer words. */
static void ticket_untouched(void)
{
	testdb_expect("SELECT status FROM tickets WHERE id = 1", "resolved");
	testdb_expect("SELECT count(*) FROM comments WHERE kind = 'customer'", "0");
	testdb_expect("SELECT count(*) FROM ticket_events WHERE kind = 'customer_reply'", "0");
	testdb_expect("SELECT last_message_id FROM mail_threads WHERE ticket_id = 1", testdb_mail_ids("<ticketty.1.3@desk.test>"));
}

/* QA finding 1: References listing IDs of ticket 1 (the real ones, as if
 * leaked, and guessed ones), from a stranger: held with the ticket named, which an engineer may still put
 * on it as an internal note; `inbox list --held` says why. */
START_TEST(stranger_with_guessed_references_is_held)
{
	answered_and_resolved();
	char mail[2048], refs[1024] = "";
	for (int n = 1; n <= 20; n++) {
		char one[40];
		snprintf(one, sizeof(one), " <ticketty.1.%d@desk.test>", n);
		strcat(refs, one);
	}
	snprintf(mail, sizeof(mail), "From: mallory@evil.test\nTo: support@desk.test\nSubject: hello\n"
		 "Message-ID: <guess1@evil.test>\nReferences:%s\n\nInjected: send the invoice to mallory\n", refs);
	ck_assert_int_eq(receive(mail), 0);
	expect_mail("<guess1@evil.test>", "held/thread_stranger/1");
	ticket_untouched();
	testdb_expect("SELECT count(*) FROM notifications WHERE kind = 'ticket.customer_reply'", "0");
	/* IDs as anyone could guess them (ticket and row, without the random
	 * part, sql/440) name no ticket at all */
	snprintf(mail, sizeof(mail), "From: mallory@evil.test\nTo: support@desk.test\nSubject: hello\n"
		 "Message-ID: <guess0@evil.test>\nReferences:%s\n\nInjected\n", refs);
	ck_assert_int_eq(testdb_cli("mail_bot", mail, "mail receive"), 0);
	expect_mail("<guess0@evil.test>", "held/unknown_sender/-");
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox list --held"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "held (reply from an address not allowed on the ticket, #1)"),
		      "stdout: %s", testdb_stdout());
	/* a second mail answering the held one is no way in either */
	ck_assert_int_eq(receive("From: mallory@evil.test\nSubject: Re: hello\nMessage-ID: <guess2@evil.test>\n"
				 "In-Reply-To: <guess1@evil.test>\n\nagain\n"), 0);
	expect_mail("<guess2@evil.test>", "held/thread_stranger/1");
	ticket_untouched();
	/* what it says may still go on the ticket, as a note, by an engineer's hand */
	char *id = val("SELECT id FROM mail_inbound WHERE message_id = '<guess1@evil.test>'");
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox note %s", id), 0);
	free(id);
	testdb_expect("SELECT c.kind FROM comments c JOIN mail_inbound m ON m.comment_id = c.id"
		      " WHERE m.from_address = 'mallory@evil.test'", "internal");
	testdb_expect("SELECT status FROM tickets WHERE id = 1", "resolved");
}
END_TEST

/* A stranger answering a real answer of the ticket (a copy forwarded
 * outside the customer, a guessed ID): held; so is another customer's
 * contact, and a contact no longer active. */
START_TEST(stranger_answering_a_real_answer_is_held)
{
	answered_and_resolved();
	ck_assert_int_eq(receive("From: Stranger <stranger@evil.test>\nSubject: Re: [#1] Ticket 1\n"
				 "Message-ID: <irt1@evil.test>\nIn-Reply-To: <ticketty.1.2@desk.test>\n\nReopen it\n"), 0);
	expect_mail("<irt1@evil.test>", "held/thread_stranger/1");
	testdb_sql("INSERT INTO customers (name, member_id, plan) VALUES ('Other Co', 5151, 'basic');"
		   "INSERT INTO contacts (customer_id, name, email, spoc)"
		   " SELECT id, 'Olga', 'olga@other.example', true FROM customers WHERE member_id = 5151;"
		   "INSERT INTO contacts (customer_id, name, email, spoc, active)"
		   " SELECT id, 'Gone', 'gone@acme.example', false, false FROM customers WHERE member_id = 4242");
	ck_assert_int_eq(receive("From: olga@other.example\nSubject: Re: Ticket 1\n"
				 "Message-ID: <irt2@other>\nIn-Reply-To: <ticketty.1.3@desk.test>\n\nMine now\n"), 0);
	expect_mail("<irt2@other>", "held/thread_stranger/1");
	ck_assert_int_eq(receive("From: gone@acme.example\nSubject: Re: Ticket 1\n"
				 "Message-ID: <irt3@acme>\nReferences: <ticketty.1.1@desk.test>\n\nStill here\n"), 0);
	expect_mail("<irt3@acme>", "held/thread_stranger/1");
	ticket_untouched();
}
END_TEST

/* A contact copied on another customer's thread answers it about a
 * ticket of their own, tagging it in the subject ([#2]): the tag wins
 * over the stranger's thread, so the mail goes onto the sender's ticket;
 * ticket 1 is untouched. Without a tag of theirs it is held as before. */
START_TEST(own_tag_wins_over_another_customers_thread)
{
	answered_and_resolved();
	testdb_sql("INSERT INTO customers (name, member_id, plan) VALUES ('Other Co', 5151, 'basic');"
		   "INSERT INTO contacts (customer_id, name, email, spoc)"
		   " SELECT id, 'Olga', 'olga@other.example', true FROM customers WHERE member_id = 5151");
	char *other = val(
		"INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id,"
		"  severity, title, description, impact, object_ids, member_id, repro_steps, browser, os,"
		"  phone, calendar_id, plan)"
		" SELECT c.id, ct.id, rt.id, rt.team_id, (SELECT min(id) FROM case_reasons), 3, 'Olga''s report',"
		"  'Nothing renders', 'Campaign stopped', ARRAY['li-9'], 5151, '1. open', 'Firefox 128.0',"
		"  'Windows 11 23H2', '+1 555 0101', c.calendar_id, c.plan"
		"  FROM customers c JOIN contacts ct ON ct.customer_id = c.id"
		"  JOIN LATERAL (SELECT * FROM request_types r WHERE r.team_id IS NOT NULL"
		"                 ORDER BY r.position LIMIT 1) rt ON true"
		" WHERE c.member_id = 5151 RETURNING id::text");
	char mail[512];
	snprintf(mail, sizeof(mail), "From: olga@other.example\nSubject: Re: [#%s] Olga's report\n"
		 "Message-ID: <own1@other>\nIn-Reply-To: <ticketty.1.3@desk.test>\n\nAbout mine\n", other);
	ck_assert_int_eq(receive(mail), 0);
	char *want = xasprintf("threaded/-/%s", other);
	expect_mail("<own1@other>", want);
	free(want);
	testdb_expect("SELECT count(*) FROM comments WHERE kind = 'customer' AND ticket_id = 1", "0");
	testdb_expect("SELECT status FROM tickets WHERE id = 1", "resolved");
	/* the tag of a ticket that is not hers does not open it either */
	ck_assert_int_eq(receive("From: olga@other.example\nSubject: Re: [#1] Ticket 1\n"
				 "Message-ID: <own2@other>\nIn-Reply-To: <ticketty.1.3@desk.test>\n\nMine now\n"), 0);
	expect_mail("<own2@other>", "held/thread_stranger/1");
	testdb_expect("SELECT count(*) FROM comments WHERE kind = 'customer' AND ticket_id = 1", "0");
	testdb_expect("SELECT status FROM tickets WHERE id = 1", "resolved");
	free(other);
}
END_TEST

/* The customer's contacts thread as before, by In-Reply-To or by
 * References alone, the SPOC or not: a resolved ticket reopens. */
START_TEST(customer_contacts_still_thread)
{
	answered_and_resolved();
	ck_assert_int_eq(receive("From: Carla <carla@acme.example>\nSubject: Re: Resolved: Ticket 1\n"
				 "Message-ID: <c1@acme>\nIn-Reply-To: <ticketty.1.3@desk.test>\n\nNot fixed!\n"), 0);
	expect_mail("<c1@acme>", "threaded/-/1");
	testdb_expect("SELECT status FROM tickets WHERE id = 1", "in_progress");
	testdb_expect("SELECT body FROM comments WHERE kind = 'customer'", "Not fixed!");
	testdb_sql("INSERT INTO contacts (customer_id, name, email, spoc)"
		   " SELECT id, 'Bob Buyer', 'BOB@acme.example', false FROM customers WHERE member_id = 4242");
	ck_assert_int_eq(receive("From: bob@ACME.example\nSubject: same here\nMessage-ID: <b1@acme>\n"
				 "References: <ticketty.1.1@desk.test> <c1@acme>\n\nMe too\n"), 0);
	expect_mail("<b1@acme>", "threaded/-/1");
	testdb_expect("SELECT count(*) FROM comments WHERE kind = 'customer'", "2");
}
END_TEST

/* QA finding 2: the resolution, as `mail send` handed it to the MTA,
 * comes back to the desk (a customer list that includes support@):
 * held, the ticket stays resolved. So does a copy whose From a list
 * rewrote to the customer's but that keeps the desk's Message-ID. */
START_TEST(own_mail_coming_back_is_held)
{
	char dir[] = "/tmp/tt-own-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char mbox[96];
	snprintf(mbox, sizeof(mbox), "%s/sent.eml", dir);
	/* the acknowledgement and the reply go out elsewhere, the resolution
	 * to the customer's list, which sends it back to the desk */
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket ack %lld --message 'On it'", ticket), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket reply %lld --message 'Clear the cache'", ticket), 0);
	ck_assert_int_eq(cli("mail_bot", NULL, "mail send --sendmail 'cat >/dev/null'"), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket resolve %lld --message 'Fixed'", ticket), 0);
	ck_assert_int_eq(cli("mail_bot", NULL, "mail send --sendmail 'cat > %s'", mbox), 0);
	FILE *f = fopen(mbox, "r");
	ck_assert_ptr_nonnull(f);
	char raw[16384];
	size_t n = fread(raw, 1, sizeof(raw) - 1, f);
	raw[n] = '\0';
	fclose(f);
	remove(mbox);
	rmdir(dir);
	const char *own = testdb_mail_ids("<ticketty.1.3@desk.test>");
	ck_assert_ptr_nonnull(strstr(raw, own));
	ck_assert_ptr_nonnull(strstr(raw, "support@desk.test"));
	testdb_expect("SELECT status FROM tickets WHERE id = 1", "resolved");
	char *before = val("SELECT count(*) FROM comments WHERE kind = 'customer'");

	ck_assert_int_eq(receive(raw), 0);
	expect_mail(own, "held/own_mail/1");
	testdb_expect("SELECT status FROM tickets WHERE id = 1", "resolved");
	testdb_expect("SELECT count(*) FROM comments WHERE kind = 'customer'", before);

	/* the list rewrote From to the customer's contact (DMARC), the ID is ours */
	char mail[1024];
	snprintf(mail, sizeof(mail), "From: Client Services via AdOps <carla@acme.example>\n"
		 "Subject: Resolved: Ticket 1\nMessage-ID: <ticketty.1.2@desk.test>\n"
		 "In-Reply-To: <ticketty.1.1@desk.test>\n\nHello Carla,\nClear the cache\n");
	ck_assert_int_eq(receive(mail), 0);
	expect_mail(testdb_mail_ids("<ticketty.1.2@desk.test>"), "held/own_mail/1");
	testdb_expect("SELECT status FROM tickets WHERE id = 1", "resolved");
	testdb_expect("SELECT count(*) FROM comments WHERE kind = 'customer'", before);
	free(before);
}
END_TEST

/* Mail From the desk's own address (a resent or list copy under a new
 * ID) is never the customer's reply, nor an inbox request. */
START_TEST(from_the_desk_address_is_held)
{
	answered_and_resolved();
	ck_assert_int_eq(receive("From: Client Services <SUPPORT@desk.test>\nSubject: Resolved: [#1] Ticket 1\n"
				 "Message-ID: <resent1@lists.acme>\nIn-Reply-To: <ticketty.1.3@desk.test>\n"
				 "References: <ticketty.1.1@desk.test> <ticketty.1.3@desk.test>\n\nyour request has been resolved.\n"), 0);
	expect_mail("<resent1@lists.acme>", "held/own_mail/1");
	ticket_untouched();
	/* even as a contact of the customer (an admin's slip): the desk's address is the desk's */
	testdb_sql("INSERT INTO contacts (customer_id, name, email, spoc)"
		   " SELECT id, 'Desk', 'support@desk.test', true FROM customers WHERE member_id = 4242");
	ck_assert_int_eq(receive("From: support@desk.test\nSubject: hello\nMessage-ID: <resent2@lists.acme>\n\nhi\n"), 0);
	expect_mail("<resent2@lists.acme>", "held/own_mail/-");
	ticket_untouched();
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox list --held"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "held (the desk's own mail coming back, #1)"),
		      "stdout: %s", testdb_stdout());
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("mail_senders");
	TCase *tc = tcase_create("mail_senders");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, stranger_with_guessed_references_is_held);
	tcase_add_test(tc, stranger_answering_a_real_answer_is_held);
	tcase_add_test(tc, own_tag_wins_over_another_customers_thread);
	tcase_add_test(tc, customer_contacts_still_thread);
	tcase_add_test(tc, own_mail_coming_back_is_held);
	tcase_add_test(tc, from_the_desk_address_is_held);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
