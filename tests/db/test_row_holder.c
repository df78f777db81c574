/* Who is named when a change waits too long for a row another session
 * holds (55P03, database.lock_timeout_ms): an escalation's steps and
 * `ticket link` name the holder as the ticket actions do (api_ticket_
 * row_holder), in English and Spanish; before, they said only "being
 * changed in another session". When several sessions are in the way, the
 * one holding the row is named and the rest counted. Each case holds a row in a second real
 * connection (BEGIN; SELECT ... FOR UPDATE) while the CLI waits on it.
 * needs: server timers (skipped under libfaketime, tests/run.sh) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "esc_fixture.h"
#include "testdb.h"
#include "util/xalloc.h"

static struct esc_fixture fx;

static void setup(void)
{
	esc_fixture_setup(&fx);
	testdb_sql("UPDATE agents SET display_name = 'Olga Other' WHERE login = 'esc_csm2'");
	/* the holder's session: an agent's login that may lock the rows by hand */
	testdb_sql("GRANT UPDATE ON tickets, escalations, customers, contacts, agents TO esc_csm2");
	testdb_config("database = { lock_timeout_ms = 500; };\n");
}

static void teardown(void)
{
	testdb_config_done();
}

/* `ticketty ARGS` as login (in Spanish when es), exit 75 and stderr
 * holding `want`. */
static void refused(const char *login, bool es, const char *args, const char *want)
{
	int rc = testdb_cli_in(es ? "es_ES.UTF-8" : NULL, login, args);
	ck_assert_msg(rc == 75, "ticketty %s: exit %d, stderr: %s", args, rc, testdb_stderr());
	ck_assert_msg(strstr(testdb_stderr(), want), "ticketty %s: stderr: %s\nwanted: %s", args,
		      testdb_stderr(), want);
}

static void ok(const char *login, const char *args)
{
	int rc = testdb_cli(login, NULL, args);
	ck_assert_msg(rc == 0, "ticketty %s: exit %d, stderr: %s", args, rc, testdb_stderr());
}

/* The escalation's own row held (the ticket's free): acknowledge, resolve,
 * pass up and hand over, in the CLI (the TUI's escalations view calls the
 * same model steps) name who holds it. */
START_TEST(escalation_steps_name_the_holder_of_its_row)
{
	char args[256];
	snprintf(args, sizeof(args), "escalate %lld --reason 'customer loses revenue'", fx.t1);
	ok("esc_eng", args);
	char *sql = xasprintf("BEGIN; SELECT id FROM ticketty.escalations WHERE ticket_id = %lld FOR UPDATE", fx.t1);
	PGconn *olga = testdb_holding("esc_csm2", "olga-laptop", sql);
	free(sql);

	char *want = xasprintf("the escalation of ticket %lld is held by Olga Other (in olga-laptop) (waited 0.5 s,",
			       fx.t1);
	const char *steps[] = { "escalation ack %lld", "escalation resolve %lld --message 'fixed'",
				"escalation up %lld --message 'needs operations'",
				"escalation hand %lld --to esc_csm2 --message 'covering'" };
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		snprintf(args, sizeof(args), steps[i], fx.t1);
		refused("esc_csm1", false, args, want);
	}
	free(want);
	snprintf(args, sizeof(args), "escalation ack %lld", fx.t1);
	want = xasprintf("escalada del ticket %lld en uso por Olga Other (desde olga-laptop) (se esperó 0,5 s,",
			 fx.t1);
	refused("esc_csm1", true, args, want);
	free(want);

	/* its holder gone, the step is taken */
	testdb_release(olga);
	ok("esc_csm1", args);
	sql = xasprintf("SELECT state FROM escalations WHERE ticket_id = %lld", fx.t1);
	esc_expect(sql, "acknowledged");
	free(sql);
}
END_TEST

/* `ticket link` names the holder of whichever of its two tickets is held,
 * and that ticket alone; neither held, both are still named. */
START_TEST(link_names_the_holder_of_the_held_ticket)
{
	char args[256];
	char *sql = xasprintf("BEGIN; SELECT id FROM ticketty.tickets WHERE id = %lld FOR UPDATE", fx.t2);
	PGconn *olga = testdb_holding("esc_csm2", "olga-laptop", sql);
	free(sql);

	snprintf(args, sizeof(args), "ticket link %lld --duplicate-of %lld", fx.t1, fx.t2);
	char *want = xasprintf("ticket %lld is held by Olga Other (in olga-laptop) (waited 0.5 s,", fx.t2);
	refused("esc_eng", false, args, want);
	free(want);
	want = xasprintf("ticket %lld en uso por Olga Other (desde olga-laptop) (se esperó 0,5 s,", fx.t2);
	refused("esc_eng", true, args, want);
	free(want);
	snprintf(args, sizeof(args), "ticket link %lld --related %lld", fx.t2, fx.t1);
	want = xasprintf("ticket %lld is held by Olga Other (in olga-laptop) (waited 0.5 s,", fx.t2);
	refused("esc_eng", false, args, want);
	free(want);

	testdb_release(olga);
	ok("esc_eng", args);
}
END_TEST

/* The row's holder is named when more sessions are in the way, the rest
 * counted: one holding the ticket and one queued for it behind (before,
 * the queued one went unsaid), or two holding it together (FOR SHARE
 * beside FOR KEY SHARE, a multixact: before, no one was named). The
 * session with the stronger lock is named, though the other began
 * first. */
START_TEST(several_in_the_way_name_the_holder_and_count_the_rest)
{
	char args[256];
	snprintf(args, sizeof(args), "ticket take %lld", fx.t1);
	char *sql = xasprintf("BEGIN; SELECT id FROM ticketty.tickets WHERE id = %lld FOR UPDATE", fx.t1);
	PGconn *olga = testdb_holding("esc_csm2", "olga-laptop", sql);
	/* a second session queued for the same row, waiting */
	char *ci = testdb_conninfo(NULL);
	char *full = xasprintf("%s application_name=queued", ci);
	PGconn *queued = PQconnectdb(full);
	free(full);
	free(ci);
	ck_assert_int_eq(PQstatus(queued), CONNECTION_OK);
	ck_assert_int_eq(PQsendQuery(queued, sql), 1);
	free(sql);
	bool waiting = false;
	for (int i = 0; i < 500 && !waiting; i++) {
		char *v = testdb_value("SELECT count(*) FROM pg_stat_activity"
				       " WHERE application_name = 'queued' AND wait_event_type = 'Lock'", 0, NULL);
		waiting = v && !strcmp(v, "1");
		free(v);
		if (!waiting)
			usleep(10000);
	}
	ck_assert_msg(waiting, "the queued session never waited");

	char *want = xasprintf("ticket %lld is held by Olga Other (in olga-laptop) and 1 other (waited 0.5 s,", fx.t1);
	refused("esc_eng", false, args, want);
	free(want);
	want = xasprintf("ticket %lld en uso por Olga Other (desde olga-laptop) y 1 más (se esperó 0,5 s,", fx.t1);
	refused("esc_eng", true, args, want);
	free(want);
	/* the holder gone, the queued session holds it, alone */
	testdb_release(olga);
	PGresult *res;
	while ((res = PQgetResult(queued)))
		PQclear(res);
	want = xasprintf("ticket %lld is held by postgres (in queued) (waited 0.5 s,", fx.t1);
	refused("esc_eng", false, args, want);
	free(want);
	testdb_release(queued);

	/* two holding it at once: the FOR SHARE one named, the older FOR KEY SHARE counted */
	sql = xasprintf("BEGIN; SELECT id FROM ticketty.tickets WHERE id = %lld FOR KEY SHARE", fx.t1);
	PGconn *batch = testdb_holding(NULL, "batch", sql);
	free(sql);
	sql = xasprintf("BEGIN; SELECT id FROM ticketty.tickets WHERE id = %lld FOR SHARE", fx.t1);
	olga = testdb_holding("esc_csm2", "olga-laptop", sql);
	free(sql);
	want = xasprintf("ticket %lld is held by Olga Other (in olga-laptop) and 1 other (waited 0.5 s,", fx.t1);
	refused("esc_eng", false, args, want);
	free(want);
	testdb_release(olga);
	testdb_release(batch);
	ok("esc_eng", args);
}
END_TEST

/* A message with files goes in one transaction (the message, then its
 * files): refused on a held ticket, it names the holder too, asked once
 * the transaction is rolled back (before, the question failed in the
 * aborted transaction and the refusal said "being changed in another
 * session"). */
START_TEST(a_message_with_files_names_the_holder)
{
	char file[] = "/tmp/ticketty-holder-file-XXXXXX";
	int fd = mkstemp(file);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq((int)write(fd, "log line\n", 9), 9);
	close(fd);
	char *sql = xasprintf("BEGIN; SELECT id FROM ticketty.tickets WHERE id = %lld FOR UPDATE", fx.t1);
	PGconn *olga = testdb_holding("esc_csm2", "olga-laptop", sql);
	free(sql);

	char *want = xasprintf("ticket %lld is held by Olga Other (in olga-laptop) (waited 0.5 s,", fx.t1);
	const char *forms[] = { "ticket note %lld --message 'the log' --attach %s",
				"ticket reply %lld --message 'Here is the log.' --attach %s" };
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		char *args = xasprintf(forms[i], fx.t1, file);
		refused("esc_eng", false, args, want);
		free(args);
	}
	free(want);
	testdb_release(olga);
	char *args = xasprintf(forms[0], fx.t1, file);
	ok("esc_eng", args);
	free(args);
	unlink(file);
}
END_TEST

/* An administrator's change of a customer, a contact or an agent whose
 * row another session holds names the record and who holds it (before,
 * "another session is changing the same data", naming neither). */
START_TEST(record_changes_name_the_holder)
{
	struct {
		const char *login, *hold, *args, *want, *want_es;
	} cases[] = {
		{ "esc_csm2", "SELECT id FROM ticketty.customers WHERE name = 'Acme Corp' FOR UPDATE",
		  "admin customer set 'Acme Corp' plan=basic",
		  "customer Acme Corp is held by Olga Other (in olga-laptop) (waited 0.5 s,",
		  "cliente Acme Corp en uso por Olga Other (desde olga-laptop) (se esperó 0,5 s," },
		/* (an agent's session sees the contacts it may lock through
		 * no policy: the superuser's session holds them) */
		{ NULL, "SELECT id FROM ticketty.contacts WHERE email = 'carl@acme.example' FOR UPDATE",
		  "admin contact set carl@acme.example phone=+15551234567",
		  "contact carl@acme.example is held by postgres (in olga-laptop) (waited 0.5 s,",
		  "contacto carl@acme.example en uso por postgres (desde olga-laptop) (se esperó 0,5 s," },
		{ "esc_csm2", "SELECT id FROM ticketty.agents WHERE login = 'esc_pm' FOR UPDATE",
		  "admin agent set esc_pm name='Pat Product'",
		  "agent esc_pm is held by Olga Other (in olga-laptop) (waited 0.5 s,",
		  "agente esc_pm en uso por Olga Other (desde olga-laptop) (se esperó 0,5 s," },
		{ NULL, "SELECT id FROM ticketty.contacts WHERE email = 'carl@acme.example' FOR UPDATE",
		  "admin contact deactivate carl@acme.example",
		  "contact carl@acme.example is held by postgres (in olga-laptop) (waited 0.5 s,", NULL },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *sql = xasprintf("BEGIN; %s", cases[i].hold);
		PGconn *olga = testdb_holding(cases[i].login, "olga-laptop", sql);
		free(sql);
		refused("esc_adm", false, cases[i].args, cases[i].want);
		if (cases[i].want_es)
			refused("esc_adm", true, cases[i].args, cases[i].want_es);
		testdb_release(olga);
	}
	ok("esc_adm", "admin customer set 'Acme Corp' plan=basic");
}
END_TEST

/* A held mail put on its ticket as an internal note (`inbox note`) on a
 * ticket another session holds names who holds it (before, "another
 * session is changing the same data"); one waiting on the mail's own row
 * names the mail, naming no ticket's holder. */
START_TEST(inbox_note_names_the_holder_of_the_ticket)
{
	char *sql = xasprintf("INSERT INTO mail_inbound (message_id, raw, from_address, body, state, hold_reason,"
			      " ticket_id) VALUES ('<held@x>', 'x', 'olga@desk.test', 'Calling them now', 'held',"
			      " 'unknown_sender', %lld) RETURNING id", fx.t1);
	char *mail = testdb_value(sql, 0, NULL);
	free(sql);
	char *args = xasprintf("inbox note %s", mail);
	sql = xasprintf("BEGIN; SELECT id FROM ticketty.tickets WHERE id = %lld FOR UPDATE", fx.t1);
	PGconn *olga = testdb_holding("esc_csm2", "olga-laptop", sql);
	free(sql);
	char *want = xasprintf("ticket %lld is held by Olga Other (in olga-laptop) (waited 0.5 s,", fx.t1);
	refused("esc_eng", false, args, want);
	free(want);
	testdb_release(olga);
	sql = xasprintf("BEGIN; SELECT id FROM ticketty.mail_inbound WHERE id = %s FOR UPDATE", mail);
	PGconn *batch = testdb_holding(NULL, "batch", sql);
	free(sql);
	/* its own row held: the mail named (test_more_holders) */
	char *held = xasprintf("ticketty: mail %s is held by ", mail);
	refused("esc_eng", false, args, held);
	free(held);
	testdb_release(batch);
	ok("esc_eng", args);
	free(args);
	free(mail);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("row holder");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, escalation_steps_name_the_holder_of_its_row);
	tcase_add_test(tc, link_names_the_holder_of_the_held_ticket);
	tcase_add_test(tc, several_in_the_way_name_the_holder_and_count_the_rest);
	tcase_add_test(tc, a_message_with_files_names_the_holder);
	tcase_add_test(tc, record_changes_name_the_holder);
	tcase_add_test(tc, inbox_note_names_the_holder_of_the_ticket);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
