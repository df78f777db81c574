/* Database tests of the dashboard rollups' lock order (sql/973): two
 * statements that change many tickets each, whose tickets share rollup
 * keys in opposite orders, both finish (no deadlock, 40P01) and leave the
 * rollups equal to a recount; and one statement that changes many tickets
 * in different ways (re-triage, acknowledgement, resolution, reopen, the
 * cadence of an emergency) or deletes them leaves the same figures as the
 * tickets changed one by one would. The clock is pinned: Friday
 * 2027-03-12 12:00 in New York (the report zone). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testdb.h"
#include "rollup_desk.h"
#include "rollup_recount.h"

static void fixture(void)
{
	rollup_desk();
}

static long long ticket(const char *plan, int sev, int team, const char *created)
{
	return rollup_desk_ticket(plan, sev, team, created);
}

static void rollups_recounted(const char *when)
{
	char *v = testdb_value(recount_diff, 0, NULL);
	ck_assert_msg(v && !strncmp(v, "0/0/0/0 of ", 11), "%s: rollups differ from the recount: %s", when,
		      v ? v : "NULL");
	free(v);
}

static PGconn *session(const char *name)
{
	char *ci = testdb_conninfo(NULL);
	PGconn *c = PQconnectdb(ci);
	free(ci);
	ck_assert_msg(PQstatus(c) == CONNECTION_OK, "%s: %s", name, PQerrorMessage(c));
	char sql[512];
	/* the tickets in their heap's order (the order they were inserted),
	 * which is the order the statement changes them in; a deadlock is
	 * found after 100 ms */
	snprintf(sql, sizeof(sql),
		 "SET search_path = ticketty; SET application_name = '%s';"
		 " SET enable_indexscan = off; SET enable_bitmapscan = off; SET enable_indexonlyscan = off;"
		 " SET deadlock_timeout = '100ms'; SET test.pause = 'on'", name);
	PGresult *r = PQexec(c, sql);
	ck_assert_msg(PQresultStatus(r) == PGRES_COMMAND_OK, "%s: %s", name, PQerrorMessage(c));
	PQclear(r);
	return c;
}

/* The result of the statement sent on `c`: "ok" or the SQLSTATE and message. */
static char *outcome(PGconn *c)
{
	char *got = NULL;
	PGresult *r;
	while ((r = PQgetResult(c)) != NULL) {
		if (!got) {
			if (PQresultStatus(r) == PGRES_COMMAND_OK)
				got = strdup("ok");
			else {
				const char *st = PQresultErrorField(r, PG_DIAG_SQLSTATE);
				size_t n = strlen(PQerrorMessage(c)) + 16;
				got = malloc(n);
				snprintf(got, n, "%s %s", st ? st : "?", PQerrorMessage(c));
			}
		}
		PQclear(r);
	}
	return got;
}

/* Session A changes X1 then Y1 in one statement, session B Y2 then X2:
 * X1 and X2 share their rollup keys (team 1), Y1 and Y2 theirs (team 2).
 * A pause after each statement's first ticket (a trigger of the test's,
 * after the dashboard's) lets B take its first ticket's keys while A
 * holds X1's. With the rollups written row by row, in the tickets'
 * order, A then waits for Y2's keys and B for X1's: one is rolled back
 * with 40P01. Written once a statement in key order (sql/973), both
 * finish, and the figures are a recount's. */
START_TEST(opposite_orders_do_not_deadlock)
{
	fixture();
	/* inserted X1, Y2, Y1, X2: each statement below reads its two in that
	 * order (a sequential scan) */
	long long x1 = ticket("premium", 3, 1, "2027-03-10 09:00");
	long long y2 = ticket("premium", 3, 2, "2027-03-10 09:00");
	long long y1 = ticket("premium", 3, 2, "2027-03-10 09:00");
	long long x2 = ticket("premium", 3, 1, "2027-03-10 09:00");
	testdb_sql(
		"CREATE TABLE public.change_order (n serial, who text, ticket_id bigint);"
		"CREATE FUNCTION public.pause_after_first() RETURNS trigger LANGUAGE plpgsql AS $$"
		" BEGIN"
		"  INSERT INTO public.change_order (who, ticket_id) VALUES (current_setting('application_name'), NEW.id);"
		"  IF current_setting('test.pause', true) = 'on'"
		"     AND current_setting('test.paused', true) IS DISTINCT FROM 'yes' THEN"
		"   PERFORM set_config('test.paused', 'yes', true);"
		"   PERFORM pg_sleep(0.8);"
		"  END IF;"
		"  RETURN NULL;"
		" END $$;"
		/* after the dashboard's triggers of the same event (name order) */
		"CREATE TRIGGER tickets_zz_pause AFTER UPDATE ON tickets"
		" FOR EACH ROW EXECUTE FUNCTION public.pause_after_first();");
	PGconn *a = session("A"), *b = session("B");
	char sa[256], sb[256];
	/* a re-triage of both tickets (severity 3 to 4): the backlog and the
	 * pending deadlines of each move between keys of its team */
	snprintf(sa, sizeof(sa), "UPDATE tickets SET severity = 4, updated_at = tt_now() WHERE id IN (%lld, %lld)",
		 x1, y1);
	snprintf(sb, sizeof(sb), "UPDATE tickets SET severity = 4, updated_at = tt_now() WHERE id IN (%lld, %lld)",
		 y2, x2);
	ck_assert(PQsendQuery(a, sa));
	usleep(300 * 1000);
	ck_assert(PQsendQuery(b, sb));
	char *ra = outcome(a), *rb = outcome(b);
	ck_assert_msg(!strcmp(ra, "ok") && !strcmp(rb, "ok"), "A: %s\nB: %s", ra, rb);
	free(ra);
	free(rb);
	PQfinish(a);
	PQfinish(b);
	/* the scenario happened: A changed X1 first, B Y2 */
	char want[128];
	snprintf(want, sizeof(want), "A:%lld,%lld B:%lld,%lld", x1, y1, y2, x2);
	testdb_expect("SELECT string_agg(who || ':' || ids, ' ' ORDER BY who) FROM"
		      " (SELECT who, string_agg(ticket_id::text, ',' ORDER BY n) AS ids FROM public.change_order"
		      "   GROUP BY who) s", want);
	testdb_expect("SELECT string_agg(severity || ':' || open, ',' ORDER BY severity) FROM"
		      " (SELECT severity, sum(open) AS open FROM backlog_rollup GROUP BY 1) s", "3:0,4:4");
	rollups_recounted("after both statements");
}
END_TEST

/* One statement changes many tickets in different ways at once, another
 * deletes some: the figures are the recount's (the statement's net change
 * per key, the reopen's kept resolution and the emergency's cadence
 * outcome among them). */
START_TEST(one_statement_many_changes_exact)
{
	fixture();
	long long t[8];
	for (int i = 0; i < 8; i++)
		t[i] = ticket(i % 2 ? "premium" : "basic", i == 7 ? 1 : 2 + i % 3, 1 + i % 2, "2027-03-08 09:00");
	char sql[2048];
	/* acknowledged (t0-t3, and the emergency t7), resolved (t0, t1) */
	snprintf(sql, sizeof(sql),
		 "SET TIME ZONE 'America/New_York';"
		 "UPDATE tickets SET status = 'acknowledged', acknowledged_at = '2027-03-08 10:00',"
		 " updated_at = '2027-03-08 10:00' WHERE id IN (%lld, %lld, %lld, %lld, %lld);"
		 "UPDATE tickets SET status = 'resolved', resolved_at = '2027-03-09 10:00',"
		 " updated_at = '2027-03-09 10:00' WHERE id IN (%lld, %lld);",
		 t[0], t[1], t[2], t[3], t[7], t[0], t[1]);
	testdb_sql(sql);
	rollups_recounted("acknowledged and resolved, a statement each");
	/* one statement: t0 reopened, t1 closed, t2 and t3 re-triaged to the
	 * other team and severity, t4 and t5 acknowledged late, t6 waits on
	 * the customer, the emergency t7 replied to after its update was due */
	snprintf(sql, sizeof(sql),
		 "SET TIME ZONE 'America/New_York';"
		 "UPDATE tickets SET"
		 " status = CASE id WHEN %lld THEN 'in_progress' WHEN %lld THEN 'closed'"
		 "  WHEN %lld THEN 'acknowledged' WHEN %lld THEN 'acknowledged'"
		 "  WHEN %lld THEN 'waiting_customer' ELSE status END::ticket_status,"
		 " resolved_at = CASE id WHEN %lld THEN NULL ELSE resolved_at END,"
		 " closed_at = CASE id WHEN %lld THEN '2027-03-11 10:00' ELSE closed_at END,"
		 " team_id = CASE WHEN id IN (%lld, %lld) THEN 3 - team_id ELSE team_id END,"
		 " severity = CASE WHEN id IN (%lld, %lld) THEN 4 ELSE severity END,"
		 " acknowledged_at = CASE WHEN id IN (%lld, %lld) THEN '2027-03-11 10:00' ELSE acknowledged_at END,"
		 " waiting_since = CASE id WHEN %lld THEN '2027-03-11 10:00' ELSE waiting_since END,"
		 " last_public_reply_at = CASE id WHEN %lld THEN '2027-03-11 10:00' ELSE last_public_reply_at END,"
		 " updated_at = '2027-03-11 10:00'"
		 " WHERE id = ANY (ARRAY[%lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld])",
		 t[0], t[1], t[4], t[5], t[6], t[0], t[1], t[2], t[3], t[2], t[3], t[4], t[5], t[6], t[7],
		 t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]);
	testdb_sql(sql);
	rollups_recounted("one statement of eight changes");
	/* the reopen kept its resolution, the emergency's period was decided */
	testdb_expect("SELECT count(*) FROM sla_resolution_outcomes", "1");
	testdb_expect("SELECT count(*) FROM sla_update_outcomes", "1");
	/* the same eight changed back and forth in one statement: nothing
	 * changes (a net change of nothing is written nowhere) */
	testdb_sql("SET TIME ZONE 'America/New_York';"
		   "UPDATE tickets SET updated_at = '2027-03-11 11:00' WHERE true");
	rollups_recounted("a statement that changes no figure");
	/* deleted in one statement (those with no stored outcome rows) */
	snprintf(sql, sizeof(sql),
		 "DELETE FROM sla_pauses WHERE ticket_id IN (%lld, %lld, %lld);"
		 "DELETE FROM notifications WHERE ticket_id IN (%lld, %lld, %lld);"
		 "DELETE FROM tickets WHERE id IN (%lld, %lld, %lld)",
		 t[4], t[5], t[6], t[4], t[5], t[6], t[4], t[5], t[6]);
	testdb_sql(sql);
	rollups_recounted("three tickets deleted in one statement");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("rollup_locks");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, opposite_orders_do_not_deadlock);
	tcase_add_test(tc, one_statement_many_changes_exact);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
