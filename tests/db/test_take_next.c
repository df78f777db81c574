/* Database tests for take-next (api_ticket_take_next): queue order (the
 * paused tickets by the time they had left), the
 * team filter, nothing left, every ticket held by others (said, exit
 * 75), and 8 concurrent workers (8 processes, each
 * with its own connection as its own agent) over 1,000 unassigned tickets
 * claiming every ticket exactly once. */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "model/ticket.h"
#include "ticket_fixture.h"
#include "testdb.h"

#define WORKERS 8
#define TICKETS 1000

START_TEST(claims_in_queue_order_within_the_team)
{
	testdb_create();
	testdb_clock("2026-11-18T15:00:00Z", TESTDB_CLOCK_RUNNING);
	fixture_customer();
	testdb_agent("alice", "engineer");
	testdb_sql("UPDATE agents SET team_id = (SELECT id FROM teams WHERE key = 'app_support')"
		   " WHERE login = 'alice'");
	long long first = fixture_tickets(8, "app_support");
	long long other = fixture_tickets(3, "ad_quality");
	/* the other team's first ticket (severity 2) becomes its least urgent:
	 * its most urgent is then neither its first nor its last id */
	char *sql = xasprintf("UPDATE tickets SET severity = 4 WHERE id = %lld", other);
	testdb_sql(sql);
	free(sql);
	/* one is already assigned, one is resolved: neither may be claimed */
	testdb_sql("UPDATE tickets SET assignee_id = (SELECT id FROM agents WHERE login = 'alice')"
		   " WHERE title = 'Ticket 4' AND team_id = (SELECT id FROM teams WHERE key = 'app_support')");
	testdb_sql("UPDATE tickets SET status = 'resolved', resolved_at = tt_now()"
		   " WHERE title = 'Ticket 8' AND team_id = (SELECT id FROM teams WHERE key = 'app_support')");
	char *want = testdb_value(
		"SELECT string_agg(id::text, ',' ORDER BY severity, queue_paused, queue_paused_left, queue_due, id) FROM tickets"
		" WHERE is_open AND assignee_id IS NULL"
		" AND team_id = (SELECT id FROM teams WHERE key = 'app_support')", 0, NULL);
	struct db *db = testdb_open("alice");
	struct tt_error err;
	struct strbuf got;
	long long id;
	tt_error_init(&err);
	sb_init(&got);
	for (;;) {
		ck_assert_int_eq(ticket_take_next(db, NULL, &id, &err), 0);
		if (id == 0)
			break;
		sb_addf(&got, "%s%lld", got.len ? "," : "", id);
	}
	ck_assert_str_eq(got.buf, want);
	ck_assert_int_eq((int)strlen(want) > 0, 1);
	/* the other team's tickets are untouched until asked for by key */
	char *n = testdb_value("SELECT count(*) FROM tickets WHERE assignee_id IS NULL"
			       " AND team_id = (SELECT id FROM teams WHERE key = 'ad_quality')", 0, NULL);
	ck_assert_str_eq(n, "3");
	free(n);
	/* by key: exactly the most urgent of that team, and only it */
	char *top = testdb_value(
		"SELECT id FROM tickets WHERE is_open AND assignee_id IS NULL"
		" AND team_id = (SELECT id FROM teams WHERE key = 'ad_quality')"
		" ORDER BY severity, next_due, created_at, id LIMIT 1", 0, NULL);
	ck_assert_int_eq(ticket_take_next(db, "ad_quality", &id, &err), 0);
	ck_assert_int_eq(id, atoll(top));
	free(top);
	n = fixture_col(id, "(SELECT login FROM agents WHERE id = assignee_id) || ' ' ||"
			    " (SELECT key FROM teams WHERE id = team_id)");
	ck_assert_str_eq(n, "alice ad_quality");
	free(n);
	n = testdb_value("SELECT count(*) FROM tickets WHERE assignee_id IS NULL"
			 " AND team_id = (SELECT id FROM teams WHERE key = 'ad_quality')", 0, NULL);
	ck_assert_str_eq(n, "2");
	free(n);
	ck_assert_int_eq(ticket_take_next(db, "no_such_team", &id, &err), 65);
	ck_assert_str_eq(err.fields[0].field, "team");
	tt_error_clear(&err);
	n = fixture_col(first, "(SELECT kind || ' ' || (details->>'next') FROM ticket_events"
			       " WHERE ticket_id = tickets.id)");
	ck_assert_str_eq(n, "take true");
	free(n);
	free(want);
	sb_done(&got);
	db_close(db);
}
END_TEST

START_TEST(agent_without_team_must_name_one)
{
	testdb_create();
	testdb_clock("2026-11-18T15:00:00Z", TESTDB_CLOCK_RUNNING);
	fixture_customer();
	testdb_agent("nomad", "engineer");
	fixture_tickets(1, "app_support");
	struct db *db = testdb_open("nomad");
	struct tt_error err;
	long long id = -1;
	tt_error_init(&err);
	ck_assert_int_eq(ticket_take_next(db, NULL, &id, &err), 65);
	ck_assert_str_eq(err.fields[0].field, "team");
	ck_assert_str_eq(err.fields[0].code, "required");
	tt_error_clear(&err);
	db_close(db);
}
END_TEST

/* Take-next walks the queue's order: among tickets waiting on the
 * customer, the one with the least time left at its pause comes first,
 * whatever their frozen deadlines (Wed 2026-11-11 is a holiday; premium
 * severity 3 resolves in 27 business hours):
 *   A  created Mon 11-09 10:00 New York, paused at 11:00: 26 h left, due Fri 11-13 10:00
 *   B  created Fri 11-13 10:00, paused Mon 11-16 16:00: 12 h left, due Wed 11-18 10:00
 *   C  created Mon 11-16 10:00, paused Wed 11-18 09:30: 9.5 h left, due Thu 11-19 10:00 */
START_TEST(paused_tickets_are_taken_by_their_time_left)
{
	testdb_create();
	testdb_clock("2026-11-18T15:00:00Z", TESTDB_CLOCK_FROZEN);
	fixture_customer();
	testdb_agent("alice", "engineer");
	testdb_sql("UPDATE agents SET team_id = (SELECT id FROM teams WHERE key = 'app_support')"
		   " WHERE login = 'alice'");
	/* created, acknowledged a minute later, waiting on the customer (the
	 * SLA trigger starts the pause at updated_at): A, B, C in id order */
	char *first_id = testdb_value(
		"WITH v(n, created) AS (VALUES (0, interval '9 days'), (1, interval '5 days'), (2, interval '2 days')),"
		" ins AS (INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id,"
		"  severity, title, description, impact, object_ids, member_id, repro_steps, browser, os,"
		"  phone, calendar_id, plan, created_at, updated_at)"
		" SELECT c.id, ct.id, rt.id, tm.id, (SELECT min(id) FROM case_reasons), 3, 'Paused ' || v.n,"
		"  'd', 'i', '{1}', 4242, 'r', 'Firefox 128', 'Linux 6.1', '+1 555 0100', c.calendar_id, c.plan,"
		"  tt_now() - v.created, tt_now() - v.created"
		" FROM v JOIN teams tm ON tm.key = 'app_support'"
		" JOIN LATERAL (SELECT id FROM request_types r WHERE r.team_id = tm.id ORDER BY position LIMIT 1) rt ON true"
		" CROSS JOIN customers c JOIN contacts ct ON ct.customer_id = c.id"
		" WHERE c.member_id = 4242 ORDER BY v.n RETURNING id)"
		" SELECT min(id) FROM ins", 0, NULL);
	long long first = strtoll(first_id, NULL, 10);
	free(first_id);
	char *sql = xasprintf(
		"UPDATE tickets SET status = 'acknowledged', acknowledged_at = created_at + interval '1 minute'"
		" WHERE id BETWEEN %lld AND %lld + 2;"
		"UPDATE tickets t SET status = 'waiting_customer', updated_at = tt_now() - v.paused"
		" FROM (VALUES (0, interval '8 days 23 hours'), (1, interval '1 day 18 hours'),"
		"              (2, interval '30 minutes')) v(n, paused)"
		" WHERE t.id = %lld + v.n",
		first, first, first);
	testdb_sql(sql);
	free(sql);
	char *v = testdb_value("SELECT string_agg(queue_paused_left || '@' || to_char(resolution_due AT TIME ZONE"
			       " 'America/New_York', 'MM-DD HH24:MI'), ' ' ORDER BY id) FROM tickets", 0, NULL);
	ck_assert_str_eq(v, "93600@11-13 10:00 43200@11-18 10:00 34200@11-19 10:00");
	free(v);
	struct db *db = testdb_open("alice");
	struct tt_error err;
	long long id;
	tt_error_init(&err);
	struct strbuf got;
	sb_init(&got);
	for (;;) {
		ck_assert_int_eq(ticket_take_next(db, NULL, &id, &err), 0);
		if (id == 0)
			break;
		sb_addf(&got, "%s%lld", got.len ? "," : "", id);
	}
	char *want = xasprintf("%lld,%lld,%lld", first + 2, first + 1, first);
	ck_assert_str_eq(got.buf, want);
	free(want);
	sb_done(&got);
	db_close(db);
}
END_TEST

/* Every unassigned ticket held by other sessions (one being taken, one
 * being changed): take-next says so, exit 75, naming who holds them (the
 * holder of the most urgent, the other sessions counted), and does not
 * say there is nothing to take; once they are let go it takes one. */
START_TEST(held_tickets_are_not_said_to_be_none)
{
	testdb_create();
	testdb_clock("2026-11-18T15:00:00Z", TESTDB_CLOCK_RUNNING);
	fixture_customer();
	testdb_agent("alice", "engineer");
	testdb_sql("UPDATE agents SET team_id = (SELECT id FROM teams WHERE key = 'app_support')"
		   " WHERE login = 'alice'");
	long long first = fixture_tickets(2, "app_support");
	char *ci = testdb_conninfo(NULL);
	PGconn *holder = PQconnectdb(ci);
	free(ci);
	ck_assert_int_eq(PQstatus(holder), CONNECTION_OK);
	char *sql = xasprintf("BEGIN; SELECT id FROM ticketty.tickets WHERE id IN (%lld, %lld) FOR UPDATE",
			      first, first + 1);
	PGresult *res = PQexec(holder, sql);
	free(sql);
	ck_assert_int_eq(PQresultStatus(res), PGRES_TUPLES_OK);
	PQclear(res);
	int rc = testdb_cli("alice", NULL, "ticket take-next");
	ck_assert_msg(rc == 75, "exit %d, stderr: %s", rc, testdb_stderr());
	/* who holds them named (the holder's login: it is no agent's) */
	ck_assert_msg(strstr(testdb_stderr(), "every unassigned open ticket of the team (2) is being taken or changed"
				       " in another session, by postgres: try again in a moment") &&
		      !strstr(testdb_stderr(), "no unassigned open ticket to take"),
		      "stderr: %s", testdb_stderr());
	/* a second session holding one of them (the more urgent one's
	 * holder named, the other counted), and in Spanish */
	ci = testdb_conninfo(NULL);
	PGconn *second = PQconnectdb(ci);
	free(ci);
	ck_assert_int_eq(PQstatus(second), CONNECTION_OK);
	res = PQexec(holder, "ROLLBACK");
	PQclear(res);
	sql = xasprintf("BEGIN; SELECT id FROM ticketty.tickets WHERE id = %lld FOR UPDATE", first + 1);
	res = PQexec(second, sql);
	free(sql);
	ck_assert_int_eq(PQresultStatus(res), PGRES_TUPLES_OK);
	PQclear(res);
	sql = xasprintf("BEGIN; SELECT id FROM ticketty.tickets WHERE id = %lld FOR UPDATE", first);
	res = PQexec(holder, sql);
	free(sql);
	ck_assert_int_eq(PQresultStatus(res), PGRES_TUPLES_OK);
	PQclear(res);
	ck_assert_int_eq(testdb_cli("alice", NULL, "ticket take-next"), 75);
	ck_assert_msg(strstr(testdb_stderr(), "is being taken or changed in other sessions, by postgres and 1 more:"),
		      "stderr: %s", testdb_stderr());
	char *lang = getenv("LANG") ? xstrdup(getenv("LANG")) : NULL;
	setenv("LANG", "es_ES.UTF-8", 1);
	rc = testdb_cli("alice", NULL, "ticket take-next");
	if (lang)
		setenv("LANG", lang, 1);
	else
		unsetenv("LANG");
	free(lang);
	ck_assert_int_eq(rc, 75);
	ck_assert_msg(strstr(testdb_stderr(), "postgres y 1 más"), "stderr: %s", testdb_stderr());
	res = PQexec(second, "ROLLBACK");
	PQclear(res);
	PQfinish(second);
	res = PQexec(holder, "ROLLBACK");
	PQclear(res);
	PQfinish(holder);
	ck_assert_int_eq(testdb_cli("alice", NULL, "ticket take-next"), 0);
	ck_assert_int_eq(testdb_cli("alice", NULL, "ticket take-next"), 0);
	/* nothing left at all: that is still said as before */
	ck_assert_int_eq(testdb_cli("alice", NULL, "ticket take-next"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "no unassigned open ticket to take"), "stderr: %s", testdb_stderr());
}
END_TEST

/* A worker process: claims until nothing is left, writes its ids to fd. */
static void worker(int n, int fd)
{
	char login[24];
	snprintf(login, sizeof(login), "worker%d", n);
	struct db *db = testdb_open(login);
	struct tt_error err;
	tt_error_init(&err);
	for (;;) {
		long long id = 0;
		int rc = ticket_take_next(db, "app_support", &id, &err);
		if (rc == 75) {
			/* the tickets left are all being claimed by others:
			 * asked again, they are taken or none is left */
			tt_error_clear(&err);
			continue;
		}
		if (rc) {
			fprintf(stderr, "%s: %s\n", login, err.message);
			_exit(2);
		}
		if (id == 0)
			break;
		if (write(fd, &id, sizeof(id)) != (ssize_t)sizeof(id))
			_exit(3);
	}
	db_close(db);
	_exit(0);
}

START_TEST(eight_workers_claim_each_ticket_once)
{
	testdb_create();
	testdb_clock("2026-11-18T15:00:00Z", TESTDB_CLOCK_RUNNING);
	fixture_customer();
	for (int i = 0; i < WORKERS; i++) {
		char login[24];
		snprintf(login, sizeof(login), "worker%d", i);
		testdb_agent(login, "engineer");
	}
	long long first = fixture_tickets(TICKETS, "app_support");
	int fds[WORKERS][2];
	pid_t pids[WORKERS];
	for (int i = 0; i < WORKERS; i++) {
		ck_assert_int_eq(pipe(fds[i]), 0);
		pids[i] = fork();
		ck_assert_int_ge(pids[i], 0);
		if (pids[i] == 0) {
			close(fds[i][0]);
			worker(i, fds[i][1]);
		}
		close(fds[i][1]);
	}
	static unsigned char claimed[TICKETS];
	memset(claimed, 0, sizeof(claimed));
	int total = 0, busy_workers = 0;
	for (int i = 0; i < WORKERS; i++) {
		long long id;
		int mine = 0;
		while (read(fds[i][0], &id, sizeof(id)) == (ssize_t)sizeof(id)) {
			ck_assert_int_ge(id, first);
			ck_assert_int_lt(id, first + TICKETS);
			claimed[id - first]++;
			mine++;
		}
		close(fds[i][0]);
		int status;
		ck_assert_int_eq(waitpid(pids[i], &status, 0), pids[i]);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "worker %d failed", i);
		total += mine;
		busy_workers += mine > 0;
	}
	ck_assert_int_eq(total, TICKETS);
	for (int i = 0; i < TICKETS; i++)
		ck_assert_msg(claimed[i] == 1, "ticket %lld claimed %d times", first + i, claimed[i]);
	ck_assert_int_ge(busy_workers, 2);
	/* the database agrees: every ticket assigned once, one take event each */
	char *v = testdb_value(
		"SELECT count(*) FILTER (WHERE assignee_id IS NULL) || ' ' ||"
		" count(*) FILTER (WHERE version = 2) || ' ' ||"
		" (SELECT count(*) FROM ticket_events WHERE kind = 'take') || ' ' ||"
		" (SELECT count(DISTINCT ticket_id) FROM ticket_events WHERE kind = 'take')"
		" FROM tickets", 0, NULL);
	char *want = xasprintf("0 %d %d %d", TICKETS, TICKETS, TICKETS);
	ck_assert_str_eq(v, want);
	free(v);
	free(want);
}
END_TEST

static Suite *take_next_suite(void)
{
	Suite *s = suite_create("take_next");
	TCase *tc = tcase_create("claim");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, claims_in_queue_order_within_the_team);
	tcase_add_test(tc, agent_without_team_must_name_one);
	tcase_add_test(tc, paused_tickets_are_taken_by_their_time_left);
	tcase_add_test(tc, held_tickets_are_not_said_to_be_none);
	tcase_add_test(tc, eight_workers_claim_each_ticket_once);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(take_next_suite)
