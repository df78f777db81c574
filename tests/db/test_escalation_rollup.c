/* The live escalations per level (sql/160_escalation_rollup.sql): after
 * every step of a mixed workload run as the agents involved (raise, pass
 * up, acknowledge, resolve, a new round, the ticket resolved and reopened)
 * escalation_rollup equals a recount of the escalations, and the
 * dashboard's totals read from it (report_escalations with no window)
 * equal the same report counted row by row (with a window that holds
 * everything). A load with triggers off is set right by dashboard_rebuild(),
 * TRUNCATE zeroes it, and agents cannot write it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "esc_fixture.h"
#include "testdb.h"

static struct esc_fixture fx;

static void setup(void)
{
	esc_fixture_setup(&fx);
}

/* The levels whose rollup differs from a recount ("" when none). */
static const char recount_diff[] =
	"SELECT coalesce(string_agg(l.level || ':' || coalesce(r.live::text, 'missing') || '<>' || c.n, ','"
	"                           ORDER BY l.level), '')"
	"  FROM escalation_levels l LEFT JOIN escalation_rollup r ON r.level = l.level"
	"  CROSS JOIN LATERAL (SELECT count(*) AS n FROM escalations e"
	"                       WHERE e.level = l.level AND e.state IN ('open', 'acknowledged')) c"
	" WHERE r.live IS DISTINCT FROM c.n";

/* The totals from the rollup against the same report counted row by row:
 * "" when equal, else both. */
static const char report_diff[] =
	"WITH fast AS (SELECT row(r.*)::text AS v FROM report_escalations(NULL, NULL, 'total') r),"
	"     slow AS (SELECT row(r.*)::text AS v FROM report_escalations(NULL, '2999-12-31', 'total') r)"
	" SELECT CASE WHEN (SELECT v FROM fast) = (SELECT v FROM slow) THEN ''"
	"             ELSE (SELECT v FROM fast) || ' <> ' || (SELECT v FROM slow) END";

static void expect_equal(const char *after)
{
	char *v = testdb_value(recount_diff, 0, NULL);
	ck_assert_msg(v && !strcmp(v, ""), "after %s: rollup differs from the recount: %s", after, v);
	free(v);
	v = testdb_value(report_diff, 0, NULL);
	ck_assert_msg(v && !strcmp(v, ""), "after %s: report from the rollup differs: %s", after, v);
	free(v);
}

/* Runs an api_* call as login; it must succeed. */
static void api(const char *login, const char *sql, long long ticket)
{
	char id[24];
	const char *p[1] = { id };
	snprintf(id, sizeof(id), "%lld", ticket);
	struct db *db = testdb_open(login);
	struct tt_error err;
	tt_error_init(&err);
	PGresult *r = db_exec(db, sql, 1, p, &err);
	ck_assert_msg(r != NULL, "%s as %s on %lld: %s", sql, login, ticket, err.message);
	PQclear(r);
	tt_error_clear(&err);
	db_close(db);
}

static void raise_(const char *login, long long t)
{
	api(login, "SELECT api_escalate($1::bigint, 'customer loses revenue')", t);
}

static void up(const char *login, long long t)
{
	api(login, "SELECT api_escalation_up($1::bigint, 'needs a higher level')", t);
}

static void ack(const char *login, long long t)
{
	api(login, "SELECT api_escalation_ack($1::bigint)", t);
}

static void resolve(const char *login, long long t)
{
	api(login, "SELECT api_escalation_resolve($1::bigint, 'sorted out')", t);
}

static void expect_rollup(const char *want)
{
	esc_expect("SELECT string_agg(level || ':' || live, ',' ORDER BY level) FROM escalation_rollup", want);
}

START_TEST(rollup_equals_recount_after_mixed_workload)
{
	expect_rollup("1:0,2:0,3:0");
	expect_equal("nothing");
	raise_("esc_eng", fx.t1);
	raise_("esc_eng", fx.t2);
	raise_("esc_eng", fx.t3);
	expect_rollup("1:3,2:0,3:0");
	expect_equal("three raised");
	ack("esc_csm1", fx.t1);            /* live at the same level: no change */
	expect_rollup("1:3,2:0,3:0");
	up("esc_csm1", fx.t1);
	up("esc_csm1", fx.t2);
	expect_equal("two passed up");
	ack("esc_coo", fx.t1);
	up("esc_coo", fx.t1);
	expect_rollup("1:1,2:1,3:1");
	expect_equal("one at the CEO");
	resolve("esc_csm1", fx.t3);
	expect_rollup("1:0,2:1,3:1");
	expect_equal("one resolved");
	raise_("esc_eng", fx.t3);          /* a new round of the resolved one */
	resolve("esc_ceo", fx.t1);
	raise_("esc_eng", fx.t1);
	up("esc_csm1", fx.t1);
	expect_rollup("1:1,2:2,3:0");
	expect_equal("new rounds");
	/* the ticket resolved and reopened with a live escalation */
	api("esc_eng", "SELECT api_ticket_resolve($1::bigint, (SELECT version FROM tickets WHERE id = $1::bigint), 'fixed')", fx.t2);
	expect_equal("ticket resolved");
	api("esc_eng", "SELECT api_ticket_reopen($1::bigint, (SELECT version FROM tickets WHERE id = $1::bigint), 'back again')", fx.t2);
	expect_equal("ticket reopened");
	/* the workload reached every level and every kind of step */
	esc_expect("SELECT count(DISTINCT level) || '/' || count(*) FILTER (WHERE state = 'resolved') || '/'"
		   " || count(*) FILTER (WHERE state = 'passed_up') || '/' || max(round) FROM escalations",
		   "3/2/4/2");
}
END_TEST

START_TEST(bulk_load_rebuild_and_truncate)
{
	raise_("esc_eng", fx.t1);
	raise_("esc_eng", fx.t2);
	/* a load with triggers off (as the demo seeder does) leaves it behind... */
	testdb_sql("SET session_replication_role = replica;"
		   "INSERT INTO escalations (ticket_id, level, ticket_severity, raised_by, reason, holder_id)"
		   " SELECT id, 1, severity, 1, 'bulk', NULL FROM tickets WHERE id = (SELECT max(id) FROM tickets);"
		   "SET session_replication_role = origin;");
	char *v = testdb_value(recount_diff, 0, NULL);
	ck_assert_str_eq(v, "1:2<>3");
	free(v);
	/* ...and the dashboard's recount sets it right */
	testdb_sql("SELECT dashboard_rebuild()");
	expect_rollup("1:3,2:0,3:0");
	expect_equal("the rebuild");
	testdb_sql("TRUNCATE escalations CASCADE");
	expect_rollup("1:0,2:0,3:0");
	expect_equal("truncate");
}
END_TEST

START_TEST(agents_cannot_write_it)
{
	struct db *db = testdb_open("esc_coo");
	struct tt_error err;
	tt_error_init(&err);
	PGresult *r = db_exec(db, "UPDATE escalation_rollup SET live = 5", 0, NULL, &err);
	ck_assert_ptr_null(r);
	ck_assert_int_eq(err.code, 77);
	tt_error_clear(&err);
	r = db_query(db, "SELECT sum(live) FROM escalation_rollup", 0, NULL, &err);
	ck_assert_ptr_nonnull(r);
	PQclear(r);
	db_close(db);
	esc_expect("SELECT count(*)::text FROM security_violations()", "0");
}
END_TEST

static Suite *rollup_suite(void)
{
	Suite *s = suite_create("escalation_rollup");
	TCase *tc = tcase_create("rollup");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, rollup_equals_recount_after_mixed_workload);
	tcase_add_test(tc, bulk_load_rebuild_and_truncate);
	tcase_add_test(tc, agents_cannot_write_it);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(rollup_suite)
