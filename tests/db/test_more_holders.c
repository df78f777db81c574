/* Who is named when a change waits too long (55P03,
 * database.lock_timeout_ms) for a row no refusal named before: an inbox
 * action (accept, ask, refuse, discard, note) on the mail's own row, an
 * administrator's change of a team or a request type on its row (or on
 * the row of the team a request type goes to); and a ticket action that
 * waited on related data (a dashboard rollup's row), whose ticket is
 * free, no longer says the ticket is being changed in another session.
 * Each case holds the row in a second real connection while the CLI
 * waits on it.
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
	testdb_sql("GRANT UPDATE ON teams, request_types, backlog_rollup, backlog_rollup_customer,"
		   " sla_rollup, sla_rollup_customer, sla_rollup_customer_week, sla_pending, sla_pending_customer,"
		   " sla_pending_hour, sla_pending_customer_hour, escalation_rollup TO esc_coo");
	testdb_config("database = { lock_timeout_ms = 500; };\n");
}

static void teardown(void)
{
	testdb_config_done();
}

/* `ticketty ARGS` as login (in Spanish when es): exit 75, stderr holding
 * `want` and not `not` (when not NULL). */
static void refused(const char *login, bool es, const char *args, const char *want, const char *not)
{
	int rc = testdb_cli_in(es ? "es_ES.UTF-8" : NULL, login, args);
	ck_assert_msg(rc == 75, "ticketty %s: exit %d, stderr: %s", args, rc, testdb_stderr());
	ck_assert_msg(strstr(testdb_stderr(), want), "ticketty %s: stderr: %s\nwanted: %s", args,
		      testdb_stderr(), want);
	ck_assert_msg(!not || !strstr(testdb_stderr(), not), "ticketty %s: stderr: %s\nnot wanted: %s", args,
		      testdb_stderr(), not);
}

static void ok(const char *login, const char *args)
{
	int rc = testdb_cli(login, NULL, args);
	ck_assert_msg(rc == 0, "ticketty %s: exit %d, stderr: %s", args, rc, testdb_stderr());
}

/* Ana's session holding what `sql` locks (after BEGIN). */
static PGconn *ana_holding(const char *sql)
{
	char *begun = xasprintf("BEGIN; %s", sql);
	PGconn *ana = testdb_holding("esc_coo", "ana-laptop", begun);
	free(begun);
	return ana;
}

/* An open inbox mail from the customer's SPOC: its id. */
static char *inbox_mail(const char *message_id, const char *state, long long ticket)
{
	char tid[24] = "NULL";
	if (ticket)
		snprintf(tid, sizeof(tid), "%lld", ticket);
	char *sql = xasprintf("INSERT INTO mail_inbound (message_id, raw, from_address, subject, body, state,"
			      " hold_reason, ticket_id, contact_id, customer_id)"
			      " SELECT '%s', 'x', 'carl@acme.example', 'Blank page', 'Still blank', '%s', %s, %s,"
			      "        k.id, k.customer_id FROM contacts k WHERE k.email = 'carl@acme.example'"
			      " RETURNING id",
			      message_id, state, ticket ? "'unknown_sender'" : "NULL",
			      tid);
	char *id = testdb_value(sql, 0, NULL);
	free(sql);
	ck_assert_ptr_nonnull(id);
	return id;
}

/* A batch session (the superuser's: the agents' row security lets no
 * agent lock mail rows by hand) holding inbox mail `mail`'s row; *who
 * the words naming it. */
static PGconn *batch_holding_mail(const char *mail, char **who)
{
	char *user = testdb_value("SELECT current_user", 0, NULL);
	*who = xasprintf("%s (in batch)", user);
	free(user);
	char *sql = xasprintf("BEGIN; SELECT id FROM ticketty.mail_inbound WHERE id = %s FOR UPDATE", mail);
	PGconn *c = testdb_holding(NULL, "batch", sql);
	free(sql);
	return c;
}

/* accept, ask, refuse and discard lock the mail's row first
 * (inbox_lock): one another session holds is named with who holds it;
 * before, "another session is changing the same data". */
START_TEST(inbox_actions_name_the_holder_of_the_mail)
{
	char *mail = inbox_mail("<open@x>", "inbox", 0);
	char *who;
	PGconn *batch = batch_holding_mail(mail, &who);
	char *want = xasprintf("ticketty: mail %s is held by %s (waited 0.5 s,", mail, who);
	const char *actions[] = {
		"accept %s --set request_type=ad_serving --set reason=bug --set severity=2 --set impact=x"
		" --set object_ids=4711 --set repro_steps=x --set browser=x --set os=x",
		"ask %s", "refuse %s account_rep", "discard %s",
	};
	for (size_t i = 0; i < sizeof(actions) / sizeof(actions[0]); i++) {
		char *verb = xasprintf(actions[i], mail);
		char *args = xasprintf("inbox %s", verb);
		refused("esc_eng", false, args, want, "another session");
		free(args);
		free(verb);
	}
	free(want);
	char *args = xasprintf("inbox discard %s", mail);
	want = xasprintf("correo %s en uso por %s (desde batch) (se esperó 0,5 s,", mail, strtok(who, " "));
	refused("esc_eng", true, args, want, NULL);
	free(want);
	free(who);
	testdb_release(batch);
	/* the row free, the action is done */
	ok("esc_eng", args);
	free(args);
	free(mail);
}
END_TEST

/* A held mail put on its ticket as a note (`inbox note`) waiting on the
 * mail's own row names who holds the mail (before, it said "another
 * session is changing the same data"). */
START_TEST(inbox_note_names_the_holder_of_the_mail)
{
	char *mail = inbox_mail("<held@x>", "held", fx.t1);
	char *who;
	PGconn *batch = batch_holding_mail(mail, &who);
	char *args = xasprintf("inbox note %s", mail);
	char *want = xasprintf("ticketty: mail %s is held by %s (waited 0.5 s,", mail, who);
	refused("esc_eng", false, args, want, NULL);
	free(want);
	free(who);
	testdb_release(batch);
	ok("esc_eng", args);
	free(args);
	free(mail);
}
END_TEST

/* An administrator's change of a team (set, deactivate) or of a request
 * type waiting on its row names it and who holds it; a request type
 * going to a team (a new one, a changed one) waiting on that team's row
 * names the team. Before, each said "another session is changing the
 * same data". */
START_TEST(team_and_request_type_changes_name_the_holder)
{
	ok("esc_adm", "admin team add ops_two --name 'Ops Two'");
	char *key = testdb_value("SELECT t.key FROM teams t JOIN request_types r ON r.team_id = t.id"
				 " WHERE r.key = 'ad_serving'", 0, NULL);
	ck_assert_ptr_nonnull(key);

	char *sql = xasprintf("SELECT id FROM ticketty.teams WHERE key = '%s' FOR UPDATE", key);
	PGconn *ana = ana_holding(sql);
	free(sql);
	char *want = xasprintf("ticketty: team %s is held by Ana Ruiz (in ana-laptop) (waited 0.5 s,", key);
	char *args = xasprintf("admin team set %s name='Ad Ops Renamed'", key);
	refused("esc_adm", false, args, want, NULL);
	free(args);
	args = xasprintf("admin team deactivate %s", key);
	refused("esc_adm", false, args, want, NULL);
	free(args);
	free(want);
	want = xasprintf("equipo %s en uso por Ana Ruiz (desde ana-laptop) (se esperó 0,5 s,", key);
	args = xasprintf("admin team set %s name='Ad Ops Renamed'", key);
	refused("esc_adm", true, args, want, NULL);
	free(want);
	testdb_release(ana);
	ok("esc_adm", args);
	free(args);

	ana = ana_holding("SELECT id FROM ticketty.request_types WHERE key = 'ad_serving' FOR UPDATE");
	refused("esc_adm", false, "admin request-type set ad_serving name='Ads Renamed'",
		"ticketty: request type ad_serving is held by Ana Ruiz (in ana-laptop) (waited 0.5 s,", NULL);
	refused("esc_adm", true, "admin request-type set ad_serving name='Ads Renamed'",
		"tipo de solicitud ad_serving en uso por Ana Ruiz (desde ana-laptop) (se esperó 0,5 s,", NULL);
	testdb_release(ana);

	/* the team a type goes to, held: a key share on its row waits */
	ana = ana_holding("SELECT id FROM ticketty.teams WHERE key = 'ops_two' FOR UPDATE");
	refused("esc_adm", false, "admin request-type set ad_serving team=ops_two",
		"ticketty: team ops_two is held by Ana Ruiz (in ana-laptop) (waited 0.5 s,", NULL);
	refused("esc_adm", false, "admin request-type add ops_help --name 'Ops help' --team ops_two",
		"ticketty: team ops_two is held by Ana Ruiz (in ana-laptop) (waited 0.5 s,", NULL);
	testdb_release(ana);
	ok("esc_adm", "admin request-type set ad_serving team=ops_two");
	esc_expect("SELECT t.key FROM teams t JOIN request_types r ON r.team_id = t.id WHERE r.key = 'ad_serving'",
		   "ops_two");
	free(key);
}
END_TEST

/* every row of the dashboard rollups */
#define HOLD_ROLLUPS "SELECT 1 FROM ticketty.backlog_rollup FOR UPDATE;" \
		     " SELECT 1 FROM ticketty.backlog_rollup_customer FOR UPDATE;" \
		     " SELECT 1 FROM ticketty.sla_pending FOR UPDATE;" \
		     " SELECT 1 FROM ticketty.sla_pending_customer FOR UPDATE;" \
		     " SELECT 1 FROM ticketty.sla_pending_hour FOR UPDATE;" \
		     " SELECT 1 FROM ticketty.sla_pending_customer_hour FOR UPDATE;" \
		     " SELECT 1 FROM ticketty.sla_rollup FOR UPDATE;" \
		     " SELECT 1 FROM ticketty.sla_rollup_customer FOR UPDATE;" \
		     " SELECT 1 FROM ticketty.sla_rollup_customer_week FOR UPDATE"

/* A ticket action whose ticket row is free but that waited on a
 * dashboard rollup's row another transaction holds says so and names
 * the session most likely in the way; before, "ticket N is being changed
 * in another session", which was not so. */
START_TEST(a_wait_on_related_data_does_not_say_the_ticket_is_held)
{
	PGconn *ana = ana_holding(HOLD_ROLLUPS);
	char *args = xasprintf("ticket ack %lld --message 'Looking at it'", fx.t1);
	char *want = xasprintf("ticketty: ticket %lld is free: the change waited on related data, likely held by"
			       " Ana Ruiz (in ana-laptop) (waited 0.5 s,", fx.t1);
	refused("esc_eng", false, args, want, "being changed in another session");
	free(want);
	want = xasprintf("el ticket %lld está libre", fx.t1);
	refused("esc_eng", true, args, want, NULL);
	free(want);
	testdb_release(ana);
	ok("esc_eng", args);
	free(args);
}
END_TEST

/* `admin policy reapply` skips the tickets another transaction holds,
 * but moving the others' deadlines changes the dashboard rollups: a wait
 * on a rollup row another session holds says so and names it (before,
 * "another session is changing the same data"). */
START_TEST(policy_reapply_names_the_holder_of_related_data)
{
	/* the calendar opens an hour later: the open tickets' deadlines move */
	testdb_sql("UPDATE calendar_hours SET opens = opens + interval '1 hour' WHERE calendar_id = default_calendar_id();"
		   " SELECT calendar_rebuild(default_calendar_id())");
	PGconn *ana = ana_holding(HOLD_ROLLUPS);
	refused("esc_adm", false, "admin policy reapply",
		"ticketty: moving the deadlines waited on related data, likely held by Ana Ruiz (in ana-laptop)"
		" (waited 0.5 s,", "another session");
	refused("esc_adm", true, "admin policy reapply",
		"mover los plazos esperó por datos relacionados, probablemente en uso por Ana Ruiz (desde ana-laptop)"
		" (se esperó 0,5 s,", NULL);
	testdb_release(ana);
	ok("esc_adm", "admin policy reapply");
	ck_assert_msg(strstr(testdb_stdout(), "the deadlines of 3 open tickets moved"), "%s", testdb_stdout());
}
END_TEST

/* The session likely in the way of a wait on related data is named when
 * the schema's owner is an ordinary role (no superuser, no
 * pg_read_all_stats: pg_stat_activity hides another role's transaction
 * start from it): found by pg_locks, which every role reads. */
START_TEST(related_holder_named_for_an_ordinary_owner)
{
	testdb_sql("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lock_owner') THEN"
		   " CREATE ROLE lock_owner NOSUPERUSER NOLOGIN; END IF; END $$;"
		   "GRANT ticketty_agent TO lock_owner;"
		   "ALTER FUNCTION api_ticket_related_holder(bigint) OWNER TO lock_owner");
	char *ci = testdb_conninfo("esc_eng");
	PGconn *eng = PQconnectdb(ci);
	free(ci);
	ck_assert_int_eq(PQstatus(eng), CONNECTION_OK);
	const char *q = "SELECT coalesce(string_agg(what || '|' || holder || '|' || program || '|' || others, ','), '')"
			"  FROM ticketty.api_ticket_related_holder($1::bigint)";
	char num[24];
	snprintf(num, sizeof(num), "%lld", fx.t1);
	const char *p[1] = { num };
	const char *want[] = { "", "backlog_rollup|Ana Ruiz|ana-laptop|0", "" };
	PGconn *ana = NULL;
	for (int i = 0; i < 3; i++) {
		if (i == 1)
			ana = ana_holding(HOLD_ROLLUPS);
		if (i == 2)
			testdb_release(ana);
		PGresult *res = PQexecParams(eng, q, 1, NULL, p, NULL, NULL, 0);
		ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK, "%s", PQerrorMessage(eng));
		ck_assert_msg(!strcmp(PQgetvalue(res, 0, 0), want[i]), "got '%s', want '%s'", PQgetvalue(res, 0, 0),
			      want[i]);
		PQclear(res);
	}
	PQfinish(eng);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("more holders");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, inbox_actions_name_the_holder_of_the_mail);
	tcase_add_test(tc, inbox_note_names_the_holder_of_the_mail);
	tcase_add_test(tc, team_and_request_type_changes_name_the_holder);
	tcase_add_test(tc, a_wait_on_related_data_does_not_say_the_ticket_is_held);
	tcase_add_test(tc, policy_reapply_names_the_holder_of_related_data);
	tcase_add_test(tc, related_holder_named_for_an_ordinary_owner);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
