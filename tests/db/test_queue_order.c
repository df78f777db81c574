/* Database tests of the queue order and figures of DESIGN.md §6:
 * severity, running clocks before paused ones, the next *running*
 * deadline (an acknowledged ticket no longer sorts by its first-response
 * deadline), id; the figure is the time left to that same deadline, and
 * the order is served by the queue index. The clock is pinned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/queue.h"
#include "testdb.h"
#include "ticket_fixture.h"
#include "util/xalloc.h"

/* Wed 2026-11-18 10:00 America/New_York, inside opening hours. */
#define NOW "2026-11-18 15:00:00+00"

/* A ticket of the fixture customer (premium), created `ago` before NOW,
 * its deadlines computed by the SLA triggers. Returns its id. */
static long long ticket(int severity, const char *title, const char *ago)
{
	char sev[8];
	snprintf(sev, sizeof(sev), "%d", severity);
	const char *p[3] = { sev, title, ago };
	char *v = testdb_value(
		"INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id,"
		"  severity, title, description, impact, object_ids, member_id, repro_steps, browser, os,"
		"  phone, calendar_id, plan, created_at, updated_at)"
		" SELECT c.id, ct.id, rt.id, rt.team_id, (SELECT min(id) FROM case_reasons),"
		"  $1::smallint, $2, 'd', 'i', '{1}', 4242, 'r', 'b', 'o', '+1 555 0100',"
		"  c.calendar_id, c.plan, tt_now() - $3::interval, tt_now() - $3::interval"
		" FROM customers c JOIN contacts ct ON ct.customer_id = c.id,"
		"  LATERAL (SELECT id, team_id FROM request_types ORDER BY position LIMIT 1) rt"
		" WHERE c.member_id = 4242 RETURNING id",
		3, p);
	long long id = v ? strtoll(v, NULL, 10) : 0;
	free(v);
	return id;
}

static void setup(void)
{
	testdb_create();
	testdb_sql("INSERT INTO clock_pin (pinned_at, set_at, frozen) VALUES ('" NOW "', now(), true)");
	fixture_customer();
}

static char *page_ids(struct db *db, struct queue_page *page)
{
	struct queue_filter f;
	struct tt_error err;
	struct strbuf sb;

	queue_filter_init(&f);
	tt_error_init(&err);
	ck_assert_int_eq(queue_fetch(db, &f, QUEUE_FIRST, NULL, 50, page, &err), 0);
	sb_init(&sb);
	for (int i = 0; i < page->n; i++)
		sb_addf(&sb, "%s%lld", i ? "," : "", page->rows[i].key.id);
	queue_filter_done(&f);
	return sb_detach(&sb);
}

static const struct queue_row *row(const struct queue_page *p, long long id)
{
	for (int i = 0; i < p->n; i++)
		if (p->rows[i].key.id == id)
			return &p->rows[i];
	ck_abort_msg("ticket %lld not in the page", id);
	return NULL;
}

START_TEST(acknowledged_sorts_by_its_running_deadline_and_paused_sorts_last)
{
	setup();
	/* fresh urgent ticket: first response due 12:00 New York (2 business hours) */
	long long fresh = ticket(2, "fresh", "0 minutes");
	/* acknowledged an hour ago: its first-response due (11:00) no longer
	 * runs; its next running deadline is the resolution, tomorrow */
	long long acked = ticket(2, "acked", "1 hour");
	char *sql = xasprintf("UPDATE tickets SET status = 'acknowledged', acknowledged_at = tt_now() - interval '30 minutes'"
			      " WHERE id = %lld", acked);
	testdb_sql(sql);
	free(sql);
	/* created yesterday 14:00 New York, now waiting on the customer: every
	 * clock paused, although its (frozen) resolution deadline, today 14:00,
	 * is earlier than the acknowledged ticket's */
	long long waiting = ticket(2, "waiting", "20 hours");
	sql = xasprintf("UPDATE tickets SET status = 'acknowledged', acknowledged_at = created_at + interval '1 minute'"
			" WHERE id = %lld;"
			"UPDATE tickets SET status = 'waiting_customer' WHERE id = %lld", waiting, waiting);
	testdb_sql(sql);
	free(sql);
	/* a fresh emergency comes first whatever the others' deadlines */
	long long emergency = ticket(1, "emergency", "0 minutes");
	/* a medium ticket last */
	long long medium = ticket(4, "medium", "3 hours");

	struct db *db = testdb_open(NULL);
	struct queue_page page;
	queue_page_init(&page);
	char *got = page_ids(db, &page);
	char *want = xasprintf("%lld,%lld,%lld,%lld,%lld", emergency, fresh, acked, waiting, medium);
	ck_assert_str_eq(got, want);

	/* the figures: time left to that same deadline, from the database's clock */
	const struct queue_row *r = row(&page, fresh);
	ck_assert_int_eq((int)r->due_in, 2 * 3600);
	ck_assert(r->business && r->running && !r->key.paused);
	ck_assert_str_eq(r->sla_state, "ok");
	r = row(&page, emergency);
	ck_assert_int_eq((int)r->due_in, 3600);   /* 1 hour round the clock */
	ck_assert(!r->business && r->running);
	r = row(&page, acked);
	ck_assert(r->key.due_us > row(&page, fresh)->key.due_us);
	ck_assert(r->running);
	r = row(&page, waiting);
	ck_assert(r->key.paused && !r->running);
	ck_assert_str_eq(r->sla_state, "ok");
	/* the database's clock came with the rows */
	char *now_us = testdb_value("SELECT (extract(epoch FROM timestamptz '" NOW "') * 1000000)::bigint", 0, NULL);
	ck_assert_int_eq(r->now_us, strtoll(now_us, NULL, 10));
	free(now_us);

	/* counting down on the client: the figure falls second by second, and
	 * the row turns breached at its deadline */
	const struct queue_row *e = row(&page, emergency);
	const char *state;
	long long due_in;
	queue_row_figure(e, e->now_us + 600 * 1000000LL, &state, &due_in);
	ck_assert_int_eq((int)due_in, 3000);
	queue_row_figure(e, e->key.due_us - 1, &state, &due_in);
	ck_assert_str_ne(state, "breached");
	queue_row_figure(e, e->key.due_us, &state, &due_in);
	ck_assert_str_eq(state, "breached");
	/* the view re-reads the page at its next event: at risk, then due */
	ck_assert(queue_row_next_event(e) > e->now_us && queue_row_next_event(e) < e->key.due_us);
	/* a paused row does not move */
	r = row(&page, waiting);
	queue_row_figure(r, r->now_us + 3600 * 1000000LL, &state, &due_in);
	ck_assert_int_eq((int)due_in, (int)r->due_in);
	ck_assert(queue_row_next_event(r) == QUEUE_DUE_NONE);

	/* when the customer answers, the waiting ticket's clock runs again and
	 * it moves up to its deadline's place, before the acknowledged one */
	sql = xasprintf("UPDATE tickets SET status = 'in_progress' WHERE id = %lld", waiting);
	testdb_sql(sql);
	free(sql);
	free(got);
	got = page_ids(db, &page);
	free(want);
	want = xasprintf("%lld,%lld,%lld,%lld,%lld", emergency, fresh, waiting, acked, medium);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);
	queue_page_done(&page);
	db_close(db);
}
END_TEST

START_TEST(the_order_is_served_by_the_queue_index)
{
	setup();
	/* EXPLAIN of the inner keyset read of the queue (model/queue.c); on a
	 * small table only the index can avoid a sort when sorting is costly */
	testdb_sql("CREATE FUNCTION public.plan_of(q text) RETURNS text LANGUAGE plpgsql"
		   " SET enable_seqscan = off SET enable_sort = off AS $$"
		   " DECLARE r text; o text := ''; BEGIN"
		   " FOR r IN EXECUTE 'EXPLAIN ' || q LOOP o := o || r || E'\\n'; END LOOP; RETURN o; END $$");
	char *plan;
	plan = testdb_value(
		"SELECT public.plan_of('SELECT t.id FROM ticketty.tickets t WHERE t.is_open"
		" ORDER BY t.severity, t.queue_paused, t.queue_due, t.id LIMIT 50')", 0, NULL);
	ck_assert_msg(plan && strstr(plan, "tickets_queue_idx") && !strstr(plan, "Sort"),
		      "plan: %s", plan ? plan : "(none)");
	free(plan);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("queue order");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, acknowledged_sorts_by_its_running_deadline_and_paused_sorts_last);
	tcase_add_test(tc, the_order_is_served_by_the_queue_index);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
