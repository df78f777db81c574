/* Database tests for a ticket given as a JSON document (`ticket new
 * --json`): the client's strict reading of each member agrees with what
 * PostgreSQL's jsonb takes, and a member it would not read (a raw tab
 * pasted into the title, 01200, a trailing comma, a lone surrogate) is
 * refused naming that field with where it goes wrong, exit 65, nothing
 * created, instead of "invalid input syntax for type json" naming no
 * field. A document saved with a byte order mark is taken. */
#include <stdlib.h>
#include <string.h>

#include "testdb.h"
#include "ticket_fixture.h"
#include "util/json.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static void setup(void)
{
	testdb_create();
	testdb_clock("2026-11-18T15:00:00Z", TESTDB_CLOCK_RUNNING);
	fixture_customer();
	testdb_agent("eng1", "engineer");
}

/* True when PostgreSQL reads v as jsonb. */
static bool pg_reads(PGconn *c, const char *v)
{
	const char *p[] = { v };
	PGresult *r = PQexecParams(c, "SELECT $1::jsonb IS NOT NULL", 1, NULL, p, NULL, NULL, 0);
	bool ok = PQresultStatus(r) == PGRES_TUPLES_OK;
	PQclear(r);
	return ok;
}

START_TEST(client_and_postgresql_read_the_same_values)
{
	static const char *const samples[] = {
		"\"\"", "\"Firefox 133\"", "\"a\\tb \\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\"", "\"\\u00e9\\ud83d\\ude00\"",
		"\"caf\xc3\xa9\"", "0", "-0", "12", "-1.5", "1e3", "2E-7", "1.25e+10", "true", "false",
		"null", "[]", "{}", "[1, \"a\", null]", " [ {\"k\" : [ ] } , 2 ] ",
		"\"a\tb\"", "\"a\x1b[2Jb\"", "\"a\x7f\"", "\"a\\qb\"", "\"a\\u12\"", "\"\\ud800\"",
		"\"\\ud800\\u0041\"", "\"\\udc00\"", "\"open", "01", "+1", ".5", "1.", "1e", "1x", "-",
		"tru", "True", "nulls", "NaN", "'a'", "[1,]", "[1 2]", "[1", "{\"a\":}", "{\"a\" 1}",
		"{a:1}", "{\"a\":1,}", "1 2", "[\"x\" \"y\"]", "{\"a\":1 \"b\":2}",
		/* numbers at the edges of PostgreSQL's numeric, in which jsonb
		 * keeps them ("value overflows numeric format" past them) */
		"1e131071", "1e131072", "-9.9e131071", "-10e131071", "0.0001e131075", "0.0001e131076",
		"0e131072", "0e1073741822", "0e1073741823", "0e-1073741822", "1e-16383", "1e-16384",
		"1.5e-16383", "-0.0e-16382", "-0.0e-16383", "1E+0000000000000000000131071",
		"1e99999999999999999999", "[1, 1e200000]", "{\"a\": [1e-200000]}",
	};
	char *ci = testdb_conninfo(NULL);
	PGconn *c = PQconnectdb(ci);
	free(ci);
	ck_assert_int_eq(PQstatus(c), CONNECTION_OK);
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		size_t at;
		bool ours = json_value_valid(samples[i], strlen(samples[i]), &at);
		ck_assert_msg(ours == pg_reads(c, samples[i]), "%s: client %s, PostgreSQL %s", samples[i],
			      ours ? "takes it" : "refuses it", ours ? "refuses it" : "takes it");
	}
	/* as many digits after the point as numeric keeps, and one more */
	struct strbuf n;
	sb_init(&n);
	sb_add(&n, "0.");
	for (int i = 0; i < 16384; i++) {
		sb_addc(&n, i == 16382 ? '1' : '0');
		if (i < 16382)
			continue;
		size_t at;
		bool ours = json_value_valid(n.buf, n.len, &at);
		ck_assert_msg(ours == pg_reads(c, n.buf), "%zu digits after the point: client %s, PostgreSQL %s",
			      n.len - 2, ours ? "takes it" : "refuses it", ours ? "refuses it" : "takes it");
	}
	sb_done(&n);
	PQfinish(c);
}
END_TEST

static const char good[] =
	"{\"customer\": \"Acme Media\", \"contact\": \"carla@acme.example\",\n"
	" \"request_type\": \"ad_serving\", \"reason\": \"bug\", \"severity\": 3,\n"
	" \"title\": \"Blank placements\", \"description\": \"Placements blank\",\n"
	" \"impact\": \"Lost revenue\", \"object_ids\": [123, 456], \"member_id\": 4242,\n"
	" \"repro_steps\": \"1. open the page\", \"browser\": \"Firefox 133\", \"os\": \"Windows 11\"}";

/* `good` with the first `from` replaced by `to`. Caller frees. */
static char *with(const char *from, const char *to)
{
	const char *at = strstr(good, from);
	ck_assert_ptr_nonnull(at);
	return xasprintf("%.*s%s%s", (int)(at - good), good, to, at + strlen(from));
}

static void assert_no_ticket(void)
{
	testdb_expect("SELECT count(*) FROM tickets", "0");
}

START_TEST(members_postgresql_would_not_read_are_named)
{
	/* a tab pasted into the title */
	char *doc = with("\"Blank placements\"", "\"Blank\tplacements\"");
	ck_assert_int_eq(testdb_cli("eng1", doc, "ticket new --json -"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "\ntitle: is not valid JSON (see line 3, column 17)\n"),
		      "%s", testdb_stderr());
	ck_assert_ptr_null(strstr(testdb_stderr(), "invalid input syntax"));
	free(doc);
	/* several at once, each named, the readable fields judged beside them */
	char *a = with("[123, 456]", "[123, 456,]");
	char *b = xasprintf("%.*s\"member_id\": 04242, \"os\": \"\\ud800\"}",
			    (int)(strstr(a, "\"member_id\"") - a), a);
	ck_assert_int_eq(testdb_cli("eng1", b, "ticket new --json -"), 65);
	const char *e = testdb_stderr();
	ck_assert_msg(strstr(e, "\nobject_ids: is not valid JSON (see line 4, column 52)\n") &&
			      strstr(e, "\nmember_id: is not valid JSON (see line 4, column 69)\n") &&
			      strstr(e, "\nos: is not valid JSON (see line 4, column 82)\n") &&
			      strstr(e, "\nrepro_steps: is required\n") && strstr(e, "\nbrowser: is required\n"),
		      "%s", e);
	free(a);
	free(b);
	/* a key with a \u0000 escape ("unsupported Unicode escape sequence")
	 * and a number numeric cannot hold ("value overflows numeric
	 * format"): each named, no error of the database's */
	a = with("\"member_id\": 4242", "\"member_id\": 4242e131069, \"not\\u0000e\": 1");
	ck_assert_int_eq(testdb_cli("eng1", a, "ticket new --json -"), 65);
	e = testdb_stderr();
	ck_assert_msg(strstr(e, "\nmember_id: is out of range\n") && strstr(e, "\nnot\\u0000e: contains a NUL byte\n") &&
			      !strstr(e, "overflows") && !strstr(e, "Unicode"),
		      "%s", e);
	free(a);
	/* in the reader's language */
	char *lang = getenv("LANG") ? xstrdup(getenv("LANG")) : NULL;
	setenv("LANG", "es_ES.UTF-8", 1);
	doc = with("\"severity\": 3", "\"severity\": tres");
	ck_assert_int_eq(testdb_cli("eng1", doc, "ticket new --json -"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "\nseverity: no es JSON válido (vea la línea 2, columna 61)\n"),
		      "%s", testdb_stderr());
	if (lang)
		setenv("LANG", lang, 1);
	else
		unsetenv("LANG");
	free(lang);
	free(doc);
	assert_no_ticket();
}
END_TEST

START_TEST(document_with_a_byte_order_mark_is_taken)
{
	char *doc = xasprintf("\xef\xbb\xbf%s", good);
	ck_assert_msg(testdb_cli("eng1", doc, "ticket new --json -") == 0, "%s", testdb_stderr());
	testdb_expect("SELECT title FROM tickets", "Blank placements");
	free(doc);
}
END_TEST

static Suite *intake_json_suite(void)
{
	Suite *s = suite_create("intake_json");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, client_and_postgresql_read_the_same_values);
	tcase_add_test(tc, members_postgresql_would_not_read_are_named);
	tcase_add_test(tc, document_with_a_byte_order_mark_is_taken);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(intake_json_suite)
