/* A row held by another session never hangs the CLI: the action ends
 * within database.lock_timeout_ms with exit 75 and a message naming the
 * ticket, and every session carries both limits; nor does a server that
 * stops answering.
 * needs: server timers (skipped under libfaketime, tests/run.sh) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "testdb.h"
#include "ticket_fixture.h"
#include "util/xalloc.h"

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (t1.tv_nsec - t0->tv_nsec) / 1e9;
}

START_TEST(held_lock_ends_in_exit_75_naming_the_ticket)
{
	testdb_create();
	fixture_customer();
	testdb_agent("alice", "engineer");
	long long id = fixture_tickets(1, "client_services");
	testdb_config("database = { lock_timeout_ms = 1500; };\n");

	/* another session holds the ticket's row */
	char *ci = testdb_conninfo(NULL);
	PGconn *holder = PQconnectdb(ci);
	free(ci);
	ck_assert_int_eq(PQstatus(holder), CONNECTION_OK);
	char *sql = xasprintf("BEGIN; SELECT id FROM ticketty.tickets WHERE id = %lld FOR UPDATE", id);
	PGresult *res = PQexec(holder, sql);
	free(sql);
	ck_assert_int_eq(PQresultStatus(res), PGRES_TUPLES_OK);
	PQclear(res);

	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	char *args = xasprintf("ticket take %lld", id);
	int rc = testdb_cli("alice", NULL, args);
	double took = seconds_since(&t0);
	ck_assert_msg(rc == 75, "exit %d, stderr: %s", rc, testdb_stderr());
	ck_assert_msg(took >= 1.4 && took < 6.0, "took %.2f s", took);
	/* and who holds it: the holder's login (no agent's), it set no program */
	char *want = xasprintf("ticket %lld is held by postgres (waited", id);
	ck_assert_msg(strstr(testdb_stderr(), want), "stderr: %s", testdb_stderr());
	ck_assert_msg(strstr(testdb_stderr(), "lock_timeout_ms"), "stderr: %s", testdb_stderr());
	ck_assert_msg(strstr(testdb_stderr(), "(waited 1.5 s,"), "stderr: %s", testdb_stderr());
	free(want);
	/* in Spanish the wait has a decimal comma */
	char *lang = getenv("LANG") ? xstrdup(getenv("LANG")) : NULL;
	setenv("LANG", "es_ES.UTF-8", 1);
	ck_assert_int_eq(testdb_cli("alice", NULL, args), 75);
	if (lang)
		setenv("LANG", lang, 1);
	else
		unsetenv("LANG");
	free(lang);
	ck_assert_msg(strstr(testdb_stderr(), "(se esperó 1,5 s,"), "stderr: %s", testdb_stderr());
	/* re-triage and escalation name the ticket too (they said only
	 * "another session is changing the same data") */
	const char *others[] = { "ticket set %lld severity=2 --reason 'more urgent'",
				 "escalate %lld --reason 'customer waits'" };
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		char *other = xasprintf(others[i], id);
		ck_assert_int_eq(testdb_cli("alice", NULL, other), 75);
		char *named = xasprintf("ticket %lld is held by postgres", id);
		ck_assert_msg(strstr(testdb_stderr(), named), "%s: stderr: %s", other, testdb_stderr());
		free(named);
		free(other);
	}

	/* once the other session is done, the same command works */
	res = PQexec(holder, "COMMIT");
	PQclear(res);
	ck_assert_int_eq(testdb_cli("alice", NULL, args), 0);
	free(args);
	PQfinish(holder);
	testdb_config_done();
}
END_TEST

/* What api_ticket_row_holder says of ticket `id` to alice:
 * "name|program|others", or "" when it names no one. */
static char *holder_of(PGconn *alice, long long id)
{
	char num[24];
	const char *p[1] = { num };
	snprintf(num, sizeof(num), "%lld", id);
	PGresult *res = PQexecParams(alice, "SELECT holder || '|' || program || '|' || others FROM ticketty.api_ticket_row_holder($1)",
				     1, NULL, p, NULL, NULL, 0);
	ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK, "%s", PQerrorMessage(alice));
	char *v = xstrdup(PQntuples(res) ? PQgetvalue(res, 0, 0) : "");
	PQclear(res);
	return v;
}

#define HOLDER_IS(alice, id, want)                                                       \
	do {                                                                             \
		char *got_ = holder_of(alice, id);                                       \
		ck_assert_msg(!strcmp(got_, want), "holder of %lld: got '%s', want '%s'", \
			      (long long)(id), got_, want);                              \
		free(got_);                                                              \
	} while (0)

/* The holder is named when the schema's owner is an ordinary role (no
 * superuser, no pg_read_all_stats: it sees no query of another role's
 * session), for each way a session holds the row: locked or changed in
 * its transaction, in a savepoint (a subtransaction's id, which
 * pg_stat_activity's backend_xid never shows), and in a multixact (a
 * FOR KEY SHARE lock, as a row referencing the ticket takes, beside a
 * stronger one). Before, the holder was found by backend_xid alone: the
 * last two said "being changed in another session". Of two sessions
 * holding it, the one with the stronger lock is named, the other
 * counted. */
START_TEST(holder_named_for_an_ordinary_owner)
{
	testdb_create();
	fixture_customer();
	testdb_agent("alice", "engineer");
	testdb_agent("olga", "engineer");
	testdb_sql("UPDATE agents SET display_name = 'Olga Other' WHERE login = 'olga'");
	long long id = fixture_tickets(1, "client_services");
	/* the functions' owner: an ordinary role that may read what they read */
	testdb_sql("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lock_owner') THEN"
		   " CREATE ROLE lock_owner NOSUPERUSER NOLOGIN; END IF; END $$;"
		   "GRANT ticketty_agent TO lock_owner;"
		   "ALTER FUNCTION api_ticket_row_holder(bigint) OWNER TO lock_owner;"
		   "ALTER FUNCTION row_lock_holders(regclass, tid, xid) OWNER TO lock_owner;"
		   "ALTER FUNCTION row_holder_named(text, bigint, regclass, tid, xid) OWNER TO lock_owner;"
		   "ALTER FUNCTION row_lock_prepared(regclass, xid) OWNER TO lock_owner");
	testdb_expect("SELECT r.rolsuper OR pg_has_role(r.oid, 'pg_read_all_stats', 'USAGE')"
		      "  FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner"
		      " WHERE p.oid = 'api_ticket_row_holder(bigint)'::regprocedure", "f");
	char *ci = testdb_conninfo("alice");
	PGconn *alice = PQconnectdb(ci);
	free(ci);
	ck_assert_int_eq(PQstatus(alice), CONNECTION_OK);

	HOLDER_IS(alice, id, "");
	char *sql = xasprintf("BEGIN; SELECT ticketty.api_ticket_take(%lld, NULL)", id);
	PGconn *olga = testdb_holding("olga", "olga-laptop", sql);
	free(sql);
	HOLDER_IS(alice, id, "Olga Other|olga-laptop|0");
	testdb_release(olga);
	HOLDER_IS(alice, id, "");

	/* taken in a savepoint: a subtransaction's id */
	sql = xasprintf("BEGIN; SAVEPOINT s; SELECT ticketty.api_ticket_take(%lld, NULL)", id);
	olga = testdb_holding("olga", "olga-laptop", sql);
	free(sql);
	HOLDER_IS(alice, id, "Olga Other|olga-laptop|0");
	testdb_release(olga);

	/* a multixact of one session's two locks (locks an agent cannot
	 * take by hand: the superuser's session, no agent's) */
	sql = xasprintf("BEGIN; SELECT id FROM ticketty.tickets WHERE id = %1$lld FOR KEY SHARE;"
			" SAVEPOINT s; SELECT id FROM ticketty.tickets WHERE id = %1$lld FOR SHARE", id);
	PGconn *one = testdb_holding(NULL, "batch-one", sql);
	free(sql);
	HOLDER_IS(alice, id, "postgres|batch-one|0");

	/* and of two sessions' locks: the stronger one named (one's FOR
	 * SHARE), the other counted (before, no one was named) */
	sql = xasprintf("BEGIN; SELECT id FROM ticketty.tickets WHERE id = %lld FOR KEY SHARE", id);
	PGconn *two = testdb_holding(NULL, "batch-two", sql);
	free(sql);
	HOLDER_IS(alice, id, "postgres|batch-one|1");
	testdb_release(one);
	HOLDER_IS(alice, id, "postgres|batch-two|0");
	testdb_release(two);
	HOLDER_IS(alice, id, "");

	/* a prepared transaction's, found by the ordinary owner too (where
	 * the cluster allows one: max_prepared_transactions, tests/lib/pgtmp.sh) */
	char *max = testdb_value("SHOW max_prepared_transactions", 0, NULL);
	if (strcmp(max, "0")) {
		sql = xasprintf("BEGIN; SELECT id FROM ticketty.tickets WHERE id = %lld FOR UPDATE", id);
		PGconn *batch = testdb_holding(NULL, "batch", sql);
		free(sql);
		PGresult *res = PQexec(batch, "PREPARE TRANSACTION 'lock-owner-batch'");
		ck_assert_msg(PQresultStatus(res) == PGRES_COMMAND_OK, "%s", PQerrorMessage(batch));
		PQclear(res);
		PQfinish(batch);
		char num[24];
		const char *p[1] = { num };
		snprintf(num, sizeof(num), "%lld", id);
		res = PQexecParams(alice, "SELECT holder || '|' || program || '|' || gid || '|' || (since IS NOT NULL)"
				   "  FROM ticketty.api_ticket_row_holder($1)", 1, NULL, p, NULL, NULL, 0);
		ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK, "%s", PQerrorMessage(alice));
		const char *got = PQntuples(res) ? PQgetvalue(res, 0, 0) : "";
		bool named = !strcmp(got, "postgres||lock-owner-batch|true");
		char *said = xstrdup(got);
		PQclear(res);
		testdb_sql("ROLLBACK PREPARED 'lock-owner-batch'");
		ck_assert_msg(named, "holder of %lld: got '%s'", id, said);
		free(said);
		HOLDER_IS(alice, id, "");
	}
	free(max);
	PQfinish(alice);
}
END_TEST

/* The connection holding the row lock of a_server_that_stops_answering_is_left:
 * a file's static, so that its forked child, which must not close it (the
 * server would end the parent's transaction), does not leak it in
 * valgrind's eyes when it exits. */
static PGconn *holder;

/* A server that stops answering (a hung host, a cut link: here its
 * backend is stopped with SIGSTOP while the command waits on a row) does
 * not hang the CLI either: past the statement limit and DB_GRACE_MS the
 * client drops the connection, exit 69, saying so. Before, it waited for
 * ever. */
START_TEST(a_server_that_stops_answering_is_left)
{
	testdb_create();
	fixture_customer();
	testdb_agent("alice", "engineer");
	long long id = fixture_tickets(1, "client_services");
	testdb_config("database = { lock_timeout_ms = 60000; statement_timeout_ms = 3000; };\n");

	char *ci = testdb_conninfo(NULL);
	holder = PQconnectdb(ci);
	ck_assert_int_eq(PQstatus(holder), CONNECTION_OK);
	char *sql = xasprintf("BEGIN; SELECT id FROM ticketty.tickets WHERE id = %lld FOR UPDATE", id);
	PGresult *res = PQexec(holder, sql);
	free(sql);
	ck_assert_int_eq(PQresultStatus(res), PGRES_TUPLES_OK);
	PQclear(res);

	/* a child stops the command's backend as soon as it waits on the row */
	int fds[2];
	ck_assert_int_eq(pipe(fds), 0);
	pid_t child = fork();
	ck_assert_int_ge(child, 0);
	if (child == 0) {
		PGconn *watch = PQconnectdb(ci);
		long pid = 0;
		for (int i = 0; i < 400 && !pid; i++) {
			PGresult *r = PQexec(watch, "SELECT pid FROM pg_stat_activity WHERE application_name = 'ticketty'"
						    " AND wait_event_type = 'Lock'");
			if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
				pid = atol(PQgetvalue(r, 0, 0));
			PQclear(r);
			if (!pid)
				usleep(10000);
		}
		if (pid)
			kill((pid_t)pid, SIGSTOP);
		ssize_t w = write(fds[1], &pid, sizeof(pid));
		/* its own connection closed, its copy of ci freed: valgrind
		 * checks the child's leaks too (the holder stays reachable) */
		PQfinish(watch);
		free(ci);
		_exit(w == sizeof(pid) ? 0 : 1);
	}
	free(ci);
	close(fds[1]);

	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	char *args = xasprintf("ticket take %lld", id);
	int rc = testdb_cli("alice", NULL, args);
	double took = seconds_since(&t0);
	long stopped = 0;
	ck_assert_int_eq((int)read(fds[0], &stopped, sizeof(stopped)), (int)sizeof(stopped));
	close(fds[0]);
	waitpid(child, NULL, 0);
	if (stopped)
		kill((pid_t)stopped, SIGCONT);
	ck_assert_msg(stopped, "the command's backend was never seen waiting");
	ck_assert_msg(rc == 69, "exit %d, stderr: %s", rc, testdb_stderr());
	/* the statement limit (3 s) and the grace (10 s), not for ever */
	ck_assert_msg(took >= 12.5 && took < 25.0, "took %.2f s", took);
	ck_assert_msg(strstr(testdb_stderr(), "the database did not answer for 1") &&
		      strstr(testdb_stderr(), " s: ticketty stopped waiting for it"), "stderr: %s", testdb_stderr());
	free(args);
	res = PQexec(holder, "ROLLBACK");
	PQclear(res);
	PQfinish(holder);
	testdb_config_done();
}
END_TEST

START_TEST(every_session_has_both_limits)
{
	testdb_create();
	testdb_agent("alice", "engineer");
	struct db *db = testdb_open("alice");
	struct tt_error err;
	tt_error_init(&err);
	char *v = db_scalar(db, "SELECT current_setting('lock_timeout') || ' ' || current_setting('statement_timeout')",
			    0, NULL, &err);
	ck_assert_str_eq(v, "5s 30s");
	free(v);
	/* a statement over the limit ends in 75, never a hang */
	PGresult *res = db_exec(db, "SET statement_timeout = '200ms'", 0, NULL, &err);
	PQclear(res);
	res = db_exec(db, "SELECT pg_sleep(5)", 0, NULL, &err);
	ck_assert_ptr_null(res);
	ck_assert_int_eq(err.code, 75);
	ck_assert_str_eq(err.sqlstate, "57014");
	tt_error_clear(&err);
	db_close(db);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("lock timeout");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, held_lock_ends_in_exit_75_naming_the_ticket);
	tcase_add_test(tc, holder_named_for_an_ordinary_owner);
	tcase_add_test(tc, every_session_has_both_limits);
	tcase_add_test(tc, a_server_that_stops_answering_is_left);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
