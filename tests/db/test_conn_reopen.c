/* Database tests for a session the server ended while it sat idle (a
 * restart; here pg_terminate_backend): the next statement goes to a new
 * session opened on the spot, since nothing of it had been sent, and
 * db_take_reopened says so once. A change goes through once, with or
 * without a waiter (the interface's); inside a transaction nothing is
 * reopened (what follows must not run outside the transaction the
 * server ended). A server that stays down: the interface's outage
 * tests (tests/tui/test_outage_*). */
#include <check.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/conn.h"
#include "model/ticket.h"
#include "ticket_fixture.h"
#include "testdb.h"

static struct db *setup(long long *id)
{
	testdb_create();
	testdb_clock("2026-11-18T15:00:00Z", TESTDB_CLOCK_RUNNING);   /* a Wednesday, 10:00 in New York */
	fixture_customer();
	testdb_agent("alice", "engineer");
	*id = fixture_tickets(1, "app_support");
	return testdb_open("alice");
}

/* Ends alice's session and waits until its backend is gone, so that the
 * server has said so on the socket before the next statement. */
static void end_session(void)
{
	testdb_sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
		   " WHERE usename = 'alice' AND datname = current_database()");
	for (int i = 0; i < 200; i++) {
		char *n = testdb_value("SELECT count(*) FROM pg_stat_activity"
				       " WHERE usename = 'alice' AND datname = current_database()", 0, NULL);
		bool gone = !strcmp(n, "0");
		free(n);
		if (gone)
			return;
		nanosleep(&(struct timespec){ .tv_nsec = 25 * 1000 * 1000 }, NULL);
	}
	ck_abort_msg("alice's session did not end");
}

static char *pid(struct db *db)
{
	struct tt_error err;
	tt_error_init(&err);
	char *p = db_scalar(db, "SELECT pg_backend_pid()", 0, NULL, &err);
	ck_assert_msg(p, "%s", err.message ? err.message : "?");
	return p;
}

static int notes(long long id)
{
	char sql[128];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM comments WHERE ticket_id = %lld AND kind = 'internal'", id);
	char *n = testdb_value(sql, 0, NULL);
	int v = atoi(n);
	free(n);
	return v;
}

static int version(long long id)
{
	char *v = fixture_col(id, "version");
	int n = atoi(v);
	free(v);
	return n;
}

static int waiter(void *arg, int sock)
{
	int *calls = arg;
	struct pollfd p = { .fd = sock, .events = POLLIN };
	(*calls)++;
	poll(&p, 1, 1000);
	return DB_WAIT_MORE;
}

START_TEST(a_change_goes_on_a_new_session)
{
	long long id;
	struct db *db = setup(&id);
	struct tt_error err;
	tt_error_init(&err);
	int calls = 0;
	if (_i == 1)   /* the interface's way: statements wait in its waiter */
		db_set_waiter(db, waiter, &calls);
	char *before = pid(db);
	ck_assert(!db_take_reopened(db));

	end_session();
	int v = 0;
	ck_assert_msg(ticket_note(db, id, version(id), "Checked the ad server's logs", &v, &err) == 0,
		      "%s", err.message ? err.message : "?");
	ck_assert_int_eq(notes(id), 1);
	ck_assert(db_take_reopened(db));
	ck_assert(!db_take_reopened(db));   /* said once */
	char *after = pid(db);
	ck_assert_str_ne(before, after);
	/* the new session is set up as the first was: its LISTEN too */
	char *listens = db_scalar(db, "SELECT count(*) FROM pg_listening_channels()", 0, NULL, &err);
	ck_assert_ptr_nonnull(listens);
	free(listens);
	free(before);
	free(after);
	db_close(db);
}
END_TEST

START_TEST(not_inside_a_transaction)
{
	long long id;
	struct db *db = setup(&id);
	struct tt_error err;
	tt_error_init(&err);
	ck_assert_int_eq(db_begin(db, &err), 0);
	end_session();
	int v = 0;
	ck_assert_int_eq(ticket_note(db, id, version(id), "Lost with its transaction", &v, &err), 69);
	ck_assert_msg(err.message && strstr(err.message, "lost the connection to the database"), "%s",
		      err.message ? err.message : "?");
	tt_error_clear(&err);
	ck_assert(!db_take_reopened(db));
	ck_assert_int_eq(notes(id), 0);
	db_close(db);
}
END_TEST

static Suite *reopen_suite(void)
{
	Suite *s = suite_create("conn_reopen");
	TCase *tc = tcase_create("reopen");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, a_change_goes_on_a_new_session, 0, 2);
	tcase_add_test(tc, not_inside_a_transaction);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(reopen_suite)
