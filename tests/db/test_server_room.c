/* A database server out of room (its disk full, its memory short, a
 * resource limit reached: SQLSTATE class 53) refuses a change for a
 * reason of its own, which the same command clears once an
 * administrator has made room: exit 75 (retry), in words that say so
 * beside the server's, and a text written for it is kept. Before, exit
 * 70 (an internal error, which tells a script or a mail system never to
 * retry) with the server's words alone. Too many connections (53300)
 * stays 69, unavailable. The server's refusal is raised as PostgreSQL
 * raises it (a trigger on the table the command writes). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ticket_fixture.h"
#include "testdb.h"
#include "util/xalloc.h"

static long long id;

static void setup(void)
{
	testdb_create();
	testdb_clock("2026-11-18T15:00:00Z", TESTDB_CLOCK_RUNNING);
	fixture_customer();
	testdb_agent("room_eng", "engineer");
	id = fixture_tickets(1, "app_support");
}

/* Every insert into ticketty.comments fails with `state`, as the server
 * says it (the disk-full message of md.c). */
static void comments_fail_with(const char *state)
{
	char *sql = xasprintf(
		"CREATE OR REPLACE FUNCTION public.no_room() RETURNS trigger LANGUAGE plpgsql AS $f$"
		" BEGIN RAISE EXCEPTION 'could not extend file \"base/16384/16402\": No space left on device'"
		" USING ERRCODE = '%s', HINT = 'Check free disk space.'; END $f$;"
		" CREATE TRIGGER no_room BEFORE INSERT ON ticketty.comments"
		" FOR EACH ROW EXECUTE FUNCTION public.no_room()", state);
	testdb_sql(sql);
	free(sql);
}

static int note(const char *input, const char *message)
{
	char *args = xasprintf("ticket note %lld --message %s", id, message);
	int rc = testdb_cli("room_eng", input, args);
	free(args);
	return rc;
}

START_TEST(disk_full_is_a_retry_said_in_words)
{
	comments_fail_with("53100");
	int rc = note(NULL, "'Called the customer'");
	ck_assert_msg(rc == 75, "exit %d, stderr:\n%s", rc, testdb_stderr());
	const char *e = testdb_stderr();
	ck_assert_msg(strstr(e, "ticketty: the database server is out of room (disk space, memory or a limit): "
			      "try again once an administrator has made some (could not extend file"),
		      "stderr:\n%s", e);
	ck_assert_msg(strstr(e, "No space left on device"), "stderr:\n%s", e);
	testdb_expect("SELECT count(*) FROM ticketty.comments", "0");

	/* a text read from standard input is kept for the next run */
	rc = note("Checked the ad server logs\n", "-");
	ck_assert_msg(rc == 75, "exit %d, stderr:\n%s", rc, testdb_stderr());
	ck_assert_msg(strstr(testdb_stderr(), "what you wrote is kept"), "stderr:\n%s", testdb_stderr());

	/* room made: the same command works */
	testdb_sql("DROP TRIGGER no_room ON ticketty.comments");
	rc = note(NULL, "'Called the customer'");
	ck_assert_msg(rc == 0, "exit %d, stderr:\n%s", rc, testdb_stderr());
	testdb_expect("SELECT count(*) FROM ticketty.comments", "1");
}
END_TEST

START_TEST(out_of_memory_and_limits_are_retries_too)
{
	const char *states[] = { "53200", "53400", "53000" };
	for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
		comments_fail_with(states[i]);
		int rc = note(NULL, "'Called the customer'");
		ck_assert_msg(rc == 75, "%s: exit %d, stderr:\n%s", states[i], rc, testdb_stderr());
		ck_assert_msg(strstr(testdb_stderr(), "out of room"), "%s: stderr:\n%s", states[i], testdb_stderr());
		testdb_sql("DROP TRIGGER no_room ON ticketty.comments");
	}
	/* too many connections: the database is unavailable, as before */
	comments_fail_with("53300");
	int rc = note(NULL, "'Called the customer'");
	ck_assert_msg(rc == 69, "53300: exit %d, stderr:\n%s", rc, testdb_stderr());
	ck_assert_msg(!strstr(testdb_stderr(), "out of room"), "53300: stderr:\n%s", testdb_stderr());
}
END_TEST

static Suite *server_room_suite(void)
{
	Suite *s = suite_create("server_room");
	TCase *tc = tcase_create("room");
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, disk_full_is_a_retry_said_in_words);
	tcase_add_test(tc, out_of_memory_and_limits_are_retries_too);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(server_room_suite)
