/* A step that writes several events tells each follower and the assignee
 * once, in the words of where the ticket ended up (sql/770): asking the
 * customer right after the first response (through in_progress to
 * waiting_customer in one call), waiting on engineering the same way,
 * marking a ticket a duplicate (resolved, closed, linked); a file sent
 * with the question leaves the words the question's; an escalation's new
 * holder is told by the step itself, once; a re-triage's assignee by the
 * re-triage's own notification only (not also of the escalation it hands
 * over, nor as a follower). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "esc_fixture.h"
#include "testdb.h"

static struct esc_fixture fx;

static void setup(void)
{
	esc_fixture_setup(&fx);
}

/* A login's unread notifications as "kind:event|words;..." (`notify mine
 * --json`: the words the TUI's notifications view and the mail say too),
 * then marked read. */
static char *heard(const char *login)
{
	ck_assert_int_eq(testdb_cli(login, NULL, "notify mine --json --mark-read"), 0);
	const char *p[1] = { testdb_stdout() };
	return testdb_value("SELECT coalesce(string_agg((e->>'kind') || ':' || (e->>'change') || '|' || (e->>'words'),"
			    "                           ';' ORDER BY (e->>'id')::bigint), '')"
			    "  FROM jsonb_array_elements($1::jsonb->'notifications') e", 1, p);
}

static void expect_heard(const char *login, const char *want)
{
	char *v = heard(login);
	ck_assert_msg(v && !strcmp(v, want), "%s heard: %s\n  wanted: %s", login, v ? v : "NULL", want);
	free(v);
}

/* How many unread notifications `login` has of ticket `id`. */
static void expect_unread(const char *login, long long id, const char *want)
{
	char sql[320];
	snprintf(sql, sizeof(sql),
		 "SELECT count(*) FROM notifications n JOIN agents a ON a.id = n.recipient_agent_id"
		 " WHERE a.login = '%s' AND n.ticket_id = %lld AND n.read_at IS NULL", login, id);
	esc_expect(sql, want);
}

#define ARROW " \xe2\x86\x92 "

/* The known case: the follower and the assignee of an acknowledged ticket
 * are told of the question to the customer as "in progress -> waiting on
 * customer" (its last status event), once each; before, they read
 * "acknowledged -> in progress", the half-way state. */
START_TEST(asking_right_after_the_first_response_says_the_wait)
{
	char sql[256];
	snprintf(sql, sizeof(sql), "UPDATE tickets SET assignee_id = %d WHERE id = %lld", fx.eng, fx.t1);
	testdb_sql(sql);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "collaborator add 1 esc_dev"), 0);
	ck_assert_msg(testdb_cli("esc_csm1", NULL, "ticket ack 1 --message 'On it'") == 0, "%s", testdb_stderr());
	expect_heard("esc_dev", "ticket.changed:collaborator.added|Esc_Eng added you as a collaborator;"
		     "ticket.changed:ack|Esc_Csm1 acknowledged: new" ARROW "acknowledged");
	expect_heard("esc_eng", "ticket.changed:ack|Esc_Csm1 acknowledged: new" ARROW "acknowledged");

	ck_assert_msg(testdb_cli("esc_csm1", NULL, "ticket status 1 waiting_customer --message 'Which member?'") == 0,
		      "%s", testdb_stderr());
	esc_expect("SELECT status FROM tickets WHERE id = 1", "waiting_customer");
	esc_expect("SELECT count(*) FROM ticket_events WHERE ticket_id = 1 AND kind = 'status'", "2");
	/* one notification each, naming the step's last event */
	expect_unread("esc_dev", fx.t1, "1");
	expect_unread("esc_eng", fx.t1, "1");
	esc_expect("SELECT string_agg(DISTINCT (v.details->>'from') || '>' || (v.details->>'to'), ',')"
		   "  FROM notifications n JOIN ticket_events v ON v.id = (n.payload->>'event_id')::bigint"
		   " WHERE n.ticket_id = 1 AND n.read_at IS NULL", "in_progress>waiting_customer");
	expect_heard("esc_dev", "ticket.changed:status|Esc_Csm1 changed the status: in progress" ARROW
		     "waiting on customer");
	expect_heard("esc_eng", "ticket.changed:status|Esc_Csm1 changed the status: in progress" ARROW
		     "waiting on customer");
	/* the actor hears nothing of it */
	expect_unread("esc_csm1", fx.t1, "0");
}
END_TEST

/* Waiting on engineering from acknowledged (`ticket status`, one call)
 * says the wait too; a question sent with a file says the wait, not the
 * file that went with it. */
START_TEST(wait_on_engineering_and_question_with_a_file_say_the_wait)
{
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "collaborator add 2 esc_dev"), 0);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "collaborator add 3 esc_dev"), 0);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "ticket ack 2 --message 'On it'"), 0);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "ticket ack 3 --message 'On it'"), 0);
	testdb_sql("UPDATE notifications SET read_at = tt_now()");

	ck_assert_msg(testdb_cli("esc_eng", NULL, "ticket status 2 waiting_engineering --bug ENG-7") == 0, "%s",
		      testdb_stderr());
	expect_unread("esc_dev", fx.t2, "1");
	expect_heard("esc_dev", "ticket.changed:status|Esc_Eng changed the status: in progress" ARROW
		     "waiting on engineering (bug ENG-7)");

	char dir[] = "/tmp/tt-notify-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char csv[96], args[256];
	snprintf(csv, sizeof(csv), "%s/placements.csv", dir);
	FILE *f = fopen(csv, "w");
	ck_assert_ptr_nonnull(f);
	fputs("placement,impressions\n4313526,0\n", f);
	fclose(f);
	snprintf(args, sizeof(args), "ticket status 3 waiting_customer --message 'Is this the list?' --attach %s",
		 csv);
	ck_assert_msg(testdb_cli("esc_eng", NULL, args) == 0, "%s", testdb_stderr());
	unlink(csv);
	rmdir(dir);
	esc_expect("SELECT string_agg(kind, ',' ORDER BY id) FROM ticket_events WHERE ticket_id = 3"
		   " AND kind IN ('status', 'file_sent')", "status,status,file_sent");
	expect_unread("esc_dev", fx.t3, "1");
	expect_heard("esc_dev", "ticket.changed:status|Esc_Eng changed the status: in progress" ARROW
		     "waiting on customer");
}
END_TEST

/* Marking an open ticket a duplicate resolves, closes and links it in one
 * call: its follower is told once, that it was closed as a duplicate
 * (before: "resolved"); of the surviving ticket, which they now follow,
 * once too. */
START_TEST(duplicate_says_closed_as_a_duplicate)
{
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "collaborator add 2 esc_dev"), 0);
	testdb_sql("UPDATE notifications SET read_at = tt_now()");
	char args[96];
	snprintf(args, sizeof(args), "ticket link 2 --duplicate-of %lld", fx.t3);
	ck_assert_msg(testdb_cli("esc_eng", NULL, args) == 0, "%s", testdb_stderr());
	esc_expect("SELECT string_agg(kind, ',' ORDER BY id) FROM ticket_events WHERE ticket_id = 2"
		   " AND kind IN ('resolve', 'close', 'link')", "resolve,close,link");
	expect_unread("esc_dev", fx.t2, "1");
	expect_unread("esc_dev", fx.t3, "1");
	char want[160];
	snprintf(want, sizeof(want), "ticket.changed:link|Esc_Eng closed it as a duplicate of #%lld;"
		 "ticket.changed:link|Esc_Eng closed #%lld as a duplicate of this ticket", fx.t3, fx.t2);
	expect_heard("esc_dev", want);
}
END_TEST

/* An escalation passed up tells its new holder by the step's own
 * notification, once, even when they follow the ticket; its other
 * followers hear of the pass-up once. Steps of one event (resolve with
 * its message, reopen with a note) say that event. */
START_TEST(one_event_steps_and_the_new_holder_told_once)
{
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "collaborator add 1 esc_coo"), 0);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "collaborator add 1 esc_dev"), 0);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "escalate 1 --reason 'customer angry'"), 0);
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, "escalation ack 1"), 0);
	testdb_sql("UPDATE notifications SET read_at = tt_now()");
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, "escalation up 1 --message 'ops'"), 0);
	expect_unread("esc_coo", fx.t1, "1");
	expect_heard("esc_coo", "escalation.raised:escalation.passed_up|Esc_Csm1 passed up to L2 COO (you): ops");
	expect_heard("esc_dev", "ticket.changed:escalation.passed_up|Esc_Csm1 passed up to L2 COO (Esc_Coo): ops");

	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "ticket ack 1 --message 'On it'"), 0);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "ticket status 1 in_progress"), 0);
	testdb_sql("UPDATE notifications SET read_at = tt_now()");
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "ticket resolve 1 --message 'Fixed in the ad server'"), 0);
	expect_heard("esc_dev", "ticket.changed:resolve|Esc_Eng resolved: in progress" ARROW "resolved");
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "ticket reopen 1 --message 'Still blank'"), 0);
	expect_heard("esc_dev", "ticket.changed:reopen|Esc_Eng reopened: resolved" ARROW "in progress");
}
END_TEST

/* A re-triage that moves the ticket to another customer hands its live
 * CSM level over (710) in the same step: the new holder is told by the
 * hand-over, the assignee by the re-triage's own notification (before,
 * also of the hand-over), the follower of the re-triage; each once. An
 * assignee who follows their ticket is told of a re-triage once too. */
START_TEST(retriage_to_another_customer_told_once_each)
{
	testdb_sql("INSERT INTO customers (name, member_id, plan, csm_id)"
		   " VALUES ('Globex', 2002, 'premium', (SELECT id FROM agents WHERE login = 'esc_csm2'));"
		   "INSERT INTO contacts (customer_id, name, email, spoc)"
		   " SELECT id, 'Gina Globex', 'gina@globex.example', true FROM customers WHERE name = 'Globex'");
	char sql[256];
	snprintf(sql, sizeof(sql), "UPDATE tickets SET assignee_id = %d WHERE id = %lld", fx.eng, fx.t1);
	testdb_sql(sql);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "collaborator add 1 esc_dev"), 0);
	ck_assert_int_eq(testdb_cli("esc_pm", NULL, "escalate 1 --reason 'customer angry'"), 0);
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, "escalation ack 1"), 0);
	testdb_sql("UPDATE notifications SET read_at = tt_now()");
	ck_assert_msg(testdb_cli("esc_csm1", NULL, "ticket set 1 customer=Globex contact=gina@globex.example"
				 " --reason 'filed under the wrong customer'") == 0, "%s", testdb_stderr());
	esc_expect("SELECT string_agg(kind, ',' ORDER BY id) FROM (SELECT id, kind FROM ticket_events"
		   " WHERE ticket_id = 1 ORDER BY id DESC LIMIT 2) e", "retriage,escalation.handed");
	expect_unread("esc_csm2", fx.t1, "1");
	expect_unread("esc_eng", fx.t1, "1");
	expect_unread("esc_dev", fx.t1, "1");
	expect_heard("esc_csm2", "escalation.handed:escalation.handed|Esc_Csm1 handed the L1 Customer Success Manager"
		     " escalation from Esc_Csm1 to you (the ticket moved to another customer)");
	expect_heard("esc_eng", "ticket.retriaged:retriage|Esc_Csm1 corrected the triage (Customer: Acme Corp" ARROW
		     "Globex; Requesting contact: Carl Contact <carl@acme.example>" ARROW
		     "Gina Globex <gina@globex.example>): filed under the wrong customer");
	expect_heard("esc_dev", "ticket.changed:retriage|Esc_Csm1 corrected the triage (Customer: Acme Corp" ARROW
		     "Globex; Requesting contact: Carl Contact <carl@acme.example>" ARROW
		     "Gina Globex <gina@globex.example>): filed under the wrong customer");
	/* an assignee who follows the ticket too: told by the re-triage, once */
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "collaborator add 1 esc_eng"), 0);
	ck_assert_msg(testdb_cli("esc_csm2", NULL, "ticket set 1 severity=3 --reason 'one page only'") == 0, "%s",
		      testdb_stderr());
	expect_unread("esc_eng", fx.t1, "1");
	expect_heard("esc_eng", "ticket.retriaged:retriage|Esc_Csm2 corrected the triage (Severity: 2" ARROW
		     "3): one page only");
}
END_TEST

static Suite *notify_step_suite(void)
{
	Suite *s = suite_create("notify_step");
	TCase *tc = tcase_create("step");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, asking_right_after_the_first_response_says_the_wait);
	tcase_add_test(tc, wait_on_engineering_and_question_with_a_file_say_the_wait);
	tcase_add_test(tc, duplicate_says_closed_as_a_duplicate);
	tcase_add_test(tc, one_event_steps_and_the_new_holder_told_once);
	tcase_add_test(tc, retriage_to_another_customer_told_once_each);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(notify_step_suite)
