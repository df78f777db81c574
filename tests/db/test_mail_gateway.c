/* The mail gateway's least privilege (sql/971-972): an agent of role
 * mail (group ticketty_mail, no member of ticketty_agent) runs `mail
 * receive` (a customer's reply, new inbox mail, a delivery report) and
 * `mail send` (answers with their files, an agent's notification in
 * ticketty's words, a refusal, a retry) through the mail functions only;
 * everything else is refused, by the client in words (77) and by the
 * database itself (no table to read, no other function to call); the
 * security self-check passes with it and reports each way it could get
 * more; the notification's event it reads (api_mail_notification_event)
 * gives the words the recipient reads in ticketty. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/conn.h"
#include "model/notify.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "ticket_fixture.h"
#include "testdb.h"

static long long ticket;

static void setup(void)
{
	testdb_create();
	fixture_customer();
	testdb_agent("gw_alice", "engineer");
	testdb_agent("gw_ana", "engineer");
	testdb_agent("gw_csm", "csm");
	testdb_agent("gw_mail", "mail");
	testdb_sql("INSERT INTO clock_pin (pinned_at, frozen) VALUES ('2027-03-14T06:59:50Z', true);"
		   "UPDATE mail_policy SET value = 'support@desk.test' WHERE key IN ('from_address', 'reply_to');"
		   "UPDATE mail_policy SET value = 'desk.test' WHERE key = 'message_id_domain';"
		   "UPDATE agents SET display_name = 'Ana Gil' WHERE login = 'gw_ana';"
		   "UPDATE agents SET email = login || '@desk.test' WHERE login IN ('gw_alice', 'gw_csm')");
	ticket = fixture_tickets(1, "client_services");
	testdb_sql("UPDATE customers SET csm_id = (SELECT id FROM agents WHERE login = 'gw_csm');"
		   "UPDATE tickets SET assignee_id = (SELECT id FROM agents WHERE login = 'gw_alice')");
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

static int receive(const char *mail)
{
	return testdb_cli("gw_mail", testdb_mail_ids(mail), "mail receive --verbose");
}

/* The first value of `sql` as agent `login` ("ERR <sqlstate>" on an error). */
static void expect_as(const char *login, const char *sql, const char *want)
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

static char *file_text(const char *path)
{
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	struct strbuf sb;
	sb_init(&sb);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_addn(&sb, buf, n);
	fclose(f);
	return sb_detach(&sb);
}

START_TEST(gateway_receives_sends_and_bounces)
{
	char dir[] = "/tmp/tt-gw-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char mbox[128], log[128], cmd[512];
	snprintf(mbox, sizeof(mbox), "%s/out.mbox", dir);
	snprintf(log, sizeof(log), "%s/ack.log", dir);
	FILE *f = fopen(log, "w");
	ck_assert_ptr_nonnull(f);
	fputs("GET /ad 500\n", f);
	fclose(f);

	/* an answer with a file, sent by the gateway: the file goes with it */
	ck_assert_int_eq(cli("gw_alice", NULL, "ticket ack %lld --message 'We are on it.' --attach %s", ticket, log), 0);
	snprintf(cmd, sizeof(cmd), "mail send --once --sendmail 'cat >> %s'", mbox);
	ck_assert_int_eq(cli("gw_mail", NULL, "%s", cmd), 0);
	ck_assert_str_eq(testdb_stdout(), "sent 1 message\n");
	testdb_expect("SELECT state FROM mail_outbox WHERE id = 1", "sent");
	char *sent = file_text(mbox);
	ck_assert_msg(strstr(sent, "We are on it.") && strstr(sent, "filename=ack.log") && strstr(sent, "[#1]"),
		      "%s", sent);
	free(sent);

	/* the customer's reply threads onto the ticket; the assignee is told
	 * by mail, in ticketty's words, which the gateway sends */
	ck_assert_int_eq(cli("gw_alice", NULL, "mail notifications on"), 0);
	testdb_clock("2027-03-14T07:05:00Z", TESTDB_CLOCK_FROZEN);
	ck_assert_int_eq(receive("From: Carla <carla@acme.example>\nSubject: Re: [#1] Ticket 1\n"
				 "Message-ID: <r1@acme>\nIn-Reply-To: <ticketty.1.1@desk.test>\n\nStill dark.\n"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "mail 1: added to its ticket, ticket 1"), "%s", testdb_stdout());
	testdb_expect("SELECT body FROM comments WHERE kind = 'customer'", "Still dark.");
	/* new mail from a contact goes into the inbox */
	ck_assert_int_eq(receive("From: Carla <carla@acme.example>\nSubject: Another problem\n"
				 "Message-ID: <n1@acme>\n\nThe tags are gone.\n"), 0);
	testdb_expect("SELECT state FROM mail_inbound WHERE message_id = '<n1@acme>'", "inbox");
	/* a broken structure is noted with the mail (api_mail_note) */
	ck_assert_int_eq(receive("From: carla@acme.example\nSubject: Broken\nMessage-ID: <b1@acme>\n"
				 "Content-Type: multipart/mixed\n\nno boundary\n"), 0);
	testdb_expect("SELECT notes::text LIKE '%mime_broken%' FROM mail_inbound WHERE message_id = '<b1@acme>'", "t");
	/* another agent's change: the notification mail says who did what */
	testdb_clock("2027-03-14T07:10:00Z", TESTDB_CLOCK_FROZEN);
	ck_assert_int_eq(cli("gw_ana", NULL, "ticket assign %lld gw_ana", ticket), 0);
	ck_assert_int_eq(cli("gw_mail", NULL, "mail send --sendmail 'cat >/dev/null'"), 0);
	testdb_expect("SELECT count(*) FROM mail_outbox WHERE state <> 'sent'", "0");
	testdb_expect("SELECT subject FROM mail_outbox o JOIN notifications n ON n.id = o.notification_id"
		      " WHERE n.kind = 'ticket.changed' AND o.to_address = 'gw_alice@desk.test'",
		      "[#1] Ana Gil took the ticket over from you: Ticket 1");

	/* a failure for now is retried; a refusal for good is given up */
	ck_assert_int_eq(cli("gw_alice", NULL, "ticket reply %lld --message 'One more.'", ticket), 0);
	ck_assert_int_eq(cli("gw_mail", NULL, "mail send --sendmail 'echo spool full >&2; exit 75'"), 75);
	testdb_expect("SELECT state || '/' || attempts || '/' || (last_error LIKE '%: spool full') FROM mail_outbox"
		      " WHERE to_address = 'carla@acme.example' ORDER BY id DESC LIMIT 1", "queued/1/true");
	/* --watch asks when the next one is due (api_mail_next_due) */
	expect_as("gw_mail", "SELECT ticketty.api_mail_next_due() > 0", "t");
	testdb_sql("UPDATE mail_outbox SET next_attempt_at = tt_now() WHERE state = 'queued'");
	ck_assert_int_eq(cli("gw_mail", NULL, "mail send --sendmail 'echo no such user >&2; exit 67'"), 65);
	testdb_expect("SELECT state FROM mail_outbox WHERE to_address = 'carla@acme.example' ORDER BY id DESC LIMIT 1",
		      "failed");

	/* a delivery report of the first answer: said on the ticket */
	const char *report =
		"From: MAILER-DAEMON@mx.acme.example\nTo: support@desk.test\nMessage-ID: <dsn1@mx>\n"
		"Content-Type: multipart/report; report-type=delivery-status; boundary=P\n\n"
		"--P\nContent-Type: text/plain\n\nundeliverable\n"
		"--P\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.acme.example\n\n"
		"Final-Recipient: rfc822; carla@acme.example\nAction: failed\nStatus: 5.1.1\n"
		"Diagnostic-Code: smtp; 550 User unknown\n\n"
		"--P\nContent-Type: text/rfc822-headers\n\nMessage-ID: <ticketty.1.1@desk.test>\n\n--P--\n";
	ck_assert_int_eq(receive(report), 0);
	ck_assert_msg(strstr(testdb_stdout(), "a report that mail of ticket 1 was not delivered"), "%s",
		      testdb_stdout());
	testdb_expect("SELECT bounce_reason FROM mail_outbox WHERE id = 1", "5.1.1 550 User unknown");
	testdb_expect("SELECT count(*) FROM ticket_events WHERE kind = 'mail_bounced' AND details::text LIKE '%User unknown%'", "1");

	/* an admin still runs both, as sites set up before the role did */
	testdb_agent("gw_admin", "admin");
	ck_assert_int_eq(cli("gw_alice", NULL, "ticket reply %lld --message 'Last one.'", ticket), 0);
	ck_assert_int_eq(cli("gw_admin", NULL, "mail send --sendmail 'cat >/dev/null'"), 0);
	testdb_expect("SELECT count(*) FROM mail_outbox WHERE state = 'queued'", "0");
	ck_assert_int_eq(testdb_cli("gw_admin", "From: carla@acme.example\nSubject: x\nMessage-ID: <a1@acme>\n\nx\n",
				    "mail receive"), 0);
	testdb_expect("SELECT state FROM mail_inbound WHERE message_id = '<a1@acme>'", "inbox");

	remove(mbox);
	remove(log);
	rmdir(dir);
}
END_TEST

/* Everything but the gateway's two commands is refused: by the client in
 * words (77) before anything is read, and by the database to the login
 * itself (psql, or a client that does not ask): no table of the desk to
 * read, no function of the agents' or the admins' to call. */
START_TEST(gateway_refused_everything_else)
{
	ck_assert_int_eq(cli("gw_alice", NULL, "ticket note %lld --message 'Customer is on the phone daily.'",
			     ticket), 0);
	const char *refused[] = {
		"admin agent add gw_new --name New --role admin",
		"admin agent set gw_alice role=admin",
		"mail policy give_up_hours 1",
		"ticket reply 1 --message 'from the gateway'",
		"ticket show 1",
		"queue",
		"inbox list",
		"mail status",
		"notify mine",
		NULL,
	};
	for (int i = 0; refused[i]; i++) {
		ck_assert_msg(cli("gw_mail", NULL, "%s", refused[i]) == 77, "%s: exit %d", refused[i],
			      cli("gw_mail", NULL, "%s", refused[i]));
		ck_assert_msg(strstr(testdb_stderr(), "ticketty agent \"gw_mail\" has the role mail: it runs only "
					"`ticketty mail send` and `ticketty mail receive`"),
			      "%s: %s", refused[i], testdb_stderr());
		ck_assert_msg(!strstr(testdb_stdout(), "phone daily"), "%s: %s", refused[i], testdb_stdout());
	}
	testdb_expect("SELECT count(*) FROM agents WHERE login = 'gw_new'", "0");
	testdb_expect("SELECT value FROM mail_policy WHERE key = 'give_up_hours'", "120");
	testdb_expect("SELECT count(*) FROM comments WHERE body = 'from the gateway'", "0");

	/* the database refuses the login itself (42501: no privilege) */
	expect_as("gw_mail", "SELECT body FROM ticketty.comments WHERE kind = 'internal'", "ERR 42501");
	expect_as("gw_mail", "SELECT count(*) FROM ticketty.tickets", "ERR 42501");
	expect_as("gw_mail", "SELECT count(*) FROM ticketty.agents", "ERR 42501");
	expect_as("gw_mail", "SELECT count(*) FROM ticketty.contacts", "ERR 42501");
	expect_as("gw_mail", "SELECT count(*) FROM ticketty.mail_inbound", "ERR 42501");
	expect_as("gw_mail", "SELECT count(*) FROM ticketty.mail_outbox", "ERR 42501");
	expect_as("gw_mail", "SELECT count(*) FROM ticketty.ticket_events", "ERR 42501");
	expect_as("gw_mail", "SELECT ticketty.api_escalate(1, 'x')::text", "ERR 42501");
	expect_as("gw_mail", "SELECT ticketty.api_mail_policy_set('give_up_hours', '1')::text", "ERR 42501");
	expect_as("gw_mail", "SELECT ticketty.api_mail_template_set('reply', 'en', 's', 'b')::text", "ERR 42501");
	expect_as("gw_mail", "SELECT ticketty.api_admin_agent_add('gw_x', 'X', 'admin', NULL, NULL, NULL, NULL)",
		  "ERR 42501");
	expect_as("gw_mail", "SELECT count(*) FROM ticketty.search('phone')", "ERR 42501");
	/* and its role: what it may do, and that is all */
	expect_as("gw_mail", "SELECT role FROM ticketty.session_agent_row()", "mail");
	/* the mail functions are the gateway's and an admin's, not an engineer's */
	expect_as("gw_alice", "SELECT count(*) FROM ticketty.api_mail_claim(1, 1)", "ERR TT403");
	expect_as("gw_alice", "SELECT ticketty.api_mail_next_due()::text", "ERR TT403");
	/* the gateway takes no ticket, and is offered to nobody to assign */
	ck_assert_int_eq(cli("gw_alice", NULL, "ticket assign %lld gw_mail", ticket), 65);
	ck_assert_msg(strstr(testdb_stderr(), "mail gateway"), "%s", testdb_stderr());
	/* `admin agent add --role mail` makes one (in ticketty_mail, not ticketty_agent) */
	testdb_agent("gw_boss", "admin");
	ck_assert_int_eq(cli("gw_boss", NULL, "admin agent add gw_mail2 --name 'Mail Two' --role mail"), 0);
	testdb_expect("SELECT pg_has_role('gw_mail2', 'ticketty_mail', 'MEMBER')::text || '/'"
		      " || pg_has_role('gw_mail2', 'ticketty_agent', 'MEMBER')::text", "true/false");
	ck_assert_int_eq(cli("gw_boss", NULL, "admin agent add gw_bad --name Bad --role postmaster"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "mail"), "%s", testdb_stderr());
}
END_TEST

static char *violations(void)
{
	return testdb_value("SELECT coalesce(string_agg(object || ': ' || problem, E'\\n'"
			    " ORDER BY object, problem), '') FROM security_violations()", 0, NULL);
}

static bool reported(const char *all, const char *line)
{
	size_t n = strlen(line);
	for (const char *p = all; (p = strstr(p, line)); p += n)
		if ((p == all || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
			return true;
	return false;
}

/* The self-check passes with a gateway agent, and reports each way it
 * could read or do more than it needs. */
START_TEST(self_check_keeps_the_gateway_to_its_functions)
{
	char *v = violations();
	ck_assert_msg(!strcmp(v, ""), "security_violations() reports:\n%s", v);
	free(v);
	static const struct { const char *plant, *undo, *report; } plants[] = {
		{ "GRANT ticketty_agent TO gw_mail", "REVOKE ticketty_agent FROM gw_mail",
		  "role gw_mail: gw_mail (the mail gateway) can act as ticketty_agent, which reads every table" },
		{ "GRANT ticketty_engineer TO ticketty_mail", "REVOKE ticketty_engineer FROM ticketty_mail",
		  "role ticketty_mail: ticketty_mail (the mail gateway) can act as ticketty_agent, which reads every table" },
		{ "GRANT SELECT ON comments TO ticketty_mail", "REVOKE SELECT ON comments FROM ticketty_mail",
		  "comments: ticketty_mail (the mail gateway) has SELECT" },
		{ "GRANT SELECT (title) ON tickets TO ticketty_mail", "REVOKE SELECT (title) ON tickets FROM ticketty_mail",
		  "tickets: ticketty_mail (the mail gateway) has SELECT on column title" },
		{ "GRANT EXECUTE ON FUNCTION api_mail_policy_set(text, text) TO ticketty_mail",
		  "REVOKE EXECUTE ON FUNCTION api_mail_policy_set(text, text) FROM ticketty_mail",
		  "api_mail_policy_set(text,text): ticketty_mail (the mail gateway) may execute this function, "
		  "which mail_gateway_functions() does not list" },
		{ "REVOKE EXECUTE ON FUNCTION api_mail_claim(integer, integer) FROM ticketty_mail",
		  "GRANT EXECUTE ON FUNCTION api_mail_claim(integer, integer) TO ticketty_mail",
		  "api_mail_claim(integer,integer): ticketty_mail (the mail gateway) may not execute this function, "
		  "which it needs" },
		{ "GRANT INSERT ON mail_inbound TO ticketty_mail", "REVOKE INSERT ON mail_inbound FROM ticketty_mail",
		  "mail_inbound: ticketty_mail has INSERT" },
	};
	for (size_t i = 0; i < sizeof(plants) / sizeof(plants[0]); i++) {
		testdb_sql(plants[i].plant);
		v = violations();
		testdb_sql(plants[i].undo);
		ck_assert_msg(reported(v, plants[i].report), "planted: %s\n  wanted: %s\n  got:\n%s",
			      plants[i].plant, plants[i].report, v);
		free(v);
		v = violations();
		ck_assert_msg(!strcmp(v, ""), "after %s:\n%s", plants[i].undo, v);
		free(v);
	}
	/* `db migrate` grants the gateway its functions again (a migration
	 * that drops and makes one again loses its grant) */
	testdb_sql("REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ticketty FROM ticketty_mail; SELECT mail_gateway_grant()");
	v = violations();
	ck_assert_msg(!strcmp(v, ""), "after mail_gateway_grant():\n%s", v);
	free(v);
}
END_TEST

/* The words of an agent's notification mail, read by the gateway through
 * api_mail_notification_event (whose columns repeat the timeline's), are
 * those its recipient reads in ticketty (notify_mine_page, through
 * TIMELINE_COLUMNS): for each kind of step that mails them. */
START_TEST(notification_event_as_the_client_reads_it)
{
	ck_assert_int_eq(cli("gw_alice", NULL, "mail notifications on"), 0);
	ck_assert_int_eq(cli("gw_csm", NULL, "mail notifications on"), 0);
	ck_assert_int_eq(cli("gw_alice", NULL, "ticket ack %lld --message 'On it.'", ticket), 0);
	const char *steps[] = {
		"gw_ana|ticket status 1 in_progress",
		"gw_ana|ticket note 1 --message 'Logs attached later.'",
		"gw_ana|ticket reply 1 --message 'Any news on your side?'",
		"gw_ana|ticket assign 1 gw_ana",
		"gw_ana|ticket assign 1 gw_alice",
		"gw_ana|escalate 1 --reason 'Customer threatens to churn'",
		"gw_ana|ticket set 1 severity=3 --reason 'Worse than it looked'",
		"mail|From: Carla <carla@acme.example>\nSubject: Re: [#1] Ticket 1\nMessage-ID: <w1@acme>\n"
		"In-Reply-To: <ticketty.1.1@desk.test>\n\nStill dark.\n",
		"gw_ana|ticket resolve 1 --message 'Fixed in the ad server.'",
		NULL,
	};
	char at[32];
	for (int i = 0; steps[i]; i++) {
		snprintf(at, sizeof(at), "2027-03-14T07:%02d:00Z", 10 + i);
		testdb_clock(at, TESTDB_CLOCK_FROZEN);
		const char *bar = strchr(steps[i], '|');
		char who[32];
		snprintf(who, sizeof(who), "%.*s", (int)(bar - steps[i]), steps[i]);
		int rc = !strcmp(who, "mail") ? receive(bar + 1) : testdb_cli(who, NULL, bar + 1);
		ck_assert_msg(rc == 0, "%s: exit %d: %s", steps[i], rc, testdb_stderr());
	}
	char *ids = testdb_value("SELECT string_agg(o.id || ':' || n.id || ':' || a.login, ',' ORDER BY o.id)"
				 "  FROM mail_outbox o JOIN notifications n ON n.id = o.notification_id"
				 "  JOIN agents a ON a.id = n.recipient_agent_id"
				 " WHERE o.kind = 'notification' AND o.state = 'queued'", 0, NULL);
	ck_assert_msg(ids && *ids, "no notification mail queued");
	struct db *gw = testdb_open("gw_mail");
	int compared = 0, changed = 0;
	for (char *p = ids; p && *p;) {
		long long msg = strtoll(p, &p, 10), nid = strtoll(p + 1, &p, 10);
		char login[32];
		char *end = strchr(++p, ',');
		snprintf(login, sizeof(login), "%.*s", end ? (int)(end - p) : (int)strlen(p), p);
		p = end ? end + 1 : NULL;
		struct tt_error err;
		tt_error_init(&err);
		struct strbuf mail;
		sb_init(&mail);
		ck_assert_int_eq(notify_words_of_mail(gw, msg, &mail, &err), 0);
		/* what the recipient reads in ticketty, their own list */
		struct db *own = testdb_open(login);
		struct notify_list l;
		notify_list_init(&l);
		ck_assert_int_eq(notify_mine_page(own, NULL, NOTIFY_FIRST, NULL, 1000, &l, &err), 0);
		const struct notify_item *it = NULL;
		for (size_t k = 0; k < l.n; k++)
			if (l.items[k].id == nid)
				it = &l.items[k];
		ck_assert_msg(it != NULL, "notification %lld not in %s's list", nid, login);
		if (mail.len) {
			ck_assert_msg(!strcmp(mail.buf, it->words), "message %lld to %s (%s, %s):\n  mail: %s\n  list: %s",
				      msg, login, it->kind, it->change, mail.buf, it->words);
			compared++;
			changed += !strcmp(it->kind, "ticket.changed");
		}
		notify_list_done(&l);
		db_close(own);
		sb_done(&mail);
		tt_error_clear(&err);
	}
	db_close(gw);
	free(ids);
	ck_assert_msg(compared >= 8 && changed >= 5, "compared %d (ticket.changed %d)", compared, changed);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("mail_gateway");
	TCase *tc = tcase_create("gateway");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, gateway_receives_sends_and_bounces);
	tcase_add_test(tc, gateway_refused_everything_else);
	tcase_add_test(tc, self_check_keeps_the_gateway_to_its_functions);
	tcase_add_test(tc, notification_event_as_the_client_reads_it);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
