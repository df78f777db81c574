/* Database tests for what the CLI reports as a command's result
 * (sql/400_cli_results.sql): `ticket set --json` prints what this call
 * did, never another agent's re-triage read back; a re-triage that
 * changes nothing is refused (65) in text and JSON alike; a status
 * change the state machine refuses is bad data (65), a stale version
 * stays a conflict (75); Spanish tables line up by cells. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "ticket_fixture.h"
#include "testdb.h"
#include "util/text.h"
#include "util/xalloc.h"

static long long setup(int n)
{
	testdb_create();
	testdb_clock("2026-11-18T15:00:00Z", TESTDB_CLOCK_RUNNING);   /* a Wednesday, 10:00 in New York */
	fixture_customer();
	testdb_agent("dana", "engineer");
	testdb_agent("tom", "engineer");
	return fixture_tickets(n, "app_support");
}

static int cli(const char *login, const char *fmt, long long id)
{
	char *args = xasprintf(fmt, id);
	int rc = testdb_cli(login, NULL, args);
	free(args);
	return rc;
}

static void assert_col(long long id, const char *expr, const char *want)
{
	char *v = fixture_col(id, expr);
	ck_assert_msg(v && !strcmp(v, want), "%s: want %s, got %s", expr, want, v ? v : "NULL");
	free(v);
}

static void assert_out(const char *what, const char *want)
{
	ck_assert_msg(strstr(testdb_stdout(), want), "%s: want '%s' in stdout:\n%s\nstderr:\n%s", what, want,
		      testdb_stdout(), testdb_stderr());
}

static void assert_err(const char *what, const char *want)
{
	ck_assert_msg(strstr(testdb_stderr(), want), "%s: want '%s' in stderr:\n%s", what, want, testdb_stderr());
}

/* QA finding 1: Tom's `--json` gave Dana's reason and change as his own. */
START_TEST(retriage_json_is_this_calls_own)
{
	long long id = setup(1);   /* severity 2 (1 + 1 % 4) */
	ck_assert_int_eq(cli("dana", "ticket set %lld severity=4 --reason 'Dana: not urgent'", id), 0);
	assert_out("dana", "updated, now version 2");

	/* the same value again, with another reason: nothing changes, so it is
	 * refused naming the value it has, and Dana's words are not Tom's */
	ck_assert_int_eq(cli("tom", "ticket set %lld severity=4 --reason 'Tom: my own reason' --json", id), 65);
	ck_assert_str_eq(testdb_stdout(), "");
	assert_err("no-op json", "was not re-triaged: nothing changes");
	assert_err("no-op json", "severity: is already 4: nothing to change");
	ck_assert_msg(!strstr(testdb_stderr(), "Dana"), "%s", testdb_stderr());
	/* plain text says the same, never "updated" */
	ck_assert_int_eq(cli("tom", "ticket set %lld severity=4 --reason 'Tom: my own reason'", id), 65);
	ck_assert_str_eq(testdb_stdout(), "");
	assert_err("no-op text", "severity: is already 4: nothing to change");
	assert_col(id, "version || ' ' || severity", "2 4");
	assert_col(id, "(SELECT count(*) FROM ticket_events WHERE ticket_id = tickets.id AND kind = 'retriage')", "1");

	/* an unrelated change at the next version: Tom's result is still his
	 * own re-triage, not null */
	ck_assert_int_eq(cli("dana", "ticket note %lld --message n", id), 0);
	ck_assert_int_eq(cli("tom", "ticket set %lld severity=2 --reason 'Tom again' --json", id), 0);
	assert_out("json", "\"ticket\" : ");
	assert_out("json", "\"version\" : 4");
	assert_out("json", "\"reason\": \"Tom again\"");
	assert_out("json", "\"severity\": {\"to\": 2, \"from\": 4}");
	ck_assert_msg(!strstr(testdb_stdout(), "Dana") && !strstr(testdb_stdout(), "null"), "%s", testdb_stdout());
	/* the event named is the one written, by Tom */
	char *ev = testdb_value("SELECT a.login || ' ' || e.id FROM ticket_events e JOIN agents a ON a.id = e.actor_id"
				" WHERE e.kind = 'retriage' ORDER BY e.id DESC LIMIT 1", 0, NULL);
	char *want = xasprintf("\"event\" : %s,", strchr(ev, ' ') + 1);
	ck_assert_msg(!strncmp(ev, "tom ", 4), "%s", ev);
	assert_out("json", want);
	free(want);
	free(ev);

	/* a change of several fields where one is as given: the change is made,
	 * and what changed is what the result says */
	ck_assert_int_eq(cli("tom", "ticket set %lld severity=2 title='Renamed' --reason why --json", id), 0);
	assert_out("partial", "\"title\": {\"to\": \"Renamed\", \"from\": \"Ticket 1\"}");
	ck_assert_msg(!strstr(testdb_stdout(), "severity"), "%s", testdb_stdout());
}
END_TEST

/* QA finding 11: a refused status change exited 75 ("try again"). */
START_TEST(illegal_transition_is_bad_data_not_a_conflict)
{
	long long id = setup(1);
	ck_assert_int_eq(cli("dana", "ticket status %lld closed", id), 65);
	assert_err("new -> closed", "new -> closed is not allowed");
	assert_err("new -> closed", "status: cannot be reached from the ticket's status");
	assert_err("new -> closed", "Hint: From new a ticket may go to:");
	ck_assert_int_eq(cli("dana", "ticket reopen %lld", id), 65);
	assert_err("reopen", "only a resolved ticket can be reopened");
	ck_assert_int_eq(cli("dana", "ticket status %lld acknowledged", id), 65);
	assert_err("ack without reply", "message: is required");
	ck_assert_int_eq(cli("dana", "ticket ack %lld -m hi", id), 0);
	ck_assert_int_eq(cli("dana", "ticket status %lld acknowledged", id), 65);
	assert_err("already", "status: is already the ticket's status");
	assert_col(id, "version || ' ' || status", "2 acknowledged");
	/* a stale version is still a conflict to retry */
	ck_assert_int_eq(cli("tom", "ticket status %lld in_progress --version 1", id), 75);
	assert_err("stale", "changed since version 1");
	ck_assert_int_eq(cli("tom", "ticket status %lld in_progress --version 2", id), 0);
}
END_TEST

/* The cell at which `after` ends and the next non-space starts, on
 * every line of stdout that starts with `prefix` and holds `after`; fails
 * unless it is *col on each (*col < 0: the first one sets it). Returns
 * how many lines were measured. */
static int same_column(const char *prefix, const char *after, int *col)
{
	int n = 0;
	const char *line = testdb_stdout();
	while (line && *line) {
		const char *end = strchr(line, '\n');
		char *copy = xstrndup(line, end ? (size_t)(end - line) : strlen(line));
		char *at = strstr(copy, after);
		if (!strncmp(copy, prefix, strlen(prefix)) && at) {
			at += strlen(after);
			while (*at == ' ')
				at++;
			*at = '\0';
			int w = text_width(copy);
			ck_assert_msg(*col < 0 || w == *col, "'%s': a column at cell %d, another at %d:\n%s", after, w,
				      *col, testdb_stdout());
			*col = w;
			n++;
		}
		free(copy);
		line = end ? end + 1 : NULL;
	}
	return n;
}

/* QA findings 6 and 7: Spanish words padded by bytes, or wider than the
 * column. */
START_TEST(spanish_tables_line_up)
{
	long long id = setup(1);
	test_lang("es_ES.UTF-8");
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin policy show"), 0);
	assert_out("policy", "actualización al cliente");
	/* the severity after the plan starts in one column, "prémium" (7
	 * cells, 8 bytes) or "básico", under the widest kind */
	int col = -1;
	ck_assert_int_ge(same_column("  ", "prémium", &col), 4);
	ck_assert_int_ge(same_column("  ", "básico", &col), 4);
	/* sla explain: "en riesgo desde" is wider than 12 cells; the values
	 * of every label start in one column */
	ck_assert_int_eq(cli("dana", "sla explain %lld", id), 0);
	assert_out("explain", "en riesgo desde ");
	col = -1;
	ck_assert_int_ge(same_column("  vence ", "vence", &col), 1);
	ck_assert_int_ge(same_column("  en riesgo desde", "desde", &col), 1);
	ck_assert_int_ge(same_column("  estado", "estado", &col), 1);
	ck_assert_int_ge(same_column("  objetivo", "objetivo", &col), 1);
	test_lang("C.UTF-8");
}
END_TEST

/* A re-triage reason of Unicode spaces only (a no-break and a zero-width
 * space) is no reason, on the server as in the client: it was taken, the
 * server trimming only ASCII blanks, and the audit read as a blank reason. */
START_TEST(retriage_reason_of_unicode_spaces_is_blank)
{
	long long id = setup(1);   /* severity 2 */
	char sid[32];
	snprintf(sid, sizeof(sid), "%lld", id);
	const char *params[2] = { sid, "\xc2\xa0\xe2\x80\x8b\xe3\x80\x80" };
	struct tt_error err;
	tt_error_init(&err);
	struct db *db = testdb_open("dana");
	PGresult *res = db_exec(db, "SELECT ticketty.api_ticket_retriage($1::bigint, 1,"
				" '{\"severity\": 4}'::jsonb, $2)", 2, params, &err);
	ck_assert_ptr_null(res);
	ck_assert_msg(err.message && strstr(err.message, "a re-triage needs a reason"), "%s",
		      err.message ? err.message : "(none)");
	tt_error_clear(&err);
	db_close(db);
	assert_col(id, "severity::text", "2");
}
END_TEST

static Suite *cli_results_suite(void)
{
	Suite *s = suite_create("cli_results");
	TCase *tc = tcase_create("cli");
	tcase_add_test(tc, retriage_json_is_this_calls_own);
	tcase_add_test(tc, illegal_transition_is_bad_data_not_a_conflict);
	tcase_add_test(tc, spanish_tables_line_up);
	tcase_add_test(tc, retriage_reason_of_unicode_spaces_is_blank);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(cli_results_suite)
