/* Database tests for a database owner that is no superuser, as on a
 * managed PostgreSQL: the DBA made the ticketty_* group roles and an
 * application role with CREATEROLE (NOSUPERUSER) that owns an empty
 * database. That owner migrates it (creating the trusted extensions
 * itself: their functions then belong to the bootstrap superuser, and
 * PUBLIC keeps EXECUTE on them), `db migrate` and `db version` exit 0 with
 * a clean self-check, the owner adds the first admin and loads demo data,
 * and the desk works for that admin. The self-check still names a
 * ticketty function the owner grants to PUBLIC. An owner without
 * CREATEROLE is told that it needs it to add agents. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testdb.h"
#include "util/xalloc.h"

#define OWNER "mig_app_owner"

START_TEST(owner_no_superuser_migrates_and_runs_a_desk)
{
	/* roles are the cluster's: a retry of this program finds them */
	testdb_create();
	testdb_sql("DO $$ BEGIN"
		   " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" OWNER "') THEN"
		   "  CREATE ROLE " OWNER " LOGIN NOSUPERUSER CREATEROLE;"
		   " END IF; END $$");
	testdb_expect("SELECT rolsuper::text FROM pg_roles WHERE rolname = '" OWNER "'", "false");
	testdb_create_empty(OWNER);

	int rc = testdb_cli(OWNER, NULL, "db migrate");
	ck_assert_msg(rc == 0, "db migrate as a non-superuser owner: exit %d\n%.800s", rc, testdb_stderr());
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "applied"));
	ck_assert_msg(strstr(testdb_stdout(), "security self-check: no problems"), "%.800s", testdb_stdout());
	rc = testdb_cli(OWNER, NULL, "db version");
	ck_assert_msg(rc == 0, "db version: exit %d\n%.800s", rc, testdb_stderr());
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "security self-check: no problems"));

	/* the premise: the owner made the extensions, in schema ticketty;
	 * their functions are the bootstrap superuser's, callable by PUBLIC */
	testdb_expect("SELECT string_agg(x.extname || ' ' || x.extnamespace::regnamespace || ' '"
		      "  || pg_get_userbyid(x.extowner), ', ' ORDER BY x.extname) FROM pg_extension x"
		      " WHERE x.extname IN ('unaccent', 'pg_trgm', 'btree_gist')",
		      "btree_gist ticketty " OWNER ", pg_trgm ticketty " OWNER ", unaccent ticketty " OWNER);
	testdb_expect("SELECT has_function_privilege('public', 'ticketty.show_trgm(text)', 'EXECUTE')"
		      "  AND NOT pg_get_userbyid(p.proowner) = '" OWNER "'"
		      " FROM pg_proc p WHERE p.oid = 'ticketty.show_trgm(text)'::regprocedure", "t");

	/* the first admin, added by the owner, and demo data */
	char login[64], args[256];
	snprintf(login, sizeof(login), "mig_boss_%d", (int)getpid());
	snprintf(args, sizeof(args), "admin agent add %s --name 'Boss Lee' --role admin", login);
	rc = testdb_cli(OWNER, NULL, args);
	ck_assert_msg(rc == 0, "admin agent add as the owner: exit %d\n%.800s", rc, testdb_stderr());
	testdb_clock("2026-11-18T15:00:00Z", TESTDB_CLOCK_RUNNING);
	rc = testdb_cli(OWNER, NULL, "db seed-demo --tickets 20");
	ck_assert_msg(rc == 0, "db seed-demo as the owner: exit %d\n%.800s", rc, testdb_stderr());
	testdb_expect("SELECT count(*) FROM ticketty.tickets", "20");

	/* the desk, for the admin: the queue, search (unaccent) and the
	 * duplicate hint (pg_trgm's similarity) */
	rc = testdb_cli(login, NULL, "queue --all --limit 50 --json");
	ck_assert_msg(rc == 0, "queue: exit %d\n%.800s", rc, testdb_stderr());
	char *title = testdb_value("SELECT title FROM ticketty.tickets ORDER BY id LIMIT 1", 0, NULL);
	char *customer = testdb_value("SELECT c.name FROM ticketty.tickets t"
				      " JOIN ticketty.customers c ON c.id = t.customer_id ORDER BY t.id LIMIT 1",
				      0, NULL);
	char *word = testdb_value("SELECT w FROM (SELECT title FROM ticketty.tickets ORDER BY id LIMIT 1) t,"
				  " regexp_split_to_table(t.title, '[^A-Za-z]+') w ORDER BY length(w) DESC, w LIMIT 1",
				  0, NULL);
	char *cmd = xasprintf("search --all '%s' --json", word);
	rc = testdb_cli(login, NULL, cmd);
	ck_assert_msg(rc == 0, "%s: exit %d\n%.800s", cmd, rc, testdb_stderr());
	ck_assert_msg(strstr(testdb_stdout(), "\"id\""), "%s: %.800s", cmd, testdb_stdout());
	free(cmd);
	cmd = xasprintf("ticket similar --customer '%s' --title '%s' --json", customer, title);
	rc = testdb_cli(login, NULL, cmd);
	ck_assert_msg(rc == 0, "%s: exit %d\n%.800s", cmd, rc, testdb_stderr());
	free(cmd);
	free(word);
	free(customer);
	free(title);
	rc = testdb_cli(OWNER, NULL, "db version");
	ck_assert_msg(rc == 0, "db version after the load: exit %d\n%.800s", rc, testdb_stderr());
}
END_TEST

/* The same database kind: a ticketty function the owner leaves callable
 * by PUBLIC is still reported, by name, and clean again once revoked. */
START_TEST(owner_no_superuser_still_sees_a_public_function)
{
	testdb_create();
	testdb_sql("DO $$ BEGIN"
		   " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" OWNER "') THEN"
		   "  CREATE ROLE " OWNER " LOGIN NOSUPERUSER CREATEROLE;"
		   " END IF; END $$");
	testdb_create_empty(OWNER);
	int rc = testdb_cli(OWNER, NULL, "db migrate");
	ck_assert_msg(rc == 0, "db migrate as a non-superuser owner: exit %d\n%.800s", rc, testdb_stderr());

	struct db *db = testdb_open(OWNER);
	struct tt_error err;
	tt_error_init(&err);
	PGresult *r = db_exec(db, "GRANT EXECUTE ON FUNCTION ticketty.ticket_lock(bigint, integer) TO PUBLIC",
			      0, NULL, &err);
	ck_assert_msg(r != NULL, "%s", err.message);
	PQclear(r);
	ck_assert_int_eq(testdb_cli(OWNER, NULL, "db version"), 78);
	ck_assert_msg(strstr(testdb_stderr(), "ticket_lock(bigint,integer): PUBLIC may execute this internal function"),
		      "%.800s", testdb_stderr());
	/* that one problem, not the extensions' functions too */
	ck_assert_msg(strstr(testdb_stderr(), "1 problem lets agents"), "%.800s", testdb_stderr());
	r = db_exec(db, "REVOKE EXECUTE ON FUNCTION ticketty.ticket_lock(bigint, integer) FROM PUBLIC",
		    0, NULL, &err);
	ck_assert_msg(r != NULL, "%s", err.message);
	PQclear(r);
	db_close(db);
	ck_assert_int_eq(testdb_cli(OWNER, NULL, "db version"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "security self-check: no problems"));
}
END_TEST

/* An owner without CREATEROLE migrates too (the DBA made the ticketty_*
 * roles), but may not make logins: adding an agent says what it lacks
 * (77), instead of PostgreSQL's bare "permission denied to create role". */
START_TEST(owner_without_createrole_is_told_what_it_lacks)
{
	testdb_create();
	testdb_sql("DO $$ BEGIN"
		   " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mig_plain_owner') THEN"
		   "  CREATE ROLE mig_plain_owner LOGIN NOSUPERUSER NOCREATEROLE;"
		   " END IF; END $$");
	testdb_create_empty("mig_plain_owner");
	int rc = testdb_cli("mig_plain_owner", NULL, "db migrate");
	ck_assert_msg(rc == 0, "db migrate: exit %d\n%.800s", rc, testdb_stderr());
	char args[128];
	snprintf(args, sizeof(args), "admin agent add mig_ann_%d --name Ann --role engineer", (int)getpid());
	ck_assert_int_eq(testdb_cli("mig_plain_owner", NULL, args), 77);
	ck_assert_msg(strstr(testdb_stderr(), "the schema owner mig_plain_owner may not create login roles")
		      && strstr(testdb_stderr(), "CREATEROLE"), "%.800s", testdb_stderr());
	testdb_expect("SELECT count(*) FROM ticketty.agents", "0");
}
END_TEST

static Suite *migrate_owner_suite(void)
{
	Suite *s = suite_create("migrate_owner");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, owner_no_superuser_migrates_and_runs_a_desk);
	tcase_add_test(tc, owner_no_superuser_still_sees_a_public_function);
	tcase_add_test(tc, owner_without_createrole_is_told_what_it_lacks);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(migrate_owner_suite)
