/* Database tests of search (sql/070_search.sql, src/model/search.c):
 * ranking, open tickets first, accents, IDs, phrases, exclusions and "or",
 * the index kept current by triggers (and equal to a rebuild), refusals,
 * every role's permission to search, the customer's history, the intake
 * duplicate hint, links (related, duplicate of) and the CLI twins with
 * --json. */
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "db/migrate.h"
#include "model/search.h"
#include "search_ids.h"
#include "testdb.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* Two customers with a SPOC each. */
static void customers(void)
{
	testdb_create();
	testdb_sql(
		"INSERT INTO customers (name, member_id, plan) VALUES"
		" ('Acme Media', 4242, 'premium'), ('Globex Publishing', 5151, 'basic');"
		"INSERT INTO contacts (customer_id, name, email, spoc)"
		" SELECT id, CASE member_id WHEN 4242 THEN 'Carla Núñez' ELSE 'Gus Grant' END,"
		"        CASE member_id WHEN 4242 THEN 'carla@acme.example' ELSE 'gus@globex.example' END, true"
		"   FROM customers;");
}

/* A ticket of customer `member` (4242 or 5151) with this text; `status`
 * 'new' or 'closed'; age_min minutes old. Returns its id. */
static long long ticket(int member, const char *title, const char *description,
			const char *object_ids, const char *status, int age_min)
{
	char m[16], age[16];
	snprintf(m, sizeof(m), "%d", member);
	snprintf(age, sizeof(age), "%d", age_min);
	const char *p[6] = { m, title, description, object_ids, status, age };
	char *v = testdb_value(
		"INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id,"
		"  severity, status, title, description, impact, object_ids, member_id, bidder_id, creative_id,"
		"  repro_steps, browser, os, calendar_id, plan, created_at, first_response_due, resolution_due,"
		"  resolved_at, closed_at)"
		" SELECT c.id, ct.id, rt.id, rt.team_id, (SELECT min(id) FROM case_reasons), 3,"
		"  $5::ticket_status, $2, $3, 'Campaign stopped', string_to_array($4, ' '), c.member_id,"
		"  77001, 88002, '1. open 2. look', 'Firefox 128.0', 'Windows 11 23H2', c.calendar_id, c.plan,"
		"  now() - $6::int * interval '1 minute', now() + interval '1 hour', now() + interval '1 day',"
		"  CASE WHEN $5 = 'closed' THEN now() END, CASE WHEN $5 = 'closed' THEN now() END"
		" FROM customers c JOIN contacts ct ON ct.customer_id = c.id,"
		"  LATERAL (SELECT id, team_id FROM request_types WHERE team_id IS NOT NULL ORDER BY position LIMIT 1) rt"
		" WHERE c.member_id = $1::bigint RETURNING id", 6, p);
	ck_assert_ptr_nonnull(v);
	long long id = strtoll(v, NULL, 10);
	free(v);
	return id;
}

static void note(long long id, const char *kind, const char *body)
{
	char i[24];
	snprintf(i, sizeof(i), "%lld", id);
	const char *p[3] = { i, kind, body };
	free(testdb_value("INSERT INTO comments (ticket_id, kind, body) VALUES ($1::bigint, $2::comment_kind, $3)"
			  " RETURNING id", 3, p));
}

static void expect(const char *query, bool all, const char *customer, const char *want)
{
	char *got = search_ids_as(NULL, query, all, customer);
	ck_assert_msg(!strcmp(got, want), "search '%s'%s: want [%s], got [%s]", query,
		      all ? " (all)" : "", want, got);
	free(got);
}

static char *fmt_ids(int n, const long long *ids)
{
	struct strbuf sb;
	sb_init(&sb);
	for (int i = 0; i < n; i++)
		sb_addf(&sb, "%s%lld", i ? " " : "", ids[i]);
	return sb_detach(&sb);
}

START_TEST(ranking_and_open_first)
{
	customers();
	long long in_note = ticket(4242, "Numbers look odd", "Something is off", "1001", "new", 30);
	long long in_desc = ticket(4242, "Report question", "The viewability column is empty", "1002", "new", 20);
	long long in_title = ticket(4242, "Viewability drops to zero", "Since Monday", "1003", "new", 10);
	long long closed = ticket(4242, "Viewability viewability everywhere", "viewability", "1004", "closed", 5);
	long long unrelated = ticket(4242, "Invoice", "Wrong currency", "1005", "new", 1);
	note(in_note, "internal", "Customer says viewability is broken");
	(void)unrelated;
	long long want[] = { in_title, in_desc, in_note, closed };
	char *w = fmt_ids(4, want);
	expect("viewability", false, NULL, w);
	free(w);
	/* --all: one ranking; the closed ticket says it most */
	long long want_all[] = { closed, in_title, in_desc, in_note };
	w = fmt_ids(4, want_all);
	expect("viewability", true, NULL, w);
	free(w);
}
END_TEST

START_TEST(accents_phrases_exclusions_or)
{
	customers();
	long long fact = ticket(4242, "Facturación duplicada", "La facturación de marzo sale dos veces", "2001", "new", 9);
	long long zur = ticket(5151, "Geo targeting", "Zürich and Genève return no impressions", "2002", "new", 8);
	long long render = ticket(4242, "Placements render blank", "The leaderboard stays white", "2003", "new", 7);
	long long video = ticket(4242, "Video blank", "The video player renders a black frame", "2004", "new", 6);
	long long apart = ticket(4242, "Blank then render", "blank frames render late", "2005", "new", 5);
	char *w;

	/* accents ignored both ways */
	w = xasprintf("%lld", fact);
	expect("facturacion", false, NULL, w);
	expect("FACTURACIÓN", false, NULL, w);
	free(w);
	w = xasprintf("%lld", zur);
	expect("zurich geneve", false, NULL, w);
	free(w);
	/* a phrase needs the words side by side */
	w = xasprintf("%lld", render);
	expect("\"render blank\"", false, NULL, w);
	free(w);
	/* -word excludes */
	long long want_ex[] = { apart, render };
	w = fmt_ids(2, want_ex);
	expect("blank -video", false, NULL, w);
	free(w);
	/* or */
	long long want_or[] = { fact, zur };   /* facturacion twice (title, description) */
	w = fmt_ids(2, want_or);
	expect("zurich or facturacion", false, NULL, w);
	free(w);
	/* customer and contact names, addresses, with the filter */
	w = xasprintf("%lld", zur);
	expect("gus@globex.example", false, NULL, w);
	expect("impressions", false, "Globex Publishing", w);
	expect("impressions", false, "5151", w);
	free(w);
	expect("impressions", false, "acme media", "");
	(void)video;
}
END_TEST

START_TEST(every_id)
{
	customers();
	long long a = ticket(4242, "Line item stuck", "Nothing delivers", "li-98765 33445566", "new", 9);
	long long b = ticket(5151, "Other", "Mentions 33445566 in passing", "999", "new", 8);
	testdb_sql("UPDATE tickets SET bug_ref = 'ENG-4821', bidder_id = 60606, creative_id = 70707"
		   " WHERE title = 'Line item stuck'");
	char *w = xasprintf("%lld", a);
	expect("li-98765", false, NULL, w);
	expect("ENG-4821", false, NULL, w);
	expect("60606", false, NULL, w);
	expect("70707", false, NULL, w);
	expect("4242", false, NULL, w);   /* member ID */
	/* the number of an ID that has it after a hyphen, alone (500) */
	expect("4821", false, NULL, w);
	expect("98765", false, NULL, w);
	free(w);
	/* a bug reference that is a link, found by the link pasted whole */
	testdb_sql("UPDATE tickets SET bug_ref = 'https://jira.example.com/browse/ADX-991' WHERE title = 'Other'");
	w = xasprintf("%lld", b);
	expect("https://jira.example.com/browse/ADX-991", false, NULL, w);
	free(w);
	/* object ID: the ticket that lists it (weight A) before a mention */
	long long want[] = { a, b };
	w = fmt_ids(2, want);
	expect("33445566", false, NULL, w);
	free(w);
	/* a ticket number: that ticket first */
	char q[32];
	snprintf(q, sizeof(q), "#%lld", b);
	char *got = search_ids_as(NULL, q, false, NULL);
	char *want_first = xasprintf("%lld", b);
	ck_assert_msg(!strncmp(got, want_first, strlen(want_first)), "#%lld: got [%s]", b, got);
	free(got);
	free(want_first);
}
END_TEST

START_TEST(kept_current_and_equal_to_rebuild)
{
	customers();
	testdb_agent("srch_eng", "engineer");
	long long id = ticket(4242, "Quiet ticket", "Nothing special", "3001", "new", 3);
	expect("kumquat", false, NULL, "");
	/* a note through the API becomes searchable at once */
	struct db *db = testdb_open("srch_eng");
	struct tt_error err;
	tt_error_init(&err);
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT ticketty.api_ticket_note(%lld, NULL, 'the kumquat pixel fires twice')", id);
	PGresult *r = db_exec(db, sql, 0, NULL, &err);
	ck_assert_msg(r != NULL, "%s", err.message ? err.message : "?");
	PQclear(r);
	db_close(db);
	char *w = xasprintf("%lld", id);
	expect("kumquat", false, NULL, w);
	expect("\"kumquat pixel\"", false, NULL, w);
	/* a changed title and a renamed customer are followed */
	testdb_sql("UPDATE tickets SET title = 'Loud ticket' WHERE title = 'Quiet ticket'");
	expect("loud", false, NULL, w);
	expect("quiet", false, NULL, "");
	testdb_sql("UPDATE customers SET name = 'Acme Zeppelin' WHERE member_id = 4242");
	expect("zeppelin", false, NULL, w);
	/* closing moves it after the open ones */
	long long other = ticket(4242, "Kumquat again", "kumquat", "3002", "new", 1);
	testdb_sql("UPDATE tickets SET status = 'closed', resolved_at = created_at, closed_at = created_at"
		   " WHERE title = 'Kumquat again'");
	char *both = xasprintf("%lld %lld", id, other);
	expect("kumquat", false, NULL, both);
	free(both);
	free(w);
	/* what the triggers built step by step is what a rebuild builds */
	char *diff = testdb_value("SELECT count(*) FROM ticket_search s JOIN tickets t ON t.id = s.ticket_id"
				  " WHERE s.doc <> search_doc(t) OR s.is_open <> t.is_open", 0, NULL);
	ck_assert_str_eq(diff, "0");
	free(diff);
	char *before = testdb_value("SELECT string_agg(md5(doc::text), ',' ORDER BY ticket_id) FROM ticket_search", 0, NULL);
	free(testdb_value("SELECT search_rebuild()", 0, NULL));
	char *after = testdb_value("SELECT string_agg(md5(doc::text), ',' ORDER BY ticket_id) FROM ticket_search", 0, NULL);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
}
END_TEST

/* An ID that a link, a path, a file name or an address holds ("ADX-991"
 * in "https://jira.example.com/browse/ADX-991", "ADX-992.log",
 * "tools/ADX-993") is found alone: the parser reads such a token whole,
 * so its words were never indexed (650). The vectors stay those of a
 * rebuild, and the link pasted whole still finds its ticket. */
START_TEST(ids_inside_links_and_paths)
{
	customers();
	long long a = ticket(4242, "Pacing broken", "See the engineering ticket", "1001", "new", 9);
	long long b = ticket(4242, "Logs attached", "The log ADX-992.log shows it", "1002", "new", 8);
	long long c = ticket(5151, "Other", "Nothing here", "1003", "new", 7);
	long long d = ticket(5151, "Unrelated", "ADX without a number", "1004", "new", 6);
	(void)d;
	testdb_sql("UPDATE tickets SET bug_ref = 'https://jira.example.com/browse/ADX-991' WHERE title = 'Pacing broken'");
	note(c, "internal", "Tracked in jira.example.com/browse/ADX-994?focus=1 and tools/ADX-993");
	char *w = xasprintf("%lld", a);
	expect("ADX-991", false, NULL, w);
	expect("adx-991", false, NULL, w);
	expect("https://jira.example.com/browse/ADX-991", false, NULL, w);
	free(w);
	w = xasprintf("%lld", b);
	expect("ADX-992", false, NULL, w);
	free(w);
	w = xasprintf("%lld", c);
	expect("ADX-993", false, NULL, w);
	expect("ADX-994", false, NULL, w);
	free(w);
	expect("ADX-995", false, NULL, "");
	/* the triggers' vectors are a rebuild's */
	char *diff = testdb_value("SELECT count(*) FROM tickets t"
				  "  JOIN ticket_search s ON s.ticket_id = t.id JOIN ticket_search_shared h ON h.ticket_id = t.id"
				  " WHERE s.doc <> search_doc(t) OR h.doc <> search_shared_doc(t)", 0, NULL);
	ck_assert_str_eq(diff, "0");
	free(diff);
}
END_TEST

/* One reference, four spellings: the parser stores "ADX-991" as 'adx' and
 * a signed '-991', and "ADX_991", "ADX 991" and "ADX–991" (en dash) as
 * 'adx' and '991'. Each spelling in the query finds all four tickets
 * (750); a neighbouring number does not. */
START_TEST(one_reference_in_any_spelling)
{
	customers();
	long long a = ticket(4242, "Hyphen", "Tracked as ADX-991 upstream", "1001", "new", 9);
	long long b = ticket(4242, "Underscore", "Tracked as ADX_991 upstream", "1002", "new", 8);
	long long c = ticket(5151, "Space", "Tracked as ADX 991 upstream", "1003", "new", 7);
	long long d = ticket(5151, "Dash", "Tracked as ADX\u2013991 upstream", "1004", "new", 6);
	ticket(5151, "Neighbour", "Tracked as ADX-992 upstream", "1005", "new", 5);
	long long want[] = { d, c, b, a };   /* equal ranks: the newest first */
	char *w = fmt_ids(4, want);
	expect("ADX-991", false, NULL, w);
	expect("ADX_991", false, NULL, w);
	expect("ADX 991", false, NULL, w);
	expect("ADX\u2013991", false, NULL, w);
	expect("\"ADX-991\"", false, NULL, w);
	free(w);
}
END_TEST

/* A new ticket's two vectors are built by the insert trigger itself (not
 * through search_refresh): they must be exactly what search_doc and
 * search_shared_doc make of the stored row (the same words at the same
 * positions, the contact in one only), with and without optional fields. */
START_TEST(new_ticket_vectors_equal_the_rebuild)
{
	customers();
	ticket(4242, "Blank frames on the sports page", "Placement 77 renders nothing", "3001 3002", "new", 3);
	ticket(5151, "Créditos duplicados", "facturación doble", "4001", "closed", 2);
	testdb_sql("UPDATE customers SET name = 'Acme Zeppelin' WHERE member_id = 4242");
	ticket(4242, "Bare", "no optional fields", "5001", "new", 1);
	testdb_sql("INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id,"
		   "  severity, status, title, description, impact, object_ids, member_id, bug_ref,"
		   "  repro_steps, browser, os, calendar_id, plan)"
		   " SELECT customer_id, contact_id, request_type_id, team_id, reason_id, severity, 'new',"
		   "  'Bare too', 'none', 'none', '{6001}', member_id, 'BUG-12 pixel', 'x', 'Firefox 128.0', 'Windows 11 23H2',"
		   "  calendar_id, plan FROM tickets WHERE title = 'Bare'");
	char *n = testdb_value("SELECT count(*) FROM ticket_search s JOIN ticket_search_shared h USING (ticket_id)", 0, NULL);
	ck_assert_str_eq(n, "4");
	free(n);
	char *diff = testdb_value(
		"SELECT count(*) FROM tickets t"
		"  JOIN ticket_search s ON s.ticket_id = t.id JOIN ticket_search_shared h ON h.ticket_id = t.id"
		" WHERE s.doc <> search_doc(t) OR h.doc <> search_shared_doc(t)"
		"    OR (s.customer_id, s.is_open, s.created_at) <> (t.customer_id, t.is_open, t.created_at)"
		"    OR (h.customer_id, h.is_open, h.created_at) <> (t.customer_id, t.is_open, t.created_at)", 0, NULL);
	ck_assert_str_eq(diff, "0");
	free(diff);
	/* the contact is searchable by support staff only */
	char *c = testdb_value("SELECT count(*) FILTER (WHERE s.doc @@ 'carla'::tsquery)::text || '/'"
			       "    || count(*) FILTER (WHERE h.doc @@ 'carla'::tsquery)"
			       "  FROM ticket_search s JOIN ticket_search_shared h USING (ticket_id)", 0, NULL);
	ck_assert_str_eq(c, "3/0");
	free(c);
}
END_TEST

static const char *search_state(const char *login, const char *query)
{
	static char state[8];
	struct db *db = testdb_open(login);
	struct search_opts o = { query, false, NULL, 20 };
	struct search_list l;
	struct tt_error err;
	tt_error_init(&err);
	search_list_init(&l);
	int rc = search_run(db, &o, &l, &err);
	snprintf(state, sizeof(state), "%s", rc ? err.sqlstate : "");
	search_list_done(&l);
	tt_error_clear(&err);
	db_close(db);
	return state;
}

START_TEST(refusals)
{
	customers();
	ck_assert_str_eq(search_state(NULL, ""), "TT400");
	ck_assert_str_eq(search_state(NULL, "the of and"), "TT400");
	ck_assert_str_eq(search_state(NULL, "-blank"), "TT400");
	ck_assert_int_eq(testdb_cli(NULL, NULL, "search the"), 77);   /* superuser is no agent */
	testdb_agent("srch_eng", "engineer");
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, "search the"), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "query: has no word to look for"));
	/* punctuation alone holds no word, not only very common ones */
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, "search '!!! ?'"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "query: has no letter or digit to look for") &&
		      !strstr(testdb_stderr(), "very common"), "stderr: %s", testdb_stderr());
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, "search -- -blank"), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "query: needs at least one word"));
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, "search blank --customer 'Nobody Inc'"), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "customer: is unknown"));
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, "search"), 64);
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, "search blank --limit 0"), 64);
	/* an empty --customer (a script's unset "$C") is refused, never read
	 * as every customer */
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, "search blank --customer ''"), 64);
	ck_assert_msg(strstr(testdb_stderr(), "--customer needs"), "%s", testdb_stderr());
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, "search blank --customer= --json"), 64);
}
END_TEST

START_TEST(every_role_may_search)
{
	static const char *const roles[] = { "engineer", "csm", "coo", "ceo", "pm", "developer", "admin", NULL };
	customers();
	long long id = ticket(4242, "Pixel fires twice", "conversions doubled", "4001", "new", 2);
	char *w = xasprintf("%lld", id);
	for (int i = 0; roles[i]; i++) {
		char login[32];
		snprintf(login, sizeof(login), "srch_%s", roles[i]);
		testdb_agent(login, roles[i]);
		char *got = search_ids_as(login, "pixel", false, NULL);
		ck_assert_msg(!strcmp(got, w), "%s: got [%s]", roles[i], got);
		free(got);
		char *args = xasprintf("search pixel --json");
		ck_assert_int_eq(testdb_cli(login, NULL, args), 0);
		free(args);
		ck_assert_msg(strstr(testdb_stdout(), "\"title\" : \"Pixel fires twice\""), "%s", testdb_stdout());
		args = xasprintf("ticket history %lld --json", id);
		ck_assert_int_eq(testdb_cli(login, NULL, args), 0);
		free(args);
		ck_assert_int_eq(testdb_cli(login, NULL, "ticket similar --customer 4242 --title 'Pixel fires'"), 0);
	}
	free(w);
	/* a login that is no agent cannot read the index at all */
	testdb_sql("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'srch_stranger')"
		   " THEN CREATE ROLE srch_stranger LOGIN; END IF; END $$");
	ck_assert_str_eq(search_state("srch_stranger", "pixel"), "42501");
	ck_assert_int_eq(testdb_cli("srch_stranger", NULL, "search pixel"), 77);
	/* the schema stays closed to writes */
	char *bad = testdb_value("SELECT coalesce(string_agg(object || ': ' || problem, '; '), '')"
				 " FROM security_violations()", 0, NULL);
	ck_assert_msg(!strcmp(bad, ""), "%s", bad);
	free(bad);
}
END_TEST

START_TEST(history_and_duplicates)
{
	customers();
	testdb_agent("srch_eng", "engineer");
	long long me = ticket(4242, "Placements render blank since this morning", "empty frames", "5001 5002", "new", 50);
	long long old_closed = ticket(4242, "Invoice wrong", "currency", "5003", "closed", 40);
	long long open_same = ticket(4242, "Placements render blank on mobile", "white slot", "5004", "new", 30);
	long long shares = ticket(4242, "Budget not applied", "PUT ignored", "5002 5005", "new", 20);
	long long other_cust = ticket(5151, "Placements render blank since this morning", "same words", "5001", "new", 10);

	/* the customer's other tickets: open ones newest first, then closed */
	char *args = xasprintf("ticket history %lld", me);
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, args), 0);
	free(args);
	const char *out = testdb_stdout();
	char *a = xasprintf("%lld  ", shares), *b = xasprintf("%lld  ", open_same), *c = xasprintf("%lld  ", old_closed);
	ck_assert_msg(strstr(out, a) && strstr(out, b) && strstr(out, c) &&
		      strstr(out, a) < strstr(out, b) && strstr(out, b) < strstr(out, c), "%s", out);
	ck_assert_msg(!strstr(out, "same words") && !strstr(out, "since this morning"), "%s", out);
	free(a);
	free(b);
	free(c);
	/* a table under a header (the columns were not aligned) */
	ck_assert_msg(!strncmp(out, "ID ", 3) && strstr(out, "  STATUS  SEV ") && strstr(out, "  TITLE\n") &&
		      strstr(out, "  3 High  "), "%s", out);
	/* a wrong ticket is named (it said the customer had no other tickets) */
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, "ticket history 999999"), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "ticket 999999 not found"));

	/* duplicates: a shared object ID first, then a close title; never another customer or a closed one */
	ck_assert_int_eq(testdb_cli("srch_eng", NULL,
		"ticket similar --customer 'Acme Media' --title 'Placements render blank since noon'"
		" --object-ids '5005, 9999' --json"), 0);
	out = testdb_stdout();
	a = xasprintf("\"id\" : %lld", shares);
	b = xasprintf("\"id\" : %lld", me);
	c = xasprintf("\"id\" : %lld", other_cust);
	ck_assert_msg(strstr(out, a) && strstr(out, b) && strstr(out, a) < strstr(out, b), "%s", out);
	ck_assert_msg(!strstr(out, c), "%s", out);
	ck_assert_ptr_nonnull(strstr(out, "\"shared_object_ids\" : [\"5005\"]"));
	free(a);
	free(b);
	free(c);
	/* as text: a table, the shared IDs on a line under the row */
	ck_assert_int_eq(testdb_cli("srch_eng", NULL,
		"ticket similar --customer 'Acme Media' --title 'Placements render blank since noon'"
		" --object-ids '5005, 9999'"), 0);
	out = testdb_stdout();
	a = xasprintf("\n%lld ", shares);
	ck_assert_msg(!strncmp(out, "ID ", 3) && strstr(out, a) && strstr(out, "  Budget not applied\n    shares object IDs 5005\n"),
		      "%s", out);
	free(a);
	/* search: customer and title in their columns, the snippet under the row */
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, "search ignored"), 0);
	out = testdb_stdout();
	ck_assert_msg(!strncmp(out, "ID ", 3) && strstr(out, "  CUSTOMER    TITLE\n") &&
		      strstr(out, "  Acme Media  Budget not applied\n    PUT [ignored] "), "%s", out);
	/* unrelated title, no shared ID: nothing */
	ck_assert_int_eq(testdb_cli("srch_eng", NULL,
		"ticket similar --customer 'Acme Media' --title 'Quarterly business review'"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "no open ticket of this customer looks the same"));
}
END_TEST

/* ticket show names the customer's other tickets under the fields: the
 * open ones first, newest first, five at most, then how many more there
 * are, counted up to 100 ("95+ more"), and the command that lists them
 * all; never another customer's; none said when there are none. --json
 * carries the same list. */
START_TEST(ticket_show_names_other_tickets)
{
	customers();
	testdb_agent("srch_eng", "engineer");
	long long me = ticket(4242, "The one shown", "d", "5001", "new", 50);
	long long closed = ticket(4242, "Invoice wrong", "currency", "5003", "closed", 60);
	long long open1 = ticket(4242, "Budget not applied", "PUT ignored", "5005", "new", 20);
	long long open2 = ticket(4242, "Pacing stops at noon", "x", "5006", "new", 10);
	long long alone = ticket(5151, "Somebody else's", "same words", "5001", "new", 10);

	char *args = xasprintf("ticket show %lld", me);
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, args), 0);
	const char *out = testdb_stdout();
	char *want = xasprintf("\nOther tickets of Acme Media\n"
			       "  #%lld  3 High  new     Pacing stops at noon\n"
			       "  #%lld  3 High  new     Budget not applied\n"
			       "  #%lld  3 High  closed  Invoice wrong\n\n",
			       open2, open1, closed);
	ck_assert_msg(strstr(out, want), "want:\n%s\ngot:\n%s", want, out);
	ck_assert_msg(!strstr(out, "more ticket") && !strstr(out, "Somebody else"), "%s", out);
	free(want);
	free(args);

	/* json: the same list, and that no more are left */
	args = xasprintf("ticket show %lld --json", me);
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, args), 0);
	free(args);
	char *sql = xasprintf("SELECT string_agg(e->>'id' || ' ' || (e->>'open'), ',')"
			      " || ' ' || ($1::jsonb->>'other_tickets_more')"
			      " FROM jsonb_array_elements($1::jsonb->'other_tickets') e");
	const char *p1[1] = { testdb_stdout() };
	char *got = testdb_value(sql, 1, p1);
	want = xasprintf("%lld true,%lld true,%lld false false", open2, open1, closed);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);

	/* a hundred and ten more closed ones: five shown, the rest counted
	 * up to a hundred */
	testdb_sql("INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id,"
		   "  severity, status, title, description, impact, object_ids, member_id, repro_steps,"
		   "  browser, os, calendar_id, plan, created_at, first_response_due, resolution_due,"
		   "  resolved_at, closed_at)"
		   " SELECT t.customer_id, t.contact_id, t.request_type_id, t.team_id, t.reason_id, 4,"
		   "  'closed', 'Old ' || g, 'd', 'i', '{1}', t.member_id, 'r', 'b', 'o', t.calendar_id,"
		   "  t.plan, t.created_at - g * interval '1 hour', t.first_response_due, t.resolution_due,"
		   "  t.created_at, t.created_at"
		   " FROM tickets t, generate_series(1, 110) g WHERE t.title = 'Invoice wrong'");
	args = xasprintf("ticket show %lld", me);
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, args), 0);
	free(args);
	out = testdb_stdout();
	char *old1 = testdb_value("SELECT id FROM tickets WHERE title = 'Old 1'", 0, NULL);
	char *old2 = testdb_value("SELECT id FROM tickets WHERE title = 'Old 2'", 0, NULL);
	want = xasprintf("  #%lld  3 High  closed  Invoice wrong\n"
			 "  #%s  4 Med   closed  Old 1\n"
			 "  #%s  4 Med   closed  Old 2\n"
			 "  95+ more tickets: ticketty ticket history %lld\n",
			 closed, old1, old2, me);
	free(old1);
	free(old2);
	ck_assert_msg(strstr(out, want), "want:\n%s\ngot:\n%s", want, out);
	free(want);
	args = xasprintf("ticket show %lld --json", me);
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, args), 0);
	free(args);
	const char *p2[1] = { testdb_stdout() };
	got = testdb_value("SELECT jsonb_array_length($1::jsonb->'other_tickets')"
			   " || ' ' || ($1::jsonb->>'other_tickets_more')", 1, p2);
	ck_assert_str_eq(got, "5 true");
	free(got);
	free(sql);

	/* the other customer has no other ticket: nothing said */
	args = xasprintf("ticket show %lld", alone);
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, args), 0);
	free(args);
	ck_assert_msg(!strstr(testdb_stdout(), "Other tickets"), "%s", testdb_stdout());
}
END_TEST

START_TEST(links)
{
	customers();
	testdb_agent("srch_eng", "engineer");
	testdb_agent("srch_eng2", "engineer");
	testdb_agent("srch_pm", "pm");
	long long dup = ticket(4242, "Blank ads", "blank", "6001", "new", 30);
	long long keep = ticket(4242, "Placements render blank", "blank", "6002", "new", 20);
	long long rel = ticket(4242, "Related thing", "x", "6003", "new", 10);
	long long closed = ticket(4242, "Old", "x", "6004", "closed", 5);
	char *args;

	args = xasprintf("ticket link %lld --related %lld", keep, rel);
	ck_assert_int_eq(testdb_cli("srch_pm", NULL, args), 0);   /* anyone may relate */
	ck_assert_int_eq(testdb_cli("srch_pm", NULL, args), 0);   /* again: no change */
	free(args);
	args = xasprintf("ticket link %lld --related %lld", keep, keep);
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, args), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "other: is the ticket itself"));
	free(args);
	args = xasprintf("ticket link %lld --duplicate-of %lld", dup, closed);
	/* the survivor must be open: no retry mends it (65, not 75); the
	 * reason is said once, the rule on the field's line */
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, args), 65);
	free(args);
	ck_assert_str_eq(testdb_stderr(), "ticketty: a duplicate must point to an open ticket\nother: is not open\n");
	/* already linked as related: unlinking first is what lets it be a
	 * duplicate (65, not 75) */
	args = xasprintf("ticket link %lld --duplicate-of %lld", rel, keep);
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, args), 65);
	ck_assert_msg(strstr(testdb_stderr(), "already linked") && strstr(testdb_stderr(), "\nother: ") &&
		      strstr(testdb_stderr(), "Unlink them first."), "%s", testdb_stderr());
	free(args);
	/* closing as a duplicate is support staff's */
	args = xasprintf("ticket link %lld --duplicate-of %lld", dup, keep);
	ck_assert_int_eq(testdb_cli("srch_pm", NULL, args), 77);
	testdb_sql("UPDATE tickets SET assignee_id = (SELECT id FROM agents WHERE login = 'srch_eng2')"
		   " WHERE title = 'Blank ads'");
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, args), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "closed as a duplicate"));
	free(args);
	char id[24];
	snprintf(id, sizeof(id), "%lld", dup);
	const char *p[1] = { id };
	char *v = testdb_value(
		"SELECT t.status || '|' || (SELECT body FROM comments c WHERE c.ticket_id = t.id AND c.kind = 'public'"
		"  ORDER BY id DESC LIMIT 1) || '|' || ticket_surviving(t.id)"
		" || '|' || (SELECT count(*) FROM ticket_collaborators k JOIN agents a ON a.id = k.agent_id"
		"            WHERE a.login = 'srch_eng2' AND k.ticket_id = ticket_surviving(t.id))"
		" || '|' || (SELECT count(*) FROM notifications n WHERE n.ticket_id = t.id AND n.kind = 'ticket.duplicate')"
		" FROM tickets t WHERE t.id = $1::bigint", 1, p);
	char *want = xasprintf("closed|This request duplicates ticket #%lld (\"Placements render blank\"). "
			       "We carry on there: every further update about it will come from ticket #%lld.|%lld|1|1",
			       keep, keep, keep);
	ck_assert_str_eq(v, want);
	free(v);
	free(want);
	/* the links seen from the surviving ticket, through the history */
	args = xasprintf("ticket history %lld --json", keep);
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, args), 0);
	free(args);
	want = xasprintf("\"id\" : %lld, \"open\" : false, \"status\" : \"closed\"", dup);
	ck_assert_msg(strstr(testdb_stdout(), want) && strstr(testdb_stdout(), "\"link\" : \"duplicate_of\"") &&
		      strstr(testdb_stdout(), "\"link\" : \"related\""), "%s", testdb_stdout());
	free(want);
	/* the ticket itself names its links under its facts, and in --json */
	args = xasprintf("ticket show %lld", keep);
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, args), 0);
	free(args);
	want = xasprintf("\nLinks                 related #%lld, duplicated by #%lld\n", rel, dup);
	ck_assert_msg(strstr(testdb_stdout(), want), "%s", testdb_stdout());
	free(want);
	args = xasprintf("ticket show %lld --json", dup);
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, args), 0);
	free(args);
	want = xasprintf("\"links\": [{\"kind\": \"duplicate_of\", \"title\": \"Placements render blank\","
			 " \"status\": \"new\", \"ticket\": %lld}]", keep);
	ck_assert_msg(strstr(testdb_stdout(), want), "%s", testdb_stdout());
	free(want);
	/* a duplicate of a duplicate is refused (the duplicate is closed:
	 * no survivor), naming the field */
	args = xasprintf("ticket link %lld --duplicate-of %lld", rel, dup);
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, args), 65);
	free(args);
	ck_assert_str_eq(testdb_stderr(), "ticketty: a duplicate must point to an open ticket\nother: is not open\n");
	test_lang("es_ES.UTF-8");
	args = xasprintf("ticket link %lld --duplicate-of %lld", rel, dup);
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, args), 65);
	free(args);
	ck_assert_str_eq(testdb_stderr(), "ticketty: un duplicado debe apuntar a un ticket abierto\nother: no está abierto\n");
	test_lang("C.UTF-8");
	/* a duplicate of a ticket that is itself a duplicate (reopened here),
	 * and a ticket that already is one: the rule, the fact, what to do */
	testdb_sql("UPDATE tickets SET status = 'in_progress', closed_at = NULL, resolved_at = NULL"
		   " WHERE title = 'Blank ads'");
	args = xasprintf("ticket link %lld --duplicate-of %lld", rel, dup);
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, args), 65);
	free(args);
	args = xasprintf("ticketty: a duplicate must point to the ticket that carries on, not to another duplicate\n"
			 "other: is itself a duplicate\nHint: Link to ticket %lld instead.\n", keep);
	ck_assert_str_eq(testdb_stderr(), args);
	free(args);
	args = xasprintf("ticket link %lld --duplicate-of %lld", dup, rel);
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, args), 65);
	free(args);
	args = xasprintf("ticketty: a ticket is a duplicate of one ticket only\n"
			 "ticket: is already a duplicate\nHint: It duplicates ticket %lld: unlink them first.\n", keep);
	ck_assert_str_eq(testdb_stderr(), args);
	free(args);
	testdb_sql("UPDATE tickets SET status = 'closed', closed_at = tt_now(), resolved_at = tt_now()"
		   " WHERE title = 'Blank ads'");
	/* unlink: once, then nothing to do; the duplicate stays closed */
	args = xasprintf("ticket unlink %lld %lld", keep, dup);
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, args), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "no longer linked"));
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, args), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "were not linked"));
	free(args);
	v = testdb_value("SELECT status::text FROM tickets WHERE id = $1::bigint", 1, p);
	ck_assert_str_eq(v, "closed");
	free(v);
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, "ticket link 1"), 64);
	/* the timeline says each link in words, naming the other ticket (it said "linked") */
	args = xasprintf("ticket show %lld", dup);
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, args), 0);
	free(args);
	want = xasprintf("closed it as a duplicate of #%lld", keep);
	char *gone = xasprintf("unlinked it from #%lld (duplicate of)", keep);
	ck_assert_msg(strstr(testdb_stdout(), want) && strstr(testdb_stdout(), gone), "%s", testdb_stdout());
	free(want);
	free(gone);
	args = xasprintf("ticket show %lld", keep);
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, args), 0);
	free(args);
	want = xasprintf("closed #%lld as a duplicate of this ticket", dup);
	char *rel_line = xasprintf("linked it to #%lld as related", rel);
	ck_assert_msg(strstr(testdb_stdout(), want) && strstr(testdb_stdout(), rel_line), "%s", testdb_stdout());
	free(want);
	free(rel_line);
}
END_TEST

/* The three ways search() reads a window, on enough tickets for its probe
 * of the newest 1000 and its statistics: a common word walks the newest
 * tickets, a rare one comes from the GIN index, a phrase of words found
 * in more than 8000 tickets but rarely side by side looks at the newest
 * 10000 only and says more may match, even when it finds nothing. */
START_TEST(common_rare_and_phrase_paths)
{
	customers();
	long long rare = ticket(4242, "Old one", "a zanzibar word", "7001", "new", 5000);
	long long phrase = ticket(4242, "Old two", "blank placement here", "7002", "new", 4000);
	testdb_sql("INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id,"
		   "  severity, title, description, impact, object_ids, member_id, repro_steps, browser, os,"
		   "  calendar_id, plan, created_at, first_response_due, resolution_due)"
		   " SELECT c.id, ct.id, rt.id, rt.team_id, (SELECT min(id) FROM case_reasons), 3,"
		   "  'Filler ' || g, 'blank frames on the placement', 'i', ARRAY['f' || g], c.member_id, 'r',"
		   "  'Firefox 128.0', 'Windows 11 23H2', c.calendar_id, c.plan, now() - g * interval '1 second',"
		   "  now() + interval '1 hour', now() + interval '1 day'"
		   " FROM generate_series(1, 9000) g, customers c JOIN contacts ct ON ct.customer_id = c.id,"
		   "  LATERAL (SELECT id, team_id FROM request_types WHERE team_id IS NOT NULL ORDER BY position LIMIT 1) rt"
		   " WHERE c.member_id = 4242;"
		   "ANALYZE ticket_search");
	char *w = xasprintf("%lld", rare);
	expect("zanzibar", false, NULL, w);
	free(w);

	struct db *db = testdb_open(NULL);
	struct search_list l;
	struct tt_error err;
	tt_error_init(&err);
	search_list_init(&l);
	struct search_opts o = { "\"blank placement\"", false, NULL, 20 };
	ck_assert_int_eq(search_run(db, &o, &l, &err), 0);
	ck_assert_int_eq((int)l.n, 1);
	ck_assert_int_eq(l.hits[0].id, phrase);
	ck_assert_msg(l.more, "a phrase cut to the newest tickets must say more may match");
	struct search_opts never = { "\"frames blank\"", false, NULL, 20 };
	ck_assert_int_eq(search_run(db, &never, &l, &err), 0);
	ck_assert_int_eq((int)l.n, 0);
	ck_assert_msg(l.more, "nothing among the newest: must say more may match");
	struct search_opts common = { "frames", false, NULL, 20 };
	ck_assert_int_eq(search_run(db, &common, &l, &err), 0);
	ck_assert_int_eq((int)l.n, 20);
	ck_assert_msg(l.more, "9000 matches fill the window");
	ck_assert_msg(strstr(l.hits[0].title, "Filler ") != NULL, "%s", l.hits[0].title);
	search_list_done(&l);
	db_close(db);
	testdb_agent("srch_eng", "engineer");
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, "search '\"frames blank\"' --json"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\"results\" : [], \"more\" : true"), "%s", testdb_stdout());
	ck_assert_int_eq(testdb_cli("srch_eng", NULL, "search '\"frames blank\"'"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "no ticket among the newest 10000"));
}
END_TEST

/* The first hit's snippet for `query` as `login`, marks removed ("" = no hit). */
static char *snippet_as(const char *login, const char *query)
{
	struct db *db = testdb_open(login);
	struct search_opts o = { query, false, NULL, 20 };
	struct search_list l;
	struct tt_error err;
	tt_error_init(&err);
	search_list_init(&l);
	ck_assert_int_eq(search_run(db, &o, &l, &err), 0);
	struct strbuf sb;
	sb_init(&sb);
	for (const char *c = l.n ? l.hits[0].snippet : ""; *c; c++)
		if (*c != SEARCH_MARK_START && *c != SEARCH_MARK_END)
			sb_addf(&sb, "%c", *c);
	search_list_done(&l);
	db_close(db);
	return sb_detach(&sb);
}

/* The first value of `sql` as `login` ("ERR <sqlstate>" on an error). */
static char *value_as(const char *login, const char *sql)
{
	struct db *db = testdb_open(login);
	struct tt_error err;
	tt_error_init(&err);
	char *v = db_scalar(db, sql, 0, NULL, &err);
	char *out = v ? v : xasprintf("ERR %s", err.sqlstate);
	tt_error_clear(&err);
	db_close(db);
	return out;
}

static void expect_as(const char *login, const char *query, const char *want)
{
	char *got = search_ids_as(login, query, true, NULL);
	ck_assert_msg(!strcmp(got, want), "%s: search '%s': want [%s], got [%s]", login, query, want, got);
	free(got);
}

static void expect_value_as(const char *login, const char *sql, const char *want)
{
	char *got = value_as(login, sql);
	ck_assert_msg(!strcmp(got, want), "%s: %s: want [%s], got [%s]", login, sql, want, got);
	free(got);
}

/* docs/access.md "who sees what", through search: a role finds and sees
 * exactly what it may read directly. Support staff find internal notes
 * and contacts; a pm or developer finds no contact's name or address and
 * the internal notes only of the tickets they collaborate on and the ones
 * they wrote, through search(), `ticketty search --json`, a snippet, and
 * a direct SELECT of the index (or its statistics) alike. */
START_TEST(search_shows_each_role_what_it_may_read)
{
	static const char *const support[] = { "srch_engineer", "srch_csm", "srch_coo", "srch_ceo",
					       "srch_admin", NULL };
	static const char *const builders[] = { "srch_pm", "srch_developer", NULL };
	customers();
	testdb_agent("srch_engineer", "engineer");
	testdb_agent("srch_csm", "csm");
	testdb_agent("srch_coo", "coo");
	testdb_agent("srch_ceo", "ceo");
	testdb_agent("srch_admin", "admin");
	testdb_agent("srch_pm", "pm");
	int dev = testdb_agent("srch_developer", "developer");
	long long t1 = ticket(4242, "Pixel fires twice", "conversions doubled", "4001", "new", 5);
	long long t2 = ticket(4242, "Pacing flat", "budget spent by noon", "4002", "new", 4);
	char *w1 = xasprintf("%lld", t1), *w2 = xasprintf("%lld", t2), *both = xasprintf("%lld %lld", t2, t1);
	char sql[1024];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO comments (ticket_id, author_id, kind, body, created_at) VALUES"
		 " (%lld, (SELECT id FROM agents WHERE login = 'srch_engineer'), 'public',"
		 "  'The invoices are late, a zebra crossed the pixel', now() - interval '3 minutes'),"
		 " (%lld, (SELECT id FROM agents WHERE login = 'srch_engineer'), 'internal',"
		 "  'Churn risk: kumquat invoices disputed', now() - interval '2 minutes'),"
		 " (%lld, %d, 'internal', 'my hunch: a wombat race in the pacer', now() - interval '1 minute')",
		 t1, t1, t2, dev);
	testdb_sql(sql);
	testdb_sql("ANALYZE ticket_search");

	for (int i = 0; support[i]; i++) {
		expect_as(support[i], "kumquat", w1);
		expect_as(support[i], "carla@acme.example", both);
		expect_as(support[i], "Núñez", both);
		expect_as(support[i], "zebra", w1);
		expect_as(support[i], "wombat", w2);
		expect_as(support[i], "pixel -kumquat", "");
		expect_value_as(support[i], "SELECT count(*) FROM ticket_search WHERE doc @@ 'kumquat'", "1");
	}
	char *snip = snippet_as("srch_engineer", "invoices");
	ck_assert_msg(strstr(snip, "kumquat"), "%s", snip);
	free(snip);
	ck_assert_int_eq(testdb_cli("srch_engineer", NULL, "search kumquat --json"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "Churn risk"), "%s", testdb_stdout());

	for (int i = 0; builders[i]; i++) {
		const char *b = builders[i];
		expect_as(b, "kumquat", "");
		expect_as(b, "\"kumquat invoices\"", "");
		expect_as(b, "carla@acme.example", "");
		expect_as(b, "carla", "");
		expect_as(b, "Núñez", "");
		expect_as(b, "zebra", w1);
		expect_as(b, "pixel -kumquat", w1);    /* the excluded word is not theirs to see */
		expect_as(b, "invoices", w1);          /* the public reply */
		snip = snippet_as(b, "invoices");
		ck_assert_msg(strstr(snip, "zebra") && !strstr(snip, "kumquat"), "%s: %s", b, snip);
		free(snip);
		ck_assert_int_eq(testdb_cli(b, NULL, "search kumquat --json"), 0);
		ck_assert_msg(strstr(testdb_stdout(), "\"results\" : []"), "%s", testdb_stdout());
		ck_assert_int_eq(testdb_cli(b, NULL, "search carla"), 0);
		ck_assert_msg(!strstr(testdb_stdout(), "Pixel"), "%s", testdb_stdout());
		/* the index itself, read directly */
		expect_value_as(b, "SELECT count(*) FROM ticket_search", "0");
		expect_value_as(b, "SELECT count(*) FROM ticket_search_shared"
				   " WHERE doc @@ 'kumquat | carla | nunez | wombat'::tsquery"
				   "    OR doc::text ~ 'acme\\.example'", "0");
		expect_value_as(b, "SELECT count(*) FROM ticket_search_shared WHERE doc @@ 'zebra'", "1");
		expect_value_as(b, "SELECT count(*) FROM pg_stats WHERE tablename = 'ticket_search'", "0");
	}
	/* the developer finds the note they wrote; the pm does not */
	expect_as("srch_developer", "wombat", w2);
	expect_as("srch_developer", "\"wombat race\" pacing", w2);
	expect_as("srch_pm", "wombat", "");
	/* added as a collaborator on t1: its notes (not the contact) */
	snprintf(sql, sizeof(sql), "INSERT INTO ticket_collaborators (ticket_id, agent_id) VALUES (%lld, %d)", t1, dev);
	testdb_sql(sql);
	expect_as("srch_developer", "kumquat", w1);
	expect_as("srch_developer", "\"kumquat invoices\" pixel", w1);
	expect_as("srch_developer", "pixel -kumquat", "");
	expect_as("srch_developer", "carla", "");
	expect_as("srch_pm", "kumquat", "");
	snip = snippet_as("srch_developer", "invoices");
	ck_assert_msg(strstr(snip, "kumquat"), "%s", snip);
	free(snip);
	/* a customer filter and the open-first order hold on that path too */
	char *got = search_ids_as("srch_developer", "kumquat or wombat", false, "4242");
	ck_assert_str_eq(got, both);
	free(got);

	/* the superuser (no agent, not filtered) sees everything */
	expect_as(NULL, "kumquat", w1);
	expect_as(NULL, "carla", both);
	/* the shared index is what a rebuild builds */
	got = testdb_value("SELECT count(*) FROM ticket_search_shared s JOIN tickets t ON t.id = s.ticket_id"
			   " WHERE s.doc <> search_shared_doc(t)", 0, NULL);
	ck_assert_str_eq(got, "0");
	free(got);
	free(w1);
	free(w2);
	free(both);
	char *bad = testdb_value("SELECT coalesce(string_agg(object || ': ' || problem, '; '), '')"
				 " FROM security_violations()", 0, NULL);
	ck_assert_msg(!strcmp(bad, ""), "%s", bad);
	free(bad);
}
END_TEST

/* The customer's mail on a ticket is readable by every agent (docs/access.md
 * "who sees what"), so every role finds it through search and sees its
 * snippet (migration 310); a database whose shared index was built before
 * 310 gets it by the migration itself. */
START_TEST(customer_mail_is_found_by_every_role)
{
	customers();
	testdb_agent("srch_engineer", "engineer");
	testdb_agent("srch_pm", "pm");
	testdb_agent("srch_developer", "developer");
	long long t1 = ticket(4242, "Banner blinks", "the creative flashes", "4101", "new", 5);
	ticket(4242, "Pacing flat", "budget spent by noon", "4102", "new", 4);
	note(t1, "customer", "Our kiwi banner still flickers on Safari 17, every page view");
	char *w1 = xasprintf("%lld", t1);
	static const char *const everyone[] = { "srch_engineer", "srch_pm", "srch_developer", NULL };
	for (int i = 0; everyone[i]; i++) {
		expect_as(everyone[i], "kiwi", w1);
		expect_as(everyone[i], "\"kiwi banner\" safari", w1);
		char *snip = snippet_as(everyone[i], "kiwi");
		ck_assert_msg(strstr(snip, "kiwi banner"), "%s: %s", everyone[i], snip);
		free(snip);
	}
	expect_value_as("srch_pm", "SELECT count(*) FROM ticket_search_shared WHERE doc @@ 'kiwi'", "1");

	/* before 310 the shared row held the public replies only: the
	 * migration gives it the customer's mail */
	testdb_sql("UPDATE ticket_search_shared s SET doc = search_fields_doc(t, false)"
		   "  FROM tickets t WHERE t.id = s.ticket_id");
	expect_as("srch_pm", "kiwi", "");
	const char *m310 = NULL;
	for (size_t i = 0; i < migrations_count; i++)
		if (migrations[i].version == 310)
			m310 = migrations[i].sql;
	ck_assert_ptr_nonnull(m310);
	testdb_sql(m310);
	expect_as("srch_pm", "kiwi", w1);
	char *diff = testdb_value("SELECT count(*) FROM ticket_search_shared s JOIN tickets t ON t.id = s.ticket_id"
				  " WHERE s.doc <> search_shared_doc(t)", 0, NULL);
	ck_assert_str_eq(diff, "0");
	free(diff);
	/* what the trigger appended is what a rebuild builds (310 run again
	 * brought back its search_rebuild(): today's takes an argument, 810) */
	char *before = testdb_value("SELECT string_agg(md5(doc::text), ',' ORDER BY ticket_id)"
				    " FROM ticket_search_shared", 0, NULL);
	free(testdb_value("SELECT search_rebuild(false)", 0, NULL));
	char *after = testdb_value("SELECT string_agg(md5(doc::text), ',' ORDER BY ticket_id)"
				   " FROM ticket_search_shared", 0, NULL);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	free(w1);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("search");
	TCase *tc = tcase_create("search");
	tcase_add_test(tc, ranking_and_open_first);
	tcase_add_test(tc, accents_phrases_exclusions_or);
	tcase_add_test(tc, every_id);
	tcase_add_test(tc, ids_inside_links_and_paths);
	tcase_add_test(tc, one_reference_in_any_spelling);
	tcase_add_test(tc, kept_current_and_equal_to_rebuild);
	tcase_add_test(tc, new_ticket_vectors_equal_the_rebuild);
	tcase_add_test(tc, refusals);
	tcase_add_test(tc, every_role_may_search);
	tcase_add_test(tc, history_and_duplicates);
	tcase_add_test(tc, ticket_show_names_other_tickets);
	tcase_add_test(tc, links);
	tcase_add_test(tc, common_rare_and_phrase_paths);
	tcase_add_test(tc, search_shows_each_role_what_it_may_read);
	tcase_add_test(tc, customer_mail_is_found_by_every_role);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
