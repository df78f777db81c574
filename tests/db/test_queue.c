/* Database tests of the queue: keyset pages in both directions agree with
 * the full ORDER BY (ties included), filters, and `ticketty queue` in
 * plain text and JSON with its continuation cursor. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/queue.h"
#include "testdb.h"
#include "util/xalloc.h"

/* 60 open tickets with many ties on queue_due, 5 closed
 * ones, a few assigned to `queue_me` and in another team. The clock stands
 * at 2026-11-25 10:30 UTC: the first responses due at 10:00 (g % 3 = 0)
 * are breached, those due at 11:00 and 12:00 are not. */
#define QUEUE_NOW "2026-11-25T10:30:00Z"
static void fixture(void)
{
	testdb_create();
	testdb_clock(QUEUE_NOW, TESTDB_CLOCK_FROZEN);
	testdb_sql(
		"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'queue_me') THEN "
		"  CREATE ROLE queue_me LOGIN IN ROLE ticketty_engineer; END IF; END $$;"
		"INSERT INTO agents (login, display_name, role, team_id) SELECT 'queue_me', 'Queue Me', 'engineer', id"
		"  FROM teams WHERE key = 'client_services';"
		"INSERT INTO customers (name, member_id, plan) VALUES ('Acme', 1, 'premium');"
		"INSERT INTO contacts (customer_id, name, email, spoc) SELECT id, 'C', 'c@example.com', true FROM customers;"
		"INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity, title,"
		"  description, impact, object_ids, member_id, repro_steps, browser, os, phone, calendar_id, plan,"
		"  created_at, first_response_due, resolution_due, status, resolved_at, closed_at)"
		" SELECT c.id, ct.id, rt.id, CASE WHEN g % 5 = 0 THEN (SELECT id FROM teams WHERE key = 'ad_quality') ELSE rt.team_id END,"
		"  1, 1 + g % 3, 'ticket ' || g, 'd', 'i', '{1}', 1, 'r', 'Firefox 128', 'Linux 6.1', '+1 555 0100', c.calendar_id, c.plan,"
		"  timestamptz '2026-11-20 10:00+00' + (g % 4) * interval '1 minute',"
		"  timestamptz '2026-11-25 10:00+00' + (g % 3) * interval '1 hour', timestamptz '2026-12-01 00:00+00',"
		"  CASE WHEN g > 60 THEN 'closed'::ticket_status ELSE 'new' END,"
		"  CASE WHEN g > 60 THEN timestamptz '2026-11-21 00:00+00' END,"
		"  CASE WHEN g > 60 THEN timestamptz '2026-11-21 00:00+00' END"
		" FROM generate_series(1, 65) g, customers c, contacts ct, request_types rt WHERE rt.key = 'ad_serving';"
		"UPDATE tickets SET assignee_id = (SELECT id FROM agents WHERE login = 'queue_me') WHERE id % 7 = 0;"
		"UPDATE tickets SET status = 'waiting_customer', waiting_since = tt_now() WHERE id IN (3, 4);");
}

/* The ids in the reference order, by plain SQL. */
static char *expected_ids(const char *where)
{
	char *sql = xasprintf("SELECT string_agg(id::text, ',' ORDER BY severity, queue_paused, queue_paused_left, queue_due, id) "
			      "FROM ticketty.tickets WHERE %s", where);
	char *v = testdb_value(sql, 0, NULL);
	free(sql);
	return v ? v : xstrdup("");
}

static void append_ids(struct strbuf *sb, const struct queue_page *p)
{
	for (int i = 0; i < p->n; i++)
		sb_addf(sb, "%s%lld", sb->len ? "," : "", p->rows[i].key.id);
}

START_TEST(forward_and_backward_pages_match_the_order)
{
	struct db *db;
	struct queue_filter f;
	struct queue_page page;
	struct tt_error err;
	struct strbuf fwd, back;

	fixture();
	db = testdb_open("queue_me");
	queue_filter_init(&f);
	queue_page_init(&page);
	tt_error_init(&err);
	sb_init(&fwd);
	sb_init(&back);
	char *want = expected_ids("is_open");

	/* forward, 7 at a time */
	ck_assert_int_eq(queue_fetch(db, &f, QUEUE_FIRST, NULL, 7, &page, &err), 0);
	while (page.n > 0) {
		append_ids(&fwd, &page);
		struct queue_key k = page.rows[page.n - 1].key;
		ck_assert_int_eq(queue_fetch(db, &f, QUEUE_AFTER, &k, 7, &page, &err), 0);
	}
	ck_assert_str_eq(fwd.buf, want);

	/* backward from the last page, prepending */
	ck_assert_int_eq(queue_fetch(db, &f, QUEUE_LAST, NULL, 9, &page, &err), 0);
	struct strbuf acc;
	sb_init(&acc);
	while (page.n > 0) {
		sb_reset(&back);
		append_ids(&back, &page);
		if (acc.len)
			sb_addf(&back, ",%s", acc.buf);
		sb_reset(&acc);
		sb_add(&acc, back.buf);
		struct queue_key k = page.rows[0].key;
		ck_assert_int_eq(queue_fetch(db, &f, QUEUE_BEFORE, &k, 9, &page, &err), 0);
	}
	ck_assert_str_eq(acc.buf, want);

	/* QUEUE_AT includes the key's own row */
	ck_assert_int_eq(queue_fetch(db, &f, QUEUE_FIRST, NULL, 5, &page, &err), 0);
	struct queue_key third = page.rows[2].key;
	ck_assert_int_eq(queue_fetch(db, &f, QUEUE_AT, &third, 2, &page, &err), 0);
	ck_assert_int_eq(page.rows[0].key.id, third.id);

	/* all states: closed tickets (no open deadline) come after the dated ones */
	f.all_states = true;
	sb_reset(&fwd);
	ck_assert_int_eq(queue_fetch(db, &f, QUEUE_FIRST, NULL, 11, &page, &err), 0);
	while (page.n > 0) {
		append_ids(&fwd, &page);
		struct queue_key k = page.rows[page.n - 1].key;
		ck_assert_int_eq(queue_fetch(db, &f, QUEUE_AFTER, &k, 11, &page, &err), 0);
	}
	char *all = testdb_value("SELECT string_agg(id::text, ',' ORDER BY severity, "
				 "queue_paused, queue_paused_left, coalesce(queue_due, 'infinity'), id) FROM ticketty.tickets", 0, NULL);
	ck_assert_str_eq(fwd.buf, all);
	free(all);

	free(want);
	sb_done(&acc);
	sb_done(&fwd);
	sb_done(&back);
	queue_page_done(&page);
	queue_filter_done(&f);
	db_close(db);
}
END_TEST

static char *ids_for(struct db *db, struct queue_filter *f)
{
	struct queue_page page;
	struct tt_error err;
	struct strbuf sb;
	queue_page_init(&page);
	tt_error_init(&err);
	sb_init(&sb);
	ck_assert_int_eq(queue_fetch(db, f, QUEUE_FIRST, NULL, 100, &page, &err), 0);
	append_ids(&sb, &page);
	queue_page_done(&page);
	return sb_detach(&sb);
}

START_TEST(filters_combine)
{
	struct queue_filter f;
	fixture();
	struct db *db = testdb_open("queue_me");
	queue_filter_init(&f);

	f.mine = true;
	char *got = ids_for(db, &f), *want = expected_ids("is_open AND id % 7 = 0");
	ck_assert_str_eq(got, want);
	free(got);
	free(want);

	f.my_team = true;
	got = ids_for(db, &f);
	want = expected_ids("is_open AND id % 7 = 0 AND id % 5 <> 0");
	ck_assert_str_eq(got, want);
	free(got);
	free(want);

	queue_filter_done(&f);
	f.waiting = true;
	got = ids_for(db, &f);
	ck_assert_str_eq(got, "3,4");
	free(got);

	queue_filter_done(&f);
	f.text = xstrdup("TICKET 4");   /* case-insensitive substring: 4, 40-49 */
	got = ids_for(db, &f);
	want = expected_ids("is_open AND title ILIKE '%ticket 4%'");
	ck_assert_str_eq(got, want);
	free(got);
	free(want);

	queue_filter_done(&f);
	f.breached = true;              /* due at 10:00, not 11:00 or 12:00 (see fixture()) */
	got = ids_for(db, &f);
	want = expected_ids("is_open AND next_due = '2026-11-25 10:00+00'");
	ck_assert_str_eq(got, want);
	/* neither none nor every open ticket: the filter has something to do */
	ck_assert_int_eq(!strcmp(want, ""), 0);
	char *open = expected_ids("is_open");
	ck_assert_str_ne(want, open);
	free(open);
	free(got);
	free(want);

	queue_filter_done(&f);
	f.status = xstrdup("closed");
	got = ids_for(db, &f);
	want = expected_ids("status = 'closed'");
	ck_assert_str_eq(got, want);
	ck_assert_int_eq((int)strlen(got), (int)strlen("61,62,63,64,65"));
	free(got);
	free(want);
	queue_filter_done(&f);
	db_close(db);
}
END_TEST

START_TEST(cli_pages_with_the_cursor)
{
	fixture();
	ck_assert_int_eq(testdb_cli("queue_me", NULL, "queue --limit 40"), 0);
	const char *out = testdb_stdout();
	ck_assert(strstr(out, "TITLE") != NULL);
	const char *next = strstr(out, "\nnext: ");
	ck_assert_msg(next != NULL, "%s", out);
	char cursor[128];
	ck_assert_int_eq(sscanf(next, "\nnext: %127s", cursor), 1);
	char *args = xasprintf("queue --limit 40 --after %s --json", cursor);
	ck_assert_int_eq(testdb_cli("queue_me", NULL, args), 0);
	free(args);
	out = testdb_stdout();
	/* 60 open tickets: 20 on the second page and no next cursor */
	ck_assert(strstr(out, "\"next\" : null") != NULL || strstr(out, "\"next\":null") != NULL);
	int count = 0;
	for (const char *p = out; (p = strstr(p, "\"request_type\"")) != NULL; p++)
		count++;
	ck_assert_int_eq(count, 20);
	const char *fields[] = { "\"id\"", "\"status\"", "\"severity\"", "\"customer\"", "\"team\"",
				 "\"request_type\"", "\"reason\"", "\"title\"", "\"created_at\"",
				 "\"first_response_due\"", "\"acknowledged_at\"", "\"escalation_level\"",
				 "\"assignee\"", "\"version\"" };
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		ck_assert_msg(strstr(out, fields[i]) != NULL, "missing %s", fields[i]);

	ck_assert_int_eq(testdb_cli("queue_me", NULL, "queue --json --limit 5 --status waiting_customer"), 0);
	ck_assert(strstr(testdb_stdout(), "\"id\" : 3") != NULL);
	ck_assert_int_eq(testdb_cli("queue_me", NULL, "queue --team ad_quality --mine"), 0);
	ck_assert(strstr(testdb_stdout(), "ticket 35") != NULL);
	ck_assert(strstr(testdb_stdout(), "ticket 14") == NULL);

	ck_assert_int_eq(testdb_cli("queue_me", NULL, "queue --status nonsense"), 65);
	ck_assert(strstr(testdb_stderr(), "status: ") != NULL);
	ck_assert_int_eq(testdb_cli("queue_me", NULL, "queue --team nowhere"), 65);
	ck_assert_int_eq(testdb_cli("queue_me", NULL, "queue --after garbage"), 64);
	/* a four-part cursor (before paused tickets sorted by their time left) */
	ck_assert_int_eq(testdb_cli("queue_me", NULL, "queue --after 2.0.1795415429424747.5"), 64);
	ck_assert(strstr(testdb_stderr(), "is not a queue cursor") != NULL);
	ck_assert_int_eq(testdb_cli("queue_me", NULL, "queue --limit 0"), 64);
}
END_TEST

/* Piped into a file or a program, `ticketty queue` cuts nothing: a long
 * title and a long customer name print whole (a script greps for them).
 * Before, the table was laid out for 160 columns and both were cut with
 * an ellipsis. */
START_TEST(cli_piped_cuts_nothing)
{
	fixture();
	const char *title = "Line item 4485726 spends nothing although every targeting check in the "
			    "troubleshooting guide passes and the deal health report shows bids";
	char *sql = xasprintf("UPDATE ticketty.customers SET name = 'Riverbend Sports Network International Holdings';"
			      "UPDATE ticketty.tickets SET title = '%s' WHERE id = 3", title);
	testdb_sql(sql);
	free(sql);
	ck_assert_int_eq(testdb_cli("queue_me", NULL, "queue --limit 60"), 0);
	const char *out = testdb_stdout();
	/* the header and the first rows say how it was cut (Check's message
	 * has a limit) */
	ck_assert_msg(strstr(out, title) != NULL, "%.600s", out);
	ck_assert_msg(strstr(out, "Riverbend Sports Network International Holdings") != NULL, "%.600s", out);
	ck_assert_msg(strstr(out, "\u2026") == NULL && strstr(out, "...") == NULL, "%.600s", out);
}
END_TEST

static Suite *queue_suite(void)
{
	Suite *s = suite_create("queue");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, forward_and_backward_pages_match_the_order);
	tcase_add_test(tc, filters_combine);
	tcase_add_test(tc, cli_pages_with_the_cursor);
	tcase_add_test(tc, cli_piped_cuts_nothing);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(queue_suite)
