/* Database tests for migrations: applying twice changes nothing, a fresh
 * database is analysed when done (a later migration analyses only the
 * tables it made), a schema newer than the client is
 * refused with a clear message; and ticketty's sessions run without JIT. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "db/migrate.h"
#include "testdb.h"
#include "ticket_fixture.h"

START_TEST(migrate_twice_changes_nothing)
{
	testdb_create();
	char *before = testdb_value("SELECT count(*) || '/' || max(version) FROM schema_migrations", 0, NULL);
	ck_assert_int_eq(testdb_cli(NULL, NULL, "db migrate"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "up to date"));
	ck_assert_int_eq(testdb_cli(NULL, NULL, "db migrate"), 0);
	char *after = testdb_value("SELECT count(*) || '/' || max(version) FROM schema_migrations", 0, NULL);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
}
END_TEST

START_TEST(migrate_fresh_database_applies_all)
{
	testdb_sql("SELECT 1");
	/* an empty database: drop the schema to start from nothing */
	testdb_create();
	testdb_sql("DROP SCHEMA ticketty CASCADE");
	ck_assert_int_eq(testdb_cli(NULL, NULL, "db migrate"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "applied"));
	char *n = testdb_value("SELECT count(*) FROM request_types WHERE account_rep", 0, NULL);
	ck_assert_str_eq(n, "7");
	free(n);
	/* analysed when done: the one calendar is known as one row (never
	 * analysed, it would be -1 and planned as hundreds) */
	n = testdb_value("SELECT reltuples::int FROM pg_class WHERE oid = 'ticketty.calendars'::regclass", 0, NULL);
	ck_assert_str_eq(n, "1");
	free(n);
}
END_TEST

/* A migration applied to a desk in use analyses the tables it created,
 * not the big ones that have statistics already: migration 160 taken out
 * and applied again makes escalation_rollup (3 rows, analysed), while
 * tickets is left alone. */
START_TEST(migration_analyses_only_new_tables)
{
	testdb_create();
	testdb_sql("DROP TABLE escalation_rollup CASCADE;"
		   "DROP FUNCTION escalation_rollup_rebuild(), escalations_rollup(),"
		   "  escalations_rollup_truncate() CASCADE;"
		   "DELETE FROM schema_migrations WHERE version = 160");
	ck_assert_int_eq(testdb_cli(NULL, NULL, "db migrate"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "applied"));
	char *n = testdb_value("SELECT reltuples::int FROM pg_class"
			       " WHERE oid = 'ticketty.escalation_rollup'::regclass", 0, NULL);
	ck_assert_str_eq(n, "3");
	free(n);
	n = testdb_value("SELECT coalesce(sum(analyze_count), 0) FROM pg_stat_user_tables"
			 " WHERE relid = 'ticketty.tickets'::regclass", 0, NULL);
	ck_assert_str_eq(n, "0");
	free(n);
}
END_TEST

/* ticketty's sessions do not JIT-compile: a misestimated statement
 * compiled for seconds (`admin policy show`: 2.5 s). */
START_TEST(sessions_run_without_jit)
{
	struct tt_error err;
	tt_error_init(&err);
	struct db *db = testdb_open(NULL);
	char *jit = db_scalar(db, "SHOW jit", 0, NULL, &err);
	ck_assert_ptr_nonnull(jit);
	ck_assert_str_eq(jit, "off");
	free(jit);
	db_close(db);
}
END_TEST

/* A schema newer than the client: `db migrate` and an agent's everyday
 * command refuse (69) saying to install the new ticketty; the check says
 * which case it is (the TUI checks again slowly instead of retrying). */
START_TEST(newer_schema_is_refused)
{
	testdb_create();
	testdb_sql("INSERT INTO schema_migrations (version, name) VALUES (9999, 'future')");
	int rc = testdb_cli(NULL, NULL, "db migrate");
	ck_assert_int_eq(rc, 69);
	ck_assert_msg(strstr(testdb_stderr(), "this ticketty is older than the database (schema 9999, "
			     "this program knows") &&
		      strstr(testdb_stderr(), "install the new version of ticketty"), "%s", testdb_stderr());
	testdb_agent("mig_new", "engineer");
	ck_assert_int_eq(testdb_cli("mig_new", NULL, "queue"), 69);
	ck_assert_msg(strstr(testdb_stderr(), "install the new version of ticketty"), "%s", testdb_stderr());
	struct tt_error err;
	struct schema_state st;
	tt_error_init(&err);
	struct db *db = testdb_open(NULL);
	ck_assert_int_eq(migrate_check_state(db, &st, &err), 69);
	ck_assert_int_eq(st.gap, SCHEMA_NEWER);
	ck_assert_int_eq(st.current, 9999);
	ck_assert_int_eq(st.known, migrate_latest_known());
	tt_error_clear(&err);
	db_close(db);
}
END_TEST

/* A schema older than the client (its newest migration not applied):
 * refused (69) saying to run 'ticketty db migrate', told apart from a
 * newer one. */
START_TEST(older_schema_is_refused)
{
	testdb_create();
	char known[16];
	snprintf(known, sizeof(known), "%d", migrate_latest_known());
	const char *params[1] = { known };
	free(testdb_value("WITH d AS (DELETE FROM schema_migrations WHERE version = $1::int RETURNING 1)"
			  " SELECT count(*) FROM d", 1, params));
	testdb_agent("mig_old", "engineer");
	ck_assert_int_eq(testdb_cli("mig_old", NULL, "queue"), 69);
	ck_assert_msg(strstr(testdb_stderr(), "but this ticketty needs") &&
		      strstr(testdb_stderr(), "run 'ticketty db migrate' first"), "%s", testdb_stderr());
	struct tt_error err;
	struct schema_state st;
	tt_error_init(&err);
	struct db *db = testdb_open(NULL);
	ck_assert_int_eq(migrate_check_state(db, &st, &err), 69);
	ck_assert_int_eq(st.gap, SCHEMA_OLDER);
	ck_assert_int_lt(st.current, st.known);
	tt_error_clear(&err);
	db_close(db);
}
END_TEST

START_TEST(missing_lower_migration_is_noticed)
{
	testdb_create();
	/* as if migration 2 had been added after a higher one was applied */
	testdb_sql("DELETE FROM schema_migrations WHERE version = 2");
	struct tt_error err;
	tt_error_init(&err);
	struct db *db = testdb_open(NULL);
	ck_assert_int_eq(migrate_check(db, &err), 69);
	ck_assert_ptr_nonnull(strstr(err.message, "ticketty db migrate"));
	tt_error_clear(&err);
	db_close(db);
}
END_TEST

/* A database made before the baseline (it records 041, folded into 040
 * since) is refused with a message saying what to do, by `db migrate`
 * and by every client's check. */
START_TEST(pre_baseline_database_is_refused)
{
	testdb_create();
	testdb_sql("INSERT INTO schema_migrations (version, name) VALUES (41, 'escalation_checks')");
	/* an agent's everyday command, whose one-round-trip check must not let it by */
	testdb_agent("mig_agent", "engineer");
	ck_assert_int_eq(testdb_cli("mig_agent", NULL, "queue"), 69);
	ck_assert_msg(strstr(testdb_stderr(), "pre-release"), "%s", testdb_stderr());
	ck_assert_int_eq(testdb_cli(NULL, NULL, "db migrate"), 69);
	ck_assert_msg(strstr(testdb_stderr(), "pre-release") && strstr(testdb_stderr(), "create a new database"),
		      "%s", testdb_stderr());
	struct tt_error err;
	tt_error_init(&err);
	struct db *db = testdb_open(NULL);
	ck_assert_int_eq(migrate_check(db, &err), 69);
	ck_assert_ptr_nonnull(strstr(err.message, "pre-release"));
	tt_error_clear(&err);
	db_close(db);
	/* without the one clock the database is just as old */
	testdb_create();
	testdb_sql("DROP FUNCTION tt_now() CASCADE");
	ck_assert_int_eq(testdb_cli(NULL, NULL, "db migrate"), 69);
	ck_assert_msg(strstr(testdb_stderr(), "pre-release"), "%s", testdb_stderr());
}
END_TEST

/* A database that records a migration below this binary's newest that
 * this binary does not have (another build migrated it) is not taken for
 * a pre-release one: refused (69) naming the migration, by `db migrate`
 * (which applies nothing around it) and by an agent's command; the check
 * says the database is ahead of this ticketty. */
START_TEST(unknown_lower_migration_is_named)
{
	testdb_create();
	/* the highest number below the newest that no migration of this binary has */
	char latest[16];
	snprintf(latest, sizeof(latest), "%d", migrate_latest_known());
	const char *params[1] = { latest };
	char *v = testdb_value("SELECT max(g) FROM generate_series(1, $1::int) g"
			       " WHERE g NOT IN (SELECT version FROM schema_migrations) AND g NOT IN (31, 41)", 1, params);
	int unknown = atoi(v);
	ck_assert_int_gt(unknown, 41);
	const char *vp[1] = { v };
	free(testdb_value("INSERT INTO schema_migrations (version, name) VALUES ($1::int, 'elsewhere') RETURNING 1",
			  1, vp));
	free(v);
	char *want = xasprintf("the database records migration %d, which this ticketty does not have", unknown);
	testdb_agent("mig_other", "engineer");
	ck_assert_int_eq(testdb_cli("mig_other", NULL, "queue"), 69);
	ck_assert_msg(strstr(testdb_stderr(), want) && !strstr(testdb_stderr(), "pre-release"), "%s", testdb_stderr());
	ck_assert_int_eq(testdb_cli(NULL, NULL, "db migrate"), 69);
	ck_assert_msg(strstr(testdb_stderr(), want), "%s", testdb_stderr());
	struct tt_error err;
	struct schema_state st;
	tt_error_init(&err);
	struct db *db = testdb_open(NULL);
	ck_assert_int_eq(migrate_check_state(db, &st, &err), 69);
	ck_assert_int_eq(st.gap, SCHEMA_NEWER);
	tt_error_clear(&err);
	db_close(db);
	free(want);
}
END_TEST

/* Migration 340 on a desk in use: tickets already waiting on the
 * customer get the time they had left at the pause (the queue's figure),
 * the others 0, without a new version, updated_at or audit row, and the
 * tickets triggers are as they were (one that fires ALWAYS still does).
 * 340 is taken out (its column, with the indexes on it, and its trigger
 * function) and applied again. Premium severity 3 resolves in 27
 * business hours; Wed 2026-11-11 is a holiday. */
START_TEST(paused_tickets_get_their_time_left_when_migrated)
{
	testdb_create();
	testdb_clock("2026-11-18T15:00:00Z", TESTDB_CLOCK_FROZEN);
	fixture_customer();
	testdb_sql("DROP FUNCTION tickets_queue_paused_left() CASCADE;"
		   "ALTER TABLE tickets DROP COLUMN queue_paused_left;"
		   "DELETE FROM schema_migrations WHERE version = 340");
	/* A: created Mon 11-09 10:00 New York, paused at 11:00 (26 h left);
	 * C: created Mon 11-16 10:00, paused Wed 11-18 09:30 (9.5 h left);
	 * R: acknowledged, running */
	testdb_sql(
		"INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id,"
		"  severity, title, description, impact, object_ids, member_id, repro_steps, browser, os,"
		"  phone, calendar_id, plan, created_at, updated_at)"
		" SELECT c.id, ct.id, rt.id, rt.team_id, (SELECT min(id) FROM case_reasons), 3, v.title,"
		"  'd', 'i', '{1}', 4242, 'r', 'Firefox 128', 'Linux 6.1', '+1 555 0100', c.calendar_id, c.plan,"
		"  tt_now() - v.created, tt_now() - v.created"
		" FROM (VALUES ('A', interval '9 days'), ('C', interval '2 days'), ('R', interval '1 day')) v(title, created)"
		" CROSS JOIN customers c JOIN contacts ct ON ct.customer_id = c.id,"
		"  LATERAL (SELECT id, team_id FROM request_types ORDER BY position LIMIT 1) rt"
		" WHERE c.member_id = 4242 ORDER BY v.title;"
		"UPDATE tickets SET status = 'acknowledged', acknowledged_at = created_at + interval '1 minute',"
		"  version = 2;"
		"UPDATE tickets t SET status = 'waiting_customer', updated_at = tt_now() - v.paused, version = 3"
		" FROM (VALUES ('A', interval '8 days 23 hours'), ('C', interval '30 minutes')) v(title, paused)"
		" WHERE t.title = v.title;"
		"INSERT INTO ticket_events (ticket_id, kind, version) SELECT id, 'status', version FROM tickets;"
		"ALTER TABLE tickets ENABLE ALWAYS TRIGGER search_tickets_changed");
	const char *state =
		"SELECT string_agg(title || ' ' || version || ' ' || updated_at, ', ' ORDER BY title)"
		" || ' / ' || (SELECT count(*) FROM ticket_events) || ' / ' || (SELECT count(*) FROM sla_pauses)"
		" FROM tickets";
	char *before = testdb_value(state, 0, NULL);
	int rc = testdb_cli(NULL, NULL, "db migrate");
	ck_assert_msg(rc == 0, "db migrate: %d %s", rc, testdb_stderr());
	ck_assert_msg(strstr(testdb_stdout(), "applied 1 migration"), "%s", testdb_stdout());
	char *v = testdb_value("SELECT string_agg(title || '=' || queue_paused_left, ' ' ORDER BY title) FROM tickets",
			       0, NULL);
	ck_assert_str_eq(v, "A=93600 C=34200 R=0");
	free(v);
	/* the queue's figure of each paused ticket */
	v = testdb_value("SELECT count(*) FROM tickets t, queue_sla(t) s"
			 " WHERE t.queue_paused AND s.remaining_secs = t.queue_paused_left", 0, NULL);
	ck_assert_str_eq(v, "2");
	free(v);
	char *after = testdb_value(state, 0, NULL);
	ck_assert_str_eq(after, before);
	free(before);
	free(after);
	v = testdb_value("SELECT string_agg(tgname || '=' || tgenabled::text, ' ' ORDER BY tgname) FROM pg_trigger"
			 " WHERE tgrelid = 'tickets'::regclass AND NOT tgisinternal"
			 "   AND (tgenabled <> 'O' OR tgname LIKE 'tickets_sla_zqueue%')", 0, NULL);
	ck_assert_str_eq(v, "search_tickets_changed=A tickets_sla_zqueue_insert=O tickets_sla_zqueue_update=O");
	free(v);
	v = testdb_value("SELECT count(*) FROM pg_indexes WHERE schemaname = 'ticketty'"
			 " AND indexdef LIKE '%queue_paused, queue_paused_left, queue_due, id)%'", 0, NULL);
	ck_assert_str_eq(v, "8");
	free(v);
}
END_TEST

/* The functions live in sql/functions/, applied by `db migrate` after the
 * migrations, their digest recorded. A database whose functions are
 * another build's (the digest differs; a function edited by hand with
 * it) is refused by an agent's command (69, run db migrate) and told
 * apart by the check; `db migrate` defines every function again, so the
 * hand-edited one is this ticketty's once more, and a second run has
 * nothing to do. */
START_TEST(functions_of_another_build_are_applied_again)
{
	testdb_create();
	testdb_sql("UPDATE schema_functions SET digest = 'another build';"
		   "CREATE OR REPLACE FUNCTION ticketty.names_or(p_names text[], p_lang text) RETURNS text"
		   "  LANGUAGE sql IMMUTABLE AS 'SELECT ''edited by hand''::text'");
	testdb_agent("mig_fn", "engineer");
	ck_assert_int_eq(testdb_cli("mig_fn", NULL, "queue"), 69);
	ck_assert_msg(strstr(testdb_stderr(), "SQL functions are not this ticketty's") &&
		      strstr(testdb_stderr(), "ticketty db migrate"), "%s", testdb_stderr());
	struct tt_error err;
	struct schema_state st;
	tt_error_init(&err);
	struct db *db = testdb_open(NULL);
	ck_assert_int_eq(migrate_check_state(db, &st, &err), 69);
	ck_assert_int_eq(st.gap, SCHEMA_FUNCTIONS);
	tt_error_clear(&err);
	db_close(db);

	ck_assert_int_eq(testdb_cli(NULL, NULL, "db migrate"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "defined the SQL functions again"), "%s", testdb_stdout());
	char *v = testdb_value("SELECT names_or(ARRAY['Ana', 'Luis'], 'en')", 0, NULL);
	ck_assert_str_eq(v, "Ana or Luis");
	free(v);
	const char *params[1] = { schema_functions_digest };
	v = testdb_value("SELECT count(*) || ' ' || bool_and(digest = $1) FROM schema_functions", 1, params);
	ck_assert_str_eq(v, "1 true");
	free(v);
	ck_assert_int_eq(testdb_cli("mig_fn", NULL, "queue"), 0);
	ck_assert_int_eq(testdb_cli(NULL, NULL, "db migrate"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "up to date"), "%s", testdb_stdout());
}
END_TEST

/* A database the last ticketty before sql/functions/ migrated to its
 * newest schema (921: no schema_functions, no 930) is brought forward in
 * place. One it migrated only part way (a migration up to 921 missing)
 * is refused, by `db migrate` and by an agent's command, saying to
 * migrate it with that ticketty first: the migrations up to 921 no longer
 * replace the functions their data steps were written against. */
START_TEST(database_from_before_function_files)
{
	/* such a database has no schema_functions and does not record 930
	 * (the migrations after 930 stay recorded: their tables cannot be
	 * taken out of the template; the runner applies the one missing) */
	testdb_create();
	testdb_sql("DROP TABLE schema_functions; DELETE FROM schema_migrations WHERE version = 930");
	ck_assert_int_eq(testdb_cli(NULL, NULL, "db migrate"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "applied 1 migration"), "%s", testdb_stdout());
	const char *params[1] = { schema_functions_digest };
	char *v = testdb_value("SELECT count(*) FROM schema_functions WHERE digest = $1", 1, params);
	ck_assert_str_eq(v, "1");
	free(v);

	testdb_create();
	testdb_sql("DROP TABLE schema_functions;"
		   "DELETE FROM schema_migrations WHERE version IN (500, 930)");
	ck_assert_int_eq(testdb_cli(NULL, NULL, "db migrate"), 69);
	ck_assert_msg(strstr(testdb_stderr(), "migrated part way (schema ") &&
		      strstr(testdb_stderr(), ", 1 older migrations missing)") &&
		      strstr(testdb_stderr(), "says schema 921"), "%s", testdb_stderr());
	v = testdb_value("SELECT count(*) FROM schema_migrations WHERE version = 930", 0, NULL);
	ck_assert_str_eq(v, "0");
	free(v);
	testdb_agent("mig_part", "engineer");
	ck_assert_int_eq(testdb_cli("mig_part", NULL, "queue"), 69);
	ck_assert_msg(strstr(testdb_stderr(), "migrated part way"), "%s", testdb_stderr());
	struct tt_error err;
	struct schema_state st;
	tt_error_init(&err);
	struct db *db = testdb_open(NULL);
	ck_assert_int_eq(migrate_check_state(db, &st, &err), 69);
	ck_assert_int_eq(st.gap, SCHEMA_PRE_BASELINE);
	tt_error_clear(&err);
	db_close(db);
}
END_TEST

static Suite *migrate_suite(void)
{
	Suite *s = suite_create("migrate");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, migrate_twice_changes_nothing);
	tcase_add_test(tc, migrate_fresh_database_applies_all);
	tcase_add_test(tc, newer_schema_is_refused);
	tcase_add_test(tc, older_schema_is_refused);
	tcase_add_test(tc, missing_lower_migration_is_noticed);
	tcase_add_test(tc, pre_baseline_database_is_refused);
	tcase_add_test(tc, unknown_lower_migration_is_named);
	tcase_add_test(tc, sessions_run_without_jit);
	tcase_add_test(tc, migration_analyses_only_new_tables);
	tcase_add_test(tc, paused_tickets_get_their_time_left_when_migrated);
	tcase_add_test(tc, functions_of_another_build_are_applied_again);
	tcase_add_test(tc, database_from_before_function_files);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(migrate_suite)
