/* Database tests: intake_resolve, rewritten for speed (issue 19), gives
 * what the original gave for every payload. The original function and its
 * helpers are loaded from tests/db/intake_resolve_orig.sql into schema
 * intake_orig; tests/db/intake_equiv_corpus.sql builds some 12,000
 * payloads (every reference row given every way, every field missing,
 * blank, of every JSON type, too long, with control characters, bad ids
 * and lists, unknown keys, bad idempotency keys, two such changes at once,
 * non-object payloads, NULL); both functions run over all of them and
 * their (t, problems, emergency), compared as text, must be the same. Once
 * with the intake fields of the baseline, once with fields a deployment
 * added (of every kind that has no column of its own, one named like a
 * column of tickets, and a second case reason and customer). The corpus
 * judged 1,000 payloads a call (intake_resolve_many, as an import does)
 * gives what one call a payload gives. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testdb.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* The text of tests/db/NAME (from TICKETTY_SRCDIR, which tests/run.sh
 * sets, else from the current directory). Caller frees. */
static char *fixture_file(const char *name)
{
	const char *dir = getenv("TICKETTY_SRCDIR");
	char *path = xasprintf("%s/tests/db/%s", dir && *dir ? dir : ".", name);
	FILE *f = fopen(path, "r");
	if (!f)
		ck_abort_msg("cannot read %s (run through tests/run.sh, or from the source tree)", path);
	struct strbuf sb;
	sb_init(&sb);
	if (!sb_add_stream(&sb, f))
		ck_abort_msg("cannot read %s", path);
	fclose(f);
	free(path);
	char *text = sb_detach(&sb);
	sb_done(&sb);
	return text;
}

static void run_file(const char *name)
{
	char *sql = fixture_file(name);
	testdb_sql(sql);
	free(sql);
}

static void setup(void)
{
	testdb_create();
	testdb_clock("2026-11-18T15:00:00Z", TESTDB_CLOCK_RUNNING);
	run_file("intake_resolve_orig.sql");
}

/* Both functions over the corpus: fails naming the first payloads whose
 * results differ (cut to 3000 characters: Check refuses a longer
 * message); else checks the corpus is what it should be (large, with
 * tickets taken and refused). */
static void assert_same_over_the_corpus(void)
{
	run_file("intake_equiv_corpus.sql");
	/* an error is an outcome too (its SQLSTATE and message), though
	 * neither side may raise one: see below */
	testdb_sql("CREATE FUNCTION public.equiv_was(p jsonb) RETURNS text LANGUAGE plpgsql AS $$"
		   " BEGIN RETURN (intake_orig.intake_resolve(p))::text;"
		   " EXCEPTION WHEN OTHERS THEN RETURN 'ERROR ' || SQLSTATE || ': ' || SQLERRM; END $$;"
		   "CREATE FUNCTION public.equiv_now(p jsonb) RETURNS text LANGUAGE plpgsql AS $$"
		   " BEGIN RETURN (ticketty.intake_resolve(p))::text;"
		   " EXCEPTION WHEN OTHERS THEN RETURN 'ERROR ' || SQLSTATE || ': ' || SQLERRM; END $$;"
		   "CREATE TABLE public.intake_equiv AS"
		   " SELECT c.n, c.payload, public.equiv_was(c.payload) AS was, public.equiv_now(c.payload) AS now"
		   "   FROM public.intake_corpus c");
	char *differ = testdb_value("SELECT count(*) FROM public.intake_equiv WHERE was IS DISTINCT FROM now", 0, NULL);
	if (strcmp(differ, "0") != 0) {
		char *first = testdb_value(
			"SELECT left(string_agg(format(E'payload %s: %s\\n  original: %s\\n  current:  %s',"
			"                              n, left(payload::text, 300), left(was, 600), left(now, 600)),"
			"                       E'\\n' ORDER BY n), 3000)"
			"  FROM (SELECT * FROM public.intake_equiv WHERE was IS DISTINCT FROM now ORDER BY n LIMIT 3) d",
			0, NULL);
		ck_abort_msg("intake_resolve differs from the original on %s payloads; the first:\n%s", differ, first);
	}
	free(differ);
	/* no payload makes the check raise an error instead of refusing a
	 * field: both functions raised 22P02 "malformed array literal" for
	 * screenshots made of blank lines holding a vertical tab (" \v\n "),
	 * agreeing with each other; the reference got the same fix
	 * (intake_resolve_orig.sql, FIXED IN BOTH) */
	char *raised = testdb_value(
		"SELECT count(*) || coalesce(E'; the first: payload ' || min(n) || E'\n  '"
		"       || left(min(now) FILTER (WHERE n = m), 600), '')"
		"  FROM public.intake_equiv, (SELECT min(n) AS m FROM public.intake_equiv"
		"                              WHERE now LIKE 'ERROR %' OR was LIKE 'ERROR %') f"
		" WHERE now LIKE 'ERROR %' OR was LIKE 'ERROR %'",
		0, NULL);
	ck_assert_msg(!strcmp(raised, "0"), "intake_resolve raised an error for %s", raised);
	free(raised);
	/* an import judges up to 1,000 payloads in one call of
	 * intake_resolve_many: each gets what a call of its own gives (no
	 * payload's row, refusals or emergency leaks into the next one) */
	char *batch = testdb_value(
		"WITH c AS (SELECT row_number() OVER (ORDER BY n) AS i, n, payload, now FROM public.intake_equiv),"
		" b AS (SELECT (i - 1) / 1000 AS g, array_agg(payload ORDER BY i) AS ps, array_agg(n ORDER BY i) AS ns"
		"         FROM c GROUP BY 1),"
		" m AS (SELECT b.ns[r.item] AS n, ROW(r.t, r.problems, r.emergency)::text AS batch"
		"         FROM b CROSS JOIN LATERAL ticketty.intake_resolve_many(b.ps) r)"
		" SELECT count(*) || '/' || count(*) FILTER (WHERE m.batch IS DISTINCT FROM c.now)"
		"        || coalesce(E'; the first: payload ' || min(c.n) FILTER (WHERE m.batch IS DISTINCT FROM c.now), '')"
		"   FROM c LEFT JOIN m ON m.n = c.n", 0, NULL);
	char *all = testdb_value("SELECT count(*) FROM public.intake_equiv", 0, NULL);
	char *want = xasprintf("%s/0", all);
	ck_assert_msg(!strcmp(batch, want), "intake_resolve_many, 1,000 a call, against a call each: %s differ", batch);
	free(want);
	free(all);
	free(batch);
	/* the corpus is no trivial one: many payloads, both outcomes, every
	 * refusal code the check has */
	testdb_expect("SELECT count(*) > 10000 FROM public.intake_equiv", "t");
	testdb_expect("SELECT count(*) > 500 FROM public.intake_equiv WHERE now ~ ',\\{\\},[tf]\\)$'", "t");
	testdb_expect("SELECT string_agg(DISTINCT split_part(l, E'\\t', 2), ' ' ORDER BY split_part(l, E'\\t', 2))"
		      "  FROM public.intake_equiv, unnest(CASE WHEN now NOT LIKE 'ERROR %'"
		      "       THEN (ticketty.intake_resolve(payload)).problems END) l",
		      "account_rep empty_list inactive malformed no_version not_a_number not_one_line"
		      " not_spoc other_customer required too_long unknown");
}

START_TEST(original_and_current_agree_on_every_payload)
{
	assert_same_over_the_corpus();
}
END_TEST

START_TEST(original_and_current_agree_with_fields_a_deployment_added)
{
	/* fields without a column of their own (tickets.extra), of every kind
	 * but the looked-up ones, required or not, for every condition, one
	 * of them named like a column of tickets; and two of looked-up kinds */
	testdb_sql("INSERT INTO ticketty.intake_fields"
		   " (name, label, kind, required, applies_when, position, max_length, help) VALUES"
		   " ('campaign', 'Campaign', 'text', false, 'always', 65, 50, 'The campaign.'),"
		   " ('ticket_refs', 'Related tickets', 'id_list', false, 'always', 95, NULL, 'Tickets.'),"
		   " ('order_ids', 'Order IDs', 'id_list', true, 'emergency', 96, NULL, 'Orders.'),"
		   " ('po_number', 'PO number', 'id', true, 'always', 105, NULL, 'The order.'),"
		   " ('notes', 'Notes', 'multiline', false, 'always', 135, 500, 'Anything else.'),"
		   " ('log_urls', 'Log URLs', 'url_list', true, 'ui_related', 145, 300, 'Logs.'),"
		   " ('alt_phone', 'Alternate phone', 'phone', true, 'emergency', 175, 30, 'Another phone.'),"
		   " ('status', 'Status note', 'text', false, 'always', 180, NULL, 'Named like a column.'),"
		   /* a second field of a looked-up kind: its own value for the
		    * case reason (the later one's id wins), the payload's
		    * customer for a customer */
		   " ('alt_reason', 'Other reason', 'reason', false, 'always', 45, NULL, 'Another reason.'),"
		   " ('payer', 'Paying customer', 'customer', false, 'always', 15, NULL, 'Who pays.')");
	assert_same_over_the_corpus();
	/* and the added fields did reach tickets.extra */
	testdb_expect("SELECT count(*) > 0 FROM public.intake_equiv"
		      " WHERE CASE WHEN now NOT LIKE 'ERROR %'"
		      "            THEN (ticketty.intake_resolve(payload)).t.extra ? 'status' END", "t");
}
END_TEST

static Suite *intake_equiv_suite(void)
{
	Suite *s = suite_create("intake_equiv");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, original_and_current_agree_on_every_payload);
	tcase_add_test(tc, original_and_current_agree_with_fields_a_deployment_added);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(intake_equiv_suite)
