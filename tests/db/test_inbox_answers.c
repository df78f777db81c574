/* The sender's answer to `inbox ask` goes on with the mail it answers,
 * through the real `mail receive` and `inbox` commands
 * (sql/430_inbox_ask_answers.sql): it takes the asked mail's place in the
 * inbox, its intake form starts from the whole conversation, accepting it
 * makes one ticket of both (texts, screenshots, thread), and an answer
 * that comes after a ticket was made of the asked mail threads onto it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ticket_fixture.h"
#include "testdb.h"
#include "util/xalloc.h"

static void setup(void)
{
	testdb_create();
	fixture_customer();
	testdb_agent("ia_alice", "engineer");
	testdb_agent("ia_bot", "admin");
	testdb_clock("2027-03-10T15:00:00Z", TESTDB_CLOCK_FROZEN);
	testdb_sql("UPDATE mail_policy SET value = 'desk.test' WHERE key = 'message_id_domain'");
}

static int receive(const char *mail)
{
	return testdb_cli("ia_bot", mail, "mail receive");
}

/* Carla's first mail (with a screenshot), the desk's ask, and her answer
 * in reply to the ask; returns nothing, the ids are 1 (first) and 2. */
static void first_mail_asked_and_answered(void)
{
	ck_assert_int_eq(receive("From: Carla <carla@acme.example>\nSubject: Blank placements\n"
				 "Message-ID: <first@acme>\nMIME-Version: 1.0\n"
				 "Content-Type: multipart/mixed; boundary=B\n\n--B\n"
				 "Content-Type: text/plain; charset=utf-8\n\nEverything is blank.\n--B\n"
				 "Content-Type: image/png; name=shot.png\n"
				 "Content-Disposition: attachment; filename=shot.png\n"
				 "Content-Transfer-Encoding: base64\n\niVBORw0KGgo=\n--B--\n"), 0);
	ck_assert_int_eq(testdb_cli("ia_alice", NULL, "inbox ask 1"), 0);
	char *ask = testdb_value("SELECT message_id FROM mail_outbox WHERE kind = 'inbox_ask'", 0, NULL);
	ck_assert_ptr_nonnull(ask);
	char mail[1024];
	snprintf(mail, sizeof(mail),
		 "From: Carla <carla@acme.example>\nSubject: Re: Blank placements\nMessage-ID: <answer@acme>\n"
		 "In-Reply-To: %s\nReferences: <first@acme> %s\n\n"
		 "Steps: open placement 42. Firefox 128 on Windows 11.\n", ask, ask);
	free(ask);
	ck_assert_int_eq(receive(mail), 0);
}

START_TEST(answer_takes_the_asked_mails_place_and_becomes_one_ticket)
{
	first_mail_asked_and_answered();
	testdb_expect("SELECT string_agg(id || ':' || state || ':' || coalesce(answers_id::text, '-'), ',' ORDER BY id)"
	       "  FROM mail_inbound", "1:answered:-,2:inbox:1");
	ck_assert_int_eq(testdb_cli("ia_alice", NULL, "inbox list"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "in the inbox, answers mail 1"), "stdout: %s", testdb_stdout());
	/* the inbox lists the answer only */
	ck_assert_int_eq(testdb_cli("ia_alice", NULL, "inbox list --json"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\"id\" : 2") && !strstr(testdb_stdout(), "\"id\" : 1,"),
		      "stdout: %s", testdb_stdout());
	/* the asked mail is refused naming the answer to work on */
	ck_assert_int_eq(testdb_cli("ia_alice", NULL, "inbox accept 1"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "mail 2"), "stderr: %s", testdb_stderr());
	/* its intake form starts from both mails */
	ck_assert_int_eq(testdb_cli("ia_alice", NULL, "inbox show 2 --json"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\"answers\" : 1") &&
		      strstr(testdb_stdout(), "\"title\": \"Blank placements\"") &&
		      strstr(testdb_stdout(), "\"description\": \"Everything is blank.\\n\\n---\\n\\nSteps: open placement 42."),
		      "stdout: %s", testdb_stdout());
	ck_assert_int_eq(testdb_cli("ia_alice", NULL,
		"inbox accept 2 --set request_type=ad_serving --set reason=bug --set severity=3 --set impact=i"
		" --set object_ids=42 --set member_id=4242 --set repro_steps=r --set browser='Firefox 128'"
		" --set os='Windows 11'"), 0);
	long long id = strtoll(testdb_stdout(), NULL, 10);
	ck_assert_int_gt(id, 0);
	char sql[512];
	snprintf(sql, sizeof(sql), "SELECT title || '|' || array_to_string(screenshots, ',') || '|'"
		 " || (description LIKE 'Everything is blank.%%Steps: open placement 42.%%')"
		 " FROM tickets WHERE id = %lld", id);
	testdb_expect(sql, "Blank placements|attachment:1|true");
	snprintf(sql, sizeof(sql), "SELECT string_agg(state || ':' || ticket_id, ',' ORDER BY id) FROM mail_inbound"
		 " WHERE ticket_id = %lld", id);
	char want[64];
	snprintf(want, sizeof(want), "accepted:%lld,accepted:%lld", id, id);
	testdb_expect(sql, want);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM attachments WHERE ticket_id = %lld", id);
	testdb_expect(sql, "1");
	/* one thread: from the first mail to the answer, which the first
	 * response replies to */
	snprintf(sql, sizeof(sql), "SELECT root_message_id || ' ' || last_message_id FROM mail_threads"
		 " WHERE ticket_id = %lld", id);
	testdb_expect(sql, "<first@acme> <answer@acme>");
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "ticket ack %lld --message 'We are on it.'", id);
	ck_assert_int_eq(testdb_cli("ia_alice", NULL, cmd), 0);
	testdb_expect("SELECT in_reply_to FROM mail_outbox WHERE kind = 'acknowledgement'", "<answer@acme>");
	/* its References: the whole conversation, the desk's ask in it (631) */
	testdb_expect("SELECT (SELECT array_to_string(refs, ' ') FROM mail_outbox WHERE kind = 'acknowledgement')"
		      " = '<first@acme> ' || message_id || ' <answer@acme>' FROM mail_outbox WHERE kind = 'inbox_ask'", "t");
}
END_TEST

START_TEST(answer_after_a_ticket_was_made_threads_onto_it)
{
	ck_assert_int_eq(receive("From: Carla <carla@acme.example>\nSubject: Blank placements\n"
				 "Message-ID: <first@acme>\n\nEverything is blank.\n"), 0);
	ck_assert_int_eq(testdb_cli("ia_alice", NULL, "inbox ask 1"), 0);
	/* meanwhile the engineer made the ticket from what Carla said on the phone */
	ck_assert_int_eq(testdb_cli("ia_alice", NULL,
		"inbox accept 1 --set request_type=ad_serving --set reason=bug --set severity=3 --set impact=i"
		" --set object_ids=42 --set member_id=4242 --set repro_steps=r --set browser='Firefox 128'"
		" --set os='Windows 11'"), 0);
	long long id = strtoll(testdb_stdout(), NULL, 10);
	char *ask = testdb_value("SELECT message_id FROM mail_outbox WHERE kind = 'inbox_ask'", 0, NULL);
	char mail[1024];
	snprintf(mail, sizeof(mail),
		 "From: carla@acme.example\nSubject: Re: Blank placements\nMessage-ID: <answer@acme>\n"
		 "In-Reply-To: %s\n\nIt is placement 42.\n", ask);
	free(ask);
	ck_assert_int_eq(receive(mail), 0);
	char sql[256], want[64];
	snprintf(sql, sizeof(sql), "SELECT state || ':' || ticket_id || ':' || answers_id FROM mail_inbound WHERE id = 2");
	snprintf(want, sizeof(want), "threaded:%lld:1", id);
	testdb_expect(sql, want);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM comments WHERE ticket_id = %lld AND kind = 'customer'"
		 " AND body LIKE 'It is placement 42.%%'", id);
	testdb_expect(sql, "1");
	/* a stranger's reply to the ask is no answer: held as unknown */
	ask = testdb_value("SELECT message_id FROM mail_outbox WHERE kind = 'inbox_ask'", 0, NULL);
	snprintf(mail, sizeof(mail), "From: eve@elsewhere.example\nSubject: Re: x\nMessage-ID: <eve@x>\n"
		 "In-Reply-To: %s\n\nhello\n", ask);
	free(ask);
	ck_assert_int_eq(receive(mail), 0);
	testdb_expect("SELECT state || ':' || coalesce(answers_id::text, '-') FROM mail_inbound WHERE message_id = '<eve@x>'",
	       "held:-");
}
END_TEST

/* Two answers to the same ask: the second goes on from the first, and one
 * ticket is made of all three mails. */
START_TEST(second_answer_goes_on_from_the_first)
{
	first_mail_asked_and_answered();
	char *ask = testdb_value("SELECT message_id FROM mail_outbox WHERE kind = 'inbox_ask'", 0, NULL);
	char mail[1024];
	snprintf(mail, sizeof(mail),
		 "From: carla@acme.example\nSubject: Re: Blank placements\nMessage-ID: <answer2@acme>\n"
		 "In-Reply-To: %s\n\nAlso member 4242.\n", ask);
	free(ask);
	ck_assert_int_eq(receive(mail), 0);
	testdb_expect("SELECT string_agg(id || ':' || state || ':' || coalesce(answers_id::text, '-'), ',' ORDER BY id)"
	       "  FROM mail_inbound", "1:answered:-,2:answered:1,3:inbox:2");
	testdb_expect("SELECT ticketty.inbox_prefill(3)->>'description' LIKE"
	       " 'Everything is blank.%Steps: open placement 42.%Also member 4242.'", "t");
	ck_assert_int_eq(testdb_cli("ia_alice", NULL,
		"inbox accept 3 --set request_type=ad_serving --set reason=bug --set severity=3 --set impact=i"
		" --set object_ids=42 --set member_id=4242 --set repro_steps=r --set browser='Firefox 128'"
		" --set os='Windows 11'"), 0);
	testdb_expect("SELECT string_agg(state, ',' ORDER BY id) || ' ' || count(DISTINCT ticket_id) FROM mail_inbound",
	       "accepted,accepted,accepted 1");
}
END_TEST

/* A mail becomes a ticket only with the browser and OS versions (520):
 * accepting it with a bare "Firefox" is refused naming the browser and
 * the mail stays in the inbox with all it said; with versions it becomes
 * the ticket. The title its subject gives is one line: control
 * characters its encoded words decoded to read as a space. */
START_TEST(mail_needs_versions_and_gives_a_one_line_title)
{
	ck_assert_int_eq(receive("From: Carla <carla@acme.example>\n"
				 "Subject: =?utf-8?q?Blank=1B=07placements=09now?=\nMessage-ID: <ctl@acme>\n\n"
				 "Everything is blank in Firefox on Windows.\n"), 0);
	testdb_expect("SELECT ticketty.inbox_prefill(1)->>'title'", "Blank placements now");
	static const char accept[] =
		"inbox accept 1 --set request_type=ad_serving --set reason=bug --set severity=3 --set impact=i"
		" --set object_ids=42 --set member_id=4242 --set repro_steps=r";
	char *cmd = xasprintf("%s --set browser=Firefox --set os='Windows 11'", accept);
	ck_assert_int_eq(testdb_cli("ia_alice", NULL, cmd), 65);
	free(cmd);
	ck_assert_msg(strstr(testdb_stderr(), "\nbrowser: Browser must contain a version number"), "%s",
		      testdb_stderr());
	testdb_expect("SELECT state || '|' || (SELECT count(*) FROM tickets) || '|' || body FROM mail_inbound",
		      "inbox|0|Everything is blank in Firefox on Windows.\n");
	cmd = xasprintf("%s --set browser='Firefox 133' --set os='Windows 11'", accept);
	ck_assert_msg(testdb_cli("ia_alice", NULL, cmd) == 0, "%s", testdb_stderr());
	free(cmd);
	testdb_expect("SELECT m.state || '|' || t.title || '|' || t.browser || '|' || t.description"
		      "  FROM mail_inbound m JOIN tickets t ON t.id = m.ticket_id",
		      "accepted|Blank placements now|Firefox 133|Everything is blank in Firefox on Windows.");
}
END_TEST

/* The desk's answer to a mail that answers already has one reply prefix
 * (sql/550): "Re: Blank placements", not "Re: RE: Re[2]: AW: ...", in
 * English and in Spanish; and the Spanish ask says "ticket", as the rest
 * of the Spanish interface does, not "vale". */
START_TEST(an_answer_has_one_reply_prefix)
{
	ck_assert_int_eq(receive("From: Carla <carla@acme.example>\nSubject: RE: Re[2]: AW: Blank placements\n"
				 "Message-ID: <first@acme>\n\nEverything is blank.\n"), 0);
	ck_assert_int_eq(testdb_cli("ia_alice", NULL, "inbox ask 1"), 0);
	testdb_expect("SELECT subject FROM mail_outbox WHERE kind = 'inbox_ask'", "Re: Blank placements");
	/* her answer to it, asked again: still one */
	char *ask = testdb_value("SELECT message_id FROM mail_outbox WHERE kind = 'inbox_ask'", 0, NULL);
	char mail[1024];
	snprintf(mail, sizeof(mail),
		 "From: carla@acme.example\nSubject: Re: Blank placements\nMessage-ID: <answer@acme>\n"
		 "In-Reply-To: %s\n\nIt is placement 42.\n", ask);
	free(ask);
	ck_assert_int_eq(receive(mail), 0);
	ck_assert_int_eq(testdb_cli("ia_alice", NULL, "inbox ask 2"), 0);
	testdb_expect("SELECT string_agg(subject, '|' ORDER BY id) FROM mail_outbox WHERE kind = 'inbox_ask'",
		      "Re: Blank placements|Re: Blank placements");
	/* in Spanish: a forward (RV) after the reply prefixes goes too */
	testdb_sql("UPDATE contacts SET lang = 'es' WHERE email = 'carla@acme.example'");
	ck_assert_int_eq(receive("From: Carla <carla@acme.example>\nSubject: re : RV: Anuncios en blanco\n"
				 "Message-ID: <es@acme>\n\nTodo en blanco.\n"), 0);
	ck_assert_int_eq(testdb_cli("ia_alice", NULL, "inbox ask 3"), 0);
	testdb_expect("SELECT subject || '|' || (body LIKE '%Para abrir un ticket necesitamos:%')"
		      "  FROM mail_outbox WHERE kind = 'inbox_ask' AND lang = 'es'",
		      "Re: Anuncios en blanco|true");
	/* the forms, and subjects that only look like them */
	testdb_expect("SELECT string_agg(ticketty.mail_subject_bare(s), '|' ORDER BY n)"
		      "  FROM unnest(ARRAY['Re: Re: x', 'RE(3): sv: Antw: x', 'Fwd: FW: wg: x', 'Re\uff1a x',"
		      "                    'Reunión: agenda', 'Rest: x', 'Re x', 'x: Re: y'])"
		      "       WITH ORDINALITY AS t(s, n)",
		      "x|x|x|x|Reunión: agenda|Rest: x|Re x|x: Re: y");
	/* no Spanish mail says "vale" */
	testdb_expect("SELECT count(*) FROM mail_templates WHERE lang = 'es'"
		      "   AND (body ~* '\\mvales?\\M' OR subject ~* '\\mvales?\\M')", "0");
}
END_TEST

/* The answers' text in the intake form is what the customer wrote (600):
 * the desk's request quoted below an answer (Gmail's wrapped "On ...
 * wrote:" and ">" lines, Outlook's header block naming the desk) is left
 * out of the description; the first mail keeps what it quotes, an answer
 * written between the quoted lines is kept whole, and so is an answer
 * that is only the quote. The mails themselves are kept as they came. */
START_TEST(answers_leave_the_desks_quoted_request_out)
{
	ck_assert_int_eq(receive("From: Carla <carla@acme.example>\nSubject: Blank placements\n"
				 "Message-ID: <first@acme>\n\nEverything is blank.\n\n"
				 "On Mon, Bo <bo@acme.example> wrote:\n> our ads vanished\n> since noon\n"), 0);
	ck_assert_int_eq(testdb_cli("ia_alice", NULL, "inbox ask 1"), 0);
	char *ask = testdb_value("SELECT message_id FROM mail_outbox WHERE kind = 'inbox_ask'", 0, NULL);
	char *mail = xasprintf(
		"From: carla@acme.example\nSubject: Re: Blank placements\nMessage-ID: <answer@acme>\n"
		"In-Reply-To: %s\n\nPlacement 42, Firefox 128.\n\n"
		"On Wed, Mar 10, 2027 at 3:00 PM Client Services <\nsupport@ticketty.invalid> wrote:\n\n"
		"> Hello Carla,\n>\n> thank you for your message. Before we can open a ticket we need:\n>\n"
		"> - Browser: Browser name and exact version\n", ask);
	ck_assert_int_eq(receive(mail), 0);
	free(mail);
	mail = xasprintf(
		"From: carla@acme.example\nSubject: RE: Blank placements\nMessage-ID: <answer2@acme>\n"
		"In-Reply-To: %s\n\nMember 4242.\n\n________________________________\n"
		"From: Client Services <Support@Ticketty.invalid>\nSent: Wednesday, March 10, 2027 3:00 PM\n"
		"To: Carla\nSubject: Re: Blank placements\n\nHello Carla,\n\nthank you for your message.\n", ask);
	ck_assert_int_eq(receive(mail), 0);
	free(mail);
	free(ask);
	testdb_expect("SELECT string_agg(id || ':' || state, ',' ORDER BY id) FROM mail_inbound",
		      "1:answered,2:answered,3:inbox");
	testdb_expect("SELECT ticketty.inbox_prefill(3)->>'description'",
		      "Everything is blank.\n\nOn Mon, Bo <bo@acme.example> wrote:\n> our ads vanished\n> since noon"
		      "\n\n---\n\nPlacement 42, Firefox 128.\n\n---\n\nMember 4242.");
	/* the mails as they came */
	testdb_expect("SELECT body LIKE '%> - Browser: Browser name and exact version%' FROM mail_inbound WHERE id = 2",
		      "t");
	/* answers between the quoted lines, and a quote alone, stay whole */
	testdb_expect("SELECT ticketty.inbox_answer_text(E'> - Browser: name and version\\nFirefox 128\\n"
		      "> - Operating system: name and version\\nWindows 11\\n')",
		      "> - Browser: name and version\nFirefox 128\n> - Operating system: name and version\nWindows 11");
	testdb_expect("SELECT ticketty.inbox_answer_text(E'El 10 mar 2027, Client Services escribió:\\n> Hola\\n')",
		      "El 10 mar 2027, Client Services escribió:\n> Hola");
	testdb_expect("SELECT ticketty.inbox_answer_text(E'Chrome 131\\n\\nEl 10 mar 2027, Client Services escribió:\\n> Hola\\n')",
		      "Chrome 131");
}
END_TEST

/* A mail that comes to the inbox with a ticket's tag in its subject (an
 * answer to mail of a closed ticket, a forward of the desk's mail) gives
 * a title without the tag and without the reply prefixes (600): the new
 * ticket is "Blank placements", its mail "[#N] Blank placements", not
 * "[#N] [#77] Blank placements". */
START_TEST(title_has_no_ticket_tag)
{
	ck_assert_int_eq(receive("From: Carla <carla@acme.example>\nSubject: AW: RE: [#77] Re: Blank [#78] placements\n"
				 "Message-ID: <tag@acme>\n\nStill blank since you closed it.\n"), 0);
	testdb_expect("SELECT state FROM mail_inbound WHERE id = 1", "inbox");
	testdb_expect("SELECT ticketty.inbox_prefill(1)->>'title'", "Blank placements");
	ck_assert_int_eq(testdb_cli("ia_alice", NULL,
		"inbox accept 1 --set request_type=ad_serving --set reason=bug --set severity=3 --set impact=i"
		" --set object_ids=42 --set member_id=4242 --set repro_steps=r --set browser='Firefox 128'"
		" --set os='Windows 11'"), 0);
	long long id = strtoll(testdb_stdout(), NULL, 10);
	char *cmd = xasprintf("ticket ack %lld --message 'We are on it.'", id);
	ck_assert_int_eq(testdb_cli("ia_alice", NULL, cmd), 0);
	free(cmd);
	char *want = xasprintf("[#%lld] Blank placements", id);
	testdb_expect("SELECT subject FROM mail_outbox WHERE kind = 'acknowledgement'", want);
	free(want);
}
END_TEST

/* A customer's answer to a closed ticket comes to the inbox (062): the
 * inbox says which closed ticket it answers, in English and in Spanish,
 * and the ticket accepted from it (also from the answer to a request for
 * what was missing) is linked to the closed one as related (630), which
 * the ticket view and both timelines show. A mail naming another
 * customer's closed ticket links nothing. */
START_TEST(answer_to_a_closed_ticket_is_linked_to_it)
{
	long long old = fixture_tickets(1, "client_services");
	char *sql = xasprintf("UPDATE tickets SET status = 'closed', resolved_at = tt_now(), closed_at = tt_now()"
			      " WHERE id = %lld", old);
	testdb_sql(sql);
	free(sql);
	char *mail = xasprintf("From: Carla <carla@acme.example>\nSubject: Re: [#%lld] Ticket 1\n"
			       "Message-ID: <again@acme>\n\nIt is blank again.\n", old);
	ck_assert_int_eq(receive(mail), 0);
	free(mail);
	testdb_expect("SELECT state FROM mail_inbound WHERE id = 1", "inbox");
	char *want = xasprintf("in the inbox, answers closed ticket #%lld", old);
	ck_assert_int_eq(testdb_cli("ia_alice", NULL, "inbox list"), 0);
	ck_assert_msg(strstr(testdb_stdout(), want), "stdout: %s", testdb_stdout());
	free(want);
	ck_assert_int_eq(testdb_cli("ia_alice", NULL, "inbox show 1 --json"), 0);
	want = xasprintf("\"closed_ticket\" : %lld", old);
	ck_assert_msg(strstr(testdb_stdout(), want), "stdout: %s", testdb_stdout());
	free(want);
	/* asked for what was missing, answered: the answer carries it on */
	ck_assert_int_eq(testdb_cli("ia_alice", NULL, "inbox ask 1"), 0);
	char *ask = testdb_value("SELECT message_id FROM mail_outbox WHERE kind = 'inbox_ask'", 0, NULL);
	mail = xasprintf("From: carla@acme.example\nSubject: Re: Ticket 1\nMessage-ID: <answer@acme>\n"
			 "In-Reply-To: %s\n\nFirefox 128 on Windows 11.\n", ask);
	free(ask);
	ck_assert_int_eq(receive(mail), 0);
	free(mail);
	ck_assert_int_eq(testdb_cli("ia_alice", NULL,
		"inbox accept 2 --set request_type=ad_serving --set reason=bug --set severity=3 --set impact=i"
		" --set object_ids=42 --set member_id=4242 --set repro_steps=r --set browser='Firefox 128'"
		" --set os='Windows 11'"), 0);
	long long id = strtoll(testdb_stdout(), NULL, 10);
	ck_assert_int_gt(id, old);
	sql = xasprintf("SELECT string_agg(other_id || ':' || kind, ',') FROM ticketty.ticket_links_of(%lld)", id);
	want = xasprintf("%lld:related", old);
	testdb_expect(sql, want);
	free(sql);
	free(want);
	sql = xasprintf("SELECT string_agg(ticket_id || ':' || (details->>'other'), ',' ORDER BY ticket_id)"
			"  FROM ticket_events WHERE kind = 'link' AND actor_id = (SELECT id FROM agents"
			"  WHERE login = 'ia_alice')");
	want = xasprintf("%lld:%lld,%lld:%lld", old, id, id, old);
	testdb_expect(sql, want);
	free(sql);
	free(want);
	char *cmd = xasprintf("ticket show %lld", id);
	ck_assert_int_eq(testdb_cli("ia_alice", NULL, cmd), 0);
	want = xasprintf("related #%lld", old);
	ck_assert_msg(strstr(testdb_stdout(), want), "stdout: %s", testdb_stdout());
	free(want);
	/* in Spanish */
	mail = xasprintf("From: Carla <carla@acme.example>\nSubject: Re: [#%lld] Ticket 1\n"
			 "Message-ID: <es@acme>\n\nOtra vez.\n", old);
	ck_assert_int_eq(receive(mail), 0);
	free(mail);
	test_lang("es_ES.UTF-8");
	ck_assert_int_eq(testdb_cli("ia_alice", NULL, "inbox list"), 0);
	want = xasprintf("responde al ticket cerrado #%lld", old);
	ck_assert_msg(strstr(testdb_stdout(), want), "stdout: %s", testdb_stdout());
	free(want);
	ck_assert_int_eq(testdb_cli("ia_alice", NULL, cmd), 0);
	want = xasprintf("relacionado #%lld", old);
	ck_assert_msg(strstr(testdb_stdout(), want), "stdout: %s", testdb_stdout());
	free(want);
	free(cmd);
	/* a contact of another customer in the closed ticket's thread (a
	 * copy of Carla's mail): the ticket made of it is not linked */
	testdb_sql("INSERT INTO customers (name, member_id, plan, account_rep_name, account_rep_email)"
		   " VALUES ('Beta Ads', 5151, 'basic', 'Rob Rep', 'rob@example.com');"
		   "INSERT INTO contacts (customer_id, name, email, phone, spoc)"
		   " SELECT id, 'Bea Contact', 'bea@beta.example', '+1 555 0200', true FROM customers"
		   "  WHERE member_id = 5151;");
	mail = xasprintf("From: bea@beta.example\nSubject: Re: [#%lld] Ticket 1\nMessage-ID: <bea@beta>\n"
			 "In-Reply-To: <es@acme>\n\nSame here.\n", old);
	ck_assert_int_eq(receive(mail), 0);
	free(mail);
	sql = xasprintf("SELECT state || ':' || ticket_id FROM mail_inbound WHERE id = 4");
	want = xasprintf("inbox:%lld", old);
	testdb_expect(sql, want);
	free(sql);
	free(want);
	ck_assert_int_eq(testdb_cli("ia_alice", NULL,
		"inbox accept 4 --set request_type=ad_serving --set reason=bug --set severity=3 --set impact=i"
		" --set object_ids=42 --set member_id=5151 --set repro_steps=r --set browser='Firefox 128'"
		" --set os='Windows 11'"), 0);
	sql = xasprintf("SELECT count(*) FROM ticket_links WHERE %lld IN (ticket_id, other_id)", old);
	testdb_expect(sql, "1");
	free(sql);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("inbox_answers");
	TCase *tc = tcase_create("answers");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, answer_takes_the_asked_mails_place_and_becomes_one_ticket);
	tcase_add_test(tc, answer_after_a_ticket_was_made_threads_onto_it);
	tcase_add_test(tc, second_answer_goes_on_from_the_first);
	tcase_add_test(tc, mail_needs_versions_and_gives_a_one_line_title);
	tcase_add_test(tc, an_answer_has_one_reply_prefix);
	tcase_add_test(tc, answers_leave_the_desks_quoted_request_out);
	tcase_add_test(tc, title_has_no_ticket_tag);
	tcase_add_test(tc, answer_to_a_closed_ticket_is_linked_to_it);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
