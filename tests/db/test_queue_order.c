/* Database tests of the queue order and figures of DESIGN.md §6:
 * severity, running clocks before paused ones, the paused ones by the
 * time they had left when the pause began (the figure they show), the
 * next *running* deadline (an acknowledged ticket no longer sorts by its
 * first-response deadline), id; the figure is the time left to that same
 * deadline, and the order is served by the queue index. The clock is
 * pinned. */
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
		"  $1::smallint, $2, 'd', 'i', '{1}', 4242, 'r', 'Firefox 128', 'Linux 6.1', '+1 555 0100',"
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

/* A ticket of `severity` created `ago` before NOW, acknowledged a minute
 * later and waiting on the customer since `paused_ago` before NOW (the
 * SLA trigger takes the pause's start from updated_at). */
static long long paused_ticket(int severity, const char *title, const char *ago, const char *paused_ago)
{
	long long id = ticket(severity, title, ago);
	char *sql = xasprintf("UPDATE tickets SET status = 'acknowledged', acknowledged_at = created_at + interval '1 minute'"
			      " WHERE id = %lld;"
			      "UPDATE tickets SET status = 'waiting_customer', updated_at = tt_now() - interval '%s'"
			      " WHERE id = %lld", id, paused_ago, id);
	testdb_sql(sql);
	free(sql);
	return id;
}

/* Four tickets of severity 3 waiting on the customer whose frozen
 * resolution deadlines come in the opposite order of the time they had
 * left (Wed 2026-11-11 is a holiday; premium severity 3 = 27 business
 * hours), and a running one:
 *   A  created Mon 11-09 10:00 New York, paused at 11:00: 26 h left, due Fri 11-13 10:00
 *   W  on the wall clock (72 h), created Sun 11-15 08:00, paused Tue 11-17 10:00:
 *      22 h left, due Wed 11-18 08:00
 *   B  created Fri 11-13 10:00, paused Mon 11-16 16:00: 12 h left, due Wed 11-18 10:00
 *   C  created Mon 11-16 10:00, paused Wed 11-18 09:30: 9.5 h left, due Thu 11-19 10:00
 * Queue order: R (running), C, B, W, A. */
struct paused_four { long long a, w, b, c, r; };
static struct paused_four paused_four(void)
{
	struct paused_four t;
	/* W's resolution target on the wall clock while it is created */
	testdb_sql("UPDATE sla_targets SET clock = 'wall', minutes = 4320"
		   " WHERE kind = 'resolution' AND plan = 'premium' AND severity = 3");
	t.w = paused_ticket(3, "W", "3 days 2 hours", "1 day");
	testdb_sql("UPDATE sla_targets SET clock = 'business', minutes = 1620"
		   " WHERE kind = 'resolution' AND plan = 'premium' AND severity = 3");
	t.a = paused_ticket(3, "A", "9 days", "8 days 23 hours");
	t.b = paused_ticket(3, "B", "5 days", "1 day 18 hours");
	t.c = paused_ticket(3, "C", "2 days", "30 minutes");
	t.r = ticket(3, "R", "0 minutes");
	return t;
}

START_TEST(paused_tickets_sort_by_their_time_left)
{
	setup();
	struct paused_four t = paused_four();
	struct db *db = testdb_open(NULL);
	struct queue_page page;
	queue_page_init(&page);
	char *got = page_ids(db, &page);
	char *want = xasprintf("%lld,%lld,%lld,%lld,%lld", t.r, t.c, t.b, t.w, t.a);
	ck_assert_str_eq(got, want);
	/* the fixture is what it says: frozen deadlines in the other order */
	ck_assert(row(&page, t.a)->key.due_us < row(&page, t.w)->key.due_us);
	ck_assert(row(&page, t.w)->key.due_us < row(&page, t.b)->key.due_us);
	ck_assert(row(&page, t.b)->key.due_us < row(&page, t.c)->key.due_us);
	ck_assert(!row(&page, t.w)->business && row(&page, t.c)->business);
	/* the figures: what each had left at the pause, which is the sort key */
	const long long left[4] = { 34200, 43200, 79200, 93600 };
	for (int i = 1; i < page.n; i++) {
		const struct queue_row *r = &page.rows[i];
		ck_assert(r->key.paused && !r->running);
		ck_assert_int_eq(r->due_in, left[i - 1]);
		ck_assert_int_eq(r->key.paused_left, r->due_in);
	}
	ck_assert(!page.rows[0].key.paused && page.rows[0].key.paused_left == 0);

	/* `queue --json` pages of one row, walking forward by the cursor */
	struct queue_filter f;
	struct tt_error err;
	struct strbuf walk;
	queue_filter_init(&f);
	tt_error_init(&err);
	sb_init(&walk);
	struct queue_key after;
	bool have_after = false;
	for (int guard = 0; guard < 10; guard++) {
		char *json = NULL;
		ck_assert_int_eq(queue_json(db, &f, have_after ? &after : NULL, 1, &json, &err), 0);
		const char *p[1] = { json };
		char *id = testdb_value("SELECT ($1::json -> 'tickets' -> 0 ->> 'id')", 1, p);
		char *next = testdb_value("SELECT $1::json ->> 'next'", 1, p);
		if (id)
			sb_addf(&walk, "%s%s", walk.len ? "," : "", id);
		free(id);
		free(json);
		if (!next)
			break;
		ck_assert_msg(queue_key_parse(next, &after), "cursor %s", next);
		have_after = true;
		free(next);
	}
	ck_assert_str_eq(walk.buf, want);

	/* and backward, a row at a time from the end (the queue view's page up) */
	sb_reset(&walk);
	struct queue_page one;
	queue_page_init(&one);
	ck_assert_int_eq(queue_fetch(db, &f, QUEUE_LAST, NULL, 1, &one, &err), 0);
	char *back = xstrdup("");
	while (one.n == 1) {
		char *more = xasprintf("%lld%s%s", one.rows[0].key.id, *back ? "," : "", back);
		free(back);
		back = more;
		struct queue_key k = one.rows[0].key;
		ck_assert_int_eq(queue_fetch(db, &f, QUEUE_BEFORE, &k, 1, &one, &err), 0);
	}
	ck_assert_str_eq(back, want);
	free(back);
	/* a cursor read back puts the page at its ticket */
	struct strbuf cur;
	sb_init(&cur);
	queue_key_format(&row(&page, t.b)->key, &cur);
	struct queue_key kb;
	ck_assert(queue_key_parse(cur.buf, &kb));
	ck_assert_int_eq(queue_fetch(db, &f, QUEUE_AT, &kb, 2, &one, &err), 0);
	ck_assert_int_eq(one.n, 2);
	ck_assert_int_eq(one.rows[0].key.id, t.b);
	ck_assert_int_eq(one.rows[1].key.id, t.w);
	sb_done(&cur);
	queue_page_done(&one);
	sb_done(&walk);
	queue_filter_done(&f);
	free(got);
	free(want);
	queue_page_done(&page);
	db_close(db);
}
END_TEST

/* The time left at the pause is the queue's figure while the ticket is
 * paused, whatever moves its inputs, and 0 once it runs again. */
START_TEST(paused_time_left_follows_the_pause)
{
	setup();
	long long b = paused_ticket(3, "B", "5 days", "1 day 18 hours");
	const char *figure = "(SELECT s.remaining_secs FROM queue_sla(tickets) s)";
	const char *recount = "CASE WHEN queue_paused THEN clock_between(calendar_id, resolution_clock,"
			      " waiting_since, resolution_due) ELSE 0 END";
	char *v = fixture_col(b, "queue_paused_left || ' ' || (queue_paused_left = " 
			      "(SELECT s.remaining_secs FROM queue_sla(tickets) s))");
	ck_assert_str_eq(v, "43200 true");
	free(v);
	/* severity 2 while waiting: the resolution target (1 business day from
	 * Fri 10:00) passed Mon 10:00, six business hours before the pause */
	char *sql = xasprintf("UPDATE tickets SET severity = 2 WHERE id = %lld", b);
	testdb_sql(sql);
	free(sql);
	char *expr = xasprintf("queue_paused_left || ' ' || (queue_paused_left = %s) || ' ' || (queue_paused_left = %s)",
			       figure, recount);
	v = fixture_col(b, expr);
	ck_assert_str_eq(v, "-21600 true true");
	free(v);
	/* the customer answers: running again, 0 */
	sql = xasprintf("UPDATE tickets SET status = 'in_progress' WHERE id = %lld", b);
	testdb_sql(sql);
	free(sql);
	v = fixture_col(b, "queue_paused || ' ' || queue_paused_left");
	ck_assert_str_eq(v, "false 0");
	free(v);
	/* waiting again from now: measured again (the first pause was added
	 * back to the deadline, so again six hours late) */
	sql = xasprintf("UPDATE tickets SET status = 'waiting_customer', updated_at = tt_now() WHERE id = %lld", b);
	testdb_sql(sql);
	free(sql);
	v = fixture_col(b, expr);
	ck_assert_str_eq(v, "-21600 true true");
	free(v);
	/* nobody sets it by hand */
	sql = xasprintf("UPDATE tickets SET queue_paused_left = 5 WHERE id = %lld", b);
	testdb_sql(sql);
	free(sql);
	v = fixture_col(b, "queue_paused_left");
	ck_assert_str_eq(v, "-21600");
	free(v);
	/* resolved from the wait: 0 */
	sql = xasprintf("UPDATE tickets SET status = 'resolved', resolved_at = tt_now() WHERE id = %lld", b);
	testdb_sql(sql);
	free(sql);
	v = fixture_col(b, "queue_paused_left");
	ck_assert_str_eq(v, "0");
	free(v);
	free(expr);
}
END_TEST

/* Intake (an INSERT of a ticket that is not waiting on the customer) and
 * updates that change none of its inputs never call the function that
 * keeps queue_paused_left (issue 19: intake speed): counted with
 * track_functions within one transaction. */
START_TEST(intake_and_other_updates_do_not_measure_the_pause)
{
	setup();
	testdb_sql("CREATE FUNCTION public.pause_calls(q text) RETURNS bigint LANGUAGE plpgsql"
		   " SET track_functions = 'pl' AS $$ BEGIN EXECUTE q;"
		   " RETURN coalesce(pg_stat_get_xact_function_calls("
		   "   'ticketty.tickets_queue_paused_left()'::regprocedure), 0); END $$");
	long long id = ticket(3, "seed", "1 hour");
	char *sql = xasprintf(
		"SELECT public.pause_calls($q$"
		" WITH n AS (INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id,"
		"  severity, title, description, impact, object_ids, member_id, repro_steps, browser, os,"
		"  phone, calendar_id, plan)"
		" SELECT customer_id, contact_id, request_type_id, team_id, reason_id, severity, 'intake',"
		"  description, impact, object_ids, member_id, repro_steps, browser, os, phone, calendar_id, plan"
		" FROM tickets WHERE id = %lld RETURNING id) SELECT 1$q$)", id);
	char *v = testdb_value(sql, 0, NULL);
	ck_assert_str_eq(v, "0");
	free(v);
	free(sql);
	sql = xasprintf("SELECT public.pause_calls($q$"
			" UPDATE tickets SET title = 'renamed', version = version + 1 WHERE id = %lld;$q$)"
			" + public.pause_calls($q$UPDATE tickets SET status = 'acknowledged',"
			"   acknowledged_at = tt_now() WHERE id = %lld$q$)"
			" + public.pause_calls($q$UPDATE tickets SET status = 'in_progress' WHERE id = %lld$q$)",
			id, id, id);
	v = testdb_value(sql, 0, NULL);
	ck_assert_str_eq(v, "0");
	free(v);
	free(sql);
	/* it does run when the pause begins */
	sql = xasprintf("SELECT public.pause_calls($q$UPDATE tickets SET status = 'waiting_customer'"
			" WHERE id = %lld$q$)", id);
	v = testdb_value(sql, 0, NULL);
	ck_assert_str_eq(v, "1");
	free(v);
	free(sql);
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
		" ORDER BY t.severity, t.queue_paused, t.queue_paused_left, t.queue_due, t.id LIMIT 50')", 0, NULL);
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
	tcase_add_test(tc, paused_tickets_sort_by_their_time_left);
	tcase_add_test(tc, paused_time_left_follows_the_pause);
	tcase_add_test(tc, intake_and_other_updates_do_not_measure_the_pause);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
