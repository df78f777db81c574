/* The security self-check and the clock, as the roles that matter:
 * security_violations() reports every broken state planted here (each one
 * a way an agent could gain a write or read past row-level security), and
 * is empty again once it is undone; `db migrate` / `db version` run it;
 * an agent can never move the database clock tt_now(), while the owner's
 * per-session SET and a clock_pin row do. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testdb.h"
#include "util/xalloc.h"

static char dbname[128];

static void setup(void)
{
	snprintf(dbname, sizeof(dbname), "%s", testdb_create());
	testdb_agent("sec_eng", "engineer");
	testdb_agent("sec_csm", "csm");
}

/* All problems, one "object: problem" per line, sorted ("" when none). */
static char *violations(void)
{
	char *v = testdb_value("SELECT coalesce(string_agg(object || ': ' || problem, E'\\n'"
			       " ORDER BY object, problem), '') FROM security_violations()", 0, NULL);
	ck_assert_ptr_nonnull(v);
	return v;
}

static void expect_clean(const char *when)
{
	char *v = violations();
	ck_assert_msg(!strcmp(v, ""), "%s: security_violations() reports:\n%s", when, v);
	free(v);
}

struct plant {
	const char *plant;    /* SQL run as superuser that breaks something */
	const char *undo;     /* SQL that repairs it */
	const char *report;   /* a line security_violations() must show */
};

static const struct plant plants[] = {
	/* column-level write grants (issue 16: version changed with no audit row) */
	{ "GRANT UPDATE (version) ON tickets TO ticketty_engineer",
	  "REVOKE UPDATE (version) ON tickets FROM ticketty_engineer",
	  "tickets: ticketty_engineer has UPDATE on column version" },
	{ "GRANT INSERT (title) ON tickets TO PUBLIC", "REVOKE INSERT (title) ON tickets FROM PUBLIC",
	  "tickets: PUBLIC has INSERT on column title" },
	{ "GRANT REFERENCES (id) ON agents TO sec_eng", "REVOKE REFERENCES (id) ON agents FROM sec_eng",
	  "agents: sec_eng has REFERENCES on column id" },
	/* table-level writes, to a group, a login, PUBLIC */
	{ "GRANT DELETE ON escalations TO ticketty_csm", "REVOKE DELETE ON escalations FROM ticketty_csm",
	  "escalations: ticketty_csm has DELETE" },
	{ "GRANT TRUNCATE ON comments TO PUBLIC", "REVOKE TRUNCATE ON comments FROM PUBLIC",
	  "comments: PUBLIC has TRUNCATE" },
	{ "GRANT TRIGGER ON tickets TO sec_eng", "REVOKE TRIGGER ON tickets FROM sec_eng",
	  "tickets: sec_eng has TRIGGER" },
	/* the database clock: any write on clock_pin moves tt_now() for everyone */
	{ "GRANT INSERT ON clock_pin TO ticketty_engineer", "REVOKE INSERT ON clock_pin FROM ticketty_engineer",
	  "clock_pin: ticketty_engineer has INSERT" },
	{ "GRANT UPDATE (pinned_at) ON clock_pin TO sec_eng",
	  "REVOKE UPDATE (pinned_at) ON clock_pin FROM sec_eng",
	  "clock_pin: sec_eng has UPDATE on column pinned_at" },
	{ "GRANT DELETE ON clock_pin TO ticketty_agent", "REVOKE DELETE ON clock_pin FROM ticketty_agent",
	  "clock_pin: ticketty_agent has DELETE" },
	/* sequences */
	{ "GRANT USAGE ON SEQUENCE tickets_id_seq TO ticketty_engineer",
	  "REVOKE USAGE ON SEQUENCE tickets_id_seq FROM ticketty_engineer",
	  "tickets_id_seq: ticketty_engineer has USAGE" },
	/* the audit log's append-only triggers: disabled, replica-only, gone */
	{ "ALTER TABLE ticket_events DISABLE TRIGGER ticket_events_append_only",
	  "ALTER TABLE ticket_events ENABLE TRIGGER ticket_events_append_only",
	  "ticket_events: trigger ticket_events_append_only is disabled" },
	{ "ALTER TABLE ticket_events ENABLE REPLICA TRIGGER ticket_events_no_truncate",
	  "ALTER TABLE ticket_events ENABLE TRIGGER ticket_events_no_truncate",
	  "ticket_events: trigger ticket_events_no_truncate is disabled" },
	{ "DROP TRIGGER ticket_events_no_truncate ON ticket_events",
	  "CREATE TRIGGER ticket_events_no_truncate BEFORE TRUNCATE ON ticket_events"
	  " FOR EACH STATEMENT EXECUTE FUNCTION ticket_events_append_only()",
	  "ticket_events: append-only trigger missing" },
	{ "ALTER TABLE ticket_events DISABLE TRIGGER ALL", "ALTER TABLE ticket_events ENABLE TRIGGER ALL",
	  "ticket_events: trigger ticket_events_notify_collaborators is disabled" },
	/* row-level security */
	{ "ALTER TABLE notifications DISABLE ROW LEVEL SECURITY",
	  "ALTER TABLE notifications ENABLE ROW LEVEL SECURITY",
	  "notifications: row-level security is off" },
	{ "ALTER TABLE contacts DISABLE ROW LEVEL SECURITY",
	  "ALTER TABLE contacts ENABLE ROW LEVEL SECURITY",
	  "contacts: row-level security is off" },
	{ "ALTER TABLE comments DISABLE ROW LEVEL SECURITY",
	  "ALTER TABLE comments ENABLE ROW LEVEL SECURITY",
	  "comments: row-level security is off" },
	{ "ALTER TABLE mail_inbound DISABLE ROW LEVEL SECURITY",
	  "ALTER TABLE mail_inbound ENABLE ROW LEVEL SECURITY",
	  "mail_inbound: row-level security is off" },
	{ "ALTER TABLE ticket_search DISABLE ROW LEVEL SECURITY",
	  "ALTER TABLE ticket_search ENABLE ROW LEVEL SECURITY",
	  "ticket_search: row-level security is off" },
	{ "GRANT EXECUTE ON FUNCTION search_snippet(tickets, tsquery, boolean, int) TO ticketty_agent",
	  "REVOKE EXECUTE ON FUNCTION search_snippet(tickets, tsquery, boolean, int) FROM ticketty_agent",
	  "search_snippet(tickets,tsquery,boolean,integer): ticketty_agent may execute this internal function" },
	{ "ALTER ROLE sec_eng BYPASSRLS", "ALTER ROLE sec_eng NOBYPASSRLS",
	  "role sec_eng: agents can act as sec_eng, which has BYPASSRLS" },
	/* SECURITY DEFINER search_path: temp objects first, missing, extra schema */
	{ "ALTER FUNCTION api_escalate(bigint, text, int) SET search_path = pg_temp, ticketty",
	  "ALTER FUNCTION api_escalate(bigint, text, int) SET search_path = ticketty, pg_temp",
	  "api_escalate(bigint,text,integer): SECURITY DEFINER with search_path pg_temp, ticketty"
	  " (must be ticketty, pg_temp)" },
	{ "ALTER FUNCTION current_agent_id() RESET search_path",
	  "ALTER FUNCTION current_agent_id() SET search_path = ticketty, pg_temp",
	  "current_agent_id(): SECURITY DEFINER without SET search_path" },
	{ "ALTER FUNCTION is_following(bigint) SET search_path = ticketty, public, pg_temp",
	  "ALTER FUNCTION is_following(bigint) SET search_path = ticketty, pg_temp",
	  "is_following(bigint): SECURITY DEFINER with search_path ticketty, public, pg_temp"
	  " (must be ticketty, pg_temp)" },
	/* internal helpers callable by agents */
	{ "GRANT EXECUTE ON FUNCTION audit(bigint, text, jsonb) TO ticketty_agent",
	  "REVOKE EXECUTE ON FUNCTION audit(bigint, text, jsonb) FROM ticketty_agent",
	  "audit(bigint,text,jsonb): ticketty_agent may execute this internal function" },
	{ "GRANT EXECUTE ON FUNCTION ticket_lock(bigint, integer) TO PUBLIC",
	  "REVOKE EXECUTE ON FUNCTION ticket_lock(bigint, integer) FROM PUBLIC",
	  "ticket_lock(bigint,integer): PUBLIC may execute this internal function" },
	{ "CREATE FUNCTION public.sec_backdoor() RETURNS void LANGUAGE sql SECURITY DEFINER"
	  " SET search_path = ticketty, pg_temp AS 'DELETE FROM ticketty.clock_pin';"
	  " GRANT EXECUTE ON FUNCTION public.sec_backdoor() TO sec_csm",
	  "DROP FUNCTION public.sec_backdoor()",
	  "public.sec_backdoor(): sec_csm may execute this SECURITY DEFINER function outside the schema" },
	/* role attributes and memberships */
	{ "ALTER ROLE sec_eng SUPERUSER", "ALTER ROLE sec_eng NOSUPERUSER",
	  "role sec_eng: agents can act as sec_eng, which has SUPERUSER" },
	{ "ALTER ROLE ticketty_engineer CREATEROLE", "ALTER ROLE ticketty_engineer NOCREATEROLE",
	  "role ticketty_engineer: agents can act as ticketty_engineer, which has CREATEROLE" },
	{ "GRANT postgres TO sec_csm", "REVOKE postgres FROM sec_csm",
	  "role postgres: agents can act as postgres, which has SUPERUSER" },
	{ "GRANT pg_write_all_data TO ticketty_csm", "REVOKE pg_write_all_data FROM ticketty_csm",
	  "role pg_write_all_data: agents can act as pg_write_all_data" },
	{ "INSERT INTO agents (login, display_name, role) VALUES ('postgres', 'Boss', 'admin')",
	  "DELETE FROM agents WHERE login = 'postgres'",
	  "role postgres: agents can act as postgres, which has SUPERUSER" },
	/* ownership */
	{ "ALTER TABLE holidays OWNER TO sec_eng", "ALTER TABLE holidays OWNER TO postgres",
	  "holidays: owned by sec_eng, whom agents can act as" },
	{ "ALTER FUNCTION api_escalate(bigint, text, int) OWNER TO ticketty_engineer",
	  "ALTER FUNCTION api_escalate(bigint, text, int) OWNER TO postgres",
	  "api_escalate(bigint,text,integer): owned by ticketty_engineer, whom agents can act as" },
	/* CREATE anywhere, now or through default privileges */
	{ "GRANT CREATE ON SCHEMA ticketty TO sec_eng", "REVOKE CREATE ON SCHEMA ticketty FROM sec_eng",
	  "schema ticketty: sec_eng has CREATE" },
	{ "GRANT CREATE ON SCHEMA public TO PUBLIC", "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
	  "schema public: PUBLIC has CREATE" },
	{ "ALTER DEFAULT PRIVILEGES IN SCHEMA ticketty GRANT INSERT ON TABLES TO ticketty_agent",
	  "ALTER DEFAULT PRIVILEGES IN SCHEMA ticketty REVOKE INSERT ON TABLES FROM ticketty_agent",
	  "default privileges: ticketty_agent would get INSERT on new tables" },
	/* a view reads with its owner's rights, past row-level security
	 * (sql/892); one that runs as its reader does not (see below) */
	{ "CREATE VIEW ticketty.leak AS SELECT name, email FROM contacts", "DROP VIEW ticketty.leak",
	  "leak: agents may read this view, which reads contacts past its row-level security" },
	{ "CREATE VIEW ticketty.leak AS SELECT c.body FROM tickets t JOIN comments c ON c.ticket_id = t.id",
	  "DROP VIEW ticketty.leak",
	  "leak: agents may read this view, which reads comments past its row-level security" },
	{ "CREATE MATERIALIZED VIEW ticketty.leak AS SELECT raw FROM mail_inbound",
	  "DROP MATERIALIZED VIEW ticketty.leak",
	  "leak: agents may read this view, which reads mail_inbound past its row-level security" },
	/* a helper agents may call by name, made VOLATILE (it may write) */
	{ "CREATE FUNCTION ticketty.tt_now(n int) RETURNS int LANGUAGE sql VOLATILE AS 'SELECT n'",
	  "DROP FUNCTION ticketty.tt_now(int)",
	  "tt_now(integer): ticketty_agent may execute this VOLATILE helper, which may write" },
	{ NULL, NULL, NULL },
};

START_TEST(every_planted_hole_is_reported)
{
	expect_clean("after migrating");
	for (int i = 0; plants[i].plant; i++) {
		testdb_sql(plants[i].plant);
		char *v = violations();
		bool found = false;
		for (char *line = v, *next; line && *line; line = next) {
			next = strchr(line, '\n');
			if (next)
				*next++ = '\0';
			found = found || !strcmp(line, plants[i].report);
		}
		testdb_sql(plants[i].undo);
		ck_assert_msg(found, "planted: %s\n  wanted the report: %s\n  security_violations() gave:\n%s",
			      plants[i].plant, plants[i].report, v);
		free(v);
		expect_clean(plants[i].undo);
	}
	/* a view that reads as its reader keeps row-level security: clean */
	testdb_sql("CREATE VIEW ticketty.shown WITH (security_invoker = true) AS SELECT name, email FROM contacts");
	expect_clean("a security_invoker view over contacts");
	testdb_sql("DROP VIEW ticketty.shown");
}
END_TEST

START_TEST(the_column_grant_is_a_real_hole)
{
	/* why column grants matter: with one, an engineer rewrites a ticket
	 * without an audit row; the check is what tells the owner */
	testdb_sql("INSERT INTO customers (name, member_id, plan) VALUES ('Acme', 1001, 'premium');"
		   "INSERT INTO contacts (customer_id, name, email, spoc)"
		   " SELECT id, 'Carl', 'carl@acme.example', true FROM customers;"
		   "INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity,"
		   "  title, description, impact, object_ids, member_id, repro_steps, browser, os, calendar_id,"
		   "  plan, first_response_due, resolution_due)"
		   " SELECT c.id, ct.id, rt.id, rt.team_id, (SELECT min(id) FROM case_reasons), 2, 't', 'd', 'i',"
		   "  '{1}', 1001, 'r', 'Firefox 128', 'Linux 6.1', default_calendar_id(), 'premium', tt_now(), tt_now()"
		   "  FROM customers c JOIN contacts ct ON true JOIN request_types rt ON rt.key = 'ad_serving'");
	testdb_sql("GRANT UPDATE (version) ON tickets TO ticketty_engineer");
	ck_assert_int_eq(testdb_cli("sec_eng", NULL, "db version"), 0); /* an agent cannot run the check */
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "security self-check: not run"));
	struct db *db = testdb_open("sec_eng");
	struct tt_error err;
	tt_error_init(&err);
	PGresult *r = db_exec(db, "UPDATE tickets SET version = version + 41", 0, NULL, &err);
	ck_assert_ptr_nonnull(r);
	PQclear(r);
	db_close(db);
	ck_assert_int_eq(testdb_cli(NULL, NULL, "db version"), 78);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "tickets: ticketty_engineer has UPDATE on column version"));
	ck_assert_int_eq(testdb_cli(NULL, NULL, "db migrate"), 78);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "tickets: ticketty_engineer has UPDATE on column version"));
	testdb_sql("REVOKE UPDATE (version) ON tickets FROM ticketty_engineer");
	ck_assert_int_eq(testdb_cli(NULL, NULL, "db version"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "security self-check: no problems"));
	ck_assert_int_eq(testdb_cli(NULL, NULL, "db migrate"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "security self-check: no problems"));
}
END_TEST

/* ---------------------------------------------------------------- clock -- */

/* The first value of sql on this connection, "" on failure (state in *st). */
static char *value_on(struct db *db, const char *sql, char st[6])
{
	struct tt_error err;
	tt_error_init(&err);
	char *v = db_scalar(db, sql, 0, NULL, &err);
	snprintf(st, 6, "%s", v ? "" : err.sqlstate);
	tt_error_clear(&err);
	return v ? v : xstrdup("");
}

/* tt_now() on this connection is the server's own clock (no pin moved it). */
static void clock_is_real(struct db *db, const char *after)
{
	char st[6];
	char *v = value_on(db, "SELECT tt_now() = now() AND NOT clock_may_pin()", st);
	ck_assert_msg(!strcmp(v, "t"), "after %s: tt_now() is not the database clock (%s %s)", after, v, st);
	free(v);
}

static void clock_is(struct db *db, const char *want, const char *after)
{
	char st[6];
	char *v = value_on(db, "SELECT to_char(tt_now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')", st);
	ck_assert_msg(!strcmp(v, want), "after %s: tt_now() is %s, wanted %s", after, v, want);
	free(v);
}

static void try_on(struct db *db, const char *sql, const char *want_state)
{
	char st[6];
	free(value_on(db, sql, st));
	ck_assert_msg(!strcmp(st, want_state), "%s gave SQLSTATE '%s', wanted '%s'", sql, st, want_state);
}

START_TEST(agents_never_move_the_clock)
{
	static const char fake[] = "2001-02-03T04:05:06Z";
	struct db *db = testdb_open("sec_eng");
	clock_is_real(db, "connecting");
	try_on(db, "SET ticketty.now = '2001-02-03T04:05:06Z'", "");
	clock_is_real(db, "SET ticketty.now");
	try_on(db, "SELECT set_config('ticketty.now', '2001-02-03T04:05:06Z', false)", "");
	clock_is_real(db, "set_config()");
	try_on(db, "BEGIN", "");
	try_on(db, "SET LOCAL ticketty.now = '2001-02-03T04:05:06Z'", "");
	clock_is_real(db, "SET LOCAL");
	try_on(db, "COMMIT", "");
	/* writing the pin itself */
	try_on(db, "INSERT INTO clock_pin (pinned_at, frozen) VALUES ('2001-02-03T04:05:06Z', true)", "42501");
	try_on(db, "UPDATE clock_pin SET pinned_at = '2001-02-03T04:05:06Z'", "42501");
	try_on(db, "DELETE FROM clock_pin", "42501");
	try_on(db, "TRUNCATE clock_pin", "42501");
	/* the role's and the database's defaults */
	/* refused or not (PostgreSQL decides), a new session keeps the real clock */
	char ignored[6];
	free(value_on(db, "ALTER ROLE sec_eng SET ticketty.now = '2001-02-03T04:05:06Z'", ignored));
	char *alter_db = xasprintf("ALTER DATABASE \"%s\" SET ticketty.now = '2001-02-03T04:05:06Z'", dbname);
	try_on(db, alter_db, "42501");
	free(alter_db);
	db_close(db);
	db = testdb_open("sec_eng");
	clock_is_real(db, "ALTER ROLE ... SET (new session)");
	db_close(db);
	/* and when a superuser wrote the agent's default, the same */
	testdb_sql("ALTER ROLE sec_eng SET ticketty.now = '2001-02-03T04:05:06Z'");
	db = testdb_open("sec_eng");
	clock_is_real(db, "ALTER ROLE ... SET by a superuser");
	db_close(db);
	testdb_sql("ALTER ROLE sec_eng RESET ALL");

	/* options=-c ticketty.now=... in the connection string */
	struct tt_error err;
	tt_error_init(&err);
	char *ci = testdb_conninfo("sec_eng");
	char *opt = xasprintf("%s options='-c ticketty.now=%s'", ci, fake);
	db = db_open(opt, &err);
	ck_assert_msg(db != NULL, "%s", err.message);
	char st[6];
	char *v = value_on(db, "SELECT current_setting('ticketty.now')", st);
	ck_assert_str_eq(v, fake); /* the option arrived ... */
	free(v);
	clock_is_real(db, "options=-c ticketty.now"); /* ... and changed nothing */
	db_close(db);
	free(opt);

	/* the owner's per-session SET moves the owner's clock only */
	db = testdb_open(NULL);
	try_on(db, "SET ticketty.now = '2027-03-14T06:59:50Z'", "");
	clock_is(db, "2027-03-14 06:59:50", "the owner's SET");
	db_close(db);
	free(ci);
	ci = testdb_conninfo(NULL);
	opt = xasprintf("%s options='-c ticketty.now=2027-12-31T22:59:30Z'", ci);
	db = db_open(opt, &err);
	ck_assert_msg(db != NULL, "%s", err.message);
	clock_is(db, "2027-12-31 22:59:30", "the owner's options=-c");
	db_close(db);
	free(opt);
	free(ci);

	/* a clock_pin row moves everyone's clock, the agent's too, and the
	 * agent's own SET still cannot override it */
	testdb_sql("INSERT INTO clock_pin (pinned_at, frozen) VALUES ('2027-03-14T06:59:50Z', true)");
	db = testdb_open("sec_eng");
	clock_is(db, "2027-03-14 06:59:50", "a frozen clock_pin row");
	try_on(db, "SET ticketty.now = '2001-02-03T04:05:06Z'", "");
	clock_is(db, "2027-03-14 06:59:50", "the agent's SET under a pin");
	try_on(db, "UPDATE clock_pin SET frozen = false", "42501");
	db_close(db);
	expect_clean("the clock tests");
}
END_TEST

static Suite *security_suite(void)
{
	Suite *s = suite_create("security");
	TCase *tc = tcase_create("self-check");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, every_planted_hole_is_reported);
	tcase_add_test(tc, the_column_grant_is_a_real_hole);
	tcase_add_test(tc, agents_never_move_the_clock);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(security_suite)
