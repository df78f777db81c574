/* Database tests for the demo seeder (`ticketty db seed-demo`): the same
 * seed gives the same data, another seed other data; the people, accounts
 * and tickets it makes are complete and obey the intake, routing, state
 * and escalation rules; deadlines are the SLA engine's; a desk that has
 * tickets is refused. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/seed.h"
#include "rollup_recount.h"
#include "testdb.h"
#include "util/xalloc.h"

#define TICKETS "400"

/* A checksum of the columns a seed decides (not the absolute times, which
 * follow the clock of the load). */
static char *checksum(void)
{
	return testdb_value(
		"SELECT md5(string_agg(concat_ws('|', t.id, cu.name, cu.plan, co.email, t.severity, t.status,"
		"                                tm.key, rt.key, t.title, t.escalation_level, a.login,"
		"                                t.object_ids::text, t.version, t.bug_ref, t.phone),"
		"                      ',' ORDER BY t.id))"
		"  FROM tickets t JOIN customers cu ON cu.id = t.customer_id"
		"  JOIN contacts co ON co.id = t.contact_id JOIN teams tm ON tm.id = t.team_id"
		"  JOIN request_types rt ON rt.id = t.request_type_id"
		"  LEFT JOIN agents a ON a.id = t.assignee_id",
		0, NULL);
}

/* A fresh desk whose clock is pinned (running) at a stated instant: the
 * seeder places every time relative to tt_now(). */
#define SEED_NOW "2026-11-18T15:00:00Z"   /* a Wednesday, 10:00 in New York */
static void desk_at(const char *instant)
{
	testdb_create();
	testdb_clock(instant, TESTDB_CLOCK_RUNNING);
}

static void desk(void)
{
	desk_at(SEED_NOW);
}

static void seed(const char *args)
{
	int rc = testdb_cli(NULL, NULL, args);
	ck_assert_msg(rc == 0, "seed-demo failed (%d): %s", rc, testdb_stderr());
}

static void assert_zero(const char *what, const char *sql)
{
	char *v = testdb_value(sql, 0, NULL);
	ck_assert_msg(v && !strcmp(v, "0"), "%s: %s rows (%s)", what, v ? v : "NULL", sql);
	free(v);
}

static void assert_value(const char *sql, const char *expected)
{
	char *v = testdb_value(sql, 0, NULL);
	ck_assert_msg(v && !strcmp(v, expected), "%s -> %s, expected %s", sql, v ? v : "NULL", expected);
	free(v);
}

START_TEST(same_seed_same_data_other_seed_other_data)
{
	desk();
	seed("db seed-demo --tickets " TICKETS " --seed 7");
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), TICKETS));
	char *a = checksum();
	desk();
	seed("db seed-demo --tickets " TICKETS " --seed 7");
	char *b = checksum();
	desk();
	seed("db seed-demo --tickets " TICKETS " --seed 8");
	char *c = checksum();
	ck_assert_str_eq(a, b);
	ck_assert_str_ne(a, c);
	free(a);
	free(b);
	free(c);
}
END_TEST

START_TEST(people_and_accounts)
{
	desk();
	seed("db seed-demo --tickets 100 --seed 3");
	assert_value("SELECT (count(*) >= 40)::text FROM customers", "true");
	assert_value("SELECT count(DISTINCT plan)::text FROM customers", "2");
	/* every customer: a CSM agent of role csm, an account representative */
	assert_zero("customers without a proper CSM",
		    "SELECT count(*) FROM customers c LEFT JOIN agents a ON a.id = c.csm_id"
		    " WHERE a.role IS DISTINCT FROM 'csm' OR c.account_rep_name IS NULL"
		    "    OR c.account_rep_email IS NULL");
	/* 2-4 contacts each, at least one SPOC and one who is not */
	assert_zero("customers with a wrong contact mix",
		    "SELECT count(*) FROM (SELECT c.id, count(k.id) AS n, count(k.id) FILTER (WHERE k.spoc) AS s"
		    "  FROM customers c LEFT JOIN contacts k ON k.customer_id = c.id GROUP BY c.id) x"
		    " WHERE x.n NOT BETWEEN 2 AND 4 OR x.s < 1 OR x.s = x.n");
	/* agents for every role; 3 CSMs, one COO, one CEO */
	assert_value("SELECT count(DISTINCT role)::text FROM agents", "7");
	assert_value("SELECT string_agg(role || '=' || n, ',' ORDER BY role) FROM"
		     " (SELECT role, count(*) AS n FROM agents WHERE role IN ('csm', 'coo', 'ceo') GROUP BY role) x",
		     "csm=3,coo=1,ceo=1");
	/* engineers in every team */
	assert_zero("teams without an engineer",
		    "SELECT count(*) FROM teams t WHERE NOT EXISTS (SELECT 1 FROM agents a"
		    " WHERE a.team_id = t.id AND a.role = 'engineer')");
	/* every agent is a real login role in its group */
	assert_zero("agents that cannot log in",
		    "SELECT count(*) FROM agents a LEFT JOIN pg_roles r ON r.rolname = a.login"
		    " WHERE r.rolcanlogin IS NOT TRUE"
		    "    OR NOT pg_has_role(a.login, 'ticketty_' || a.role::text, 'MEMBER')");
}
END_TEST

START_TEST(tickets_cover_every_state_severity_team_and_level)
{
	desk();
	seed("db seed-demo --tickets " TICKETS " --seed 11");
	assert_value("SELECT count(*)::text FROM tickets", TICKETS);
	assert_value("SELECT count(DISTINCT status)::text FROM tickets", "7");
	assert_value("SELECT count(DISTINCT severity)::text FROM tickets", "4");
	assert_value("SELECT (count(DISTINCT team_id) = (SELECT count(*) FROM teams))::text FROM tickets", "true");
	assert_value("SELECT string_agg(DISTINCT escalation_level::text, ',') FROM tickets", "0,1,2,3");
	assert_value("SELECT (count(DISTINCT request_type_id) = (SELECT count(*) FROM request_types"
		     "        WHERE NOT account_rep))::text FROM tickets", "true");
	/* more low severity than high; roughly a fifth open */
	assert_value("SELECT (count(*) FILTER (WHERE severity = 4) > count(*) FILTER (WHERE severity = 1))::text"
		     "  FROM tickets", "true");
	assert_value("SELECT (avg(is_open::int) BETWEEN 0.1 AND 0.35)::text FROM tickets", "true");
	assert_value("SELECT (count(*) > 0)::text FROM comments WHERE kind = 'internal'", "true");
	assert_value("SELECT (count(*) > 0)::text FROM comments WHERE kind = 'public'", "true");
}
END_TEST

/* The rules hold whenever the desk is seeded: a weekday morning, minutes
 * before New York springs forward, 17:59 on the observed New Year holiday. */
static const char *const rule_instants[] = {
	SEED_NOW, "2027-03-14T06:59:50Z", "2027-12-31T22:59:30Z",
};

START_TEST(tickets_obey_intake_and_lifecycle_rules)
{
	desk_at(rule_instants[_i]);
	seed("db seed-demo --tickets " TICKETS " --seed 5");
	/* every ticket asked for, whatever the real date is */
	assert_value("SELECT count(*)::text FROM tickets", TICKETS);
	assert_zero("contact not a SPOC of the ticket's customer",
		    "SELECT count(*) FROM tickets t JOIN contacts k ON k.id = t.contact_id"
		    " WHERE k.customer_id <> t.customer_id OR NOT k.spoc");
	assert_zero("team is not the request type's",
		    "SELECT count(*) FROM tickets t JOIN request_types rt ON rt.id = t.request_type_id"
		    " WHERE rt.account_rep OR rt.team_id IS DISTINCT FROM t.team_id");
	assert_zero("member id, plan or calendar not the customer's",
		    "SELECT count(*) FROM tickets t JOIN customers c ON c.id = t.customer_id"
		    " WHERE t.member_id <> c.member_id OR t.plan <> c.plan OR t.calendar_id <> c.calendar_id");
	assert_zero("severity 1 without a phone",
		    "SELECT count(*) FROM tickets WHERE severity = 1 AND coalesce(btrim(phone), '') = ''");
	/* intake's rules (520): a plausible phone, one-line fields of one line */
	assert_zero("implausible phone",
		    "SELECT (SELECT count(*) FROM tickets WHERE NOT intake_phone_ok(phone))"
		    "     + (SELECT count(*) FROM contacts WHERE NOT intake_phone_ok(phone))");
	assert_zero("a one-line field of several lines",
		    "SELECT count(*) FROM tickets WHERE concat(title, browser, os, phone) ~ '[\\x01-\\x1f\\x7f]'");
	assert_zero("UI request without screenshots",
		    "SELECT count(*) FROM tickets t JOIN request_types rt ON rt.id = t.request_type_id"
		    " WHERE rt.ui_related AND cardinality(t.screenshots) = 0");
	assert_zero("intake field missing",
		    "SELECT count(*) FROM tickets WHERE cardinality(object_ids) = 0 OR btrim(title) = ''"
		    " OR btrim(description) = '' OR btrim(impact) = '' OR btrim(repro_steps) = ''"
		    " OR browser !~ '[0-9]' OR os !~ '[0-9]'"
		    " OR concat(title, description, impact, repro_steps) ~ '%[0-9]\\$'");
	assert_zero("timestamps inconsistent with the status",
		    "SELECT count(*) FROM tickets WHERE (status = 'new') <> (acknowledged_at IS NULL)"
		    " OR (status IN ('resolved', 'closed')) <> (resolved_at IS NOT NULL)"
		    " OR (status = 'closed') <> (closed_at IS NOT NULL)"
		    " OR acknowledged_at < created_at OR resolved_at < acknowledged_at"
		    " OR closed_at < resolved_at OR greatest(created_at, acknowledged_at, resolved_at,"
		    "    closed_at, updated_at) > tt_now()"
		    " OR (status = 'waiting_engineering' AND bug_ref IS NULL)"
		    " OR (status = 'waiting_customer') <> (waiting_since IS NOT NULL)");
	assert_zero("unassigned ticket past new",
		    "SELECT count(*) FROM tickets WHERE status <> 'new' AND assignee_id IS NULL");
	/* deadlines are those of the SLA engine, outcomes follow the timestamps */
	assert_zero("deadline differs from sla_due()",
		    "SELECT count(*) FROM tickets"
		    " WHERE first_response_due <> sla_due('first_response', plan, severity, created_at, calendar_id)"
		    "    OR resolution_due <> sla_due('resolution', plan, severity, created_at, calendar_id)"
		    "    OR first_response_risk_at <> sla_risk_at(calendar_id, first_response_clock, created_at,"
		    "                                             first_response_minutes)"
		    "    OR resolution_risk_at <> sla_risk_at(calendar_id, resolution_clock, created_at,"
		    "                                         resolution_minutes)");
	assert_zero("outcome inconsistent",
		    "SELECT count(*) FROM tickets"
		    " WHERE first_response_outcome IS DISTINCT FROM CASE WHEN acknowledged_at IS NULL THEN NULL"
		    "       WHEN acknowledged_at <= first_response_due THEN 'met' ELSE 'missed' END::sla_outcome"
		    "    OR resolution_outcome IS DISTINCT FROM CASE WHEN resolved_at IS NULL THEN NULL"
		    "       WHEN resolved_at <= resolution_due THEN 'met' ELSE 'missed' END::sla_outcome");
	/* the queue's key of a paused ticket (340): the resolution time left
	 * when the pause began, on its clock; 0 for every other ticket */
	assert_zero("queue_paused_left differs from the clock",
		    "SELECT count(*) FROM tickets"
		    " WHERE queue_paused_left <> CASE WHEN queue_paused AND waiting_since IS NOT NULL"
		    "       THEN clock_between(calendar_id, coalesce(resolution_clock, 'wall'), waiting_since,"
		    "                          resolution_due) ELSE 0 END");
	assert_value("SELECT (count(*) > 0)::text FROM tickets WHERE queue_paused AND queue_paused_left <> 0",
		     "true");
	assert_zero("waiting ticket without its open pause",
		    "SELECT count(*) FROM tickets t WHERE t.status = 'waiting_customer' AND NOT EXISTS"
		    " (SELECT 1 FROM sla_pauses p WHERE p.ticket_id = t.id AND p.ended_at IS NULL)");
	/* the audit log: one event per version, in time order */
	assert_zero("version is not the number of events",
		    "SELECT count(*) FROM tickets t WHERE t.version <> (SELECT count(*) FROM ticket_events e"
		    " WHERE e.ticket_id = t.id) OR t.version <> (SELECT max(e.version) FROM ticket_events e"
		    " WHERE e.ticket_id = t.id) OR t.updated_at <> (SELECT max(e.at) FROM ticket_events e"
		    " WHERE e.ticket_id = t.id)");
	assert_zero("events out of order",
		    "SELECT count(*) FROM (SELECT at, lag(at) OVER (PARTITION BY ticket_id ORDER BY version) AS prev"
		    " FROM ticket_events) x WHERE x.at <= x.prev");
	/* escalations: one row per level up to the ticket's, held by CSM, COO, CEO */
	assert_zero("escalation chain inconsistent",
		    "SELECT count(*) FROM tickets t WHERE t.escalation_level <> (SELECT count(*) FROM escalations e"
		    " WHERE e.ticket_id = t.id) OR (t.escalation_level > 0 AND NOT t.is_open)");
	assert_zero("escalation holder or state wrong",
		    "SELECT count(*) FROM escalations e JOIN tickets t ON t.id = e.ticket_id"
		    "  JOIN customers c ON c.id = t.customer_id JOIN agents h ON h.id = e.holder_id"
		    " WHERE (e.level = 1 AND e.holder_id <> c.csm_id) OR (e.level = 2 AND h.role <> 'coo')"
		    "    OR (e.level = 3 AND h.role <> 'ceo')"
		    "    OR (e.level < t.escalation_level AND e.state <> 'passed_up')"
		    "    OR (e.level = t.escalation_level AND e.state NOT IN ('open', 'acknowledged'))"
		    "    OR e.raised_at > tt_now() OR e.raised_at < t.acknowledged_at");
}
END_TEST

/* The demo data is laid out around the desk's clock, not the machine's:
 * with the clock pinned far from today every ticket is still there, none
 * created after the pinned instant, the newest within days of it. */
START_TEST(seeding_follows_the_pinned_clock)
{
	testdb_create();
	testdb_sql("INSERT INTO clock_pin (pinned_at, frozen) VALUES ('2031-06-11 15:00+00', true)");
	ck_assert_int_eq(testdb_cli(NULL, NULL, "db seed-demo --tickets 200 --seed 3"), 0);
	char *v = testdb_value("SELECT count(*) || ' ' || (max(created_at) <= '2031-06-11 15:00+00')"
			       " || ' ' || (max(created_at) > '2031-06-11 15:00+00'::timestamptz - interval '4 days')"
			       "  FROM tickets", 0, NULL);
	ck_assert_str_eq(v, "200 true true");
	free(v);
}
END_TEST

START_TEST(seeding_twice_is_refused)
{
	desk();
	seed("db seed-demo --tickets 30 --seed 2");
	ck_assert_int_eq(testdb_cli(NULL, NULL, "db seed-demo --tickets 30 --seed 2"), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "already has tickets"));
	assert_value("SELECT count(*)::text FROM tickets", "30");
	ck_assert_int_eq(testdb_cli(NULL, NULL, "db seed-demo --tickets many"), 64);
}
END_TEST

START_TEST(seeding_adds_the_local_user_and_reuses_existing_people)
{
	desk();
	char *me = xasprintf("ts_%d_me", (int)getpid());
	/* an admin added one of the demo customers' CSMs already */
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin agent add jonas_weber --name 'Jonas W.' --role csm"), 0);
	struct tt_error err;
	tt_error_init(&err);
	struct db *db = testdb_open(NULL);
	struct seed_options opt = { .tickets = 60, .seed = 4, .me = me };
	ck_assert_msg(seed_demo(db, &opt, &err) == 0, "seed_demo: %s", err.message ? err.message : "");
	db_close(db);
	tt_error_clear(&err);
	const char *p[1] = { me };
	char *v = testdb_value("SELECT a.role || '/' || t.key || '/' || a.active || '/' || r.rolcanlogin"
			       "  FROM agents a JOIN teams t ON t.id = a.team_id"
			       "  JOIN pg_roles r ON r.rolname = a.login WHERE a.login = $1", 1, p);
	ck_assert_str_eq(v, "engineer/client_services/true/true");
	free(v);
	assert_value("SELECT display_name FROM agents WHERE login = 'jonas_weber'", "Jonas W.");
	assert_value("SELECT count(*)::text FROM tickets", "60");
	free(me);
}
END_TEST

/* The tables the triggers keep (search, rollups) are built set-based after
 * the trigger-less load: each equals what the triggers and a recount give,
 * and the big tables are analysed when the seeder returns. */
START_TEST(derived_tables_equal_a_recount_and_tables_are_analysed)
{
	desk();
	seed("db seed-demo --tickets " TICKETS " --seed 5 --timing");
	/* --timing names each step with its duration */
	ck_assert_msg(strstr(testdb_stderr(), " s  preparing the search vectors\n")
		      && strstr(testdb_stderr(), " s  committing\n")
		      && strstr(testdb_stderr(), " s  building the search index (two sessions)\n"),
		      "timing: %s", testdb_stderr());
	assert_value("SELECT (SELECT count(*) FROM ticket_search) || '/' || (SELECT count(*) FROM ticket_search_shared)",
		     TICKETS "/" TICKETS);
	assert_zero("search rows unlike search_doc()",
		    "SELECT count(*) FROM tickets t LEFT JOIN ticket_search s ON s.ticket_id = t.id"
		    " WHERE s.doc IS DISTINCT FROM search_doc(t) OR s.is_open IS DISTINCT FROM t.is_open"
		    "    OR s.customer_id <> t.customer_id OR s.created_at <> t.created_at");
	assert_zero("shared search rows unlike search_shared_doc()",
		    "SELECT count(*) FROM tickets t LEFT JOIN ticket_search_shared s ON s.ticket_id = t.id"
		    " WHERE s.doc IS DISTINCT FROM search_shared_doc(t) OR s.is_open IS DISTINCT FROM t.is_open");
	/* some tickets have internal notes, so the two vectors differ */
	assert_value("SELECT count(*) > 0 FROM ticket_search s JOIN ticket_search_shared h USING (ticket_id)"
		     " WHERE s.doc <> h.doc", "t");
	char *v = testdb_value(recount_diff, 0, NULL);
	ck_assert_msg(!strncmp(v, "0/0/0/0 of ", 11), "rollups differ from the recount: %s", v);
	ck_assert_msg(strcmp(v, "0/0/0/0 of 0/0"), "empty recount");
	free(v);
	assert_value("SELECT string_agg(c.relname, ',' ORDER BY c.relname) FROM pg_class c"
		     " JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'ticketty'"
		     " WHERE c.relname IN ('tickets', 'ticket_events', 'comments', 'escalations', 'ticket_search')"
		     "   AND EXISTS (SELECT 1 FROM pg_statistic s WHERE s.starelid = c.oid)",
		     "comments,escalations,ticket_events,ticket_search,tickets");
}
END_TEST

/* The search tables' indexes are built after the load's commit (sql/810):
 * every one of them is there and valid when seed-demo ends, none is left
 * pending, and a rebuild that deferred them leaves them to the next one,
 * which builds them. */
static const char search_indexes[] =
	"SELECT string_agg(c.relname, ',' ORDER BY c.relname) FROM pg_index i"
	"  JOIN pg_class c ON c.oid = i.indexrelid"
	" WHERE i.indrelid IN ('ticketty.ticket_search'::regclass, 'ticketty.ticket_search_shared'::regclass)"
	"   AND NOT i.indisprimary AND i.indisvalid";
#define SEARCH_INDEXES "ticket_search_customer_idx,ticket_search_doc_idx,ticket_search_order_idx," \
	"ticket_search_shared_customer_idx,ticket_search_shared_doc_idx,ticket_search_shared_order_idx"

START_TEST(search_indexes_built_after_the_load)
{
	desk();
	char *before = testdb_value(search_indexes, 0, NULL);
	seed("db seed-demo --tickets " TICKETS " --seed 9");
	assert_value(search_indexes, before);
	assert_zero("indexes left pending", "SELECT count(*) FROM search_index_pending");
	/* the GIN index answers a search */
	assert_value("SELECT count(*) > 0 FROM ticket_search WHERE doc @@ 'placement'::tsquery", "t");

	/* deferred, then taken in by the next rebuild */
	assert_value("SELECT search_rebuild(true) > 0", "t");
	assert_value("SELECT count(*) FROM search_index_pending", "6");
	assert_value("SELECT coalesce((" "SELECT string_agg(c.relname, ',') FROM pg_index i JOIN pg_class c"
		     " ON c.oid = i.indexrelid WHERE i.indrelid = 'ticketty.ticket_search'::regclass"
		     " AND NOT i.indisprimary), 'none')", "none");
	assert_value("SELECT search_rebuild() > 0", "t");
	assert_zero("indexes left pending", "SELECT count(*) FROM search_index_pending");
	assert_value(search_indexes, before);
	free(before);
}
END_TEST

static Suite *seed_suite(void)
{
	Suite *s = suite_create("seed");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, same_seed_same_data_other_seed_other_data);
	tcase_add_test(tc, people_and_accounts);
	tcase_add_test(tc, tickets_cover_every_state_severity_team_and_level);
	tcase_add_loop_test(tc, tickets_obey_intake_and_lifecycle_rules, 0,
			    (int)(sizeof(rule_instants) / sizeof(rule_instants[0])));
	tcase_add_test(tc, derived_tables_equal_a_recount_and_tables_are_analysed);
	tcase_add_test(tc, seeding_twice_is_refused);
	tcase_add_test(tc, search_indexes_built_after_the_load);
	tcase_add_test(tc, seeding_follows_the_pinned_clock);
	tcase_add_test(tc, seeding_adds_the_local_user_and_reuses_existing_people);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(seed_suite)
