/* Database tests for the import of many tickets in one call
 * (api_ticket_create_many, `ticket import`): each ticket is what
 * api_ticket_create makes of the same payload (columns, deadlines, audit
 * row, search rows, rollups, emergency notices); a refused payload stops
 * no other and the answers keep the payloads' order; idempotency keys
 * answer retries and refuse reuse, before this call, within it and when
 * another session takes the key while the call runs; pm and
 * developer are refused; the CLI says each line in order, keeps refused
 * lines in --refused, and keeps every line a failed call did not take. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "model/intake_import.h"
#include "rollup_recount.h"
#include "testdb.h"
#include "util/xalloc.h"

static const char fixture[] =
	"INSERT INTO agents (login, display_name, role) VALUES ('csm1', 'Carla Csm', 'csm');"
	"INSERT INTO customers (name, member_id, plan, csm_id, account_rep_name, account_rep_email) VALUES"
	" ('Acme Media', 1001, 'premium', (SELECT id FROM agents WHERE login = 'csm1'),"
	"  'Rita Rep', 'rita@example.com');"
	"INSERT INTO contacts (customer_id, name, email, phone, spoc, active) VALUES"
	" ((SELECT id FROM customers WHERE name = 'Acme Media'), 'Sam Spoc', 'sam@acme.test', '+1 555 0100', true, true);";

static void setup(void)
{
	testdb_create();
	/* frozen: a ticket made one way and its twin made the other have the
	 * same instants, so every deadline can be compared */
	testdb_clock("2026-11-18T15:00:00Z", TESTDB_CLOCK_FROZEN);
	testdb_sql(fixture);
	testdb_agent("eng1", "engineer");
	testdb_agent("pm1", "pm");
}

/* Payload number n: severities 1 to 4 in turn (1 with a phone), request
 * types with and without screenshots; `extra` JSON members are added. */
static char *payload(int n, const char *extra)
{
	static const char *const types[] = { "technical_implementation", "ad_serving", "ui_api_bug" };
	int sev = 1 + n % 4;
	char shot[64] = "";
	if (n % 3 == 2)   /* a UI type: screenshots needed */
		snprintf(shot, sizeof(shot), ", \"screenshots\": [\"https://shots.example/%d.png\"]", n);
	return xasprintf("{\"customer\": \"Acme Media\", \"contact\": \"sam@acme.test\","
			 " \"request_type\": \"%s\", \"reason\": \"bug\", \"severity\": %d,"
			 " \"title\": \"Placement %d is blank\", \"description\": \"Placement %d shows nothing.\","
			 " \"impact\": \"Spend stopped.\", \"object_ids\": [%d, 77], \"member_id\": 1001,"
			 " \"repro_steps\": \"1. open the page\", \"browser\": \"Firefox 128.0\","
			 " \"os\": \"Windows 11\"%s%s%s%s}",
			 types[n % 3], sev, n, n, 1000 + n, shot, sev == 1 ? ", \"phone\": \"+1 555 0100\"" : "",
			 extra ? ", " : "", extra ? extra : "");
}

static char *array_of(char **p, int n)
{
	size_t len = 3;
	for (int i = 0; i < n; i++)
		len += strlen(p[i]) + 1;
	char *a = xmalloc(len), *w = a;
	*w++ = '[';
	for (int i = 0; i < n; i++)
		w += sprintf(w, "%s%s", i ? "," : "", p[i]);
	strcpy(w, "]");
	return a;
}

/* api_ticket_create_many(array) as login: "item:ticket|refusal codes;...". */
static char *many(const char *login, const char *array)
{
	char *ci = testdb_conninfo(login);
	PGconn *c = PQconnectdb(ci);
	free(ci);
	ck_assert_int_eq(PQstatus(c), CONNECTION_OK);
	const char *p[] = { array };
	PGresult *r = PQexecParams(c,
		"SELECT string_agg(item || ':' || coalesce(ticket_id::text,"
		"   (SELECT string_agg(split_part(l, E'\\t', 1) || '/' || split_part(l, E'\\t', 2), ',')"
		"      FROM unnest(string_to_array(refusal, E'\\n')) l)), ';' ORDER BY item)"
		"  FROM ticketty.api_ticket_create_many($1::jsonb)", 1, NULL, p, NULL, NULL, 0);
	char *out = PQresultStatus(r) == PGRES_TUPLES_OK ? xstrdup(PQgetvalue(r, 0, 0))
		    : xasprintf("ERROR %s %s", PQresultErrorField(r, PG_DIAG_SQLSTATE), PQresultErrorMessage(r));
	PQclear(r);
	PQfinish(c);
	return out;
}

START_TEST(each_ticket_is_what_api_ticket_create_makes)
{
	enum { N = 12 };
	char *p[N];
	char *ci = testdb_conninfo("eng1");
	PGconn *c = PQconnectdb(ci);
	free(ci);
	for (int i = 0; i < N; i++) {
		p[i] = payload(i, NULL);
		const char *params[] = { p[i] };
		PGresult *r = PQexecParams(c, "SELECT ticketty.api_ticket_create($1::jsonb)", 1, NULL, params,
					   NULL, NULL, 0);
		ck_assert_msg(PQresultStatus(r) == PGRES_TUPLES_OK, "%s", PQresultErrorMessage(r));
		PQclear(r);
	}
	PQfinish(c);
	char *a = array_of(p, N);
	char *got = many("eng1", a);
	ck_assert_msg(!strncmp(got, "1:", 2) && !strchr(got, '/'), "%s", got);
	/* tickets 1..N one at a time, N+1..2N the import: each twin the same
	 * but for its id (the clock stands still) */
	testdb_expect("SELECT count(*) FROM tickets a JOIN tickets b ON b.id = a.id + 12"
		      " WHERE a.id <= 12 AND to_jsonb(a) - 'id' = to_jsonb(b) - 'id'", "12");
	testdb_expect("SELECT count(*) FROM ticket_events a JOIN ticket_events b ON b.ticket_id = a.ticket_id + 12"
		      " WHERE a.ticket_id <= 12 AND a.kind = 'created' AND b.kind = a.kind"
		      "   AND b.version = a.version AND b.details = a.details AND b.actor_id = a.actor_id", "12");
	testdb_expect("SELECT count(*) FROM ticket_events", "24");
	testdb_expect("SELECT count(*) FROM tickets t JOIN ticket_search s ON s.ticket_id = t.id"
		      " JOIN ticket_search_shared h ON h.ticket_id = t.id"
		      " WHERE s.doc = search_doc(t) AND h.doc = search_shared_doc(t)", "24");
	/* the emergencies told the CSM and the account representative alike */
	testdb_expect("SELECT count(*) FILTER (WHERE ticket_id <= 12) || '/' || count(*) FILTER (WHERE ticket_id > 12)"
		      "  FROM notifications WHERE kind = 'emergency'", "6/6");
	char *v = testdb_value(recount_diff, 0, NULL);
	ck_assert_msg(!strncmp(v, "0/0/0/0 of ", 11), "rollups differ from the recount: %s", v);
	free(v);
	free(got);
	free(a);
	for (int i = 0; i < N; i++)
		free(p[i]);
}
END_TEST

START_TEST(a_refusal_stops_no_other_and_order_is_kept)
{
	char *p[5] = { payload(1, NULL), xstrdup("{\"title\": \"only a title\"}"), xstrdup("7"),
		       payload(2, "\"browser\": \"Firefox\""), payload(3, NULL) };
	char *a = array_of(p, 5);
	char *got = many("eng1", a);
	/* 2: every required field; 3: not an object; 4: no version in the
	 * browser (the rule api_ticket_create gives) */
	ck_assert_msg(!strncmp(got, "1:1;2:customer/required,", 24), "%s", got);
	ck_assert_msg(strstr(got, ";3:ticket/malformed;4:") && strstr(got, "browser/"), "%s", got);
	ck_assert_msg(strstr(got, ";5:2") && !strstr(got, ";5:2,"), "%s", got);
	testdb_expect("SELECT count(*) FROM tickets", "2");
	free(got);
	free(a);
	for (int i = 0; i < 5; i++)
		free(p[i]);
}
END_TEST

START_TEST(idempotency_keys_answer_retries_and_refuse_reuse)
{
	char *first[1] = { payload(1, "\"idempotency_key\": \"k1\"") };
	char *a = array_of(first, 1);
	char *got = many("eng1", a);
	ck_assert_str_eq(got, "1:1");
	free(got);
	char *p[6] = {
		payload(1, "\"idempotency_key\": \"k1\""),   /* retry of the earlier call */
		payload(9, "\"idempotency_key\": \"k1\""),   /* reuse: other content */
		payload(2, "\"idempotency_key\": \"k2\""),   /* new */
		payload(2, "\"idempotency_key\": \"k2\""),   /* its retry in the same call */
		payload(3, "\"idempotency_key\": \"k2\""),   /* reuse in the same call */
		payload(4, NULL),
	};
	char *b = array_of(p, 6);
	got = many("eng1", b);
	ck_assert_str_eq(got, "1:1;2:idempotency_key/reused_key;3:2;4:2;5:idempotency_key/reused_key;6:3");
	free(got);
	/* the whole call again: nothing new */
	got = many("eng1", b);
	ck_assert_str_eq(got, "1:1;2:idempotency_key/reused_key;3:2;4:2;5:idempotency_key/reused_key;6:4");
	testdb_expect("SELECT count(*) FROM tickets", "4");
	testdb_expect("SELECT count(*) FROM ticket_events WHERE kind = 'created'", "4");
	free(got);
	free(a);
	free(b);
	for (int i = 0; i < 6; i++)
		free(p[i]);
	free(first[0]);
}
END_TEST

/* c2's import meets a key c1 is taking in the same moment: it waits on
 * the unique index, then answers with c1's ticket when the content is
 * the same (and so does a later payload of that key in the same call),
 * and refuses it as reused when it is not. `first` is c1's payload. */
static void race(const char *first, const char *want)
{
	char *ci = testdb_conninfo("eng1");
	PGconn *c1 = PQconnectdb(ci), *c2 = PQconnectdb(ci);
	free(ci);
	ck_assert_int_eq(PQstatus(c1), CONNECTION_OK);
	ck_assert_int_eq(PQstatus(c2), CONNECTION_OK);
	char *p[3] = { payload(1, "\"idempotency_key\": \"race\""), payload(2, NULL),
		       payload(1, "\"idempotency_key\": \"race\"") };
	char *a = array_of(p, 3);
	const char *one[] = { first }, *many_p[] = { a };
	PQclear(PQexec(c1, "BEGIN"));
	PGresult *r1 = PQexecParams(c1, "SELECT ticketty.api_ticket_create($1::jsonb)", 1, NULL, one, NULL, NULL, 0);
	ck_assert_msg(PQresultStatus(r1) == PGRES_TUPLES_OK, "%s", PQresultErrorMessage(r1));
	ck_assert_int_eq(PQsendQueryParams(c2,
		"SELECT string_agg(item || ':' || coalesce(ticket_id::text, split_part(refusal, E'\t', 2)), ';'"
		" ORDER BY item) FROM ticketty.api_ticket_create_many($1::jsonb)", 1, NULL, many_p, NULL, NULL, 0), 1);
	/* c2 waits on c1's key before c1 commits (else it would see c1's
	 * ticket as made before its call, the other path) */
	testdb_wait_blocked(c2, "the import");
	PQclear(PQexec(c1, "COMMIT"));
	PGresult *last = testdb_last_result(c2);
	ck_assert_msg(PQresultStatus(last) == PGRES_TUPLES_OK, "%s", PQresultErrorMessage(last));
	char *w = xasprintf(want, PQgetvalue(r1, 0, 0));
	ck_assert_str_eq(PQgetvalue(last, 0, 0), w);
	free(w);
	PQclear(last);
	PQclear(r1);
	PQfinish(c1);
	PQfinish(c2);
	free(a);
	for (int i = 0; i < 3; i++)
		free(p[i]);
}

START_TEST(a_key_taken_meanwhile_answers_as_a_retry)
{
	char *same = payload(1, "\"idempotency_key\": \"race\"");
	/* c1's ticket is 1; c2's second payload is its own new one; the
	 * burned id of its lost insert leaves a gap */
	race(same, "1:%s;2:3;3:1");
	testdb_expect("SELECT count(*) || '/' || (SELECT count(*) FROM ticket_events) FROM tickets", "2/2");
	free(same);
}
END_TEST

START_TEST(a_key_taken_meanwhile_with_other_content_is_reused)
{
	char *other = payload(7, "\"idempotency_key\": \"race\"");
	race(other, "1:reused_key;2:3;3:reused_key%.0s");
	testdb_expect("SELECT count(*) FROM tickets", "2");
	free(other);
}
END_TEST

START_TEST(limits_and_roles)
{
	char *p[1] = { payload(1, NULL) };
	char *a = array_of(p, 1);
	char *got = many("pm1", a);
	ck_assert_msg(!strncmp(got, "ERROR TT403", 11), "%s", got);
	free(got);
	got = many("eng1", "{\"title\": \"x\"}");
	ck_assert_msg(!strncmp(got, "ERROR TT400", 11) && strstr(got, "JSON array"), "%s", got);
	free(got);
	char *big = xstrdup("[");
	for (int i = 0; i < 1001; i++) {
		char *b2 = xasprintf("%s%s{}", big, i ? "," : "");
		free(big);
		big = b2;
	}
	char *b3 = xasprintf("%s]", big);
	got = many("eng1", b3);
	ck_assert_msg(!strncmp(got, "ERROR TT400", 11) && strstr(got, "at most 1000"), "%s", got);
	free(got);
	got = many("eng1", "[]");
	ck_assert_str_eq(got, "");   /* no payload, no row */
	testdb_expect("SELECT count(*) FROM tickets", "0");
	free(got);
	free(big);
	free(b3);
	free(a);
	free(p[0]);
}
END_TEST

START_TEST(cli_says_each_line_in_order_and_keeps_the_refused)
{
	char *good1 = payload(1, NULL), *good2 = payload(2, NULL);
	char *refused = xasprintf("%s/import-refused.jsonl", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	/* a good line, blank ones, one missing fields (refused by the
	 * database, in the batch), one that is no JSON and one with a title
	 * that is not UTF-8 (both refused before the batch is sent), a good
	 * line with CRLF */
	char *input = xasprintf("%s\n\n  \n{\"title\": \"x\"}\nnot json\n{\"title\": \"caf\xe9\"}\n%s\r\n",
				good1, good2);
	char *args = xasprintf("ticket import - --refused '%s'", refused);
	int rc = testdb_cli("eng1", input, args);
	ck_assert_msg(rc == 65, "rc %d: %s", rc, testdb_stderr());
	ck_assert_str_eq(testdb_stdout(), "1 1\n7 2\n");
	const char *e = testdb_stderr();
	const char *l4 = strstr(e, "line 4: "), *l5 = strstr(e, "line 5: "), *l6 = strstr(e, "line 6: ");
	ck_assert_msg(l4 && l5 && l6 && l4 < l5 && l5 < l6, "%s", e);
	ck_assert_msg(strstr(e, "title: is not valid UTF-8") && strstr(e, "customer: is required"), "%s", e);
	ck_assert_msg(strstr(e, "2 tickets taken in, 3 lines refused"), "%s", e);
	FILE *f = fopen(refused, "rb");
	ck_assert_ptr_nonnull(f);
	char buf[256];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	ck_assert_str_eq(buf, "{\"title\": \"x\"}\nnot json\n{\"title\": \"caf\xe9\"}\n");
	/* in Spanish: the line, the count and the field in the reader's words */
	ck_assert_int_eq(testdb_cli_in("es_ES.UTF-8", "eng1", "ticket import /dev/null"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "ningún ticket que importar"), "%s", testdb_stderr());
	char *es_args = xasprintf("ticket import '%s'", refused);
	FILE *g = fopen(refused, "wb");
	ck_assert_ptr_nonnull(g);
	fputs("{\"title\": \"x\"}\n", g);
	fclose(g);
	ck_assert_int_eq(testdb_cli_in("es_ES.UTF-8", "eng1", es_args), 65);
	e = testdb_stderr();
	ck_assert_msg(strstr(e, "línea 1: ") && strstr(e, "0 tickets admitidos, 1 línea rechazada"), "%s", e);
	free(es_args);
	/* a file that is not there: said before anything else */
	ck_assert_int_eq(testdb_cli("eng1", NULL, "ticket import /nonexistent/tickets.jsonl"), 66);
	ck_assert_msg(strstr(testdb_stderr(), "/nonexistent/tickets.jsonl"), "%s", testdb_stderr());
	/* nothing to import */
	ck_assert_int_eq(testdb_cli("eng1", "\n\n", "ticket import -"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "no ticket to import"), "%s", testdb_stderr());
	/* a call that fails (a pm may not file tickets): no line is lost,
	 * each is in --refused */
	char *both = xasprintf("%s\n%s\n", good1, good2);
	rc = testdb_cli("pm1", both, args);
	ck_assert_msg(rc == 77, "rc %d: %s", rc, testdb_stderr());
	ck_assert_str_eq(testdb_stdout(), "");
	ck_assert_msg(strstr(testdb_stderr(), "lines 1-2 were not imported"), "%s", testdb_stderr());
	f = fopen(refused, "rb");
	ck_assert_ptr_nonnull(f);
	static char big[8192];
	n = fread(big, 1, sizeof(big) - 1, f);
	big[n] = '\0';
	fclose(f);
	ck_assert_str_eq(big, both);
	testdb_expect("SELECT count(*) FROM tickets", "2");
	/* the check of a line the client refused a field of fails (a pm):
	 * that line and the batch before it were not sent, and every line
	 * is in --refused */
	char *three = xasprintf("%s\n{\"title\": \"caf\xe9\"}\n%s\n", good1, good2);
	rc = testdb_cli("pm1", three, args);
	ck_assert_msg(rc == 77, "rc %d: %s", rc, testdb_stderr());
	ck_assert_msg(strstr(testdb_stderr(), "lines 1-2 were not imported"), "%s", testdb_stderr());
	f = fopen(refused, "rb");
	ck_assert_ptr_nonnull(f);
	n = fread(big, 1, sizeof(big) - 1, f);
	big[n] = '\0';
	fclose(f);
	ck_assert_str_eq(big, three);
	/* the input itself as --refused: refused before it is emptied */
	char *same = xasprintf("ticket import '%s' --refused '%s'", refused, refused);
	rc = testdb_cli("eng1", NULL, same);
	ck_assert_msg(rc == 64 && strstr(testdb_stderr(), "is the file being imported"), "rc %d: %s", rc,
		      testdb_stderr());
	f = fopen(refused, "rb");
	ck_assert_ptr_nonnull(f);
	n = fread(big, 1, sizeof(big) - 1, f);
	big[n] = '\0';
	fclose(f);
	ck_assert_str_eq(big, three);   /* what the run before left there */
	free(three);
	free(same);
	remove(refused);
	free(both);
	free(args);
	free(input);
	free(refused);
	free(good1);
	free(good2);
}
END_TEST

/* The connection is lost under a call (its backend ended while it waits
 * on a key another session holds): the CLI says which lines that call
 * held and that they may or may not have been imported, stops (69), and
 * keeps those lines and the ones after in --refused. */
START_TEST(a_lost_connection_keeps_every_line_not_known_imported)
{
	char *ci = testdb_conninfo("eng1");
	PGconn *holder = PQconnectdb(ci);
	ck_assert_int_eq(PQstatus(holder), CONNECTION_OK);
	char *held = payload(1, "\"idempotency_key\": \"held\""), *other = payload(2, NULL);
	const char *hp[] = { held };
	PQclear(PQexec(holder, "BEGIN"));
	PGresult *r = PQexecParams(holder, "SELECT ticketty.api_ticket_create($1::jsonb)", 1, NULL, hp, NULL, NULL, 0);
	ck_assert_msg(PQresultStatus(r) == PGRES_TUPLES_OK, "%s", PQresultErrorMessage(r));
	PQclear(r);

	pid_t child = fork();
	ck_assert_int_ge(child, 0);
	if (child == 0) {
		/* ends the import's backend once it waits on the key */
		PGconn *watch = PQconnectdb(ci);
		int ended = 0;
		for (int i = 0; i < 1000 && !ended; i++) {
			PGresult *w = PQexec(watch, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
						    " WHERE wait_event_type = 'Lock' AND query LIKE '%api_ticket_create_many%'");
			ended = PQresultStatus(w) == PGRES_TUPLES_OK && PQntuples(w) == 1;
			PQclear(w);
			if (!ended)
				usleep(10000);
		}
		PQfinish(watch);
		free(ci);
		_exit(ended ? 0 : 1);
	}
	char *refused = xasprintf("%s/import-lost.jsonl", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	char *input = xasprintf("%s\n%s\n", held, other);
	char *args = xasprintf("ticket import - --refused '%s'", refused);
	int rc = testdb_cli("eng1", input, args);
	int status = 0;
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the import never waited on the key");
	PQclear(PQexec(holder, "ROLLBACK"));
	PQfinish(holder);
	ck_assert_msg(rc == 69, "rc %d: %s", rc, testdb_stderr());
	ck_assert_str_eq(testdb_stdout(), "");
	ck_assert_msg(strstr(testdb_stderr(), "lines 1-2: ") && strstr(testdb_stderr(), "may or may not have been imported"),
		      "%s", testdb_stderr());
	FILE *f = fopen(refused, "rb");
	ck_assert_ptr_nonnull(f);
	static char got[8192];
	size_t n = fread(got, 1, sizeof(got) - 1, f);
	got[n] = '\0';
	fclose(f);
	ck_assert_str_eq(got, input);
	testdb_expect("SELECT count(*) FROM tickets", "0");
	remove(refused);
	free(refused);
	free(input);
	free(args);
	free(held);
	free(other);
	free(ci);
}
END_TEST

static Suite *intake_import_suite(void)
{
	Suite *s = suite_create("intake_import");
	TCase *tc = tcase_create("import");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, each_ticket_is_what_api_ticket_create_makes);
	tcase_add_test(tc, a_refusal_stops_no_other_and_order_is_kept);
	tcase_add_test(tc, idempotency_keys_answer_retries_and_refuse_reuse);
	tcase_add_test(tc, a_key_taken_meanwhile_answers_as_a_retry);
	tcase_add_test(tc, a_key_taken_meanwhile_with_other_content_is_reused);
	tcase_add_test(tc, a_lost_connection_keeps_every_line_not_known_imported);
	tcase_add_test(tc, limits_and_roles);
	tcase_add_test(tc, cli_says_each_line_in_order_and_keeps_the_refused);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(intake_import_suite)
