/* Who is named when a change waits too long for a row no refusal named
 * before (55P03, database.lock_timeout_ms): an administrator's change of
 * a customer's CSM, of an agent's role or state, which go on through
 * triggers to hand over escalations and tickets and waited on one of
 * those rows, name the ticket and its holder; an addition waiting on
 * the record it refers to (a new contact's customer) names it; a row a prepared
 * transaction holds (PREPARE TRANSACTION: no session at all) names the
 * transaction and says who must end it. Before, each said "another
 * session is changing the same data". Each case holds the row in a
 * second real connection while the CLI waits on it.
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
	testdb_sql("UPDATE agents SET display_name = 'Ana Ruiz' WHERE login = 'esc_coo'");
	/* the holder's session: an agent's login that may lock the rows by hand */
	testdb_sql("GRANT UPDATE ON tickets, escalations, customers, agents TO esc_coo");
	testdb_config("database = { lock_timeout_ms = 500; };\n");
}

/* A prepared transaction outlives its session and keeps its locks: one
 * a failed test left would keep the database from being dropped. */
static void rollback_prepared(void)
{
	char *gid;
	while ((gid = testdb_value("SELECT gid FROM pg_prepared_xacts WHERE database = current_database()"
				   " LIMIT 1", 0, NULL))) {
		char *sql = xasprintf("ROLLBACK PREPARED '%s'", gid);
		testdb_sql(sql);
		free(sql);
		free(gid);
	}
}

static void teardown(void)
{
	rollback_prepared();
	testdb_config_done();
}

/* `ticketty ARGS` as login (in Spanish when es), exit 75 and stderr
 * holding `want` (and `also`, when not NULL). */
static void refused(const char *login, bool es, const char *args, const char *want, const char *also)
{
	int rc = testdb_cli_in(es ? "es_ES.UTF-8" : NULL, login, args);
	ck_assert_msg(rc == 75, "ticketty %s: exit %d, stderr: %s", args, rc, testdb_stderr());
	ck_assert_msg(strstr(testdb_stderr(), want), "ticketty %s: stderr: %s\nwanted: %s", args,
		      testdb_stderr(), want);
	ck_assert_msg(!also || strstr(testdb_stderr(), also), "ticketty %s: stderr: %s\nwanted: %s", args,
		      testdb_stderr(), also);
}

static void ok(const char *login, const char *args)
{
	int rc = testdb_cli(login, NULL, args);
	ck_assert_msg(rc == 0, "ticketty %s: exit %d, stderr: %s", args, rc, testdb_stderr());
}

/* Ana's session holding `sql`'s rows (after BEGIN). */
static PGconn *ana_holding(const char *fmt, long long id)
{
	char *sql = xasprintf(fmt, id);
	char *begun = xasprintf("BEGIN; %s", sql);
	PGconn *ana = testdb_holding("esc_coo", "ana-laptop", begun);
	free(begun);
	free(sql);
	return ana;
}

#define HOLD_ESCALATION "SELECT id FROM ticketty.escalations WHERE ticket_id = %lld FOR UPDATE"
#define HOLD_TICKET "SELECT id FROM ticketty.tickets WHERE id = %lld FOR UPDATE"

/* A customer's new CSM takes the live CSM levels of its tickets
 * (customers_csm_hand_over): waiting on the escalation's row, or on its
 * ticket's, the refusal names the customer, the ticket and who holds
 * it. */
START_TEST(a_new_csm_names_the_held_escalation_or_ticket)
{
	char args[256];
	snprintf(args, sizeof(args), "escalate %lld --reason 'customer loses revenue'", fx.t1);
	ok("esc_eng", args);
	const char *change = "admin customer set 'Acme Corp' csm=esc_csm2";

	PGconn *ana = ana_holding(HOLD_ESCALATION, fx.t1);
	char *want = xasprintf("ticketty: customer Acme Corp: the escalation of ticket %lld is held by Ana Ruiz"
			       " (in ana-laptop) (waited 0.5 s,", fx.t1);
	refused("esc_adm", false, change, want, NULL);
	free(want);
	want = xasprintf("cliente Acme Corp: escalada del ticket %lld en uso por Ana Ruiz (desde ana-laptop)"
			 " (se esperó 0,5 s,", fx.t1);
	refused("esc_adm", true, change, want, NULL);
	free(want);
	testdb_release(ana);

	ana = ana_holding(HOLD_TICKET, fx.t1);
	want = xasprintf("ticketty: customer Acme Corp: ticket %lld is held by Ana Ruiz (in ana-laptop) (waited 0.5 s,",
			 fx.t1);
	refused("esc_adm", false, change, want, NULL);
	free(want);
	testdb_release(ana);

	/* the rows free, the CSM changes and takes the level */
	ok("esc_adm", change);
	char *sql = xasprintf("SELECT a.login FROM escalations e JOIN agents a ON a.id = e.holder_id"
			      " WHERE e.ticket_id = %lld", fx.t1);
	esc_expect(sql, "esc_csm2");
	free(sql);
}
END_TEST

/* An agent leaving a level's role hands the levels it holds on
 * (agents_escalation_hand_over), one deactivated its tickets back to
 * their queue (agent_return_tickets): waiting on one of those rows, the
 * refusal names the agent, the ticket and who holds it. */
START_TEST(an_agents_new_role_or_state_names_the_held_ticket)
{
	char args[256];
	snprintf(args, sizeof(args), "escalate %lld --reason 'customer loses revenue'", fx.t1);
	ok("esc_eng", args);
	snprintf(args, sizeof(args), "escalation hand %lld --to esc_csm2 --message 'covering'", fx.t1);
	ok("esc_csm1", args);
	const char *change = "admin agent set esc_csm2 role=engineer";

	PGconn *ana = ana_holding(HOLD_ESCALATION, fx.t1);
	char *want = xasprintf("ticketty: agent esc_csm2: the escalation of ticket %lld is held by Ana Ruiz"
			       " (in ana-laptop) (waited 0.5 s,", fx.t1);
	refused("esc_adm", false, change, want, NULL);
	free(want);
	testdb_release(ana);

	ana = ana_holding(HOLD_TICKET, fx.t1);
	want = xasprintf("ticketty: agent esc_csm2: ticket %lld is held by Ana Ruiz (in ana-laptop) (waited 0.5 s,",
			 fx.t1);
	refused("esc_adm", false, change, want, NULL);
	free(want);
	want = xasprintf("agente esc_csm2: ticket %lld en uso por Ana Ruiz (desde ana-laptop) (se esperó 0,5 s,",
			 fx.t1);
	refused("esc_adm", true, change, want, NULL);
	free(want);
	testdb_release(ana);
	ok("esc_adm", change);

	/* a deactivation sends the agent's tickets back to their queue */
	snprintf(args, sizeof(args), "ticket take %lld", fx.t2);
	ok("esc_eng", args);
	ana = ana_holding(HOLD_TICKET, fx.t2);
	want = xasprintf("ticketty: agent esc_eng: ticket %lld is held by Ana Ruiz (in ana-laptop) (waited 0.5 s,",
			 fx.t2);
	refused("esc_adm", false, "admin agent deactivate esc_eng", want, NULL);
	refused("esc_adm", false, "admin agent set esc_eng active=no", want, NULL);
	free(want);
	testdb_release(ana);
	ok("esc_adm", "admin agent deactivate esc_eng");
}
END_TEST

/* An addition that refers to a record whose row another session holds
 * (the key of a new contact's customer, of a new customer's CSM) names
 * the record and who holds it. */
START_TEST(additions_name_the_held_record_they_refer_to)
{
	PGconn *ana = ana_holding("SELECT id FROM ticketty.customers WHERE member_id = 1001 AND %lld > 0 FOR UPDATE", 1);
	refused("esc_adm", false, "admin contact add 'Acme Corp' --name 'Cora Contact' --email cora@acme.example",
		"ticketty: customer Acme Corp is held by Ana Ruiz (in ana-laptop) (waited 0.5 s,", NULL);
	testdb_release(ana);
	ok("esc_adm", "admin contact add 'Acme Corp' --name 'Cora Contact' --email cora@acme.example");

	ana = ana_holding("SELECT id FROM ticketty.agents WHERE login = 'esc_csm2' AND %lld > 0 FOR UPDATE", 1);
	refused("esc_adm", false, "admin customer add 'Globex' --member-id 2002 --plan basic --csm esc_csm2",
		"ticketty: agent esc_csm2 is held by Ana Ruiz (in ana-laptop) (waited 0.5 s,", NULL);
	testdb_release(ana);
	ok("esc_adm", "admin customer add 'Globex' --member-id 2002 --plan basic --csm esc_csm2");
}
END_TEST

/* A prepared transaction (PREPARE TRANSACTION) holding `fmt`'s rows of
 * `id`, named gid: no session holds them once it is prepared. */
static void prepared_holding(const char *gid, const char *fmt, long long id)
{
	char *sql = xasprintf(fmt, id);
	char *begun = xasprintf("BEGIN; %s", sql);
	PGconn *c = testdb_holding(NULL, "batch", begun);
	free(begun);
	free(sql);
	char *prepare = xasprintf("PREPARE TRANSACTION '%s'", gid);
	PGresult *res = PQexec(c, prepare);
	ck_assert_msg(PQresultStatus(res) == PGRES_COMMAND_OK, "%s: %s", prepare, PQerrorMessage(c));
	PQclear(res);
	free(prepare);
	PQfinish(c);
}

/* A row held by a prepared transaction is refused naming the
 * transaction, since when it holds it and what ends it (before:
 * "another session is changing the same data", and no session was). */
START_TEST(a_prepared_transaction_is_named)
{
	char *max = testdb_value("SHOW max_prepared_transactions", 0, NULL);
	if (!strcmp(max, "0")) {
		fprintf(stderr, "test_admin_holder: a_prepared_transaction_is_named skipped: "
				"max_prepared_transactions is 0 on the test cluster (tests/lib/pgtmp.sh)\n");
		free(max);
		return;
	}
	free(max);
	const char *ends = ", which an administrator must COMMIT PREPARED or ROLLBACK PREPARED (waited 0.5 s,";
	char args[256];
	prepared_holding("batch-7", HOLD_TICKET, fx.t1);
	snprintf(args, sizeof(args), "ticket take %lld", fx.t1);
	char *want = xasprintf("ticketty: ticket %lld is held by a prepared transaction 'batch-7' since ", fx.t1);
	refused("esc_eng", false, args, want, ends);
	free(want);
	want = xasprintf("ticketty: ticket %lld en uso por una transacción preparada 'batch-7' desde ", fx.t1);
	refused("esc_eng", true, args, want,
		", que un administrador debe terminar con COMMIT PREPARED o ROLLBACK PREPARED (se esperó 0,5 s,");
	free(want);
	/* its time (the server's clock, not the pinned one) in the desk's zone */
	char *since = testdb_value("SELECT to_char(prepared AT TIME ZONE 'America/New_York', 'YYYY-MM-DD HH24:MI')"
				   "  FROM pg_prepared_xacts WHERE gid = 'batch-7'", 0, NULL);
	want = xasprintf("'batch-7' since %s E", since);
	refused("esc_eng", false, args, want, NULL);
	free(want);
	free(since);
	testdb_sql("ROLLBACK PREPARED 'batch-7'");
	ok("esc_eng", args);

	/* locked in a savepoint: a subtransaction's id, whose lock the
	 * prepared transaction does not keep */
	prepared_holding("batch-s", "SAVEPOINT s; " HOLD_TICKET, fx.t3);
	snprintf(args, sizeof(args), "ticket take %lld", fx.t3);
	want = xasprintf("ticketty: ticket %lld is held by a prepared transaction 'batch-s' since ", fx.t3);
	refused("esc_eng", false, args, want, ends);
	free(want);
	testdb_sql("ROLLBACK PREPARED 'batch-s'");
	ok("esc_eng", args);

	/* an escalation's, and a record an administrator changes */
	snprintf(args, sizeof(args), "escalate %lld --reason 'customer loses revenue'", fx.t2);
	ok("esc_eng", args);
	prepared_holding("batch-8", HOLD_ESCALATION, fx.t2);
	snprintf(args, sizeof(args), "escalation ack %lld", fx.t2);
	want = xasprintf("ticketty: the escalation of ticket %lld is held by a prepared transaction 'batch-8' since ",
			 fx.t2);
	refused("esc_csm1", false, args, want, ends);
	free(want);
	refused("esc_adm", false, "admin customer set 'Acme Corp' csm=esc_csm2",
		"ticketty: customer Acme Corp: the escalation of ticket", "is held by a prepared transaction 'batch-8'");
	testdb_sql("ROLLBACK PREPARED 'batch-8'");

	prepared_holding("batch-9", "SELECT id FROM ticketty.customers WHERE member_id = 1001 AND %lld > 0 FOR UPDATE",
			 1);
	refused("esc_adm", false, "admin customer set 'Acme Corp' plan=basic",
		"ticketty: customer Acme Corp is held by a prepared transaction 'batch-9' since ", ends);
	testdb_sql("ROLLBACK PREPARED 'batch-9'");
	ok("esc_adm", "admin customer set 'Acme Corp' plan=basic");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("admin holder");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, a_new_csm_names_the_held_escalation_or_ticket);
	tcase_add_test(tc, an_agents_new_role_or_state_names_the_held_ticket);
	tcase_add_test(tc, additions_name_the_held_record_they_refer_to);
	tcase_add_test(tc, a_prepared_transaction_is_named);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
