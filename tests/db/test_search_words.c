/* Database tests of how search (sql/functions/search.sql search_query
 * and search) reads a query's words:
 * - the start of a word or ID: "word*" finds the words that start with
 *   it. websearch_to_tsquery drops the star, so part of an ID ("431352"
 *   of 4313526, copied short from a screenshot) found nothing;
 * - a desk that writes Spanish and English: the vectors hold English
 *   stems with accents folded, which do not join a Spanish word's forms
 *   ("entregan", "entregando", "entregado" were three words, and
 *   "impresión" found no "impresiones"); a query word whose Spanish stem
 *   differs also finds the words starting with that stem, in phrases and
 *   exclusions too, while English words and short Spanish ones find what
 *   they found;
 * - ranking: the ticket whose title says what was looked for comes first;
 * - the stored vectors a migration lists are rebuilt in batches
 *   (search_backfill_step), a message written meanwhile kept. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/conn.h"
#include "model/search.h"
#include "search_ids.h"
#include "testdb.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static void customer(void)
{
	testdb_create();
	testdb_sql(
		"INSERT INTO customers (name, member_id, plan) VALUES ('Medios Ibéricos', 4242, 'premium');"
		"INSERT INTO contacts (customer_id, name, email, spoc, lang)"
		" SELECT id, 'Lucía Gómez', 'lucia@medios.example', true, 'es' FROM customers;");
}

static long long ticket_of(const char *contact, const char *title, const char *description, int age_min)
{
	char age[16];
	snprintf(age, sizeof(age), "%d", age_min);
	const char *p[4] = { title, description, age, contact };
	char *v = testdb_value(
		"INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id,"
		"  severity, status, title, description, impact, object_ids, member_id, repro_steps, browser, os,"
		"  calendar_id, plan, created_at, first_response_due, resolution_due)"
		" SELECT c.id, ct.id, rt.id, rt.team_id, (SELECT min(id) FROM case_reasons), 3, 'new', $1, $2,"
		"  'x', '{1}', c.member_id, '1. x', 'Firefox 128.0', 'Windows 11 23H2', c.calendar_id, c.plan,"
		"  now() - $3::int * interval '1 minute', now() + interval '1 hour', now() + interval '1 day'"
		" FROM customers c JOIN contacts ct ON ct.customer_id = c.id,"
		"  LATERAL (SELECT id, team_id FROM request_types WHERE team_id IS NOT NULL ORDER BY position LIMIT 1) rt"
		" WHERE ct.name = $4 RETURNING id", 4, p);
	ck_assert_ptr_nonnull(v);
	long long id = strtoll(v, NULL, 10);
	free(v);
	return id;
}

static long long ticket(const char *title, const char *description, int age_min)
{
	return ticket_of("Lucía Gómez", title, description, age_min);
}

static void expect(const char *query, long long a, long long b)
{
	char *want = a && b ? xasprintf("%lld %lld", a, b) : a ? xasprintf("%lld", a) : xstrdup("");
	char *got = search_ids_as(NULL, query, false, NULL);
	ck_assert_msg(!strcmp(got, want), "search '%s': want [%s], got [%s]", query, want, got);
	free(got);
	free(want);
}

START_TEST(word_star_finds_what_starts_with_it)
{
	customer();
	long long li = ticket("Line item stuck", "li-98765 never delivers; placement 4313526 is fine.", 30);
	long long eng = ticket("Upstream bug", "Tracked as ENG-20691 since Monday.", 20);
	long long other = ticket("Other", "Placement 4319999 and line 98700.", 10);

	expect("431352*", li, 0);
	expect("4313*", li, 0);
	expect("431*", other, li);
	expect("li-9876*", li, 0);
	expect("9876*", li, 0);
	expect("ENG-2069*", eng, 0);
	expect("deliv*", li, 0);
	expect("\"placement 43135*\"", li, 0);
	expect("placement -4319*", li, 0);
	/* without the star, or with fewer than 3 characters, nothing changes */
	expect("431352", 0, 0);
	expect("43*", 0, 0);
	expect("98765", li, 0);
}
END_TEST

START_TEST(spanish_forms_find_each_other)
{
	customer();
	long long entrega = ticket("Las campañas no están entregando",
				   "Desde ayer ninguna campaña muestra impresiones.", 30);
	long long impresion = ticket("Una impresión por usuario",
				     "Actualizamos el límite de frecuencia y las campañas entregadas a medias siguen igual.",
				     20);
	long long red = ticket("La red de anuncios no responde", "Sin conexión.", 10);
	long long redirect = ticket("Redirect loop on the landing page",
				    "The creative delivers a redirect to itself.", 5);

	/* -ión and -iones: two English stems ('impres', 'impresion'); the
	 * title's word ranks first */
	expect("impresión", impresion, entrega);
	/* a verb's forms */
	expect("entregar", entrega, impresion);
	expect("entregado", entrega, impresion);
	expect("actualizar", impresion, 0);
	/* a phrase of Spanish forms, and an exclusion of one */
	expect("\"campaña entregando\"", impresion, 0);
	expect("campañas -entregar", 0, 0);
	expect("campañas -actualizar", entrega, 0);
	/* accents folded as before */
	expect("conexion", red, 0);
	/* a short word is taken as it is: "red" finds no "redirect" */
	expect("red", red, 0);
	/* English words find what they found */
	expect("delivering", redirect, 0);
	expect("redirects", redirect, 0);
}
END_TEST

static void message(long long ticket_id, const char *body)
{
	char id[24];
	snprintf(id, sizeof(id), "%lld", ticket_id);
	const char *p[2] = { id, body };
	free(testdb_value("INSERT INTO comments (ticket_id, kind, body) VALUES ($1::bigint, 'public', $2)"
			  " RETURNING id", 2, p));
}

static void expect_ids(const char *query, const char *want)
{
	char *got = search_ids_as(NULL, query, false, NULL);
	ck_assert_msg(!strcmp(got, want), "search '%s': want [%s], got [%s]", query, want, got);
	free(got);
}

/* A Spanish singular and its plural find each other both ways, accented
 * or not, in the title, the description and the messages: "impresión"
 * is 'impres' in the vectors and "impresiones" 'impresion', and the
 * widening by the Spanish stem ('impresion':*) went from the singular to
 * the plural only. The ranking stays: the title's word first, then the
 * description's, then a message's. */
START_TEST(spanish_plural_and_singular_find_each_other)
{
	customer();
	long long title = ticket("Una impresión por usuario", "El límite de frecuencia no se respeta.", 40);
	long long desc = ticket("Campaña parada", "Desde ayer no hay impresiones en ningún país.", 30);
	long long msg = ticket("Pregunta sobre informes", "El informe diario llega tarde.", 20);
	message(msg, "Cada impresion se cuenta dos veces en los países del norte.");
	long long other = ticket("Impressive numbers", "The impression count looks right.", 10);
	message(other, "Pencil: one lápiz only.");

	char *want = xasprintf("%lld %lld %lld", title, desc, msg);
	expect_ids("impresiones", want);
	expect_ids("impresión", want);
	expect_ids("impresion", want);
	expect_ids("IMPRESIONES", want);
	free(want);
	/* -ís takes -es: each finds the other, in a message as in the text */
	want = xasprintf("%lld %lld", desc, msg);
	expect_ids("países", want);
	expect_ids("país", want);
	free(want);
	/* z -> ces */
	want = xasprintf("%lld", other);
	expect_ids("lápices", want);
	/* English words are not widened into the Spanish ones, nor into
	 * short English words ("codes" into "cod", "plan" into "planes") */
	expect_ids("impressions", want);
	free(want);
	long long cod = ticket("Cod liver oil", "A plane ticket.", 5);
	expect_ids("codes", "");
	expect_ids("plan", "");
	want = xasprintf("%lld", cod);
	expect_ids("cod", want);
	free(want);
}
END_TEST

/* An English plural is not widened into another English word by the
 * Spanish plural rules: "status" found "statue" ('statu', -s taken off
 * -us), "planes" "plan" and "grades" "grad" (-es taken off a word that
 * English reads as the plural of one ending in -e). Spanish words
 * written so keep theirs: "menús" finds "menú", "países" "país". */
START_TEST(english_plurals_keep_their_meaning)
{
	customer();
	long long statue = ticket("Statue banner", "The statue creative is cropped.", 40);
	long long plan = ticket("Media plan", "The plan for March.", 30);
	long long grad = ticket("Grad campaign", "Targeting grad students.", 20);
	long long menu = ticket("El menú no carga", "Desde el país vecino.", 10);

	expect_ids("status", "");
	expect_ids("planes", "");
	expect_ids("grades", "");
	char *want = xasprintf("%lld", statue);
	expect_ids("statues", want);
	free(want);
	want = xasprintf("%lld", plan);
	expect_ids("plan", want);
	free(want);
	want = xasprintf("%lld", grad);
	expect_ids("grad", want);
	free(want);
	want = xasprintf("%lld", menu);
	expect_ids("menús", want);
	expect_ids("países", want);
	free(want);
}
END_TEST

/* The tickets of the joined-words tests: a name with an apostrophe or
 * a hyphen in the title, the description, a message and the contact's
 * name, written joined in another message. */
struct joined { long long title, desc, msg, dart, contact; };

static struct joined joined_tickets(void)
{
	customer();
	testdb_sql("INSERT INTO customers (name, member_id, plan) VALUES ('Harbour Media', 5151, 'premium');"
		   "INSERT INTO contacts (customer_id, name, email, spoc, lang)"
		   " SELECT id, 'Siobhan O''Brien', 'siobhan@harbour.example', true, 'en' FROM customers"
		   " WHERE member_id = 5151;");
	struct joined j;
	j.title = ticket("Refund for O'Brien", "We'll refund the campaign.", 50);
	j.desc = ticket("Pixel fires twice", "Jean-Luc reports the pixel fires twice.", 40);
	j.msg = ticket("Call notes", "Notes of the call.", 30);
	message(j.msg, "Spoke to Mr OBrien and to JeanLuc today.");
	j.dart = ticket("Invoice question", "See the message.", 20);
	message(j.dart, "d\xe2\x80\x99" "Artagnan says the e-mail bounced.");
	j.contact = ticket_of("Siobhan O'Brien", "Budget change", "Raise the daily budget.", 10);
	return j;
}

static void expect_joined(const struct joined *j)
{
	char *want = xasprintf("%lld %lld %lld", j->title, j->contact, j->msg);
	expect_ids("obrien", want);
	expect_ids("OBrien", want);
	expect_ids("o'brien", want);
	expect_ids("O\xe2\x80\x99" "Brien", want);
	free(want);
	want = xasprintf("%lld %lld", j->desc, j->msg);
	expect_ids("jeanluc", want);
	expect_ids("jean-luc", want);
	free(want);
	want = xasprintf("%lld", j->dart);
	expect_ids("dartagnan", want);
	expect_ids("d'artagnan", want);
	expect_ids("email", want);
	free(want);
	/* the split forms find what they found */
	want = xasprintf("%lld %lld", j->title, j->contact);
	expect_ids("\"o brien\"", want);
	free(want);
	/* an apostrophe before fewer than 3 letters joins nothing */
	expect_ids("well", "");
	/* a pm reads no contact: the same words, but for the contact's ticket */
	testdb_agent("words_pm", "pm");
	want = xasprintf("%lld %lld", j->title, j->msg);
	char *got = search_ids_as("words_pm", "o'brien", false, NULL);
	ck_assert_msg(!strcmp(got, want), "pm o'brien: want [%s], got [%s]", want, got);
	free(got);
	got = search_ids_as("words_pm", "obrien", false, NULL);
	ck_assert_msg(!strcmp(got, want), "pm obrien: want [%s], got [%s]", want, got);
	free(got);
	free(want);
}

/* "obrien" finds O'Brien, which the parser reads as "O" and "Brien", and
 * "o'brien" finds "OBrien"; the same for "jeanluc" and "Jean-Luc",
 * "dartagnan" and "d’Artagnan", "email" and "e-mail": in the title, the
 * description, messages and the contact's name, ranked as any word is
 * (the title first). */
START_TEST(joined_and_split_names_find_each_other)
{
	struct joined j = joined_tickets();
	expect_joined(&j);
}
END_TEST

/* Every stored vector holds the words, each with the weights, that
 * search_doc() and search_shared_doc() give its ticket now. */
static void vectors_as_rebuilt(void)
{
	const char *words =
		"SELECT count(*) FROM tickets t JOIN %s s ON s.ticket_id = t.id"
		" WHERE ARRAY(SELECT x.lexeme || ':' || array_to_string(ARRAY(SELECT DISTINCT w FROM unnest(x.weights) w"
		"                                                               ORDER BY 1), '')"
		"               FROM unnest(s.doc) x ORDER BY 1)"
		"    IS DISTINCT FROM"
		"       ARRAY(SELECT x.lexeme || ':' || array_to_string(ARRAY(SELECT DISTINCT w FROM unnest(x.weights) w"
		"                                                               ORDER BY 1), '')"
		"               FROM unnest(%s(t)) x ORDER BY 1)";
	char *sql = xasprintf(words, "ticket_search", "search_doc");
	char *v = testdb_value(sql, 0, NULL);
	ck_assert_str_eq(v, "0");
	free(v);
	free(sql);
	sql = xasprintf(words, "ticket_search_shared", "search_shared_doc");
	v = testdb_value(sql, 0, NULL);
	ck_assert_str_eq(v, "0");
	free(v);
	free(sql);
}

/* 963 appends the joined words to the vectors stored before them: with
 * the vectors built without them and 963 applied again, the same
 * searches find the same tickets, and each vector holds the words and
 * weights that search_doc() gives the ticket now. */
START_TEST(joined_words_appended_to_stored_vectors)
{
	struct joined j = joined_tickets();
	/* the vectors as they were before 963: built without joined words */
	testdb_sql("CREATE OR REPLACE FUNCTION search_joined_words(body text) RETURNS tsvector"
		   " LANGUAGE sql IMMUTABLE AS $$ SELECT ''::tsvector $$;"
		   "SELECT search_rebuild();"
		   "DELETE FROM schema_migrations WHERE version = 963");
	char *only = xasprintf("%lld", j.msg);
	expect_ids("obrien", only);
	free(only);
	ck_assert_int_eq(testdb_cli(NULL, NULL, "db migrate"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "applied 1 migration"), "%s", testdb_stdout());
	expect_joined(&j);
	vectors_as_rebuilt();
}
END_TEST

/* Tickets with an e-mail address or a host with a port in a message or
 * the description, which the parser keeps whole. */
struct addr { long long billing, port, ana; };

static struct addr address_tickets(void)
{
	customer();
	struct addr a;
	a.billing = ticket("Invoice in the wrong currency", "See the thread.", 30);
	message(a.billing, "Please write to billing@acme-corp.example about it.");
	a.port = ticket("Endpoint times out", "The endpoint api.acme-corp.example:8443 times out.", 20);
	a.ana = ticket("Access for a colleague", "See the message.", 10);
	message(a.ana, "Reply to <Ana.Lopez@harbour-media.example>, she runs it.");
	return a;
}

static void expect_addresses(const struct addr *a)
{
	char *want = xasprintf("%lld", a->billing);
	expect_ids("acme-corp.example", want);
	expect_ids("billing@acme-corp.example", want);
	expect_ids("@acme-corp.example", want);
	free(want);
	want = xasprintf("%lld", a->ana);
	expect_ids("harbour-media.example", want);
	expect_ids("ana.lopez", want);
	expect_ids("lopez", want);
	expect_ids("harbour", want);
	expect_ids("ana.lopez@harbour-media.example", want);
	free(want);
	want = xasprintf("%lld", a->port);
	expect_ids("api.acme-corp.example", want);
	free(want);
	/* a pm finds them in the public messages too */
	testdb_agent("words_pm", "pm");
	want = xasprintf("%lld", a->billing);
	char *got = search_ids_as("words_pm", "acme-corp.example", false, NULL);
	ck_assert_msg(!strcmp(got, want), "pm acme-corp.example: want [%s], got [%s]", want, got);
	free(got);
	free(want);
	/* the words of a domain, by their weight: the description first */
	want = xasprintf("%lld %lld", a->port, a->billing);
	expect_ids("acme", want);
	expect_ids("acme-corp", want);
	free(want);
}

/* An address written in a message or the text is found by its domain,
 * its local part and their words, and a host with a port by the host:
 * the parser keeps "billing@acme-corp.example" and
 * "api.acme-corp.example:8443" whole, so "acme-corp.example" found none
 * of them. */
START_TEST(addresses_found_by_their_parts)
{
	struct addr a = address_tickets();
	expect_addresses(&a);
}
END_TEST

/* 964 appends the address words to the vectors stored before them, as
 * 963 does the joined words (see joined_words_appended_to_stored_vectors).
 * The vectors before 964 are faked without any word search_words adds
 * to the parser's (since 965 it reads the addresses in the same pass as
 * the hosts, with no function of their own to leave out). */
START_TEST(address_words_appended_to_stored_vectors)
{
	struct addr a = address_tickets();
	testdb_sql("CREATE OR REPLACE FUNCTION search_words(body text) RETURNS tsvector"
		   " LANGUAGE sql IMMUTABLE AS $$ SELECT to_tsvector('ticketty.search_text', body) $$;"
		   "SELECT search_rebuild();"
		   "DELETE FROM schema_migrations WHERE version = 964");
	expect_ids("acme-corp.example", "");
	ck_assert_int_eq(testdb_cli(NULL, NULL, "db migrate"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "applied 1 migration"), "%s", testdb_stdout());
	expect_addresses(&a);
	vectors_as_rebuilt();
}
END_TEST

/* The ticket whose title holds the words comes first, also for two or
 * more words, against one whose messages repeat them: ts_rank saturates
 * near 1 for an "and" of words (0.9998 against 0.9947), and the title's
 * weight was lost in it. A title holding only some of the words earns
 * nothing, and equal titles are ranked by the rest. */
START_TEST(title_match_ranks_first)
{
	customer();
	long long title = ticket("Quarzite export totals wrong", "The export does not add up.", 30);
	long long talk = ticket("Question about numbers", "Some numbers look odd.", 20);
	long long half = ticket("Quarzite dashboard", "The export is slow.", 10);
	char id[24];
	snprintf(id, sizeof(id), "%lld", talk);
	const char *p[1] = { id };
	for (int i = 0; i < 4; i++)
		free(testdb_value("INSERT INTO comments (ticket_id, kind, body) VALUES ($1::bigint, 'public',"
				  " 'We looked at the quarzite export again; the quarzite export totals match now."
				  " Quarzite export rows: 10.') RETURNING id", 1, p));
	char *want = xasprintf("%lld %lld %lld", title, talk, half);
	char *got = search_ids_as(NULL, "quarzite export", false, NULL);
	ck_assert_msg(!strcmp(got, want), "quarzite export: want [%s], got [%s]", want, got);
	free(got);
	free(want);
	want = xasprintf("%lld %lld", title, talk);
	got = search_ids_as(NULL, "\"quarzite export totals\"", false, NULL);
	ck_assert_msg(!strcmp(got, want), "phrase: want [%s], got [%s]", want, got);
	free(got);
	free(want);
	/* one word: both titles before the messages, the newer first */
	want = xasprintf("%lld %lld %lld", half, title, talk);
	got = search_ids_as(NULL, "quarzite", false, NULL);
	ck_assert_msg(!strcmp(got, want), "quarzite: want [%s], got [%s]", want, got);
	free(got);
	free(want);
}
END_TEST

/* The stored vectors a migration lists (search_backfill, 963) are
 * rebuilt a batch at a time, in id order, each batch its own call: the
 * first batch leaves the later tickets as they were; the row goes once
 * the last is done; `db migrate` runs the batches to the end. */
static long long emptied_and_listed(void)
{
	testdb_sql("UPDATE ticket_search SET doc = ''; UPDATE ticket_search_shared SET doc = '';"
		   "INSERT INTO search_backfill (next_ticket, last_ticket) SELECT 1, max(id) FROM tickets"
		   " ON CONFLICT (one) DO UPDATE SET next_ticket = 1, last_ticket = EXCLUDED.last_ticket");
	char *v = testdb_value("SELECT count(*) FROM ticket_search WHERE doc = ''", 0, NULL);
	long long n = strtoll(v, NULL, 10);
	free(v);
	return n;
}

START_TEST(backfill_rebuilds_a_batch_at_a_time)
{
	customer();
	for (int i = 0; i < 7; i++)
		ticket(i % 2 ? "Reach O'Brien" : "Write to ops@acme-corp.example", "See the thread.", 10 + i);
	ck_assert_int_eq(emptied_and_listed(), 7);
	testdb_expect("SELECT search_backfill_step(3) > 0", "t");
	testdb_expect("SELECT string_agg((doc = '')::text, ',' ORDER BY ticket_id) FROM ticket_search",
		      "false,false,false,true,true,true,true");
	testdb_expect("SELECT search_backfill_step(3)", "1");
	testdb_expect("SELECT count(*) FROM search_backfill", "1");
	testdb_expect("SELECT search_backfill_step(3)", "0");
	testdb_expect("SELECT count(*) FROM search_backfill", "0");
	testdb_expect("SELECT search_backfill_step(3)", "0");
	vectors_as_rebuilt();

	ck_assert_int_eq(emptied_and_listed(), 7);
	ck_assert_int_eq(testdb_cli(NULL, NULL, "db migrate"), 0);
	testdb_expect("SELECT count(*) FROM search_backfill", "0");
	vectors_as_rebuilt();
}
END_TEST

/* A message written while a batch runs is kept: its transaction holds
 * the ticket's search row, the batch waits for it and reads the ticket's
 * texts after it; before, the batch read the texts first and then wrote
 * its vector over the one the message had just added its words to. */
START_TEST(backfill_keeps_a_message_written_meanwhile)
{
	customer();
	long long id = ticket("Dashboard totals", "The totals are wrong.", 10);
	emptied_and_listed();
	char *ci = testdb_conninfo(NULL);
	PGconn *writer = PQconnectdb(ci), *batch = PQconnectdb(ci);
	free(ci);
	ck_assert(PQstatus(writer) == CONNECTION_OK && PQstatus(batch) == CONNECTION_OK);
	char sql[256];
	snprintf(sql, sizeof(sql),
		 "BEGIN; INSERT INTO ticketty.comments (ticket_id, kind, body)"
		 " VALUES (%lld, 'public', 'the zebracorn report is attached')", id);
	PGresult *r = PQexec(writer, sql);
	ck_assert_msg(PQresultStatus(r) == PGRES_COMMAND_OK, "%s", PQerrorMessage(writer));
	PQclear(r);
	ck_assert(PQsendQuery(batch, "SELECT ticketty.search_backfill_step(100)"));
	/* the batch waits for the writer's row */
	testdb_wait_blocked(batch, "the batch");
	r = PQexec(writer, "COMMIT");
	ck_assert(PQresultStatus(r) == PGRES_COMMAND_OK);
	PQclear(r);
	while ((r = PQgetResult(batch))) {
		ck_assert_msg(PQresultStatus(r) == PGRES_TUPLES_OK, "%s", PQresultErrorMessage(r));
		PQclear(r);
	}
	PQfinish(writer);
	PQfinish(batch);
	char want[24];
	snprintf(want, sizeof(want), "%lld", id);
	expect_ids("zebracorn", want);
	vectors_as_rebuilt();
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("search_words");
	TCase *tc = tcase_create("search_words");
	tcase_add_test(tc, word_star_finds_what_starts_with_it);
	tcase_add_test(tc, spanish_forms_find_each_other);
	tcase_add_test(tc, spanish_plural_and_singular_find_each_other);
	tcase_add_test(tc, english_plurals_keep_their_meaning);
	tcase_add_test(tc, joined_and_split_names_find_each_other);
	tcase_add_test(tc, joined_words_appended_to_stored_vectors);
	tcase_add_test(tc, addresses_found_by_their_parts);
	tcase_add_test(tc, address_words_appended_to_stored_vectors);
	tcase_add_test(tc, title_match_ranks_first);
	tcase_add_test(tc, backfill_rebuilds_a_batch_at_a_time);
	tcase_add_test(tc, backfill_keeps_a_message_written_meanwhile);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
