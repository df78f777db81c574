/* The mail channel in the database, through the real binary: messages
 * built once from the templates in the contact's language with [#ID] and
 * the thread; emergency notices and updates to the CSM and account
 * representative (Auto-Submitted); `mail receive` threading replies
 * (resolved reopens, the assignee told), holding unknown senders, the
 * inbox (accept with the mail's fields and its first response answering
 * the mail, ask listing the missing items, refuse naming whom to ask, the
 * per-address daily limit), exit codes 65 for what can never be stored
 * and 77 for agents who are not the mail bot, attachments and their limit;
 * files an agent sends with a public message, in its mail; a duplicate's
 * thread going on in the surviving ticket; replies to staff copies held;
 * waiting on the customer with a question (`ticket status ID
 * waiting_customer --message`): one change, one request_info mail; an
 * agent's notification of a change to a ticket mailed in ticketty's words. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/conn.h"
#include "mail/mime.h"
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

/* The first value of `sql` as agent `login` ("ERR <sqlstate>" on an error). */
static void expect_as_agent(const char *login, const char *sql, const char *want)
{
	struct db *db = testdb_open(login);
	struct tt_error err;
	tt_error_init(&err);
	char *v = db_scalar(db, sql, 0, NULL, &err);
	char *got = v ? v : xasprintf("ERR %s", err.sqlstate);
	ck_assert_msg(!strcmp(got, want), "%s: %s\n  got:  %s\n  want: %s", login, sql, got, want);
	free(got);
	tt_error_clear(&err);
	db_close(db);
}

/* A mail as the MTA hands it over; the desk's Message-IDs written as
 * <ticketty.T.N@desk.test> are the ones outbox row N holds. */
static int receive(const char *mail)
{
	return testdb_cli("mail_bot", testdb_mail_ids(mail), "mail receive");
}

/* mail_alice files an emergency (severity 1) ticket for Acme Media; its id. */
static long long file_emergency(void)
{
	ck_assert_int_eq(cli("mail_alice", NULL,
		"ticket new --set customer='Acme Media' --set contact=carla@acme.example --set request_type=ad_serving"
		" --set reason=bug --set severity=1 --set title=Down --set description=d --set impact=i"
		" --set object_ids=1 --set member_id=4242 --set repro_steps=r --set browser='FF 1' --set os='L 1'"
		" --set phone='+1 555 0100'"), 0);
	return strtoll(testdb_stdout(), NULL, 10);
}

START_TEST(answers_built_once_in_language_and_thread)
{
	testdb_sql("UPDATE contacts SET lang = 'es'");
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket ack %lld --message 'Lo miramos.'", ticket), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket reply %lld --message 'Segunda respuesta.'", ticket), 0);
	testdb_expect("SELECT string_agg(kind || '|' || lang || '|' || subject || '|' || coalesce(in_reply_to, '-'), ';' ORDER BY id)"
	       "  FROM mail_outbox WHERE to_address = 'carla@acme.example'",
	       testdb_mail_ids("acknowledgement|es|[#1] Ticket 1|-;reply|es|[#1] Ticket 1|<ticketty.1.1@desk.test>"));
	/* the desk's IDs name the ticket and the row, then 64 random bits */
	testdb_expect("SELECT count(*) FILTER (WHERE message_id ~ '^<ticketty\\.1\\.[0-9]+\\.[0-9a-f]{16}@desk\\.test>$')"
	       "  FROM mail_outbox", "2");
	testdb_expect("SELECT body LIKE 'Hola, Carla Contact:%Lo miramos.%Conserve [#1] en el asunto%' FROM mail_outbox WHERE id = 1", "t");
	/* waiting on the customer: the next reply is a request for information */
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket status %lld in_progress", ticket), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket status %lld waiting_customer", ticket), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket reply %lld --message '¿Qué navegador?'", ticket), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket resolve %lld --message 'Arreglado.'", ticket), 0);
	testdb_expect("SELECT string_agg(kind, ',' ORDER BY id) FROM mail_outbox",
	       "acknowledgement,reply,request_info,resolution");
	/* the whole thread (631) */
	testdb_expect("SELECT array_to_string(refs, ' ') FROM mail_outbox WHERE kind = 'resolution'",
	       testdb_mail_ids("<ticketty.1.1@desk.test> <ticketty.1.2@desk.test> <ticketty.1.3@desk.test>"));
	/* sending leaves the text as it was built */
	testdb_sql("UPDATE mail_templates SET body = 'changed' WHERE kind = 'reply'");
	testdb_expect("SELECT count(*) FROM mail_outbox WHERE body = 'changed'", "0");
	/* only the mail bot (an admin) may take messages for delivery */
	ck_assert_int_eq(cli("mail_alice", NULL, "mail send --sendmail true"), 77);
	ck_assert_int_eq(cli("mail_bot", NULL, "mail send --sendmail 'cat >/dev/null'"), 0);
	ck_assert_str_eq(testdb_stdout(), "sent 4 messages\n");
	testdb_expect("SELECT count(*) FROM mail_outbox WHERE state = 'sent'", "4");
	/* a refused delivery: when it is tried again, in the desk's time with
	 * its zone, on stderr and in `mail status` */
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket reply %lld --message 'Una más.'", ticket), 0);
	ck_assert_int_eq(cli("mail_bot", NULL, "mail send --sendmail 'echo spool full >&2; exit 75'"), 75);
	char *when = val("SELECT to_char(next_attempt_at AT TIME ZONE 'America/New_York', 'YYYY-MM-DD HH24:MI ')"
			 "       || CASE WHEN next_attempt_at >= '2027-03-14T07:00:00Z' THEN 'EDT' ELSE 'EST' END"
			 "  FROM mail_outbox WHERE state = 'queued'");
	char want[256];
	snprintf(want, sizeof(want), "retried at %s: ", when);
	ck_assert_msg(strstr(testdb_stderr(), want), "stderr: %s\nwant: %s", testdb_stderr(), want);
	ck_assert_int_eq(cli("mail_bot", NULL, "mail status"), 0);
	snprintf(want, sizeof(want), "last error: #5 to carla@acme.example, attempt 1, next %s: ", when);
	ck_assert_msg(strstr(testdb_stdout(), want), "stdout: %s\nwant: %s", testdb_stdout(), want);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "spool full"));
	free(when);
}
END_TEST

/* The desk's mail carries the whole thread in References (sql/631, RFC
 * 5322 3.6.4): the desk's messages and the customer's, in order, the one
 * it answers last; also after a reply to an older message. A very long
 * thread gives the root and the 20 most recent. */
START_TEST(references_carry_the_whole_thread)
{
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket ack %lld --message 'On it.'", ticket), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket reply %lld --message 'Which placement?'", ticket), 0);
	ck_assert_int_eq(receive("From: carla@acme.example\nSubject: Re: [#1] Ticket 1\nMessage-ID: <c1@acme>\n"
				 "In-Reply-To: <ticketty.1.2@desk.test>\n\nPlacement 77.\n"), 0);
	ck_assert_int_eq(receive("From: carla@acme.example\nSubject: Re: [#1] Ticket 1\nMessage-ID: <c2@acme>\n"
				 "In-Reply-To: <ticketty.1.2@desk.test>\n\nAnd 78.\n"), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket reply %lld --message 'Thanks.'", ticket), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket reply %lld --message 'Fixed?'", ticket), 0);
	testdb_expect("SELECT string_agg(coalesce(in_reply_to, '-') || ' | ' || array_to_string(refs, ' '), E'\\n' ORDER BY id)"
		      "  FROM mail_outbox WHERE ticket_id = 1",
		      testdb_mail_ids("- | \n"
				      "<ticketty.1.1@desk.test> | <ticketty.1.1@desk.test>\n"
				      "<c2@acme> | <ticketty.1.1@desk.test> <ticketty.1.2@desk.test> <c1@acme> <c2@acme>\n"
				      "<ticketty.1.3@desk.test> | <ticketty.1.1@desk.test> <ticketty.1.2@desk.test>"
				      " <c1@acme> <c2@acme> <ticketty.1.3@desk.test>"));
	/* a long thread: the root and the 20 most recent */
	testdb_sql("DO $$ BEGIN FOR g IN 1..30 LOOP"
		   "  UPDATE ticketty.mail_threads SET last_message_id = '<x' || g || '@acme>' WHERE ticket_id = 1;"
		   " END LOOP; END $$");
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket reply %lld --message 'Still there?'", ticket), 0);
	testdb_expect("SELECT cardinality(refs) || ' ' || refs[1] || ' ' || refs[2] || ' ' || refs[21] || ' ' || in_reply_to"
		      "  FROM mail_outbox ORDER BY id DESC LIMIT 1",
		      testdb_mail_ids("21 <ticketty.1.1@desk.test> <x11@acme> <x30@acme> <x30@acme>"));
}
END_TEST

START_TEST(emergency_notices_and_updates)
{
	testdb_agent("mail_csm", "csm");
	testdb_sql("UPDATE agents SET email = 'csm@desk.test' WHERE login = 'mail_csm';"
		   "UPDATE customers SET csm_id = (SELECT id FROM agents WHERE login = 'mail_csm')");
	long long id = file_emergency();
	char sql[512];
	snprintf(sql, sizeof(sql), "SELECT string_agg(kind || '>' || to_address || '>' || auto_submitted, ',' ORDER BY to_address)"
		 "  FROM mail_outbox WHERE ticket_id = %lld", id);
	testdb_expect(sql, "emergency>csm@desk.test>auto-generated,emergency>rita@example.com>auto-generated");
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket ack %lld --message 'Engineers on it'", id), 0);
	snprintf(sql, sizeof(sql), "SELECT string_agg(kind || '>' || to_address, ',' ORDER BY id)"
		 "  FROM mail_outbox WHERE ticket_id = %lld AND kind <> 'emergency'", id);
	testdb_expect(sql, "acknowledgement>carla@acme.example,emergency_update>csm@desk.test,"
		    "emergency_update>rita@example.com");
}
END_TEST

START_TEST(replies_thread_reopen_and_notify)
{
	testdb_sql("UPDATE tickets SET assignee_id = (SELECT id FROM agents WHERE login = 'mail_alice')");
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket resolve %lld --message 'Fixed'", ticket), 0);
	testdb_expect("SELECT status FROM tickets WHERE id = 1", "resolved");
	ck_assert_int_eq(receive("From: Carla <carla@acme.example>\nSubject: Re: [#1] Ticket 1\n"
				 "Message-ID: <c1@acme>\nIn-Reply-To: <ticketty.1.1@desk.test>\n\nNot fixed!\n"), 0);
	testdb_expect("SELECT status FROM tickets WHERE id = 1", "in_progress");
	testdb_expect("SELECT resolved_at IS NULL FROM tickets WHERE id = 1", "t");
	testdb_expect("SELECT body FROM comments WHERE kind = 'customer'", "Not fixed!");
	testdb_expect("SELECT count(*) FROM notifications WHERE kind = 'ticket.customer_reply'"
	       " AND recipient_agent_id = (SELECT id FROM agents WHERE login = 'mail_alice')", "1");
	/* the assignee reads it in words: who (the customer, not the mail
	 * bridge whose session threaded it) and what became of the status */
	ck_assert_int_eq(cli("mail_alice", NULL, "notify mine --json"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\"change\" : \"customer_reply\", "
				"\"words\" : \"the customer replied by mail: resolved \xe2\x86\x92 in progress\""),
		      "%s", testdb_stdout());
	/* the next answer continues from the customer's message */
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket reply %lld --message 'Looking again'", ticket), 0);
	testdb_expect("SELECT in_reply_to FROM mail_outbox ORDER BY id DESC LIMIT 1", "<c1@acme>");
	/* [#ID] alone threads only from the customer's own contacts */
	ck_assert_int_eq(receive("From: mallory@evil.test\nSubject: [#1] hi\nMessage-ID: <m1@evil>\n\nx\n"), 0);
	testdb_expect("SELECT state || '/' || hold_reason FROM mail_inbound WHERE message_id = '<m1@evil>'", "held/unknown_sender");
	testdb_sql("INSERT INTO contacts (customer_id, name, email) SELECT id, 'Colleague', 'col@acme.example' FROM customers");
	ck_assert_int_eq(receive("From: col@acme.example\nSubject: Re: [#1] more\nMessage-ID: <k1@acme>\n\nAlso here\n"), 0);
	testdb_expect("SELECT state || '/' || ticket_id FROM mail_inbound WHERE message_id = '<k1@acme>'", "threaded/1");
	/* a customer's message shows under the contact's name the desk keeps,
	 * not the display name the mail claims (anyone can write one) */
	ck_assert_int_eq(receive("From: Mail Alice <col@acme.example>\nSubject: Re: [#1] more\nMessage-ID: <k2@acme>\n\n"
				 "Posing\n"), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket show %lld", ticket), 0);
	ck_assert_msg(strstr(testdb_stdout(), "Colleague") && !strstr(testdb_stdout(), "Mail Alice"),
		      "stdout: %s", testdb_stdout());
	/* a list message is held, never threaded */
	ck_assert_int_eq(receive("From: carla@acme.example\nSubject: Re: [#1] digest\nList-Id: <x.lists>\n"
				 "Message-ID: <l1@acme>\n\ndigest\n"), 0);
	testdb_expect("SELECT hold_reason FROM mail_inbound WHERE message_id = '<l1@acme>'", "list");
	testdb_expect("SELECT count(*) FROM comments WHERE kind = 'customer'", "3");
}
END_TEST

/* A reply from a mail client quotes the earlier thread below its words:
 * the comment keeps every byte, `ticket show` shows the words and folds
 * the quote into one line, --quoted and --json show it whole. */
START_TEST(quoted_reply_kept_whole_shown_folded)
{
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket ack %lld --message 'We are on it.'", ticket), 0);
	const char *mail =
		"From: Carla <carla@acme.example>\nSubject: Re: [#1] Ticket 1\nMessage-ID: <q1@acme>\n"
		"In-Reply-To: <ticketty.1.1@desk.test>\nContent-Type: text/plain; charset=utf-8\n\n"
		"It serves again, thanks.\n\nOn Sun, Mar 14, 2027 at 2:59 AM Client Services <\n"
		"support@desk.test> wrote:\n> Hello Carla,\n>\n> We are on it.\n";
	ck_assert_int_eq(receive(mail), 0);
	testdb_expect("SELECT body FROM comments WHERE kind = 'customer'",
	       "It serves again, thanks.\n\nOn Sun, Mar 14, 2027 at 2:59 AM Client Services <\n"
	       "support@desk.test> wrote:\n> Hello Carla,\n>\n> We are on it.");
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket show %lld", ticket), 0);
	const char *out = testdb_stdout();
	ck_assert_msg(strstr(out, "    It serves again, thanks.\n"
				  "    [5 lines quoted from earlier mail: --quoted shows them]\n"), "%s", out);
	ck_assert_msg(!strstr(out, "> Hello Carla"), "%s", out);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket show %lld --quoted", ticket), 0);
	out = testdb_stdout();
	ck_assert_msg(strstr(out, "    It serves again, thanks.\n\n    On Sun, Mar 14, 2027 at 2:59 AM"), "%s", out);
	ck_assert_msg(strstr(out, "    > We are on it.\n"), "%s", out);
	ck_assert_msg(!strstr(out, "lines quoted from earlier mail"), "%s", out);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket show %lld --json", ticket), 0);
	ck_assert_msg(strstr(testdb_stdout(), "> We are on it."), "%s", testdb_stdout());
}
END_TEST

/* An agent who asked for notifications by mail reads what happened in
 * words and what was said: the customer's reply, an escalation's reason. */
START_TEST(agent_notification_mail_in_words)
{
	testdb_agent("mail_csm", "csm");
	testdb_sql("UPDATE agents SET email = login || '@desk.test' WHERE login IN ('mail_alice', 'mail_csm');"
		   "UPDATE customers SET csm_id = (SELECT id FROM agents WHERE login = 'mail_csm');"
		   "UPDATE tickets SET assignee_id = (SELECT id FROM agents WHERE login = 'mail_alice')");
	ck_assert_int_eq(cli("mail_alice", NULL, "mail notifications on"), 0);
	ck_assert_int_eq(cli("mail_csm", NULL, "mail notifications on"), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket ack %lld --message 'On it.'", ticket), 0);
	ck_assert_int_eq(receive("From: Carla <carla@acme.example>\nSubject: Re: [#1] Ticket 1\n"
				 "Message-ID: <n1@acme>\nIn-Reply-To: <ticketty.1.1@desk.test>\n\n"
				 "Still dark on placement 42.\n"), 0);
	testdb_expect("SELECT subject FROM mail_outbox WHERE kind = 'notification' AND to_address = 'mail_alice@desk.test'",
	       "[#1] Customer replied: Ticket 1");
	testdb_expect("SELECT body FROM mail_outbox WHERE kind = 'notification' AND to_address = 'mail_alice@desk.test'",
	       "Ticket #1 (Ticket 1): customer replied.\n\nStill dark on placement 42.\n\n-- \nClient Services\n");
	ck_assert_int_eq(cli("mail_alice", NULL, "escalate %lld --reason 'Customer threatens to churn'", ticket), 0);
	testdb_expect("SELECT subject || '|' || body FROM mail_outbox WHERE kind = 'notification'"
	       "   AND to_address = 'mail_csm@desk.test'",
	       "[#1] Escalation raised: Ticket 1|Ticket #1 (Ticket 1): escalation raised.\n\n"
	       "Customer threatens to churn\n\n-- \nClient Services\n");
	/* both default templates say it (190 adds {{message}} to them) */
	testdb_expect("SELECT count(*) FROM mail_templates WHERE kind = 'notification' AND body LIKE '%{{message}}%'", "2");

	/* what another agent did to her ticket: the mail says it in the words
	 * ticketty does (the sender builds it with them), not "ticket
	 * changed"; in Spanish when her mail is */
	testdb_agent("mail_ana", "engineer");
	testdb_sql("UPDATE agents SET display_name = 'Ana Gil' WHERE login = 'mail_ana'");
	const char *changed = "SELECT subject || '|' || body FROM mail_outbox o JOIN notifications n ON n.id = o.notification_id"
			      " WHERE n.kind = 'ticket.changed' AND o.to_address = 'mail_alice@desk.test'"
			      "   AND o.state = 'sent' ORDER BY o.id DESC LIMIT 1";
	test_lang("C.UTF-8");   /* the sender's: its arrows are "→" */
	/* (a later instant: one step tells her of a ticket once) */
	testdb_clock("2027-03-14T07:10:00Z", TESTDB_CLOCK_FROZEN);
	ck_assert_int_eq(cli("mail_ana", NULL, "ticket status %lld in_progress", ticket), 0);
	ck_assert_int_eq(cli("mail_bot", NULL, "mail send --sendmail 'cat >/dev/null'"), 0);
	testdb_expect(changed, "[#1] Ana Gil changed the status: acknowledged → in progress: Ticket 1|"
			       "Ticket #1 (Ticket 1): Ana Gil changed the status: acknowledged → in progress.\n\n"
			       "-- \nClient Services\n");
	ck_assert_int_eq(cli("mail_alice", NULL, "mail language es"), 0);
	testdb_clock("2027-03-14T07:20:00Z", TESTDB_CLOCK_FROZEN);
	ck_assert_int_eq(cli("mail_ana", NULL, "ticket assign %lld mail_ana", ticket), 0);
	ck_assert_int_eq(cli("mail_bot", NULL, "mail send --sendmail 'cat >/dev/null'"), 0);
	testdb_expect(changed, "[#1] Ana Gil asumió el ticket en su lugar: Ticket 1|"
			       "Ticket n.º 1 (Ticket 1): Ana Gil asumió el ticket en su lugar.\n\n"
			       "-- \nClient Services\n");
	testdb_clock("2027-03-14T07:30:00Z", TESTDB_CLOCK_FROZEN);
	ck_assert_int_eq(cli("mail_ana", NULL, "ticket assign %lld mail_alice", ticket), 0);
	ck_assert_int_eq(cli("mail_bot", NULL, "mail send --sendmail 'cat >/dev/null'"), 0);
	testdb_expect(changed, "[#1] Ana Gil le asignó el ticket: Ticket 1|"
			       "Ticket n.º 1 (Ticket 1): Ana Gil le asignó el ticket.\n\n"
			       "-- \nClient Services\n");
}
END_TEST

/* Mail to an agent is in the agent's language (`mail language es`, or an
 * admin's `admin agent set LOGIN lang=es`): a Spanish engineer's
 * notification and a Spanish CSM's emergency notice and update, in the
 * interface's words ("ticket", not the customers' "vale"); the account
 * representative and the customer keep theirs, and the representative's
 * is an admin's to set (account_rep_lang). `mail notifications` and
 * `mail language` say where and in which language. */
START_TEST(agent_mail_in_the_agents_language)
{
	testdb_agent("mail_csm", "csm");
	testdb_sql("UPDATE agents SET email = login || '@desk.test' WHERE login IN ('mail_alice', 'mail_csm');"
		   "UPDATE customers SET csm_id = (SELECT id FROM agents WHERE login = 'mail_csm');"
		   "UPDATE tickets SET assignee_id = (SELECT id FROM agents WHERE login = 'mail_alice')");
	ck_assert_int_eq(cli("mail_alice", NULL, "mail notifications"), 0);
	ck_assert_str_eq(testdb_stdout(), "Your notifications do not go by mail ('mail notifications on' sends them).\n"
					  "Mail to you is in English ('mail language en|es' changes it).\n");
	ck_assert_int_eq(cli("mail_alice", NULL, "mail notifications on"), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "mail language es"), 0);
	ck_assert_str_eq(testdb_stdout(), "Your notifications go by mail to mail_alice@desk.test, in Spanish.\n"
					  "Mail to you is in Spanish ('mail language en|es' changes it).\n");
	/* a language mail is not written in is refused, naming the field */
	ck_assert_int_eq(cli("mail_alice", NULL, "mail language fr"), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "lang: must be en or es"));
	ck_assert_int_eq(cli("mail_bot", NULL, "admin agent set mail_csm lang=es"), 0);

	ck_assert_int_eq(cli("mail_alice", NULL, "ticket ack %lld --message 'On it.'", ticket), 0);
	ck_assert_int_eq(receive("From: Carla <carla@acme.example>\nSubject: Re: [#1] Ticket 1\n"
				 "Message-ID: <n1@acme>\nIn-Reply-To: <ticketty.1.1@desk.test>\n\n"
				 "Sigue sin verse.\n"), 0);
	testdb_expect("SELECT lang || '|' || subject || '|' || body FROM mail_outbox"
	       " WHERE kind = 'notification' AND to_address = 'mail_alice@desk.test'",
	       "es|[#1] El cliente respondió: Ticket 1|Ticket n.º 1 (Ticket 1): el cliente respondió.\n\n"
	       "Sigue sin verse.\n\n-- \nClient Services\n");
	/* a subject line is no sentence's inside: the words that start it
	 * start with a capital letter (accented too), the body keeps them as
	 * they stand after its colon; a subject that starts with anything
	 * else (a title, "iPhone") is left as it is */
	testdb_expect("SELECT string_agg(ticketty.mail_subject_built(t, v::jsonb, 1), '|' ORDER BY n)"
		      "  FROM (VALUES (1, '{{event}}: {{title}}', '{\"event\": \"\u00e9l respondi\u00f3\", \"title\": \"x\"}'),"
		      "               (2, ' {{event}}: {{title}}', '{\"event\": \"nuevo escalado\", \"title\": \"x\"}'),"
		      "               (3, '{{title}}: {{event}}', '{\"event\": \"nuevo escalado\", \"title\": \"iPhone\"}'))"
		      "       AS x(n, t, v)",
		      "[#1] \u00c9l respondi\u00f3: x|[#1] Nuevo escalado: x|[#1] iPhone: nuevo escalado");
	/* the customer's acknowledgement stays in the customer's language */
	testdb_expect("SELECT lang FROM mail_outbox WHERE kind = 'acknowledgement'", "en");

	long long id = file_emergency();
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket ack %lld --message 'Engineers on it'", id), 0);
	char sql[512];
	snprintf(sql, sizeof(sql), "SELECT string_agg(kind || '>' || to_address || '>' || lang || '>'"
		 "       || split_part(body, ' n.º', 1), ',' ORDER BY kind, to_address)"
		 "  FROM mail_outbox WHERE ticket_id = %lld AND kind LIKE 'emergency%%'", id);
	testdb_expect(sql, "emergency>mail_csm@desk.test>es>Se ha abierto el ticket de emergencia (gravedad 1),"
		    "emergency>rita@example.com>en>An emergency (severity 1) ticket #2 was opened for Acme Media.\n\n"
		    "Title: Down\nEmergency phone: +1 555 0100\n\n-- \nClient Services\n,"
		    "emergency_update>mail_csm@desk.test>es>Se ha enviado al cliente Acme Media esta novedad del ticket de emergencia,"
		    "emergency_update>rita@example.com>en>The customer Acme Media was sent this update on emergency ticket #2:\n\n"
		    "Engineers on it\n\n-- \nClient Services\n");

	/* the account representative's own language, set by an admin */
	ck_assert_int_eq(cli("mail_bot", NULL, "admin customer set 'Acme Media' account_rep_lang=fr%s", ""), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "account_rep_lang: must be en or es"));
	ck_assert_int_eq(cli("mail_bot", NULL, "admin customer set 'Acme Media' account_rep_lang=es%s", ""), 0);
	id = file_emergency();
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket ack %lld --message 'Engineers on it'", id), 0);
	snprintf(sql, sizeof(sql), "SELECT string_agg(kind || '>' || lang || '>' || split_part(body, ' n.º', 1), ','"
		 "       ORDER BY kind) FROM mail_outbox WHERE ticket_id = %lld AND to_address = 'rita@example.com'", id);
	testdb_expect(sql, "emergency>es>Se ha abierto el ticket de emergencia (gravedad 1),"
		    "emergency_update>es>Se ha enviado al cliente Acme Media esta novedad del ticket de emergencia");
	testdb_expect("SELECT after ->> 'account_rep_lang' FROM admin_events WHERE action = 'customer.set'"
	       " ORDER BY id DESC LIMIT 1", "es");
}
END_TEST

/* `ticket show --json` of `ticket` lists its files as "name=sent/internal,...". */
static void expect_files_sent(long long ticket, const char *want)
{
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket show %lld --json", ticket), 0);
	const char *p[1] = { testdb_stdout() };
	char *v = testdb_value("SELECT string_agg((a ->> 'filename') || '=' || (a ->> 'sent') || '/' || (a ->> 'internal'), ',')"
			       "  FROM jsonb_array_elements($1::jsonb -> 'attachments') a", 1, p);
	ck_assert_str_eq(v ? v : "NULL", want);
	free(v);
}

/* Files to the customer: `ticket reply --attach` stores each file with
 * the message it goes with (type guessed, audited, on the timeline and in
 * the ticket's files as sent); `mail send` puts them into that message's
 * mail after the text, and the customer's mail program gets them back
 * byte for byte. A file the desk refuses (too large) sends nothing, not
 * even the text. A note keeps its files for the desk (a developer's
 * too): stored and audited with it, never sent, never in a mail. A file
 * outside a message of the same transaction is refused by the database. */
START_TEST(files_go_out_with_the_message)
{
	char dir[] = "/tmp/tt-files-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char csv[96], big[96], mbox[96];
	snprintf(csv, sizeof(csv), "%s/placements.csv", dir);
	snprintf(big, sizeof(big), "%s/big.log", dir);
	snprintf(mbox, sizeof(mbox), "%s/sent.eml", dir);
	FILE *f = fopen(csv, "w");
	fputs("placement,impressions\n4313526,0\n", f);
	fclose(f);
	f = fopen(big, "w");
	for (int i = 0; i < 3000; i++)
		fputs("0123456789", f);
	fclose(f);

	ck_assert_int_eq(cli("mail_alice", NULL, "ticket reply %lld --message 'The list is attached.' --attach %s",
			     ticket, csv), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "1 file goes with the message"));
	testdb_expect("SELECT a.filename || '|' || a.content_type || '|' || a.size || '|' || c.body"
	       "  FROM attachments a JOIN comments c ON c.id = a.comment_id",
	       "placements.csv|text/csv|32|The list is attached.");
	testdb_expect("SELECT details ->> 'filename' FROM ticket_events WHERE kind = 'file_sent'", "placements.csv");
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket show %lld", ticket), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "placements.csv  text/csv  32 bytes  sent"));
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "    sent with the message: placements.csv (32 bytes)\n"));
	/* and --json says which files went to the customer */
	expect_files_sent(ticket, "placements.csv=true/false");

	char cmd[160];
	snprintf(cmd, sizeof(cmd), "mail send --sendmail 'cat > %s'", mbox);
	ck_assert_int_eq(cli("mail_bot", NULL, "%s", cmd), 0);
	f = fopen(mbox, "r");
	ck_assert_ptr_nonnull(f);
	char raw[8192];
	size_t n = fread(raw, 1, sizeof(raw) - 1, f);
	raw[n] = '\0';
	fclose(f);
	struct mail_in m;
	mime_init();
	mime_parse(raw, n, NULL, &m);
	ck_assert_ptr_nonnull(strstr(m.body, "The list is attached."));
	ck_assert_uint_eq(m.nfiles, 1);
	ck_assert_str_eq(m.files[0].filename, "placements.csv");
	ck_assert_str_eq(m.files[0].content_type, "text/csv");
	ck_assert_uint_eq(m.files[0].len, 32);
	ck_assert_mem_eq(m.files[0].data, "placement,impressions\n4313526,0\n", 32);
	mail_in_done(&m);
	mime_done();

	/* larger than the desk allows: refused before sending, named, and
	 * nothing sent */
	testdb_sql("UPDATE mail_policy SET value = '20000' WHERE key = 'max_attachment_bytes'");
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket reply %lld --message 'And the log.' --attach %s",
			     ticket, big), 65);
	ck_assert_msg(strstr(testdb_stderr(), "ticketty: big.log: 30000 bytes, more than the 20000 a file may have\n"),
		      "%s", testdb_stderr());
	testdb_expect("SELECT count(*) FROM comments WHERE body = 'And the log.'", "0");
	testdb_expect("SELECT count(*) FROM attachments", "1");
	/* a note keeps its file inside: with the note, audited, on the
	 * timeline, not sent; the mail outbox never sees it */
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket note %lld --message 'Log for the developers.' --attach %s",
			     ticket, csv), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "1 file is kept with the note"));
	testdb_expect("SELECT a.filename || '|' || c.kind FROM attachments a JOIN comments c ON c.id = a.comment_id"
	       " WHERE c.body = 'Log for the developers.'", "placements.csv|internal");
	testdb_expect("SELECT count(*) FROM ticket_events WHERE kind = 'file_noted'", "1");
	testdb_expect("SELECT count(*) FROM mail_outbox o JOIN attachments a ON a.comment_id = o.comment_id"
	       " WHERE a.id = (SELECT max(id) FROM attachments)", "0");
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket show %lld", ticket), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "  | kept with the note: placements.csv (32 bytes)\n"));
	expect_files_sent(ticket, "placements.csv=true/false,placements.csv=false/true");
	ck_assert_int_eq(cli("mail_alice", NULL, "attachment list %lld", ticket), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "placements.csv  text/csv  32 bytes  sent      "));
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "placements.csv  text/csv  32 bytes  internal  "));
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket show %lld", ticket), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "placements.csv  text/csv  32 bytes  internal\n"));
	/* a developer, who never writes to the customer, attaches to a note too */
	testdb_agent("mail_dev", "developer");
	ck_assert_int_eq(cli("mail_dev", NULL, "ticket note %lld --message 'Seen in our logs.' --attach %s",
			     ticket, csv), 0);
	testdb_expect("SELECT count(*) FROM attachments", "3");
	/* the database: a file goes only with a message of the same transaction */
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket reply %lld --message 'Later.'", ticket), 0);
	struct db *db = testdb_open("mail_alice");
	struct tt_error err;
	tt_error_init(&err);
	static const char attach[] = "SELECT ticketty.api_message_attach(1, 'late.txt', 'text/plain', 'x'::bytea)";
	ck_assert_ptr_null(db_exec(db, attach, 0, NULL, &err));
	ck_assert_str_eq(err.sqlstate, "TT409");
	tt_error_clear(&err);
	ck_assert_int_eq(db_begin(db, &err), 0);
	PGresult *r = db_exec(db, "SELECT ticketty.api_ticket_note(1, NULL, 'inside')", 0, NULL, &err);
	ck_assert_ptr_nonnull(r);
	PQclear(r);
	r = db_exec(db, attach, 0, NULL, &err);   /* the note of this transaction takes it */
	ck_assert_msg(r != NULL, "%s", err.message ? err.message : "?");
	PQclear(r);
	/* and holds every client to the desk's limit (the command line
	 * says it before sending: above) */
	r = db_exec(db, "SELECT ticketty.api_message_attach(1, 'big.log', 'text/plain',"
			" convert_to(repeat('x', 20001), 'UTF8'))", 0, NULL, &err);
	ck_assert_ptr_null(r);
	ck_assert_str_eq(err.sqlstate, "TT400");
	ck_assert_uint_eq(err.nfields, 1);
	ck_assert_str_eq(err.fields[0].field, "file");
	ck_assert_str_eq(err.fields[0].code, "too_large");
	ck_assert_msg(strstr(err.fields[0].message, "big.log has 20001 bytes; one file may have 20000"
			     " (max_attachment_bytes)"), "%s", err.fields[0].message);
	tt_error_clear(&err);
	db_rollback(db);
	db_close(db);
	remove(csv);
	remove(big);
	remove(mbox);
	rmdir(dir);
}
END_TEST

/* A delivery report for an answer of ours: the answer reads "mail
 * bounced", the ticket says to whom and why, its author and the assignee
 * are told, the report stays held and linked; a second report of the
 * same message and a report of mail that is not ours change nothing. */
START_TEST(bounced_answer_said_on_the_ticket)
{
	testdb_agent("mail_bob", "engineer");
	testdb_sql("UPDATE tickets SET assignee_id = (SELECT id FROM agents WHERE login = 'mail_bob')");
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket ack %lld --message 'We are on it.'", ticket), 0);
	ck_assert_int_eq(cli("mail_bot", NULL, "mail send --sendmail 'cat >/dev/null'"), 0);
	/* the assignee follows the ticket too: told of the bounce once (790) */
	testdb_sql("INSERT INTO ticket_collaborators (ticket_id, agent_id)"
		   " SELECT 1, id FROM agents WHERE login = 'mail_bob';"
		   "UPDATE notifications SET read_at = tt_now()");
	const char *report =
		"From: MAILER-DAEMON@mx.acme.example\nTo: support@desk.test\nMessage-ID: <dsn1@mx>\n"
		"Content-Type: multipart/report; report-type=delivery-status; boundary=P\n\n"
		"--P\nContent-Type: text/plain\n\nundeliverable\n"
		"--P\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.acme.example\n\n"
		"Final-Recipient: rfc822; carla@acme.example\nAction: failed\nStatus: 5.1.1\n"
		"Diagnostic-Code: smtp; 550 User unknown\n\n"
		"--P\nContent-Type: text/rfc822-headers\n\nMessage-ID: <ticketty.1.1@desk.test>\n\n--P--\n";
	ck_assert_int_eq(testdb_cli("mail_bot", testdb_mail_ids(report), "mail receive --verbose"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "held, a report that mail of ticket 1 was not delivered"), "%s",
		      testdb_stdout());
	testdb_expect("SELECT bounce_reason || '|' || (bounced_at IS NOT NULL) FROM mail_outbox WHERE id = 1",
	       "5.1.1 550 User unknown|true");
	testdb_expect("SELECT state || '/' || hold_reason || '/' || ticket_id FROM mail_inbound WHERE message_id = '<dsn1@mx>'",
	       "held/daemon/1");
	testdb_expect("SELECT string_agg(a.login, ',' ORDER BY a.login) FROM notifications n JOIN agents a"
	       "    ON a.id = n.recipient_agent_id WHERE n.kind = 'ticket.mail_bounced'", "mail_alice,mail_bob");
	testdb_expect("SELECT string_agg(n.kind, ',') FROM notifications n JOIN agents a ON a.id = n.recipient_agent_id"
	       " WHERE a.login = 'mail_bob' AND n.read_at IS NULL", "ticket.mail_bounced");
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket show %lld", ticket), 0);
	const char *out = testdb_stdout();
	ck_assert_msg(strstr(out, "PUBLIC REPLY by Mail_Alice (mail bounced: not delivered)"), "%s", out);
	ck_assert_msg(strstr(out, "mail to carla@acme.example could not be delivered: 5.1.1 550 User unknown"),
		      "%s", out);
	/* the same report again (another copy), and one of mail not ours */
	char again[2048];
	snprintf(again, sizeof(again), "%s", report);
	memcpy(strstr(again, "<dsn1@mx>"), "<dsn2@mx>", 9);
	ck_assert_int_eq(receive(again), 0);
	testdb_expect("SELECT count(*) FROM ticket_events WHERE kind = 'mail_bounced'", "1");
	snprintf(again, sizeof(again), "%s", report);
	memcpy(strstr(again, "<dsn1@mx>"), "<dsn3@mx>", 9);
	memcpy(strstr(again, "<ticketty.1.1@desk.test>"), "<elsewhere.1@desk.test>", 23);
	ck_assert_int_eq(receive(again), 0);
	testdb_expect("SELECT state || '/' || coalesce(ticket_id::text, '-') FROM mail_inbound WHERE message_id = '<dsn3@mx>'",
	       "held/-");
	testdb_expect("SELECT count(*) FROM notifications WHERE kind = 'ticket.mail_bounced'", "2");
	/* a forged report naming an answer's ID as anyone could guess it
	 * (ticket and row, without the random part, sql/440) marks nothing */
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket reply %lld --message 'Second answer.'", ticket), 0);
	ck_assert_int_eq(cli("mail_bot", NULL, "mail send --sendmail 'cat >/dev/null'"), 0);
	snprintf(again, sizeof(again), "%s", report);
	memcpy(strstr(again, "<dsn1@mx>"), "<dsn4@mx>", 9);
	memcpy(strstr(again, "<ticketty.1.1@desk.test>"), "<ticketty.1.2@desk.test>", 24);
	ck_assert_int_eq(testdb_cli("mail_bot", again, "mail receive"), 0);
	testdb_expect("SELECT (bounced_at IS NULL) || '/' || (SELECT coalesce(ticket_id::text, '-') FROM mail_inbound"
	       "  WHERE message_id = '<dsn4@mx>') FROM mail_outbox WHERE id = 2", "true/-");
	testdb_expect("SELECT count(*) FROM ticket_events WHERE kind = 'mail_bounced'", "1");
	/* the desk's mail status counts it */
	ck_assert_int_eq(cli("mail_bot", NULL, "mail status"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "bounced:    1 (not delivered: said on their tickets or in the inbox)\n"), "%s",
		      testdb_stdout());
	ck_assert_int_eq(cli("mail_bot", NULL, "mail status --json"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\"bounced\" : 1"), "%s", testdb_stdout());
}
END_TEST

START_TEST(inbox_accept_ask_refuse_limit)
{
	const char *png = "iVBORw0KGgo=";
	char mail[2048];
	snprintf(mail, sizeof(mail),
		 "From: Carla <carla@acme.example>\nSubject: Fwd: Blank placements\nMessage-ID: <new1@acme>\n"
		 "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=B\n\n--B\n"
		 "Content-Type: text/plain; charset=utf-8\n\nEverything is blank.\n--B\n"
		 "Content-Type: image/png; name=shot.png\nContent-Disposition: attachment; filename=shot.png\n"
		 "Content-Transfer-Encoding: base64\n\n%s\n--B--\n", png);
	ck_assert_int_eq(receive(mail), 0);
	testdb_expect("SELECT state FROM mail_inbound WHERE message_id = '<new1@acme>'", "inbox");
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox list --held"), 0);
	ck_assert_str_eq(testdb_stdout(), "no held mail\n");
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox list"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "Blank placements"));
	/* a header names the columns; the files are counted */
	ck_assert_msg(!strncmp(testdb_stdout(), "ID  RECEIVED ", 13) && strstr(testdb_stdout(), "  1 file  "),
		      "stdout: %s", testdb_stdout());
	/* one message: its row, its text, what intake would take from it */
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox show 1"), 0);
	ck_assert_msg(!strncmp(testdb_stdout(), "ID  RECEIVED ", 13) && strstr(testdb_stdout(), "\n\nEverything is blank.\n") &&
		      strstr(testdb_stdout(), "\nIntake fields from the mail: {"), "stdout: %s", testdb_stdout());
	/* and its files, with the id `attachment get` takes, before any ticket has them */
	ck_assert_msg(strstr(testdb_stdout(), "\nFiles (save one with: ticketty attachment get ID -o FILE):\n"
				  "ID  FILE      TYPE       SIZE     SHA-256\n"
				  "1   shot.png  image/png  8 bytes  4c4b6a3be1314ab8"), "stdout: %s", testdb_stdout());
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox show 99"), 65);
	/* the same for a program: one JSON object */
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox show 1 --json"), 0);
	ck_assert_msg(!strncmp(testdb_stdout(), "{\"id\" : 1, ", 11) &&
		      strstr(testdb_stdout(), "\"body\" : \"Everything is blank.\"") &&
		      strstr(testdb_stdout(), "\"files\" : [{\"id\" : 1, \"filename\" : \"shot.png\", \"type\" : \"image/png\", "
					      "\"size\" : 8, ") &&
		      strstr(testdb_stdout(), "\"intake\" : {"), "stdout: %s", testdb_stdout());
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox show 99 --json"), 65);
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox list"), 0);
	/* received in the desk's zone (New York), named; not the server's "+00" */
	char zone[8] = "";
	const char *line2 = strchr(testdb_stdout(), '\n');
	ck_assert_msg(line2 && sscanf(line2 + 1, "%*d %*d-%*d-%*d %*d:%*d %7s", zone) == 1 &&
		      (!strcmp(zone, "EST") || !strcmp(zone, "EDT")), "stdout: %s", testdb_stdout());
	/* a field left out: named, with a count that agrees ("1 field", never "field(s)") */
	ck_assert_int_eq(cli("mail_alice", NULL,
		"inbox accept 1 --set request_type=ad_serving --set reason=bug --set severity=3 --set impact=i"
		" --set object_ids=1 --set member_id=4242 --set repro_steps=r --set browser='FF 1'"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "the ticket was refused: 1 field needs attention") &&
		      strstr(testdb_stderr(), "os: "), "stderr: %s", testdb_stderr());
	ck_assert_int_eq(cli("mail_alice", NULL,
		"inbox accept 1 --set request_type=ad_serving --set reason=bug --set severity=3 --set impact=i"
		" --set object_ids=1 --set member_id=4242 --set repro_steps=r --set browser='FF 1' --set os='L 1'"), 0);
	long long id = strtoll(testdb_stdout(), NULL, 10);
	char sql[512];
	snprintf(sql, sizeof(sql), "SELECT title || '|' || description || '|' || array_to_string(screenshots, ',')"
		 " FROM tickets WHERE id = %lld", id);
	testdb_expect(sql, "Blank placements|Everything is blank.|attachment:1");
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM attachments WHERE ticket_id = %lld AND size = 8"
		 " AND encode(sha256, 'hex') = '4c4b6a3be1314ab86138bef4314dde022e600960d8689a2c8f8631802d20dab6'", id);
	testdb_expect(sql, "1");
	/* the ticket's files: a header, the size in words, the whole hash when piped */
	char cmd[64];
	snprintf(cmd, sizeof(cmd), "attachment list %lld", id);
	ck_assert_int_eq(cli("mail_alice", NULL, cmd), 0);
	ck_assert_msg(!strncmp(testdb_stdout(), "ID  FILE      TYPE       SIZE     KIND      SHA-256\n", 52) &&
		      strstr(testdb_stdout(), "  shot.png  image/png  8 bytes  received  "
					      "4c4b6a3be1314ab86138bef4314dde022e600960d8689a2c8f8631802d20dab6\n"),
		      "stdout: %s", testdb_stdout());
	snprintf(cmd, sizeof(cmd), "attachment list %lld --json", id);
	ck_assert_int_eq(cli("mail_alice", NULL, cmd), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\"filename\" : \"shot.png\"") &&
		      strstr(testdb_stdout(), "\"size\" : 8, \"sha256\" : \"4c4b6a3b"), "stdout: %s", testdb_stdout());
	/* a wrong ticket is named, not an empty list */
	ck_assert_int_eq(cli("mail_alice", NULL, "attachment list 999999"), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "ticket 999999 not found"));
	ck_assert_int_eq(cli("mail_alice", NULL, "attachment list 999999 --json"), 65);
	/* accepting twice: the same ticket, nothing doubled */
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox accept 1"), 0);
	ck_assert_int_eq(strtoll(testdb_stdout(), NULL, 10), id);
	/* its first response answers the customer's mail */
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket ack %lld --message 'Got it'", id), 0);
	testdb_expect("SELECT in_reply_to FROM mail_outbox ORDER BY id DESC LIMIT 1", "<new1@acme>");

	/* ask: lists exactly the mandatory items a mail does not carry */
	ck_assert_int_eq(receive("From: carla@acme.example\nSubject: Help\nMessage-ID: <new2@acme>\n\nhelp\n"), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox ask 2"), 0);
	testdb_expect("SELECT body LIKE '%- Request type:%- Steps to reproduce:%- Operating system:%'"
	       "   AND body NOT LIKE '%- Title:%' AND in_reply_to = '<new2@acme>' FROM mail_outbox WHERE kind = 'inbox_ask'", "t");
	/* refuse: not the SPOC names the SPOC; account-rep matters name the rep */
	ck_assert_int_eq(receive("From: carla@acme.example\nSubject: Invoice\nMessage-ID: <new3@acme>\n\nbill\n"), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox refuse 3 account_rep"), 0);
	testdb_expect("SELECT body LIKE '%Rita Rep <rita@example.com>%' FROM mail_outbox WHERE kind = 'inbox_refuse_account_rep'", "t");
	testdb_sql("INSERT INTO contacts (customer_id, name, email, spoc)"
		   " SELECT id, 'Bob Buyer', 'bob@acme.example', false FROM customers WHERE member_id = 4242");
	ck_assert_int_eq(receive("From: bob@acme.example\nSubject: Q\nMessage-ID: <new4@acme>\n\nq\n"), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox refuse 4 not_spoc"), 0);
	testdb_expect("SELECT body LIKE '%Carla Contact <carla@acme.example>%' FROM mail_outbox WHERE kind = 'inbox_refuse_spoc'", "t");
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox refuse 4 not_spoc"), 65);   /* refused is final: no retry mends it */
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox refuse 5 because"), 65);
	/* the daily limit: the 6th answer to one address in 24 hours is kept, not sent */
	for (int i = 5; i <= 8; i++) {
		char m[256];
		snprintf(m, sizeof(m), "From: carla@acme.example\nSubject: Q%d\nMessage-ID: <lim%d@acme>\n\nq\n", i, i);
		ck_assert_int_eq(receive(m), 0);
		ck_assert_int_eq(cli("mail_alice", NULL, "inbox ask %d", i), 0);
	}
	testdb_expect("SELECT string_agg(state, ',' ORDER BY id) FROM mail_outbox WHERE inbound_id IS NOT NULL",
	       "queued,queued,queued,queued,queued,queued,suppressed");   /* Bob's refusal is his own */
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox discard 9"), 65);
	/* the authorised contact is never told to ask the authorised contact */
	ck_assert_int_eq(receive("From: carla@acme.example\nSubject: Q\nMessage-ID: <spoc9@acme>\n\nq\n"), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox refuse 9 not_spoc"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "carla@acme.example is an authorised single point of contact of Acme Media:"
				  " accept the mail instead"), "stderr: %s", testdb_stderr());
	testdb_expect("SELECT state FROM mail_inbound WHERE id = 9", "inbox");
	/* two authorised contacts: a choice, in the contact's language */
	testdb_expect("SELECT names_or('{Ana <a@x>,Carla <c@x>}', 'en') || '|' || names_or('{A,B,Olga}', 'es')"
		      " || '|' || names_or('{A,B}', 'es') || '|' || names_or('{A}', 'en') || '|'"
		      " || coalesce(names_or('{}', 'en'), 'none')",
		      "Ana <a@x> or Carla <c@x>|A, B u Olga|A o B|A|none");
	testdb_sql("UPDATE contacts SET spoc = true WHERE email = 'bob@acme.example';"
		   "INSERT INTO contacts (customer_id, name, email, spoc)"
		   " SELECT id, 'Dora Desk', 'dora@acme.example', false FROM customers WHERE member_id = 4242");
	ck_assert_int_eq(receive("From: dora@acme.example\nSubject: Q\nMessage-ID: <new4b@acme>\n\nq\n"), 0);
	char *dora = val("SELECT id FROM mail_inbound WHERE message_id = '<new4b@acme>'");
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox refuse %s not_spoc", dora), 0);
	free(dora);
	testdb_expect("SELECT body LIKE '%Please ask Bob Buyer <bob@acme.example> or Carla Contact <carla@acme.example> to write%'"
		      "  FROM mail_outbox WHERE kind = 'inbox_refuse_spoc' ORDER BY id DESC LIMIT 1", "t");
	testdb_sql("UPDATE contacts SET spoc = false WHERE email = 'bob@acme.example'");
}
END_TEST

/* `inbox accept` fills the member ID in from the mail's customer, as it
 * does the customer and the contact: it is no item `inbox ask` asks for,
 * `--set member_id=` names another member, and a sender of no known
 * customer gives none. `ticket new` defaults nothing: a script says it. */
START_TEST(inbox_accept_takes_the_customers_member_id)
{
	const char *rest = " --set request_type=ad_serving --set reason=bug --set severity=3 --set impact=i"
			   " --set object_ids=1 --set repro_steps=r --set browser='FF 1' --set os='L 1'";
	ck_assert_int_eq(receive("From: carla@acme.example\nSubject: Blank\nMessage-ID: <mb1@acme>\n\nblank\n"), 0);
	ck_assert_int_eq(receive("From: carla@acme.example\nSubject: Other\nMessage-ID: <mb2@acme>\n\nother\n"), 0);
	ck_assert_int_eq(receive("From: nobody@else.example\nSubject: Who\nMessage-ID: <mb3@else>\n\nwho\n"), 0);
	testdb_expect("SELECT string_agg(coalesce(ticketty.inbox_prefill(id)->>'member_id', '-'), ',' ORDER BY id)"
		      "  FROM mail_inbound", "4242,4242,-");
	expect_as_agent("mail_alice", "SELECT count(*) FROM ticketty.api_inbox_missing(1) WHERE name = 'member_id'", "0");
	expect_as_agent("mail_alice", "SELECT count(*) FROM ticketty.api_inbox_missing(3) WHERE name = 'member_id'", "1");
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox show 1 --json"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\"member_id\": \"4242\""), "stdout: %s", testdb_stdout());
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox accept 1%s", rest), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox accept 2%s --set member_id=777", rest), 0);
	testdb_expect("SELECT string_agg(m.id || ':' || t.member_id, ',' ORDER BY m.id)"
		      "  FROM mail_inbound m JOIN tickets t ON t.id = m.ticket_id", "1:4242,2:777");
	/* the CLI's own ticket takes no member ID it was not given */
	ck_assert_int_eq(cli("mail_alice", NULL,
		"ticket new --set customer='Acme Media' --set contact=carla@acme.example --set title=t"
		" --set description=d%s", rest), 65);
	ck_assert_msg(strstr(testdb_stderr(), "member_id: "), "stderr: %s", testdb_stderr());
}
END_TEST

/* The request for the missing items asks the customer in words meant for
 * the customer, in the contact's language (intake_field_asks, 980): never
 * the intake form's help, which is written for the engineer ("... for the
 * customer right now", "Who asks for help ..."); a field the desk added
 * without such words is named by its label alone. */
START_TEST(inbox_ask_speaks_to_the_customer)
{
	ck_assert_int_eq(receive("From: carla@acme.example\nSubject: Blank\nMessage-ID: <q1@acme>\n\nblank\n"), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox ask 1"), 0);
	char *body = val("SELECT body FROM mail_outbox WHERE kind = 'inbox_ask'");
	ck_assert_msg(strstr(body, "\n- Impact: What the problem costs you or keeps you from doing right now"
				   " (revenue, campaigns, deadlines).\n") &&
		      strstr(body, "\n- Severity: How badly the problem hurts your business: 1 Critical (an emergency),"
				   " 2 Urgent, 3 High or 4 Medium.\n") &&
		      strstr(body, "\n- Browser: Your browser and its exact version, e.g. Firefox 128.0.\n"),
		      "body: %s", body);
	free(body);
	/* no item carries the engineer's help, and every missing item is asked for */
	testdb_expect("SELECT count(*) FROM intake_fields f, mail_outbox o"
		      " WHERE o.kind = 'inbox_ask' AND strpos(o.body, f.help) > 0", "0");
	testdb_expect("SELECT (SELECT count(*) FROM intake_fields WHERE required AND applies_when = 'always'"
		      "          AND name NOT IN ('customer', 'contact', 'title', 'description', 'member_id'))"
		      "     = (SELECT count(*) FROM regexp_matches((SELECT body FROM mail_outbox WHERE kind = 'inbox_ask'),"
		      "                                            '^- [^:\n]+: [A-Z]', 'gn'))", "t");
	/* in Spanish: the customer's Spanish, not the form's */
	testdb_sql("INSERT INTO contacts (customer_id, name, email, spoc, lang)"
		   " SELECT id, 'Elena Es', 'elena@acme.example', true, 'es' FROM customers WHERE member_id = 4242");
	ck_assert_int_eq(receive("From: elena@acme.example\nSubject: Anuncios\nMessage-ID: <q2@acme>\n\nnada\n"), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox ask 2"), 0);
	body = val("SELECT body FROM mail_outbox WHERE kind = 'inbox_ask' AND lang = 'es'");
	ck_assert_msg(strstr(body, "\n- Impacto: Qué le cuesta el problema o qué le impide hacer ahora mismo"
				   " (ingresos, campañas, plazos).\n") &&
		      strstr(body, "\n- Navegador: Su navegador y su versión exacta, p. ej., Firefox 128.0.\n") &&
		      !strstr(body, "ID de miembro"),
		      "body: %s", body);
	free(body);
	testdb_expect("SELECT count(*) FROM intake_field_texts f, mail_outbox o"
		      " WHERE o.kind = 'inbox_ask' AND strpos(o.body, f.help) > 0", "0");
	/* a mandatory field the desk added, with help for its engineers only */
	testdb_sql("INSERT INTO intake_fields (name, label, kind, required, position, help)"
		   " VALUES ('contract', 'Contract number', 'text', true, 200, 'Look it up in the CRM before filing.')");
	ck_assert_int_eq(receive("From: carla@acme.example\nSubject: More\nMessage-ID: <q3@acme>\n\nmore\n"), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox ask 3"), 0);
	testdb_expect("SELECT body LIKE '%- Operating system: Your operating system and its version, e.g. Windows 11 23H2.\n"
		      "- Contract number\n%' AND body NOT LIKE '%CRM%'"
		      "  FROM mail_outbox WHERE kind = 'inbox_ask' AND inbound_id = 3", "t");
}
END_TEST

/* Mail held because its sender was unknown is taken in once the sender
 * is a contact; other held mail is refused with what can be done, and
 * any held mail can be discarded. */
START_TEST(held_sender_taken_in_once_known)
{
	ck_assert_int_eq(receive("From: dave@acme.example\nSubject: Blank ads\nMessage-ID: <d1@acme>\n\nAll blank.\n"), 0);
	testdb_expect("SELECT state || '/' || hold_reason FROM mail_inbound WHERE message_id = '<d1@acme>'", "held/unknown_sender");
	char *id = val("SELECT id FROM mail_inbound WHERE message_id = '<d1@acme>'");
	const char *fields = " --set request_type=ad_serving --set reason=bug --set severity=3 --set impact=i"
			     " --set object_ids=1 --set member_id=4242 --set repro_steps=r --set browser='FF 1' --set os='L 1'";
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox accept %s%s", id, fields), 65);
	ck_assert_msg(strstr(testdb_stderr(), "is held (unknown_sender): add its sender as a contact of their customer first"),
		      "stderr: %s", testdb_stderr());
	testdb_sql("INSERT INTO contacts (customer_id, name, email, spoc)"
		   " SELECT id, 'Dave Dev', 'dave@acme.example', true FROM customers WHERE member_id = 4242");
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox accept %s%s", id, fields), 0);
	long long t = strtoll(testdb_stdout(), NULL, 10);
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT c.name || '|' || t.title || '|' || t.description FROM tickets t"
		 " JOIN customers c ON c.id = t.customer_id WHERE t.id = %lld", t);
	testdb_expect(sql, "Acme Media|Blank ads|All blank.");
	testdb_expect("SELECT state FROM mail_inbound WHERE message_id = '<d1@acme>'", "accepted");
	free(id);

	/* an automatic reply stays held: said why, and it can be discarded */
	ck_assert_int_eq(receive("From: carla@acme.example\nSubject: Out of office\nAuto-Submitted: auto-replied\n"
				 "Message-ID: <ooo@acme>\n\naway\n"), 0);
	id = val("SELECT id FROM mail_inbound WHERE message_id = '<ooo@acme>'");
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox ask %s", id), 65);
	ck_assert_msg(strstr(testdb_stderr(), "it is never answered or made a ticket; discard it"), "stderr: %s",
		      testdb_stderr());
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox discard %s", id), 0);
	testdb_expect("SELECT state || '/' || coalesce(hold_reason, '-') FROM mail_inbound WHERE message_id = '<ooo@acme>'",
	       "discarded/-");
	free(id);
}
END_TEST

/* The MTA's pipe says the envelope sender in SENDER (Exim's pipe
 * transport, Postfix's local(8)): empty or "<>" is a bounce or another
 * automatic mail, held as a null sender and never answered or threaded
 * even from a known contact with no Return-Path header; an address, or no
 * SENDER at all, leaves the mail a person's. */
/* A From with no address at all ("Bob Smith") is held as having no
 * sender, and the held list names who wrote by the header's words (the
 * FROM column was blank: the desk could not tell whose it was); a From
 * with both shows "Name <address>". */
START_TEST(sender_without_address_is_named)
{
	ck_assert_int_eq(receive("From: Bob Smith\nSubject: Ads are blank\nMessage-ID: <nb1@x>\n\nHelp.\n"), 0);
	testdb_expect("SELECT state || '/' || hold_reason || '/' || coalesce(from_address, '-') || '/' || from_name"
		      " FROM mail_inbound WHERE message_id = '<nb1@x>'", "held/null_sender/-/Bob Smith");
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox list --held"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "  Bob Smith  "), "stdout: %s", testdb_stdout());
	ck_assert_int_eq(receive("From: Carla <carla@acme.example>\nSubject: Blank\nMessage-ID: <nb2@acme>\n\nBlank.\n"),
			 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox show 2"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "Carla <carla@acme.example>"), "stdout: %s", testdb_stdout());
}
END_TEST

START_TEST(null_envelope_sender_is_held)
{
	static const char mail[] = "From: Carla <carla@acme.example>\nSubject: Re: [#1] Ticket 1\n"
				   "Message-ID: <%s@acme>\nIn-Reply-To: <ticketty.1.1@desk.test>\n\nNot fixed!\n";
	char one[512];
	char *outbox = val("SELECT count(*) FROM mail_outbox");
	setenv("SENDER", "", 1);
	snprintf(one, sizeof(one), mail, "n1");
	ck_assert_int_eq(receive(one), 0);
	setenv("SENDER", "<>", 1);
	snprintf(one, sizeof(one), mail, "n2");
	ck_assert_int_eq(receive(one), 0);
	testdb_expect("SELECT string_agg(state || '/' || hold_reason, ' ' ORDER BY id) FROM mail_inbound",
		      "held/null_sender held/null_sender");
	testdb_expect("SELECT count(*) FROM comments WHERE kind = 'customer'", "0");
	testdb_expect("SELECT count(*) FROM mail_outbox", outbox);   /* nothing answered */
	free(outbox);
	setenv("SENDER", "carla@acme.example", 1);
	snprintf(one, sizeof(one), mail, "p1");
	ck_assert_int_eq(receive(one), 0);
	unsetenv("SENDER");
	snprintf(one, sizeof(one), mail, "p2");
	ck_assert_int_eq(receive(one), 0);
	testdb_expect("SELECT string_agg(state, ' ' ORDER BY id) FROM mail_inbound WHERE message_id IN ('<p1@acme>', '<p2@acme>')",
		      "threaded threaded");
}
END_TEST

/* A message that reuses a stored Message-ID with other words is stored
 * too (under an ID of its own); a redelivery of either is still one. */
START_TEST(reused_message_id_is_not_a_redelivery)
{
	const char *first = "From: carla@acme.example\nSubject: Form\nMessage-ID: <form@web>\n\nfirst request\n";
	const char *second = "From: bob@acme.example\nSubject: Form\nMessage-ID: <form@web>\n\nsecond request\n";
	ck_assert_int_eq(receive(first), 0);
	ck_assert_int_eq(receive(second), 0);
	/* redeliveries, with a header the MTA added on the way */
	ck_assert_int_eq(receive(first), 0);
	ck_assert_int_eq(testdb_cli("mail_bot", "Delivery-date: later\n"
				    "From: bob@acme.example\nSubject: Form\nMessage-ID: <form@web>\n\nsecond request\n",
				    "mail receive --verbose"), 0);
	ck_assert_str_eq(testdb_stdout(), "already stored (a redelivery)\n");
	testdb_expect("SELECT string_agg(from_address || ':' || btrim(body, E'\\n'), ',' ORDER BY id) FROM mail_inbound",
	       "carla@acme.example:first request,bob@acme.example:second request");
	testdb_expect("SELECT message_id LIKE '<%@ticketty.reused-message-id>' FROM mail_inbound WHERE from_address = 'bob@acme.example'",
	       "t");
}
END_TEST

/* Two different messages under one Message-ID stored at the same time
 * (two deliveries of the MTA side by side): the second waits for the
 * first's row, then is stored under its own ID, not taken for a
 * redelivery and dropped; the same message twice at once is stored once. */
static PGresult *store_waiting(PGconn *holder, PGconn *waiter, const char *raw, const char *msgid,
			       const char *body)
{
	const char *sql = "SELECT ticketty.api_mail_store($1::bytea, $2, 'carla@acme.example', NULL, 'Form',"
			  " NULL, '{}', NULL, $3)";
	const char *first[] = { "\\x41", msgid, "first request" };
	const char *second[] = { raw, msgid, body };
	PQclear(PQexec(holder, "BEGIN"));
	PGresult *r = PQexecParams(holder, sql, 3, NULL, first, NULL, NULL, 0);
	ck_assert_int_eq(PQresultStatus(r), PGRES_TUPLES_OK);
	PQclear(r);
	ck_assert_int_eq(PQsendQueryParams(waiter, sql, 3, NULL, second, NULL, NULL, 0), 1);
	/* the waiter is blocked on the Message-ID's index before the first commits */
	testdb_wait_blocked(waiter, "the second store");
	PQclear(PQexec(holder, "COMMIT"));
	PGresult *last = testdb_last_result(waiter);
	ck_assert_int_eq(PQresultStatus(last), PGRES_TUPLES_OK);
	return last;
}

START_TEST(reused_message_id_at_the_same_time_keeps_both)
{
	char *ci = testdb_conninfo("mail_bot");
	PGconn *c1 = PQconnectdb(ci), *c2 = PQconnectdb(ci);
	free(ci);
	ck_assert_int_eq(PQstatus(c1), CONNECTION_OK);
	ck_assert_int_eq(PQstatus(c2), CONNECTION_OK);
	PGresult *r = store_waiting(c1, c2, "\\x42", "<race@web>", "second request");
	ck_assert_msg(!PQgetisnull(r, 0, 0), "the second message was taken for a redelivery");
	PQclear(r);
	testdb_expect("SELECT string_agg(btrim(body, E'\\n'), ',' ORDER BY id) FROM mail_inbound",
		      "first request,second request");
	testdb_expect("SELECT message_id LIKE '<%@ticketty.reused-message-id>' FROM mail_inbound"
		      " WHERE body = 'second request'", "t");
	/* the same message delivered twice at once: stored once */
	r = store_waiting(c1, c2, "\\x41", "<same@web>", "first request");
	ck_assert(PQgetisnull(r, 0, 0));
	PQclear(r);
	testdb_expect("SELECT count(*) FROM mail_inbound", "3");
	PQfinish(c1);
	PQfinish(c2);
}
END_TEST

/* Only the message itself can be refused for good (65: empty, over
 * max_message_bytes, above). A refusal of the database that a fix on the
 * desk's side mends (here a constraint standing in for such a fault)
 * is 75: the MTA keeps the customer's mail and delivers it again once
 * mended, where 65 bounced it to the customer. */
START_TEST(a_database_fault_keeps_the_mail_with_the_mta)
{
	const char *mail = "From: carla@acme.example\nSubject: Refused by a fault\nMessage-ID: <fault@x>\n\nMy words\n";
	testdb_sql("ALTER TABLE mail_inbound ADD CONSTRAINT stands_for_a_fault CHECK (subject <> 'Refused by a fault')");
	ck_assert_int_eq(testdb_cli("mail_bot", mail, "mail receive"), 75);
	ck_assert_msg(strstr(testdb_stderr(), "stands_for_a_fault"), "stderr: %s", testdb_stderr());
	testdb_expect("SELECT count(*) FROM mail_inbound", "0");
	testdb_sql("ALTER TABLE mail_inbound DROP CONSTRAINT stands_for_a_fault");
	ck_assert_int_eq(testdb_cli("mail_bot", mail, "mail receive"), 0);
	testdb_expect("SELECT btrim(body, E'\\n') FROM mail_inbound WHERE message_id = '<fault@x>'", "My words");
}
END_TEST

/* A mail over the desk's limit (max_message_bytes) was read whole,
 * parsed by GMime and sent to the database before the store refused it:
 * seconds and 1.2 GB of memory for a 200 MiB mail. It is known as it is
 * read: refused as the store refuses it, its size named (65: the MTA
 * bounces it to the sender), within a memory bound (about 1 GB) the old
 * way ran out of. One of exactly the limit is stored, a byte more is
 * refused. */
START_TEST(mail_over_the_limit_is_refused_as_it_is_read)
{
	testdb_sql("UPDATE mail_policy SET value = '1048576' WHERE key = 'max_message_bytes'");
	const char *head = "From: carla@acme.example\nSubject: The logs\nMessage-ID: <huge@x>\n\n";
	char *feed = xasprintf("{ printf '%s'; yes 'a line of the logs' | head -c 209715200; }", head);
	int rc = testdb_cli_piped("mail_bot", feed, "mail receive");
	free(feed);
	ck_assert_msg(rc == 65, "exit %d, stderr:\n%s", rc, testdb_stderr());
	char *want = xasprintf("message: is larger than the desk allows (is %zu bytes, more than the limit of 1048576)\n",
			       strlen(head) + 209715200);
	ck_assert_msg(strstr(testdb_stderr(), "ticketty: the message is larger than the limit of 1048576 bytes\n") &&
		      strstr(testdb_stderr(), want), "stderr:\n%s", testdb_stderr());
	free(want);
	testdb_expect("SELECT count(*) FROM mail_inbound", "0");

	/* at the limit: stored; a byte more: refused, nothing stored */
	size_t len = 1048576;
	char *mail = xmalloc(len + 2);
	const char *edge = "From: carla@acme.example\nSubject: At the limit\nMessage-ID: <edge@x>\n\n";
	int n = snprintf(mail, len, "%s", edge);
	for (size_t i = (size_t)n; i < len + 1; i++)
		mail[i] = (i - (size_t)n) % 77 == 76 ? '\n' : 'x';
	mail[len - 1] = '\n';
	ck_assert_int_eq(testdb_cli_bytes("mail_bot", mail, len, "mail receive"), 0);
	testdb_expect("SELECT octet_length(raw) FROM mail_inbound WHERE message_id = '<edge@x>'", "1048576");
	memcpy(mail + (strstr(edge, "<edge@x>") - edge), "<edgy@x>", 8);  /* another message */
	mail[len] = '\n';
	ck_assert_int_eq(testdb_cli_bytes("mail_bot", mail, len + 1, "mail receive"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "(is 1048577 bytes, more than the limit of 1048576)"), "stderr:\n%s",
		      testdb_stderr());
	testdb_expect("SELECT count(*) FROM mail_inbound", "1");
	free(mail);
}
END_TEST

/* A reply whose From name a gateway tagged ("[External] Carla", which
 * GMime's address parser refuses) is the contact's reply all the same:
 * threaded onto the ticket its [#ID] names, not held as from no sender. */
START_TEST(reply_with_a_tagged_sender_name_threads)
{
	char mail[300];
	snprintf(mail, sizeof(mail), "From: [External] Carla Contact <carla@acme.example>\n"
		 "Subject: Re: [#%lld] Ticket 1\nMessage-ID: <tagged@acme>\n\nStill broken here.\n", ticket);
	ck_assert_int_eq(testdb_cli("mail_bot", mail, "mail receive --verbose"), 0);
	char want[64];
	snprintf(want, sizeof(want), "threaded|%lld|carla@acme.example", ticket);
	testdb_expect("SELECT state || '|' || ticket_id || '|' || from_address FROM mail_inbound"
		      " WHERE message_id = '<tagged@acme>'", want);
}
END_TEST

/* An answer's In-Reply-To and References name only Message-IDs that were
 * mailed: a customer's reply that came without one is stored under an ID
 * ticketty made up (<sha256@ticketty.no-message-id>), which no mailbox
 * holds; the answer after it replies to the last real one. Before, the
 * made-up ID went out as the answer's In-Reply-To and in its References. */
START_TEST(answer_names_no_made_up_message_id)
{
	char mail[300];
	snprintf(mail, sizeof(mail), "From: Carla Contact <carla@acme.example>\nSubject: Re: [#%lld] Ticket 1\n"
		 "Message-ID: <first@acme.example>\n\nIt is broken.\n", ticket);
	ck_assert_int_eq(receive(mail), 0);
	snprintf(mail, sizeof(mail), "From: Carla Contact <carla@acme.example>\nSubject: Re: [#%lld] Ticket 1\n"
		 "\nStill broken, and no Message-ID.\n", ticket);
	ck_assert_int_eq(receive(mail), 0);
	testdb_expect("SELECT string_agg(state || ' ' || (message_id LIKE '%@ticketty.no-message-id>'), ',' ORDER BY id)"
		      " FROM mail_inbound", "threaded false,threaded true");
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket reply %lld --message 'We are on it.'", ticket), 0);
	testdb_expect("SELECT in_reply_to || ' ' || array_to_string(refs, ' ') FROM mail_outbox"
		      " ORDER BY id DESC LIMIT 1", "<first@acme.example> <first@acme.example>");
}
END_TEST

/* A redelivery of the very bytes stored is one even when the parser now
 * reads them differently (an upgrade of ticketty between the store and
 * the MTA's retry): the digest of what was parsed then, made different
 * here, no longer makes it a second message. */
START_TEST(redelivery_of_the_same_bytes_after_a_parser_change)
{
	const char *mail = "From: carla@acme.example\nSubject: Same\nMessage-ID: <same-bytes@x>\n\nmy words\n";
	ck_assert_int_eq(receive(mail), 0);
	testdb_sql("UPDATE mail_inbound SET received_digest = sha256('read otherwise then')");
	ck_assert_int_eq(testdb_cli("mail_bot", mail, "mail receive --verbose"), 0);
	ck_assert_str_eq(testdb_stdout(), "already stored (a redelivery)\n");
	testdb_expect("SELECT count(*) FROM mail_inbound", "1");
}
END_TEST

/* Closing as a duplicate points the customer's thread at the surviving
 * ticket: the notice goes out in the contact's language (by mail even
 * when the duplicate was already resolved), and a reply to the
 * duplicate's mail lands on the survivor. Another customer's ticket
 * cannot be the survivor. */
START_TEST(duplicate_thread_goes_on_in_the_survivor)
{
	char sql[768], mail[512];
	testdb_sql("UPDATE contacts SET lang = 'es'");
	long long dup = fixture_tickets(3, "client_services"), keep = dup + 1, other = dup + 2;
	snprintf(sql, sizeof(sql),
		 "INSERT INTO customers (name, member_id, plan) VALUES ('Other Co', 5151, 'basic');"
		 "INSERT INTO contacts (customer_id, name, email, spoc)"
		 " SELECT id, 'Olga', 'olga@other.example', true FROM customers WHERE member_id = 5151;"
		 "UPDATE tickets SET customer_id = (SELECT id FROM customers WHERE member_id = 5151),"
		 " contact_id = (SELECT id FROM contacts WHERE email = 'olga@other.example'), member_id = 5151"
		 " WHERE id = %lld", other);
	testdb_sql(sql);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket reply %lld --message 'Lo miramos'", dup), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket resolve %lld --message 'Resuelto'", dup), 0);
	/* another customer's ticket: refused, saying what to do instead */
	/* no retry mends it: 65 (not 75), naming the field */
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket link %lld --duplicate-of %lld", dup, other), 65);
	/* the reason said once: which ticket, then the rule on the field's line */
	ck_assert_str_eq(testdb_stderr(), "ticketty: a duplicate must point to a ticket of the same customer\n"
			 "other: belongs to another customer\nHint: Link them as related instead.\n");
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket link %lld --duplicate-of %lld", dup, keep), 0);
	/* the notice, said on closing the resolved duplicate, is mailed in Spanish */
	snprintf(sql, sizeof(sql), "SELECT kind || '|' || lang || '|' || (body LIKE '%%Esta solicitud duplica el ticket #%lld%%'"
		 " AND body LIKE '%%desde el ticket #%lld.%%') FROM mail_outbox WHERE ticket_id = %lld ORDER BY id DESC LIMIT 1",
		 keep, keep, dup);
	testdb_expect(sql, "reply|es|true");
	/* the customer answers the duplicate's first mail: it goes on in the survivor */
	snprintf(sql, sizeof(sql), "SELECT message_id FROM mail_outbox WHERE ticket_id = %lld ORDER BY id LIMIT 1", dup);
	char *first = val(sql);
	snprintf(mail, sizeof(mail), "From: carla@acme.example\nSubject: Re: [#%lld] Ticket 1\nMessage-ID: <d1@acme>\n"
		 "In-Reply-To: %s\n\nSigue sin funcionar\n", dup, first);
	free(first);
	ck_assert_int_eq(receive(mail), 0);
	snprintf(sql, sizeof(sql), "SELECT m.state || '/' || (m.ticket_id = %lld) || '/' || c.ticket_id || '/' || c.kind"
		 "  FROM mail_inbound m JOIN comments c ON c.id = m.comment_id WHERE m.message_id = '<d1@acme>'", keep);
	char want[64];
	snprintf(want, sizeof(want), "threaded/true/%lld/customer", keep);
	testdb_expect(sql, want);
}
END_TEST

/* An open ticket closed as a duplicate: the customer's notice is a reply
 * (subject without "Resolved:"), never the resolution, which said the
 * request was resolved and that answering it reopens the ticket, when it
 * goes on in the other one; in English as in Spanish. A ticket resolved
 * by an engineer later still gets the resolution. */
START_TEST(duplicate_notice_is_no_resolution)
{
	char sql[640];
	long long dup = fixture_tickets(3, "client_services"), keep = dup + 1, es = dup + 2;
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket ack %lld --message 'Looking'", dup), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket link %lld --duplicate-of %lld", dup, keep), 0);
	snprintf(sql, sizeof(sql), "SELECT kind || '|' || subject || '|' || (body LIKE '%%This request duplicates ticket #%lld%%')"
		 " || '|' || (body ~* 'resolved|reopen') FROM mail_outbox WHERE ticket_id = %lld ORDER BY id DESC LIMIT 1",
		 keep, dup);
	char want[128];
	snprintf(want, sizeof(want), "reply|[#%lld] Ticket 1|true|false", dup);
	testdb_expect(sql, want);
	testdb_sql("UPDATE contacts SET lang = 'es'");
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket link %lld --duplicate-of %lld", es, keep), 0);
	snprintf(sql, sizeof(sql), "SELECT kind || '|' || subject || '|' || (body ~* 'resuel|reabrir')"
		 "  FROM mail_outbox WHERE ticket_id = %lld ORDER BY id DESC LIMIT 1", es);
	snprintf(want, sizeof(want), "reply|[#%lld] Ticket 3|false", es);
	testdb_expect(sql, want);
	/* the surviving ticket's own resolution is one */
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket ack %lld --message 'Visto'", keep), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket resolve %lld --message 'Arreglado'", keep), 0);
	snprintf(sql, sizeof(sql), "SELECT kind FROM mail_outbox WHERE ticket_id = %lld ORDER BY id DESC LIMIT 1", keep);
	testdb_expect(sql, "resolution");
}
END_TEST

/* An engineer who greets the customer in the message ("Hi Carla,") under
 * a template that greets them already: the customer reads one greeting,
 * the template's, then the message; in Spanish too ("Hola, Carla:"). A
 * message that opens with a sentence keeps it, and so does the ticket's
 * timeline keep what the engineer wrote. */
START_TEST(one_greeting_when_the_message_greets_too)
{
	ck_assert_int_eq(cli("mail_alice", "Hi Carla,\n\nWe are on it.", "ticket ack %lld --message -", ticket), 0);
	testdb_expect("SELECT body FROM mail_outbox ORDER BY id DESC LIMIT 1",
		      "Hello Carla Contact,\n\nWe have received your request and are working on it.\n\nWe are on it.\n\n"
		      "-- \nClient Services\nPlease keep [#1] in the subject when you reply.\n");
	testdb_expect("SELECT body FROM comments ORDER BY id DESC LIMIT 1", "Hi Carla,\n\nWe are on it.");
	testdb_sql("UPDATE contacts SET lang = 'es'");
	ck_assert_int_eq(cli("mail_alice", "\302\241Hola, Carla!\nYa est\303\241.", "ticket reply %lld --message -", ticket), 0);
	testdb_expect("SELECT body LIKE E'Hola, Carla Contact:\\n\\nYa est\303\241.\\n\\n-- %' FROM mail_outbox ORDER BY id DESC LIMIT 1", "t");
	ck_assert_int_eq(cli("mail_alice", "Hola, ya lo vemos.\nSeguimos.", "ticket reply %lld --message -", ticket), 0);
	testdb_expect("SELECT body LIKE E'Hola, Carla Contact:\\n\\nHola, ya lo vemos.\\nSeguimos.\\n\\n-- %' FROM mail_outbox ORDER BY id DESC LIMIT 1", "t");
}
END_TEST

/* Everything of a mail that is not ASCII goes out in UTF-8, whatever
 * characters it holds: the text (a dash and curly quotes pasted from a
 * document made GMime label it windows-1251, the Cyrillic code page; a
 * Spanish one iso-8859-1), the desk's name in From and Reply-To, the
 * RFC 2231 name of a file; and the customer's mail program reads each
 * back as written. A text of ASCII alone says us-ascii. */
START_TEST(mail_goes_out_in_utf8)
{
	char dir[] = "/tmp/tt-utf8-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char pdf[96], mbox[96], cmd[160];
	snprintf(pdf, sizeof(pdf), "%s/informe \303\241rea.pdf", dir);
	snprintf(mbox, sizeof(mbox), "%s/sent.eml", dir);
	FILE *f = fopen(pdf, "w");
	ck_assert_ptr_nonnull(f);
	fputs("%PDF-1.4\n", f);
	fclose(f);
	testdb_sql("UPDATE mail_policy SET value = 'Atenci\303\263n al Cliente' WHERE key = 'from_name'");
	ck_assert_int_eq(cli("mail_alice", "See the \342\200\234report\342\200\235 \342\200\223 attached.",
			     "ticket ack %lld --message - --attach '%s'", ticket, pdf), 0);
	snprintf(cmd, sizeof(cmd), "mail send --sendmail 'cat > %s'", mbox);
	ck_assert_int_eq(cli("mail_bot", NULL, "%s", cmd), 0);
	f = fopen(mbox, "r");
	ck_assert_ptr_nonnull(f);
	char raw[8192];
	size_t n = fread(raw, 1, sizeof(raw) - 1, f);
	raw[n] = '\0';
	fclose(f);
	ck_assert_msg(strstr(raw, "From: =?UTF-8?b?QXRlbmNpw7Nu?= al Cliente <support@desk.test>\n"), "%s", raw);
	ck_assert_msg(strstr(raw, "Reply-To: =?UTF-8?b?QXRlbmNpw7Nu?= al Cliente <support@desk.test>\n"), "%s", raw);
	ck_assert_msg(strstr(raw, "Content-Type: text/plain; charset=utf-8\n"), "%s", raw);
	ck_assert_msg(strstr(raw, "filename*=UTF-8''informe%20%C3%A1rea.pdf"), "%s", raw);
	ck_assert_msg(strstr(raw, "name*=UTF-8''informe%20%C3%A1rea.pdf"), "%s", raw);
	ck_assert_msg(!strstr(raw, "iso-8859") && !strstr(raw, "windows-125"), "%s", raw);
	struct mail_in m;
	mime_init();
	mime_parse(raw, n, NULL, &m);
	ck_assert_ptr_nonnull(strstr(m.body, "See the \342\200\234report\342\200\235 \342\200\223 attached."));
	ck_assert_str_eq(m.from_name, "Atenci\303\263n al Cliente");
	ck_assert_uint_eq(m.nfiles, 1);
	ck_assert_str_eq(m.files[0].filename, "informe \303\241rea.pdf");
	mail_in_done(&m);
	mime_done();
	/* ASCII alone */
	ck_assert_int_eq(cli("mail_bot", NULL, "mail policy from_name '%s'", "Client Services"), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket reply %lld --message 'Plain words.'", ticket), 0);
	ck_assert_int_eq(cli("mail_bot", NULL, "%s", cmd), 0);
	f = fopen(mbox, "r");
	ck_assert_ptr_nonnull(f);
	n = fread(raw, 1, sizeof(raw) - 1, f);
	raw[n] = '\0';
	fclose(f);
	ck_assert_msg(strstr(raw, "Content-Type: text/plain; charset=us-ascii\n"), "%s", raw);
	remove(pdf);
	remove(mbox);
	rmdir(dir);
}
END_TEST

/* The answer to a mail without a subject, or with a reply prefix alone,
 * is "Re: (no subject)" in the contact's language, as mail programs
 * write it, never a bare "Re:"; a subject keeps its words. */
START_TEST(answer_to_a_mail_without_subject)
{
	ck_assert_int_eq(receive("From: carla@acme.example\nMessage-ID: <ns1@acme>\n\nhelp\n"), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox ask 1"), 0);
	ck_assert_int_eq(receive("From: carla@acme.example\nSubject: RE:  \nMessage-ID: <ns2@acme>\n\nbill\n"), 0);
	testdb_sql("UPDATE contacts SET lang = 'es'");
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox refuse 2 account_rep"), 0);
	ck_assert_int_eq(receive("From: carla@acme.example\nSubject: AW: Factura\nMessage-ID: <ns3@acme>\n\nbill\n"), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox ask 3"), 0);
	testdb_expect("SELECT string_agg(subject, '|' ORDER BY id) FROM mail_outbox",
		      "Re: (no subject)|Re: (sin asunto)|Re: Factura");
}
END_TEST

/* A customer without a CSM: the COO gets the emergency updates. A reply
 * to a copy sent to the desk's own people (the COO, the account
 * representative) is held, never put on the ticket as the customer's. */
START_TEST(staff_copies_go_to_the_coo_and_replies_are_held)
{
	char sql[512], mail[512];
	testdb_agent("mail_coo", "coo");
	testdb_sql("UPDATE agents SET email = 'coo@desk.test' WHERE login = 'mail_coo'");
	long long id = file_emergency();
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket ack %lld --message 'Engineers on it'", id), 0);
	snprintf(sql, sizeof(sql), "SELECT string_agg(to_address, ',' ORDER BY to_address) FROM mail_outbox"
		 " WHERE ticket_id = %lld AND kind = 'emergency_update'", id);
	testdb_expect(sql, "coo@desk.test,rita@example.com");
	const char *who[] = { "coo@desk.test", "rita@example.com" };
	for (int i = 0; i < 2; i++) {
		snprintf(sql, sizeof(sql), "SELECT message_id FROM mail_outbox WHERE ticket_id = %lld"
			 " AND kind = 'emergency_update' AND to_address = '%s'", id, who[i]);
		char *copy = val(sql);
		snprintf(mail, sizeof(mail), "From: %s\nSubject: Re: [#%lld] Down\nMessage-ID: <s%d@desk>\n"
			 "In-Reply-To: %s\n\nCalling them now\n", who[i], id, i, copy);
		free(copy);
		ck_assert_int_eq(receive(mail), 0);
		snprintf(sql, sizeof(sql), "SELECT state || '/' || hold_reason || '/' || (ticket_id = %lld)"
			 " FROM mail_inbound WHERE message_id = '<s%d@desk>'", id, i);
		testdb_expect(sql, "held/staff_reply/true");
	}
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM comments WHERE ticket_id = %lld AND kind = 'customer'", id);
	testdb_expect(sql, "0");
	/* what the COO wrote goes on the ticket as an internal note, by an
	 * engineer's hand; once only; never for a pm, nor mail without a ticket */
	char *coo_mail = val("SELECT id FROM mail_inbound WHERE message_id = '<s0@desk>'");
	testdb_agent("mail_pm", "pm");
	ck_assert_int_eq(cli("mail_pm", NULL, "inbox note %s", coo_mail), 77);
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox note %s", coo_mail), 0);
	snprintf(mail, sizeof(mail), "mail %s is now an internal note on ticket %lld\n", coo_mail, id);
	ck_assert_str_eq(testdb_stdout(), mail);
	snprintf(sql, sizeof(sql), "SELECT c.kind || '|' || c.body || '|' || m.state || '|' || (m.hold_reason IS NULL)"
		 "  FROM mail_inbound m JOIN comments c ON c.id = m.comment_id AND c.ticket_id = %lld"
		 " WHERE m.message_id = '<s0@desk>'", id);
	/* the note's text is the mail's; its heading is said (sql/730) */
	testdb_expect(sql, "internal|Calling them now|threaded|true");
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox note %s", coo_mail), 65);   /* threaded now: not held */
	free(coo_mail);
	ck_assert_int_eq(receive("From: robot@elsewhere.test\nSubject: Out of office\nAuto-Submitted: auto-replied\n"
				 "Message-ID: <ooo@x>\n\naway\n"), 0);
	char *ooo = val("SELECT id FROM mail_inbound WHERE message_id = '<ooo@x>'");
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox note %s", ooo), 65);
	ck_assert_msg(strstr(testdb_stderr(), "names no ticket"), "%s", testdb_stderr());
	free(ooo);
}
END_TEST

START_TEST(receive_exit_codes_and_limits)
{
	ck_assert_int_eq(receive(""), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "empty"));
	/* broken MIME is stored, never refused */
	ck_assert_int_eq(receive("From: carla@acme.example\nContent-Type: multipart/mixed\nMessage-ID: <b1@x>\n\n--\n\xff\xfe garbage"), 0);
	testdb_expect("SELECT count(*) FROM mail_inbound WHERE message_id = '<b1@x>'", "1");
	/* an attachment over the limit stays in the raw message only, said in
	 * a note kept with the mail (632), in the reader's language, not in
	 * the customer's text */
	testdb_sql("UPDATE mail_policy SET value = '4' WHERE key = 'max_attachment_bytes'");
	const char *big = "From: carla@acme.example\nMessage-ID: <a1@x>\nContent-Type: multipart/mixed; boundary=B\n\n"
			  "--B\nContent-Type: text/plain\n\nhi\n--B\nContent-Type: application/pdf\n"
			  "Content-Disposition: attachment; filename=big.pdf\n\n0123456789\n--B--\n";
	ck_assert_int_eq(receive(big), 0);
	testdb_expect("SELECT count(*) FROM attachments", "0");
	testdb_expect("SELECT body || '|' || notes FROM mail_inbound WHERE message_id = '<a1@x>'",
		      "hi|[{\"file\": \"big.pdf\", \"note\": \"file_too_large\", \"bytes\": 10, \"limit\": 4}]");
	char *a1 = val("SELECT id FROM mail_inbound WHERE message_id = '<a1@x>'");
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox show %s", a1), 0);
	ck_assert_msg(strstr(testdb_stdout(), "[attachment \"big.pdf\" (10 bytes) is larger than the limit of 4 bytes:"),
		      "%s", testdb_stdout());
	test_lang("es_ES.UTF-8");
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox show %s", a1), 0);
	ck_assert_msg(strstr(testdb_stdout(), "[el adjunto «big.pdf» (10 bytes) supera el límite de 4 bytes:"),
		      "%s", testdb_stdout());
	test_lang("C.UTF-8");
	/* for scripts, the notes as they are kept */
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox show %s --json", a1), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\"notes\" : [{\"file\": \"big.pdf\", \"note\": \"file_too_large\""),
		      "%s", testdb_stdout());
	free(a1);
	/* its redelivery is one */
	ck_assert_int_eq(testdb_cli("mail_bot", big, "mail receive --verbose"), 0);
	ck_assert_str_eq(testdb_stdout(), "already stored (a redelivery)\n");
	testdb_expect("SELECT count(*) FROM mail_inbound WHERE message_id = '<a1@x>'", "1");
	/* a message over the limit can never be stored: 65, the MTA bounces it */
	testdb_sql("UPDATE mail_policy SET value = '50' WHERE key = 'max_message_bytes'");
	ck_assert_int_eq(receive("From: carla@acme.example\nMessage-ID: <big@x>\n\n0123456789012345678901234567890123456789\n"), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "limit"));
	/* a transport set up with a wrong argument: try again later (75),
	 * so the MTA keeps the customer's mail instead of bouncing it */
	ck_assert_int_eq(testdb_cli("mail_bot", "From: carla@acme.example\n\nx\n", "mail receive --bogus"), 75);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "unexpected argument '--bogus'"));
	/* a login that is no agent: try again later (75), nothing lost */
	ck_assert_int_eq(testdb_cli("nobody_here", "From: a@b\n\nx\n", "mail receive"), 75);
	/* policy values are checked */
	ck_assert_int_eq(cli("mail_bot", NULL, "mail policy from_address not-an-address"), 65);
	ck_assert_int_eq(cli("mail_bot", NULL, "mail policy sender_daily_limit 3"), 0);
	testdb_expect("SELECT value FROM mail_policy WHERE key = 'sender_daily_limit'", "3");
	/* the policy: a header, one line a setting (it was all one line), or JSON */
	ck_assert_int_eq(cli("mail_bot", NULL, "mail policy"), 0);
	ck_assert_msg(!strncmp(testdb_stdout(), "SETTING ", 8) && strstr(testdb_stdout(), "\nsender_daily_limit    3\n") &&
		      !strstr(testdb_stdout(), "\u21b5"), "stdout: %s", testdb_stdout());
	ck_assert_int_eq(cli("mail_bot", NULL, "mail policy --json"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\"sender_daily_limit\" : \"3\""), "stdout: %s", testdb_stdout());
	/* templates: admins edit them, an unknown kind is refused */
	ck_assert_int_eq(cli("mail_bot", "Hi {{contact}}, {{message}}\n", "admin template set reply en --subject '{{title}}!'"), 0);
	testdb_expect("SELECT subject || '|' || body FROM mail_templates WHERE kind = 'reply' AND lang = 'en'",
	       "{{title}}!|Hi {{contact}}, {{message}}\n");
	/* shown with its lines as they are, so it can be saved, edited and set again */
	ck_assert_int_eq(cli("mail_bot", "Line one\n{{message}}\nLine two", "admin template set reply en --subject '{{title}}!'"), 0);
	ck_assert_int_eq(cli("mail_bot", NULL, "admin template show reply en"), 0);
	ck_assert_str_eq(testdb_stdout(), "Subject: {{title}}!\n\nLine one\n{{message}}\nLine two\n");
	ck_assert_int_eq(cli("mail_bot", "x", "admin template set nosuch en --subject s"), 65);
	ck_assert_int_eq(cli("mail_alice", "x", "admin template set reply en --subject s"), 77);
	/* the list: a header, one line a template (it was all one line) */
	ck_assert_int_eq(cli("mail_bot", NULL, "admin template list"), 0);
	const char *out = testdb_stdout();
	ck_assert_msg(!strncmp(out, "KIND ", 5) && strstr(out, "  LANG  SUBJECT\n"), "stdout: %s", out);
	ck_assert_msg(strstr(out, "\nreply ") && strstr(out, "  en    {{title}}!\n"), "stdout: %s", out);
	ck_assert_ptr_null(strstr(out, "\u21b5"));
}
END_TEST

/* Files are read as their message is (migration 315, docs/access.md "who
 * sees what"): support staff see every file; a pm or developer sees the
 * files sent to the customer and the customer's own, the files of the
 * notes it may read (its own, and all of a ticket once it collaborates),
 * and never those of other notes nor of mail not on a ticket. The
 * self-check names the table if row-level security is turned off. */
START_TEST(files_are_read_as_their_message_is)
{
	char dir[] = "/tmp/tt-files-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char txt[96];
	snprintf(txt, sizeof(txt), "%s/secret.txt", dir);
	FILE *f = fopen(txt, "w");
	fputs("churn risk\n", f);
	fclose(f);
	testdb_agent("mail_pm", "pm");
	testdb_agent("mail_dev", "developer");
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket reply %lld --message 'Sent to you.' --attach %s",
			     ticket, txt), 0);                                     /* file 1: sent */
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket note %lld --message 'For us only.' --attach %s",
			     ticket, txt), 0);                                     /* file 2: internal */
	ck_assert_int_eq(receive("From: Stranger <who@nowhere.example>\nSubject: Hello\nMessage-ID: <s1@x>\n"
				 "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=B\n\n--B\n"
				 "Content-Type: text/plain\n\nSee the file.\n--B\n"
				 "Content-Type: text/plain; name=inbox.txt\n"
				 "Content-Disposition: attachment; filename=inbox.txt\n\nmail only\n--B--\n"), 0);
	testdb_expect("SELECT string_agg(id || ':' || filename, ',' ORDER BY id) FROM attachments",
	       "1:secret.txt,2:secret.txt,3:inbox.txt");
	ck_assert_int_eq(cli("mail_dev", NULL, "ticket note %lld --message 'My trace.' --attach %s",
			     ticket, txt), 0);                                     /* file 4: the dev's note */

	/* support staff: every file */
	expect_as_agent("mail_alice", "SELECT string_agg(id::text, ',' ORDER BY id) FROM ticketty.attachments",
			   "1,2,3,4");
	/* the pm: the sent file only; the note's and the inbox's are not there */
	expect_as_agent("mail_pm", "SELECT string_agg(id::text, ',' ORDER BY id) FROM ticketty.attachments", "1");
	ck_assert_int_eq(cli("mail_pm", NULL, "attachment list %lld", ticket), 0);
	ck_assert_msg(strstr(testdb_stdout(), "sent") && !strstr(testdb_stdout(), "internal") &&
		      !strstr(testdb_stdout(), "received"), "stdout: %s", testdb_stdout());
	ck_assert_int_eq(cli("mail_pm", NULL, "attachment get 2"), 65);
	ck_assert_int_eq(cli("mail_pm", NULL, "attachment get 3"), 65);
	ck_assert_int_eq(cli("mail_pm", NULL, "ticket show %lld --json", ticket), 0);
	const char *p[1] = { testdb_stdout() };
	char *ids = testdb_value("SELECT string_agg(a ->> 'id', ',')"
				 "  FROM jsonb_array_elements($1::jsonb -> 'attachments') a", 1, p);
	ck_assert_str_eq(ids ? ids : "NULL", "1");
	free(ids);
	/* the developer: the sent file and its own note's */
	expect_as_agent("mail_dev", "SELECT string_agg(id::text, ',' ORDER BY id) FROM ticketty.attachments", "1,4");
	ck_assert_int_eq(cli("mail_dev", NULL, "attachment get 4"), 0);
	ck_assert_str_eq(testdb_stdout(), "churn risk\n");
	/* added as a collaborator: that ticket's notes and their files */
	char sql[256];
	snprintf(sql, sizeof(sql), "INSERT INTO ticket_collaborators (ticket_id, agent_id)"
		 " SELECT %lld, id FROM agents WHERE login = 'mail_dev'", ticket);
	testdb_sql(sql);
	expect_as_agent("mail_dev", "SELECT string_agg(id::text, ',' ORDER BY id) FROM ticketty.attachments",
			   "1,2,4");
	/* the customer's files on the ticket are for every agent: the
	 * stranger's mail accepted as a ticket brings its file along */
	testdb_sql("UPDATE attachments SET ticket_id = 1 WHERE id = 3");
	expect_as_agent("mail_pm", "SELECT string_agg(id::text, ',' ORDER BY id) FROM ticketty.attachments", "1,3");
	/* the self-check names the table when its row-level security is off */
	testdb_sql("ALTER TABLE attachments DISABLE ROW LEVEL SECURITY");
	testdb_expect("SELECT string_agg(object || ': ' || problem, '; ') FROM security_violations()"
	       " WHERE object = 'attachments'", "attachments: row-level security is off");
	testdb_sql("ALTER TABLE attachments ENABLE ROW LEVEL SECURITY");
	remove(txt);
	rmdir(dir);
}
END_TEST

/* `ticket status ID waiting_customer --message TEXT` asks the customer:
 * the status, exactly one version, one public comment carried by the one
 * 'status' event, one request_info mail to the contact in the contact's
 * language (English, then Spanish with the question from stdin). A blank
 * question is refused naming the field (65), --message with another
 * status is a usage error (64), a product manager may not ask (77);
 * nothing changes on a refusal. --attach sends files with the question
 * (stored with it, in its mail), as with a reply. */
START_TEST(asking_the_customer_waits_and_mails_request_info)
{
	testdb_agent("ask_pm", "pm");
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket ack %lld --message 'On it.'", ticket), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket status %lld in_progress", ticket), 0);
	testdb_expect("SELECT version || ' ' || status FROM tickets WHERE id = 1", "3 in_progress");

	/* refusals change nothing and mail nothing */
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket status %lld waiting_customer --message '  '", ticket), 65);
	ck_assert_msg(strstr(testdb_stderr(), "message"), "stderr: %s", testdb_stderr());
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket status %lld waiting_customer -m -", ticket), 65);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket status %lld resolved --message 'Why?'", ticket), 64);
	ck_assert_msg(strstr(testdb_stderr(), "only waiting_customer takes a message") &&
		      strstr(testdb_stderr(), "'resolved'"), "stderr: %s", testdb_stderr());
	ck_assert_int_eq(cli("mail_alice", NULL,
			     "ticket status %lld waiting_customer --bug B-1 --message 'Why?'", ticket), 64);
	ck_assert_int_eq(cli("ask_pm", NULL, "ticket status %lld waiting_customer --message 'Why?'", ticket), 77);
	/* the server checks the question as a reply's, whoever calls it */
	expect_as_agent("mail_alice", "SELECT ticketty.api_ticket_ask(1, 3, E' \n ')", "ERR TT400");
	expect_as_agent("mail_alice", "SELECT ticketty.api_ticket_ask(1, 3, NULL)", "ERR TT400");
	expect_as_agent("ask_pm", "SELECT ticketty.api_ticket_ask(1, 3, 'x')", "ERR TT403");
	testdb_expect("SELECT version || ' ' || status FROM tickets WHERE id = 1", "3 in_progress");
	testdb_expect("SELECT count(*) FROM mail_outbox WHERE kind = 'request_info'", "0");

	/* English: one change carrying the question */
	ck_assert_int_eq(cli("mail_alice", NULL,
			     "ticket status %lld waiting_customer --message 'Which browser do you use?'", ticket), 0);
	ck_assert_str_eq(testdb_stdout(), "ticket 1 updated, now version 4\n");
	testdb_expect("SELECT version || ' ' || status || ' ' || (waiting_since IS NOT NULL) FROM tickets WHERE id = 1",
		      "4 waiting_customer true");
	testdb_expect("SELECT string_agg(kind || ':' || body, '|' ORDER BY id) FROM comments"
		      " WHERE ticket_id = 1 AND kind = 'public'", "public:On it.|public:Which browser do you use?");
	testdb_expect("SELECT string_agg(e.kind || ' ' || (e.details ->> 'to') || ' '"
		      "                  || ((e.details ->> 'comment')::bigint = (SELECT max(id) FROM comments)), ',')"
		      "  FROM ticket_events e WHERE e.ticket_id = 1 AND e.version = 4",
		      "status waiting_customer true");
	testdb_expect("SELECT string_agg(kind || '|' || lang || '|' || to_address || '|'"
		      "                  || (body LIKE 'Hello Carla Contact,%we need some information%Which browser do you use?%'),"
		      "                  ';')"
		      "  FROM mail_outbox WHERE kind NOT IN ('acknowledgement')",
		      "request_info|en|carla@acme.example|true");

	/* Spanish: the question read from stdin, the Spanish template */
	testdb_sql("UPDATE contacts SET lang = 'es'");
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket status %lld in_progress", ticket), 0);
	ck_assert_int_eq(cli("mail_alice", "¿Qué versión de Firefox usa?\n",
			     "ticket status %lld waiting_customer -m - --version 5", ticket), 0);
	testdb_expect("SELECT version || ' ' || status FROM tickets WHERE id = 1", "6 waiting_customer");
	testdb_expect("SELECT count(*) FROM ticket_events WHERE ticket_id = 1 AND version = 6", "1");
	testdb_expect("SELECT string_agg(kind || '|' || lang || '|' || to_address || '|'"
		      "                  || (body LIKE 'Hola, Carla Contact:%necesitamos información%"
		      "¿Qué versión de Firefox usa?%'), ';' ORDER BY id)"
		      "  FROM mail_outbox WHERE kind = 'request_info' AND id > (SELECT min(id) FROM mail_outbox"
		      "                                                      WHERE kind = 'request_info')",
		      "request_info|es|carla@acme.example|true");
	/* a bare change to waiting on the customer stays, and mails nothing */
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket status %lld in_progress", ticket), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket status %lld waiting_customer", ticket), 0);
	testdb_expect("SELECT count(*) FROM mail_outbox WHERE kind = 'request_info'", "2");

	/* --attach: a file goes with the question as with a reply, stored
	 * with it and in its request_info mail; a bare change has no message
	 * to carry one (64), and a refused question stores nothing */
	char dir[] = "/tmp/tt-ask-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char csv[96], mbox[96], cmd[160];
	snprintf(csv, sizeof(csv), "%s/placements.csv", dir);
	snprintf(mbox, sizeof(mbox), "%s/sent.eml", dir);
	FILE *f = fopen(csv, "w");
	fputs("placement,impressions\n4313526,0\n", f);
	fclose(f);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket status %lld in_progress", ticket), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket status %lld waiting_customer --attach %s", ticket, csv), 64);
	ck_assert_msg(strstr(testdb_stderr(), "--attach: files go with ack, reply, resolve, note or a question"),
		      "stderr: %s", testdb_stderr());
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket status %lld resolved --attach %s", ticket, csv), 64);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket status %lld waiting_customer -m 'The list?' --attach %s"
			     " --version 1", ticket, csv), 75);
	testdb_expect("SELECT status || ' ' || (SELECT count(*) FROM attachments) FROM tickets WHERE id = 1",
		      "in_progress 0");
	ck_assert_int_eq(cli("mail_bot", NULL, "mail send --sendmail 'cat > /dev/null'"), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket status %lld waiting_customer -m 'Is this the list?'"
			     " --attach %s", ticket, csv), 0);
	ck_assert_str_eq(testdb_stdout(), "1 file goes with the message\nticket 1 updated, now version 10\n");
	testdb_expect("SELECT string_agg(o.kind || '|' || a.filename || '|' || a.size || '|' || c.body, ';')"
		      "  FROM mail_outbox o JOIN comments c ON c.id = o.comment_id"
		      "  JOIN attachments a ON a.comment_id = c.id",
		      "request_info|placements.csv|32|Is this the list?");
	snprintf(cmd, sizeof(cmd), "mail send --sendmail 'cat > %s'", mbox);
	ck_assert_int_eq(cli("mail_bot", NULL, "%s", cmd), 0);
	ck_assert_str_eq(testdb_stdout(), "sent 1 message\n");
	f = fopen(mbox, "r");
	ck_assert_ptr_nonnull(f);
	char raw[8192];
	size_t n = fread(raw, 1, sizeof(raw) - 1, f);
	raw[n] = '\0';
	fclose(f);
	struct mail_in m;
	mime_init();
	mime_parse(raw, n, NULL, &m);
	ck_assert_ptr_nonnull(strstr(m.body, "Is this the list?"));
	ck_assert_uint_eq(m.nfiles, 1);
	ck_assert_str_eq(m.files[0].filename, "placements.csv");
	ck_assert_mem_eq(m.files[0].data, "placement,impressions\n4313526,0\n", 32);
	mail_in_done(&m);
	mime_done();
	remove(csv);
	remove(mbox);
	rmdir(dir);
}
END_TEST

/* Asking right after the first response is one command (751): an
 * acknowledged ticket goes through in_progress to waiting_customer in one
 * call, two status events and two versions, one request_info mail. A
 * stale version, or waiting on engineering without a bug reference,
 * leaves it acknowledged with nothing added or mailed. */
START_TEST(asking_right_after_the_first_response)
{
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket ack %lld --message 'On it.'", ticket), 0);
	testdb_expect("SELECT version || ' ' || status FROM tickets WHERE id = 1", "2 acknowledged");
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket status %lld waiting_customer -m 'Which member?'"
			     " --version 1", ticket), 75);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket status %lld waiting_engineering", ticket), 65);
	ck_assert_msg(strstr(testdb_stderr(), "bug"), "stderr: %s", testdb_stderr());
	testdb_expect("SELECT version || ' ' || status FROM tickets WHERE id = 1", "2 acknowledged");
	testdb_expect("SELECT count(*) FROM ticket_events WHERE ticket_id = 1 AND kind = 'status'", "0");

	ck_assert_int_eq(cli("mail_alice", NULL, "ticket status %lld waiting_customer -m 'Which member?'"
			     " --version 2", ticket), 0);
	ck_assert_str_eq(testdb_stdout(), "ticket 1 updated, now version 4\n");
	testdb_expect("SELECT version || ' ' || status FROM tickets WHERE id = 1", "4 waiting_customer");
	testdb_expect("SELECT string_agg(e.version || ':' || (e.details ->> 'from') || '>' || (e.details ->> 'to'),"
		      " ',' ORDER BY e.version) FROM ticket_events e WHERE e.ticket_id = 1 AND e.kind = 'status'",
		      "3:acknowledged>in_progress,4:in_progress>waiting_customer");
	testdb_expect("SELECT string_agg(kind, ',' ORDER BY id) FROM mail_outbox", "acknowledgement,request_info");
	/* a bare wait on engineering too, with its bug reference */
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket status %lld in_progress", ticket), 0);
	testdb_sql("UPDATE tickets SET status = 'acknowledged' WHERE id = 1");
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket status %lld waiting_engineering --bug ENG-5", ticket), 0);
	testdb_expect("SELECT status || ' ' || bug_ref FROM tickets WHERE id = 1", "waiting_engineering ENG-5");
}
END_TEST

/* The notification mail of a step that writes several events says where
 * the ticket ended up (770): a follower with mail on, told of the
 * question asked right after the first response, reads "in progress ->
 * waiting on customer", not the half-way "acknowledged -> in progress". */
START_TEST(asking_right_after_the_first_response_mailed_as_the_wait)
{
	testdb_agent("mail_ana", "engineer");
	testdb_sql("UPDATE agents SET display_name = 'Ana Gil', email = 'mail_ana@desk.test' WHERE login = 'mail_ana'");
	ck_assert_int_eq(cli("mail_ana", NULL, "mail notifications on"), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "collaborator add %lld mail_ana", ticket), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket ack %lld --message 'On it.'", ticket), 0);
	/* (a later instant: one step tells her of a ticket once) */
	testdb_clock("2027-03-14T07:10:00Z", TESTDB_CLOCK_FROZEN);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket status %lld waiting_customer -m 'Which member?'", ticket), 0);
	testdb_expect("SELECT count(*) FROM notifications WHERE created_at = tt_now()"
		      "   AND recipient_agent_id = (SELECT id FROM agents WHERE login = 'mail_ana')", "1");
	test_lang("C.UTF-8");   /* the sender's: its arrows are "→" */
	ck_assert_int_eq(cli("mail_bot", NULL, "mail send --sendmail 'cat >/dev/null'"), 0);
	testdb_expect("SELECT subject || '|' || body FROM mail_outbox o JOIN notifications n ON n.id = o.notification_id"
		      " WHERE o.to_address = 'mail_ana@desk.test' AND n.created_at = tt_now()",
		      "[#1] Mail_Alice changed the status: in progress → waiting on customer: Ticket 1|"
		      "Ticket #1 (Ticket 1): Mail_Alice changed the status: in progress → waiting on customer.\n\n"
		      "-- \nClient Services\n");
}
END_TEST

/* An assignee who follows their own ticket hears of the customer's reply
 * once, by its own notification (ticket.customer_reply), not also as a
 * follower (770). */
START_TEST(reply_told_once_to_an_assignee_who_follows)
{
	testdb_sql("UPDATE tickets SET assignee_id = (SELECT id FROM agents WHERE login = 'mail_alice')");
	ck_assert_int_eq(cli("mail_alice", NULL, "collaborator add %lld mail_alice", ticket), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket ack %lld --message 'On it.'", ticket), 0);
	ck_assert_int_eq(receive("From: Carla <carla@acme.example>\nSubject: Re: [#1] Ticket 1\n"
				 "Message-ID: <f1@acme>\nIn-Reply-To: <ticketty.1.1@desk.test>\n\nStill dark.\n"), 0);
	testdb_expect("SELECT string_agg(kind, ',') FROM notifications"
		      " WHERE recipient_agent_id = (SELECT id FROM agents WHERE login = 'mail_alice')",
		      "ticket.customer_reply");
}
END_TEST

/* An out-of-office reply that says no Auto-Submitted (Exchange's inbox
 * rule reply: X-Auto-Response-Suppress: All, X-MS-Exchange-Generated-
 * Message-Source) is an automatic reply like one that does: in the
 * ticket's thread, from its customer's contact, it is kept on the ticket
 * as an internal note saying who wrote it, and is not the customer's
 * answer: the ticket waiting on the customer still waits (its clock
 * untouched), nobody is told the customer replied, the desk's next mail
 * does not answer it. The customer's real answer then resumes the ticket. */
START_TEST(auto_reply_kept_on_the_ticket_not_taken_as_the_answer)
{
	testdb_sql("UPDATE tickets SET assignee_id = (SELECT id FROM agents WHERE login = 'mail_alice')");
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket ack %lld --message 'On it.'", ticket), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket status %lld in_progress", ticket), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket status %lld waiting_customer --message 'Which browser?'",
			     ticket), 0);
	char *since = val("SELECT waiting_since FROM tickets WHERE id = 1");
	testdb_sql("UPDATE clock_pin SET pinned_at = pinned_at + interval '1 hour'");
	ck_assert_int_eq(receive("From: Carla <carla@acme.example>\nSubject: Automatic reply: [#1] Ticket 1\n"
				 "Message-ID: <ooo1@acme>\nIn-Reply-To: <ticketty.1.2@desk.test>\n"
				 "X-Auto-Response-Suppress: All\n"
				 "X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent\n\n"
				 "I am out of the office until Monday.\n"), 0);
	ck_assert_int_eq(receive("From: carla@acme.example\nSubject: Re: [#1] Ticket 1\nPrecedence: auto_reply\n"
				 "Message-ID: <ooo2@acme>\nIn-Reply-To: <ticketty.1.2@desk.test>\n\nAway.\n"), 0);
	testdb_expect("SELECT string_agg(state || '/' || ticket_id || '/' || auto_reason || '/' || (comment_id IS NOT NULL),"
		      "                  ',' ORDER BY id) FROM mail_inbound",
		      "threaded/1/auto_submitted/true,threaded/1/precedence/true");
	/* on the ticket as notes, not the customer's word */
	testdb_expect("SELECT string_agg(c.kind || ':' || c.body, '|' ORDER BY c.id) FROM comments c"
		      " WHERE c.ticket_id = 1 AND c.kind IN ('internal', 'customer')",
		      "internal:I am out of the office until Monday.|internal:Away.");
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT status || ' ' || (waiting_since = '%s') FROM tickets WHERE id = 1", since);
	testdb_expect(sql, "waiting_customer true");
	free(since);
	testdb_expect("SELECT count(*) FROM ticket_events WHERE ticket_id = 1 AND kind = 'customer_reply'", "0");
	testdb_expect("SELECT count(*) FROM notifications WHERE kind = 'ticket.customer_reply'", "0");
	testdb_expect("SELECT count(*) FROM ticket_events WHERE ticket_id = 1 AND kind = 'note'"
		      "   AND details ? 'mail' AND details ? 'auto'", "2");
	/* the note says who wrote it and what */
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket show %lld", ticket), 0);
	ck_assert_msg(strstr(testdb_stdout(), "carla@acme.example") &&
		      strstr(testdb_stdout(), "Automatic reply: [#1] Ticket 1") &&
		      strstr(testdb_stdout(), "I am out of the office until Monday."), "stdout: %s", testdb_stdout());
	/* the desk's next mail does not answer the auto-reply */
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket reply %lld --message 'Still there?'", ticket), 0);
	testdb_expect("SELECT in_reply_to FROM mail_outbox ORDER BY id DESC LIMIT 1",
		      testdb_mail_ids("<ticketty.1.2@desk.test>"));
	/* her own answer is hers */
	ck_assert_int_eq(receive("From: carla@acme.example\nSubject: Re: [#1] Ticket 1\nMessage-ID: <real@acme>\n"
				 "In-Reply-To: <ticketty.1.2@desk.test>\n\nFirefox 128.\n"), 0);
	testdb_expect("SELECT status FROM tickets WHERE id = 1", "in_progress");
	testdb_expect("SELECT count(*) FROM notifications WHERE kind = 'ticket.customer_reply'", "1");
}
END_TEST

/* The desk's display name in Spanish mail (mail policy from_name_es,
 * sql/981): the From and {{desk}} of a Spanish contact's mail; English
 * mail keeps from_name; empty, as it starts and when set back to '', it
 * is from_name. Only an admin sets it, one line. */
START_TEST(desk_name_in_the_mails_language)
{
	testdb_expect("SELECT value = '' FROM mail_policy WHERE key = 'from_name_es'", "t");
	testdb_sql("INSERT INTO contacts (customer_id, name, email, spoc, lang)"
		   " SELECT id, 'Elena Es', 'elena@acme.example', true, 'es' FROM customers WHERE member_id = 4242");
	/* unset: the one name */
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket ack %lld --message 'On it.'", ticket), 0);
	ck_assert_int_eq(receive("From: elena@acme.example\nSubject: Anuncios\nMessage-ID: <es1@acme>\n\nnada\n"), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox ask 1"), 0);
	testdb_expect("SELECT string_agg(lang || '|' || from_name || '|' || (body LIKE '%-- \nClient Services\n%'), ','"
		      " ORDER BY id) FROM mail_outbox", "en|Client Services|true,es|Client Services|true");
	ck_assert_int_eq(cli("mail_alice", NULL, "mail policy from_name_es 'Atención al Cliente'"), 77);
	ck_assert_int_eq(cli("mail_bot", NULL, "mail policy from_name_es \"$(printf 'A\\nB')\""), 65);
	ck_assert_int_eq(cli("mail_bot", NULL, "mail policy from_name_es '  Atención al Cliente '"), 0);
	ck_assert_int_eq(cli("mail_bot", NULL, "mail policy"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\nfrom_name_es          Atención al Cliente\n"), "stdout: %s", testdb_stdout());
	/* set: Spanish mail says it, English mail the one name */
	ck_assert_int_eq(cli("mail_alice", NULL, "ticket reply %lld --message 'Más.'", ticket), 0);
	ck_assert_int_eq(receive("From: elena@acme.example\nSubject: Otra\nMessage-ID: <es2@acme>\n\nnada\n"), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox ask 2"), 0);
	testdb_expect("SELECT string_agg(lang || '|' || from_name || '|' || (body LIKE '%-- \n' || from_name || '\n%'), ','"
		      " ORDER BY id) FROM mail_outbox WHERE id > 2",
		      "en|Client Services|true,es|Atención al Cliente|true");
	/* back to the one name */
	ck_assert_int_eq(cli("mail_bot", NULL, "mail policy from_name_es ''"), 0);
	ck_assert_int_eq(receive("From: elena@acme.example\nSubject: Tercera\nMessage-ID: <es3@acme>\n\nnada\n"), 0);
	ck_assert_int_eq(cli("mail_alice", NULL, "inbox ask 3"), 0);
	testdb_expect("SELECT from_name FROM mail_outbox ORDER BY id DESC LIMIT 1", "Client Services");
	/* from_name itself may not be empty */
	ck_assert_int_eq(cli("mail_bot", NULL, "mail policy from_name ''"), 65);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("mail");
	TCase *tc = tcase_create("mail");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, answers_built_once_in_language_and_thread);
	tcase_add_test(tc, references_carry_the_whole_thread);
	tcase_add_test(tc, emergency_notices_and_updates);
	tcase_add_test(tc, replies_thread_reopen_and_notify);
	tcase_add_test(tc, quoted_reply_kept_whole_shown_folded);
	tcase_add_test(tc, agent_notification_mail_in_words);
	tcase_add_test(tc, agent_mail_in_the_agents_language);
	tcase_add_test(tc, files_go_out_with_the_message);
	tcase_add_test(tc, bounced_answer_said_on_the_ticket);
	tcase_add_test(tc, inbox_accept_ask_refuse_limit);
	tcase_add_test(tc, reused_message_id_is_not_a_redelivery);
	tcase_add_test(tc, reused_message_id_at_the_same_time_keeps_both);
	tcase_add_test(tc, redelivery_of_the_same_bytes_after_a_parser_change);
	tcase_add_test(tc, answer_names_no_made_up_message_id);
	tcase_add_test(tc, inbox_accept_takes_the_customers_member_id);
	tcase_add_test(tc, inbox_ask_speaks_to_the_customer);
	tcase_add_test(tc, held_sender_taken_in_once_known);
	tcase_add_test(tc, null_envelope_sender_is_held);
	tcase_add_test(tc, sender_without_address_is_named);
	tcase_add_test(tc, receive_exit_codes_and_limits);
	tcase_add_test(tc, a_database_fault_keeps_the_mail_with_the_mta);
	tcase_add_test(tc, mail_over_the_limit_is_refused_as_it_is_read);
	tcase_add_test(tc, reply_with_a_tagged_sender_name_threads);
	tcase_add_test(tc, duplicate_thread_goes_on_in_the_survivor);
	tcase_add_test(tc, duplicate_notice_is_no_resolution);
	tcase_add_test(tc, one_greeting_when_the_message_greets_too);
	tcase_add_test(tc, mail_goes_out_in_utf8);
	tcase_add_test(tc, answer_to_a_mail_without_subject);
	tcase_add_test(tc, staff_copies_go_to_the_coo_and_replies_are_held);
	tcase_add_test(tc, files_are_read_as_their_message_is);
	tcase_add_test(tc, asking_the_customer_waits_and_mails_request_info);
	tcase_add_test(tc, asking_right_after_the_first_response);
	tcase_add_test(tc, asking_right_after_the_first_response_mailed_as_the_wait);
	tcase_add_test(tc, reply_told_once_to_an_assignee_who_follows);
	tcase_add_test(tc, auto_reply_kept_on_the_ticket_not_taken_as_the_answer);
	tcase_add_test(tc, desk_name_in_the_mails_language);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
