/* Database tests for running a desk day to day (issue 14), each rule
 * allowed and refused, as the roles it concerns: re-triage (validation as
 * intake, reason, audit, deadlines recomputed from created_at with stored
 * outcomes kept, assignee and new team told), the honest lifecycle
 * (resolution message, first response, notes only for pm/developer, the
 * transitions allowed now, assigning by name), honest escalations (rounds,
 * passed up, severity first, a customer without CSM), records that change
 * with the admin audit log, and canned replies. The clock is pinned: no
 * assertion depends on the real date. */
#include <stdlib.h>
#include <string.h>

#include "model/admin_records.h"
#include "model/canned.h"
#include "model/escalation.h"
#include "model/retriage.h"
#include "model/ticket.h"
#include "esc_fixture.h"
#include "testdb.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* Wednesday 10 March 2027, 10:00 in New York: inside business hours. */
#define PINNED "2027-03-10T15:00:00Z"

static struct esc_fixture fx;

static void setup(void)
{
	esc_fixture_setup(&fx);
	testdb_clock(PINNED, TESTDB_CLOCK_FROZEN);   /* over the fixture's running pin */
	testdb_sql("UPDATE agents SET team_id = (SELECT id FROM teams WHERE key = 'client_services')"
		   " WHERE login = 'esc_eng'");
	testdb_agent("desk_app1", "engineer");
	testdb_agent("desk_app2", "engineer");
	testdb_sql("UPDATE agents SET team_id = (SELECT id FROM teams WHERE key = 'app_support')"
		   " WHERE login IN ('desk_app1', 'desk_app2')");
	testdb_sql("UPDATE agents SET display_name = 'Dana Ruiz' WHERE login = 'desk_app2'");
}

/* Files a ticket through intake as `login`; returns its id. */
static long long file_ticket(struct db *db, int severity, const char *request_type)
{
	char sev[8];
	snprintf(sev, sizeof(sev), "%d", severity);
	const char *p[2] = { sev, request_type };
	struct tt_error err;
	tt_error_init(&err);
	char *v = db_scalar(db,
		"SELECT ticketty.api_ticket_create(jsonb_build_object("
		" 'customer', 'Acme Corp', 'contact', 'carl@acme.example', 'request_type', $2::text,"
		" 'reason', 'bug', 'severity', $1::int, 'title', 'Placements render blank',"
		" 'description', 'Blank since noon', 'impact', 'Revenue lost', 'object_ids', '4711',"
		" 'member_id', 1001, 'repro_steps', '1. open the page', 'browser', 'Firefox 128.0',"
		" 'os', 'Windows 11 23H2', 'screenshots', 'https://x.example/1.png',"
		" 'phone', CASE WHEN $1::int = 1 THEN '+1 555 0100' END))",
		2, p, &err);
	ck_assert_msg(v, "intake refused: %s", err.message ? err.message : "?");
	long long id = atoll(v);
	free(v);
	return id;
}

static void expect(const char *sql_fmt, long long id, const char *want)
{
	char *sql = xasprintf(sql_fmt, id, id);
	esc_expect(sql, want);
	free(sql);
}

static bool has_field(const struct tt_error *err, const char *field, const char *code)
{
	for (size_t i = 0; i < err->nfields; i++)
		if (!strcmp(err->fields[i].field, field) && (!code || !strcmp(err->fields[i].code, code)))
			return true;
	return false;
}

/* The ticket's version now, read as `db`'s agent reads it. */
static int ticket_version(struct db *db, long long id)
{
	char idbuf[24];
	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	const char *p[1] = { idbuf };
	struct tt_error err;
	tt_error_init(&err);
	char *v = db_scalar(db, "SELECT version FROM ticketty.tickets WHERE id = $1::bigint", 1, p, &err);
	ck_assert_msg(v, "version of %lld: %s", id, err.message ? err.message : "?");
	int n = atoi(v);
	free(v);
	return n;
}

/* ------------------------------------------------------------ re-triage -- */

START_TEST(retriage_severity_recomputes_running_deadlines)
{
	setup();
	struct db *eng = testdb_open("esc_eng");
	struct tt_error err;
	tt_error_init(&err);
	long long id = file_ticket(eng, 3, "ad_serving");
	int v = 0;
	/* severity 1 needs the emergency phone: refused naming it, nothing changes */
	struct field_pair sev1[] = { { "severity", "1" } };
	ck_assert_int_eq(ticket_set(eng, id, 1, sev1, 1, "outage confirmed", &v, &err), 65);
	ck_assert_msg(has_field(&err, "phone", "required"), "%s", err.message);
	tt_error_clear(&err);
	/* a reason is mandatory */
	struct field_pair both[] = { { "severity", "1" }, { "phone", "+1 555 0199" } };
	ck_assert_int_eq(ticket_set(eng, id, 1, both, 2, "  ", &v, &err), 65);
	ck_assert(has_field(&err, "reason", "required"));
	tt_error_clear(&err);
	expect("SELECT severity || '/' || version FROM tickets WHERE id = %lld", id, "3/1");
	/* with both it goes through: due times follow severity 1 from created_at */
	ck_assert_int_eq(ticket_set(eng, id, 1, both, 2, "outage confirmed", &v, &err), 0);
	ck_assert_int_eq(v, 2);
	expect("SELECT (first_response_due = sla_due('first_response', plan, 1::smallint, created_at, calendar_id)"
	       " AND resolution_due = sla_due('resolution', plan, 1::smallint, created_at, calendar_id))::text"
	       " || ' ' || to_char(first_response_due AT TIME ZONE 'UTC', 'HH24:MI')"
	       " FROM tickets WHERE id = %lld", id, "true 16:00");
	/* one audit row with the reason and each change from -> to */
	expect("SELECT details->>'reason' || '|' || (details->'changes'->'severity')::text || '|'"
	       " || (details->'changes'->'phone'->>'to') FROM ticket_events"
	       " WHERE ticket_id = %lld AND kind = 'retriage'", id,
	       "outage confirmed|{\"to\": 1, \"from\": 3}|+1 555 0199");
	/* becoming an emergency notifies like one at intake (the CSM) */
	expect("SELECT string_agg(payload->>'role', ',' ORDER BY id) FROM notifications"
	       " WHERE ticket_id = %lld AND kind = 'emergency'", id, "csm,account_rep");

	/* acknowledged: the first-response outcome is stored and stays */
	ck_assert_int_eq(ticket_ack(eng, id, v, "We are on it.", &v, &err), 0);
	expect("SELECT first_response_outcome || ' ' || to_char(first_response_due AT TIME ZONE 'UTC', 'HH24:MI')"
	       " FROM tickets WHERE id = %lld", id, "met 16:00");
	struct field_pair sev4[] = { { "severity", "medium" } };
	ck_assert_int_eq(ticket_set(eng, id, v, sev4, 1, "not an outage after all", &v, &err), 0);
	expect("SELECT first_response_outcome || ' ' || to_char(first_response_due AT TIME ZONE 'UTC', 'HH24:MI')"
	       " || ' ' || (resolution_due = sla_due('resolution', plan, 4::smallint, created_at, calendar_id))"
	       " FROM tickets WHERE id = %lld", id, "met 16:00 true");
	/* nothing changes: refused naming the field, no event, same version */
	int before = v;
	ck_assert_int_eq(ticket_set(eng, id, v, sev4, 1, "again", &v, &err), 65);
	ck_assert_uint_eq(err.nfields, 1);
	ck_assert_str_eq(err.fields[0].code, "unchanged");
	tt_error_clear(&err);
	ck_assert_int_eq(v, before);
	expect("SELECT version || ' ' || (SELECT count(*) FROM ticket_events WHERE ticket_id = %lld"
	       " AND kind = 'retriage') FROM tickets WHERE id = %lld", id, "4 2");
	/* a stale version is refused */
	ck_assert_int_eq(ticket_set(eng, id, 1, sev1, 1, "late", &v, &err), 75);
	tt_error_clear(&err);
	db_close(eng);
}
END_TEST

START_TEST(retriage_request_type_reroutes_and_tells)
{
	setup();
	struct db *eng = testdb_open("esc_eng");
	struct tt_error err;
	tt_error_init(&err);
	long long id = file_ticket(eng, 3, "ad_serving");
	int v = 0;
	ck_assert_int_eq(ticket_assign(eng, id, TICKET_ANY_VERSION, "esc_csm2", &v, &err), 0);
	/* account-representative types are refused naming the rep */
	struct field_pair billing[] = { { "request_type", "billing" } };
	ck_assert_int_eq(ticket_set(eng, id, v, billing, 1, "it is about an invoice", &v, &err), 65);
	ck_assert(has_field(&err, "request_type", "account_rep"));
	ck_assert_msg(strstr(err.fields[0].message, "Rita Rep <rita@example.com>"), "%s",
		      err.fields[0].message);
	tt_error_clear(&err);
	/* a UI type needs screenshots; unknown fields and customers are refused */
	struct field_pair bad[] = { { "request_type", "app_bug" }, { "screenshots", "" },
				    { "colour", "red" }, { "customer", "Other" } };
	ck_assert_int_eq(ticket_set(eng, id, v, bad, 4, "wrong team", &v, &err), 65);
	ck_assert(has_field(&err, "screenshots", NULL));
	ck_assert(has_field(&err, "colour", "unknown"));
	ck_assert(has_field(&err, "customer", "unknown"));
	tt_error_clear(&err);
	expect("SELECT (SELECT key FROM teams WHERE id = team_id) FROM tickets WHERE id = %lld", id,
	       "client_services");
	/* the app bug goes to App Support; assignee and new team hear of it,
	 * a new-team member who follows the ticket once (ticket.rerouted, 790) */
	char follow[200];
	snprintf(follow, sizeof(follow), "INSERT INTO ticket_collaborators (ticket_id, agent_id)"
		 " SELECT %lld, id FROM agents WHERE login = 'desk_app1'", id);
	testdb_sql(follow);
	struct field_pair app[] = { { "request_type", "app_bug" }, { "reason", "handling_question" },
				    { "browser", "Chrome 130" } };
	ck_assert_int_eq(ticket_set(eng, id, v, app, 3, "it is the app", &v, &err), 0);
	expect("SELECT (SELECT key FROM teams WHERE id = team_id) || ' ' ||"
	       " (SELECT key FROM case_reasons WHERE id = reason_id) || ' ' || browser"
	       " FROM tickets WHERE id = %lld", id, "app_support handling_question Chrome 130");
	expect("SELECT string_agg(kind || '>' || (SELECT login FROM agents a WHERE a.id = recipient_agent_id),"
	       " ',' ORDER BY kind, recipient_agent_id) FROM notifications"
	       " WHERE ticket_id = %lld AND kind LIKE 'ticket.re%%'", id,
	       "ticket.rerouted>desk_app1,ticket.rerouted>desk_app2,ticket.retriaged>esc_csm2");
	expect("SELECT string_agg(n.kind, ',') FROM notifications n JOIN agents a ON a.id = n.recipient_agent_id"
	       " WHERE n.ticket_id = %lld AND a.login = 'desk_app1'", id, "ticket.rerouted");
	expect("SELECT details->'changes'->'team'->>'from' || '>' || (details->'changes'->'team'->>'to')"
	       " FROM ticket_events WHERE ticket_id = %lld AND kind = 'retriage'", id,
	       "client_services>app_support");
	db_close(eng);
}
END_TEST

/* A ticket filed under the wrong customer is moved to the right one
 * (661): the contact must be that customer's authorised single point of
 * contact, as at intake (the old contact is refused naming whom to
 * choose); calendar and plan follow the customer and the deadlines are
 * measured again from created_at on them; a stale version is refused;
 * the audit says the customer and contact by name, in the timeline in
 * English and Spanish; the CLI does the same. */
START_TEST(retriage_moves_a_ticket_to_another_customer)
{
	setup();
	/* Globex: premium as Acme, on a Berlin calendar open 09:00-17:00
	 * (Wednesday 10:00 in New York is 16:00 there), one authorised contact,
	 * one not; Initech: basic, on the default New York calendar */
	testdb_sql("INSERT INTO calendars (name, time_zone) VALUES ('Berlin', 'Europe/Berlin');"
		   "INSERT INTO calendar_hours (calendar_id, isodow, opens, closes)"
		   " SELECT c.id, d, '09:00', '17:00' FROM calendars c, generate_series(1, 5) d"
		   "  WHERE c.name = 'Berlin';"
		   "INSERT INTO customers (name, member_id, plan, calendar_id, csm_id, account_rep_name,"
		   "  account_rep_email)"
		   " SELECT 'Globex', 2002, 'premium', c.id, (SELECT id FROM agents WHERE login = 'esc_csm2'),"
		   "        'Gus Rep', 'gus@globex.example' FROM calendars c WHERE c.name = 'Berlin';"
		   "INSERT INTO customers (name, member_id, plan, active) VALUES ('Gone Inc', 3003, 'basic', false),"
		   " ('Initech', 4004, 'basic', true);"
		   "INSERT INTO contacts (customer_id, name, email, spoc)"
		   " SELECT id, 'Gina Globex', 'gina@globex.example', true FROM customers WHERE name = 'Globex'"
		   " UNION ALL"
		   " SELECT id, 'Nora Nospoc', 'nora@globex.example', false FROM customers WHERE name = 'Globex'"
		   " UNION ALL"
		   " SELECT id, 'Ian Initech', 'ian@initech.example', true FROM customers WHERE name = 'Initech'");
	struct db *eng = testdb_open("esc_eng");
	struct tt_error err;
	tt_error_init(&err);
	long long id = file_ticket(eng, 2, "ad_serving");
	int v = 0;
	/* premium severity 2 on New York hours: 2 business hours, 12:00 there */
	expect("SELECT to_char(first_response_due AT TIME ZONE 'UTC', 'MM-DD HH24:MI') FROM tickets"
	       " WHERE id = %lld", id, "03-10 17:00");

	/* the contact stays Acme's: refused on the contact, naming Globex's SPOC */
	struct field_pair only[] = { { "customer", "Globex" } };
	ck_assert_int_eq(ticket_set(eng, id, 1, only, 1, "filed under the wrong customer", &v, &err), 65);
	ck_assert_uint_eq(err.nfields, 1);
	ck_assert(has_field(&err, "contact", "other_customer"));
	ck_assert_msg(strstr(err.fields[0].message, "is a contact of Acme Corp, not of Globex; "
			     "choose one of its authorised contacts: Gina Globex <gina@globex.example>") &&
		      !strstr(err.fields[0].message, "nora"), "%s", err.fields[0].message);
	tt_error_clear(&err);
	/* a contact of Globex who is no single point of contact */
	struct field_pair nora[] = { { "customer", "Globex" }, { "contact", "nora@globex.example" } };
	ck_assert_int_eq(ticket_set(eng, id, 1, nora, 2, "filed under the wrong customer", &v, &err), 65);
	ck_assert(has_field(&err, "contact", "not_spoc"));
	tt_error_clear(&err);
	/* a customer that is gone, one that does not exist */
	struct field_pair gone[] = { { "customer", "Gone Inc" } };
	ck_assert_int_eq(ticket_set(eng, id, 1, gone, 1, "filed under the wrong customer", &v, &err), 65);
	ck_assert(has_field(&err, "customer", "inactive"));
	tt_error_clear(&err);
	struct field_pair none[] = { { "customer", "Nobody Ltd" } };
	ck_assert_int_eq(ticket_set(eng, id, 1, none, 1, "filed under the wrong customer", &v, &err), 65);
	ck_assert(has_field(&err, "customer", "unknown"));
	tt_error_clear(&err);
	/* a stale version: refused as a conflict, nothing stored */
	struct field_pair move[] = { { "customer", "Globex" }, { "contact", "gina@globex.example" } };
	ck_assert_int_eq(ticket_set(eng, id, 7, move, 2, "filed under the wrong customer", &v, &err), 75);
	tt_error_clear(&err);
	expect("SELECT (SELECT name FROM customers c WHERE c.id = customer_id) || ' ' || version"
	       " FROM tickets WHERE id = %lld", id, "Acme Corp 1");

	/* moved: contact and calendar follow; premium severity 2 is 2
	 * business hours, on Berlin hours from created_at (Wednesday 16:00
	 * there): Thursday 10:00 Berlin, 09:00 UTC (New York's 12:00 was
	 * 17:00 UTC) */
	ck_assert_int_eq(ticket_set(eng, id, 1, move, 2, "filed under the wrong customer", &v, &err), 0);
	ck_assert_int_eq(v, 2);
	expect("SELECT (SELECT name FROM customers c WHERE c.id = customer_id) || ' ' ||"
	       " (SELECT email FROM contacts k WHERE k.id = contact_id) || ' ' || plan || ' ' ||"
	       " (SELECT name FROM calendars c WHERE c.id = calendar_id) FROM tickets WHERE id = %lld", id,
	       "Globex gina@globex.example premium Berlin");
	expect("SELECT to_char(first_response_due AT TIME ZONE 'UTC', 'MM-DD HH24:MI') || ' ' ||"
	       " (first_response_due = sla_due('first_response', 'premium', 2::smallint, created_at, calendar_id)"
	       "  AND resolution_due = sla_due('resolution', 'premium', 2::smallint, created_at, calendar_id))"
	       " FROM tickets WHERE id = %lld", id, "03-11 09:00 true");
	expect("SELECT (details->'changes'->'customer')::text || '|' || (details->'changes'->'contact')::text"
	       " FROM ticket_events WHERE ticket_id = %lld AND kind = 'retriage'", id,
	       "{\"to\": \"Globex\", \"from\": \"Acme Corp\"}|"
	       "{\"to\": \"Gina Globex <gina@globex.example>\", \"from\": \"Carl Contact <carl@acme.example>\"}");
	/* the timeline says it in words, in English and in Spanish */
	char args[64];
	snprintf(args, sizeof(args), "ticket show %lld", id);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, args), 0);
	ck_assert_msg(strstr(testdb_stdout(), "corrected the triage (Customer: Acme Corp \xe2\x86\x92 Globex;"),
		      "%s", testdb_stdout());
	test_lang("es_ES.UTF-8");
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, args), 0);
	ck_assert_msg(strstr(testdb_stdout(), "corrigió la clasificación (Cliente: Acme Corp \xe2\x86\x92 Globex;"),
		      "%s", testdb_stdout());
	test_lang("C.UTF-8");

	/* the CLI: to Initech, the contact left behind is refused (65)
	 * naming whom to choose; a stale version is a conflict (75); then
	 * it goes through, and the plan follows too: basic severity 2 is 4
	 * business hours, on New York hours 14:00 there, 19:00 UTC */
	snprintf(args, sizeof(args), "ticket set %lld customer=Initech --reason 'my mistake'", id);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, args), 65);
	ck_assert_msg(strstr(testdb_stderr(), "choose one of its authorised contacts: Ian Initech <ian@initech.example>"),
		      "%s", testdb_stderr());
	/* in Spanish, in Spanish */
	test_lang("es_ES.UTF-8");
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, args), 65);
	ck_assert_msg(strstr(testdb_stderr(), "elija uno de sus contactos autorizados: Ian Initech <ian@initech.example>"),
		      "%s", testdb_stderr());
	test_lang("C.UTF-8");
	char set[160];
	snprintf(set, sizeof(set), "ticket set %lld customer=Initech contact=ian@initech.example"
		 " --reason 'my mistake' --version 1", id);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, set), 75);
	snprintf(set, sizeof(set), "ticket set %lld customer=Initech contact=ian@initech.example"
		 " --reason 'my mistake' --version 2", id);
	ck_assert_msg(testdb_cli("esc_eng", NULL, set) == 0, "%s", testdb_stderr());
	expect("SELECT (SELECT name FROM customers c WHERE c.id = customer_id) || ' ' || plan || ' ' ||"
	       " to_char(first_response_due AT TIME ZONE 'UTC', 'MM-DD HH24:MI') FROM tickets WHERE id = %lld",
	       id, "Initech basic 03-10 19:00");

	/* an emergency moved to Globex: Globex's CSM and rep hear of it, as
	 * at intake (Acme's heard when it was filed) */
	long long e = file_ticket(eng, 1, "ad_serving");
	struct field_pair to_globex[] = { { "customer", "Globex" }, { "contact", "gina@globex.example" } };
	ck_assert_int_eq(ticket_set(eng, e, 1, to_globex, 2, "filed under the wrong customer", &v, &err), 0);
	expect("SELECT string_agg(payload->>'role' || '>' || coalesce((SELECT login FROM agents a"
	       " WHERE a.id = recipient_agent_id), recipient_email, '?'), ',' ORDER BY id) FROM notifications"
	       " WHERE ticket_id = %lld AND kind = 'emergency'", e,
	       "csm>esc_csm1,account_rep>rita@example.com,csm>esc_csm2,account_rep>gus@globex.example");
	db_close(eng);
}
END_TEST

/* A ticket moved to another customer takes its live CSM level with it
 * (710): the old customer's CSM held it; the new customer's CSM now does,
 * open again for them to acknowledge, the hand-over audited with its
 * cause and said in words (English and Spanish), the new holder told.
 * The version returned is the ticket's after the hand-over: the next edit
 * with it goes through. A move to a customer without a CSM keeps the
 * holder. */
START_TEST(retriage_to_another_customer_hands_the_csm_level_over)
{
	setup();
	testdb_sql("INSERT INTO customers (name, member_id, plan, csm_id)"
		   " VALUES ('Globex', 2002, 'premium', (SELECT id FROM agents WHERE login = 'esc_csm2')),"
		   "        ('Initech', 4004, 'premium', NULL);"
		   "INSERT INTO contacts (customer_id, name, email, spoc)"
		   " SELECT id, 'Gina Globex', 'gina@globex.example', true FROM customers WHERE name = 'Globex'"
		   " UNION ALL"
		   " SELECT id, 'Ian Initech', 'ian@initech.example', true FROM customers WHERE name = 'Initech'");
	struct db *eng = testdb_open("esc_eng"), *csm1 = testdb_open("esc_csm1");
	struct tt_error err;
	struct esc_result res;
	tt_error_init(&err);
	esc_result_init(&res);
	long long id = file_ticket(eng, 2, "ad_serving");
	ck_assert_int_eq(esc_raise(eng, id, "customer furious", &res, &err), 0);
	ck_assert_int_eq(esc_ack(csm1, id, &res, &err), 0);
	expect("SELECT a.login || ' ' || x.state FROM escalations x JOIN agents a ON a.id = x.holder_id"
	       " WHERE x.ticket_id = %lld", id, "esc_csm1 acknowledged");
	int before = ticket_version(eng, id), v = 0;

	struct field_pair move[] = { { "customer", "Globex" }, { "contact", "gina@globex.example" } };
	ck_assert_int_eq(ticket_set(eng, id, before, move, 2, "filed under the wrong customer", &v, &err), 0);
	/* Globex's CSM holds it now, open for them to acknowledge */
	expect("SELECT a.login || ' ' || x.state FROM escalations x JOIN agents a ON a.id = x.holder_id"
	       " WHERE x.ticket_id = %lld", id, "esc_csm2 open");
	expect("SELECT details->>'cause' || ' ' || (details->>'from') || ' ' || (details->>'holder')"
	       " FROM ticket_events WHERE ticket_id = %lld AND kind = 'escalation.handed'", id,
	       "customer_changed esc_csm1 esc_csm2");
	expect("SELECT count(*) FROM notifications n JOIN agents a ON a.id = n.recipient_agent_id"
	       " WHERE n.ticket_id = %lld AND n.kind = 'escalation.handed' AND a.login = 'esc_csm2'", id, "1");
	/* the version returned is the ticket's: the next edit with it is not stale */
	ck_assert_int_eq(ticket_version(eng, id), v);
	struct field_pair sev[] = { { "severity", "3" } };
	ck_assert_int_eq(ticket_set(eng, id, v, sev, 1, "not that urgent", &v, &err), 0);

	/* in words, in English and in Spanish */
	char args[64];
	snprintf(args, sizeof(args), "ticket show %lld", id);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, args), 0);
	ck_assert_msg(strstr(testdb_stdout(), "(the ticket moved to another customer)"), "%s", testdb_stdout());
	test_lang("es_ES.UTF-8");
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, args), 0);
	ck_assert_msg(strstr(testdb_stdout(), "(el ticket pasó a otro cliente)"), "%s", testdb_stdout());
	test_lang("C.UTF-8");

	/* Initech has no CSM: the level keeps its holder */
	struct field_pair initech[] = { { "customer", "Initech" }, { "contact", "ian@initech.example" } };
	ck_assert_int_eq(ticket_set(eng, id, v, initech, 2, "wrong again", &v, &err), 0);
	expect("SELECT a.login FROM escalations x JOIN agents a ON a.id = x.holder_id"
	       " WHERE x.ticket_id = %lld", id, "esc_csm2");
	esc_result_done(&res);
	db_close(eng);
	db_close(csm1);
}
END_TEST

/* A ticket moved to a customer without a CSM keeps its live CSM level with
 * the old customer's CSM (710) until that customer is given one: then the
 * new CSM takes it (740), open, audited with its cause and told; a level
 * handed by hand to someone keeps its holder. */
START_TEST(customer_given_a_csm_takes_the_csm_levels_left_with_others)
{
	setup();
	testdb_agent("desk_csm3", "csm");
	testdb_sql("INSERT INTO customers (name, member_id, plan, csm_id) VALUES ('Initech', 4004, 'premium', NULL);"
		   "INSERT INTO contacts (customer_id, name, email, spoc)"
		   " SELECT id, 'Ian Initech', 'ian@initech.example', true FROM customers WHERE name = 'Initech'");
	struct db *eng = testdb_open("esc_eng"), *csm1 = testdb_open("esc_csm1"), *adm = testdb_open("esc_adm");
	struct tt_error err;
	struct esc_result res;
	tt_error_init(&err);
	esc_result_init(&res);
	/* a, an emergency: raised to Acme's CSM; b: handed by hand to esc_csm2 */
	long long a = file_ticket(eng, 1, "ad_serving"), b = file_ticket(eng, 2, "ad_serving");
	ck_assert_int_eq(esc_raise(eng, a, "customer furious", &res, &err), 0);
	ck_assert_int_eq(esc_ack(csm1, a, &res, &err), 0);
	ck_assert_int_eq(esc_raise(eng, b, "customer furious", &res, &err), 0);
	ck_assert_int_eq(esc_hand(csm1, b, "esc_csm2", "Initech is an old client of hers", &res, &err), 0);
	int v = 0;
	struct field_pair move[] = { { "customer", "Initech" }, { "contact", "ian@initech.example" } };
	ck_assert_int_eq(ticket_set(eng, a, ticket_version(eng, a), move, 2, "filed under the wrong customer",
				    &v, &err), 0);
	ck_assert_int_eq(ticket_set(eng, b, ticket_version(eng, b), move, 2, "filed under the wrong customer",
				    &v, &err), 0);
	/* nobody to hand them to: they keep their holders meanwhile */
	char sql[512];
	snprintf(sql, sizeof(sql),
		 "SELECT string_agg(a.login || ' ' || x.state, ', ' ORDER BY x.ticket_id) FROM escalations x"
		 " JOIN agents a ON a.id = x.holder_id WHERE x.ticket_id IN (%lld, %lld)", a, b);
	esc_expect(sql, "esc_csm1 acknowledged, esc_csm2 open");
	/* and a customer without a CSM loses no emergency: the COO hears of it */
	expect("SELECT string_agg(payload->>'role' || '>' || coalesce((SELECT login FROM agents x"
	       " WHERE x.id = recipient_agent_id), recipient_email), ',' ORDER BY id) FROM notifications"
	       " WHERE ticket_id = %lld AND kind = 'emergency' AND payload->>'customer' = 'Initech'", a,
	       "coo_for_csm>esc_coo");

	/* Initech is given a CSM: a goes to them, open; b, handed by hand, stays */
	long long cid = 0;
	struct field_pair csm[] = { { "csm", "desk_csm3" } };
	ck_assert_msg(admin_customer_set(adm, "Initech", csm, 1, &cid, &err) == 0, "%s", err.message);
	esc_expect(sql, "desk_csm3 open, esc_csm2 open");
	expect("SELECT string_agg(details->>'cause' || ' ' || (details->>'from') || ' ' || (details->>'holder'), ', ')"
	       " FROM ticket_events WHERE ticket_id = %lld AND kind = 'escalation.handed'", a,
	       "csm_assigned esc_csm1 desk_csm3");
	expect("SELECT count(*) FROM notifications n JOIN agents a ON a.id = n.recipient_agent_id"
	       " WHERE n.ticket_id = %lld AND n.kind = 'escalation.handed' AND a.login = 'desk_csm3'", a, "1");
	expect("SELECT count(*) FROM ticket_events WHERE ticket_id = %lld AND kind = 'escalation.handed'"
	       " AND details ? 'cause'", b, "0");

	/* in words, in English and in Spanish */
	char args[64];
	snprintf(args, sizeof(args), "ticket show %lld", a);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, args), 0);
	ck_assert_msg(strstr(testdb_stdout(), "(the customer has a CSM now)"), "%s", testdb_stdout());
	test_lang("es_ES.UTF-8");
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, args), 0);
	ck_assert_msg(strstr(testdb_stdout(), "(el cliente tiene CSM ahora)"), "%s", testdb_stdout());
	test_lang("C.UTF-8");

	esc_result_done(&res);
	db_close(eng);
	db_close(csm1);
	db_close(adm);
}
END_TEST

START_TEST(retriage_refused_by_role_and_state)
{
	setup();
	struct db *eng = testdb_open("esc_eng");
	struct tt_error err;
	tt_error_init(&err);
	long long id = file_ticket(eng, 3, "ad_serving");
	int v = 0;
	struct field_pair sev[] = { { "severity", "2" } };
	static const char *const notes_only[] = { "esc_pm", "esc_dev" };
	for (int i = 0; i < 2; i++) {
		struct db *db = testdb_open(notes_only[i]);
		ck_assert_int_eq(ticket_set(db, id, TICKET_ANY_VERSION, sev, 1, "more urgent", &v, &err), 77);
		ck_assert_msg(strstr(err.message, "internal notes only"), "%s", err.message);
		tt_error_clear(&err);
		db_close(db);
	}
	/* every support role may */
	static const char *const support[] = { "esc_csm1", "esc_coo", "esc_ceo", "esc_adm" };
	for (int i = 0; i < 4; i++) {
		struct db *db = testdb_open(support[i]);
		char lvl[2] = { (char)('1' + (i % 2) + 1), 0 };
		struct field_pair s[] = { { "severity", lvl } };
		ck_assert_msg(ticket_set(db, id, TICKET_ANY_VERSION, s, 1, "triage", &v, &err) == 0,
			      "%s: %s", support[i], err.message);
		db_close(db);
	}
	/* closed is final */
	testdb_sql("UPDATE tickets SET status = 'closed', resolved_at = tt_now(), closed_at = tt_now()");
	ck_assert_int_eq(ticket_set(eng, id, TICKET_ANY_VERSION, sev, 1, "too late", &v, &err), 65);
	ck_assert_uint_eq(err.nfields, 1);
	ck_assert_str_eq(err.fields[0].field, "status");
	ck_assert_str_eq(err.fields[0].code, "closed");
	tt_error_clear(&err);
	db_close(eng);
}
END_TEST

/* ------------------------------------------------------------ lifecycle -- */

START_TEST(resolving_needs_a_public_message_which_is_the_first_response)
{
	setup();
	struct db *eng = testdb_open("esc_eng");
	struct tt_error err;
	tt_error_init(&err);
	long long id = file_ticket(eng, 3, "ad_serving");
	int v = 0;
	ck_assert_int_eq(ticket_resolve(eng, id, 1, NULL, &v, &err), 65);
	ck_assert(has_field(&err, "message", "required"));
	tt_error_clear(&err);
	ck_assert_int_eq(ticket_set_status(eng, id, 1, "resolved", NULL, &v, &err), 65);
	tt_error_clear(&err);
	expect("SELECT status || ' ' || (first_response_outcome IS NULL) FROM tickets WHERE id = %lld", id,
	       "new true");
	/* with a message: resolved, and that message is the first response */
	ck_assert_int_eq(ticket_resolve(eng, id, 1, "A duplicate of #12; fixed there.", &v, &err), 0);
	expect("SELECT status || ' ' || (acknowledged_at = resolved_at) || ' ' || first_response_outcome"
	       " || ' ' || (SELECT count(*) FROM comments c WHERE c.ticket_id = tickets.id AND c.kind = 'public')"
	       " FROM tickets WHERE id = %lld", id, "resolved true met 1");
	db_close(eng);
}
END_TEST

/* A message of Unicode spaces only (no-break, zero-width, ideographic, a
 * BOM) is blank for the server too, as the client's text_blank_n says:
 * an acknowledgement, a reply, a note or a resolution refuses it
 * (sql/891), from whatever client sent it. */
START_TEST(a_message_of_unicode_spaces_is_blank)
{
	setup();
	struct db *eng = testdb_open("esc_eng");
	struct tt_error err;
	tt_error_init(&err);
	long long id = file_ticket(eng, 3, "ad_serving");
	int v = 0;
	static const char *const blanks[] = { "\u00a0", "\u200b", "\u3000 \u2003", "\ufeff", NULL };
	for (int i = 0; blanks[i]; i++) {
		ck_assert_int_eq(ticket_ack(eng, id, TICKET_ANY_VERSION, blanks[i], &v, &err), 65);
		ck_assert(has_field(&err, "message", "required"));
		tt_error_clear(&err);
		ck_assert_int_eq(ticket_reply(eng, id, TICKET_ANY_VERSION, blanks[i], &v, &err), 65);
		ck_assert(has_field(&err, "message", "required"));
		tt_error_clear(&err);
		ck_assert_int_eq(ticket_note(eng, id, TICKET_ANY_VERSION, blanks[i], &v, &err), 65);
		ck_assert(has_field(&err, "message", "required"));
		tt_error_clear(&err);
		ck_assert_int_eq(ticket_resolve(eng, id, TICKET_ANY_VERSION, blanks[i], &v, &err), 65);
		ck_assert(has_field(&err, "message", "required"));
		tt_error_clear(&err);
	}
	expect("SELECT status || ' ' || (SELECT count(*) FROM comments c WHERE c.ticket_id = tickets.id)"
	       " FROM tickets WHERE id = %lld", id, "new 0");
	db_close(eng);
}
END_TEST

START_TEST(pm_and_developer_write_internal_notes_only)
{
	setup();
	struct db *eng = testdb_open("esc_eng");
	struct tt_error err;
	tt_error_init(&err);
	long long id = file_ticket(eng, 3, "ad_serving");
	int v = 0;
	ck_assert_int_eq(ticket_ack(eng, id, 1, "Looking.", &v, &err), 0);
	static const char *const notes_only[] = { "esc_pm", "esc_dev" };
	for (int i = 0; i < 2; i++) {
		struct db *db = testdb_open(notes_only[i]);
		ck_assert_int_eq(ticket_reply(db, id, TICKET_ANY_VERSION, "Hi customer", &v, &err), 77);
		tt_error_clear(&err);
		ck_assert_int_eq(ticket_resolve(db, id, TICKET_ANY_VERSION, "Fixed", &v, &err), 77);
		tt_error_clear(&err);
		ck_assert_int_eq(ticket_set_status(db, id, TICKET_ANY_VERSION, "in_progress", NULL, &v, &err), 77);
		tt_error_clear(&err);
		ck_assert_int_eq(ticket_take(db, id, TICKET_ANY_VERSION, &v, &err), 77);
		tt_error_clear(&err);
		ck_assert_int_eq(ticket_assign(db, id, TICKET_ANY_VERSION, "esc_eng", &v, &err), 77);
		tt_error_clear(&err);
		ck_assert_int_eq(ticket_note(db, id, TICKET_ANY_VERSION, "root cause: cache", &v, &err), 0);
		/* they are offered no status change */
		struct ticket_transition *tr = NULL;
		size_t n = 9;
		ck_assert_int_eq(ticket_transitions_load(db, id, &tr, &n, &err), 0);
		ck_assert_uint_eq(n, 0);
		free(tr);
		db_close(db);
	}
	/* nor can they be assigned; support staff can, by name too */
	ck_assert_int_eq(ticket_assign(eng, id, TICKET_ANY_VERSION, "esc_dev", &v, &err), 65);
	ck_assert(has_field(&err, "assignee", "not_support"));
	tt_error_clear(&err);
	ck_assert_int_eq(ticket_assign(eng, id, TICKET_ANY_VERSION, " dana ruiz ", &v, &err), 0);
	expect("SELECT (SELECT login FROM agents a WHERE a.id = assignee_id) FROM tickets WHERE id = %lld",
	       id, "desk_app2");
	testdb_sql("UPDATE agents SET display_name = 'Dana Ruiz' WHERE login = 'desk_app1'");
	ck_assert_int_eq(ticket_assign(eng, id, TICKET_ANY_VERSION, "Dana Ruiz", &v, &err), 65);
	ck_assert(has_field(&err, "assignee", "ambiguous"));
	tt_error_clear(&err);
	expect("SELECT string_agg(kind::text || ':' || (SELECT login FROM agents a WHERE a.id = author_id), ','"
	       " ORDER BY id) FROM comments WHERE ticket_id = %lld", id,
	       "public:esc_eng,internal:esc_pm,internal:esc_dev");
	db_close(eng);
}
END_TEST

START_TEST(transitions_allowed_now)
{
	setup();
	struct db *eng = testdb_open("esc_eng");
	struct tt_error err;
	tt_error_init(&err);
	long long id = file_ticket(eng, 3, "ad_serving");
	struct ticket_transition *tr = NULL;
	size_t n = 0;
	int v = 0;
	ck_assert_int_eq(ticket_transitions_load(eng, id, &tr, &n, &err), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(tr[0].to, "acknowledged");
	ck_assert_str_eq(tr[0].message, "public");
	ck_assert_str_eq(tr[1].to, "resolved");
	ck_assert_str_eq(tr[1].message, "public");
	free(tr);
	ck_assert_int_eq(ticket_ack(eng, id, 1, "Hello", &v, &err), 0);
	/* right after the first response: the waits too, through in_progress (751) */
	ck_assert_int_eq(ticket_transitions_load(eng, id, &tr, &n, &err), 0);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(tr[0].to, "in_progress");
	ck_assert_str_eq(tr[1].to, "waiting_customer");
	ck_assert_str_eq(tr[1].message, "question");
	ck_assert_str_eq(tr[2].to, "waiting_engineering");
	ck_assert(tr[2].needs_bug_ref);
	ck_assert_str_eq(tr[3].to, "resolved");
	free(tr);
	ck_assert_int_eq(ticket_set_status(eng, id, v, "in_progress", NULL, &v, &err), 0);
	ck_assert_int_eq(ticket_transitions_load(eng, id, &tr, &n, &err), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(tr[0].to, "waiting_customer");
	ck_assert(!tr[0].needs_bug_ref);
	/* waiting on the customer may ask them a question (api_ticket_ask) */
	ck_assert_str_eq(tr[0].message, "question");
	ck_assert_str_eq(tr[1].to, "waiting_engineering");
	ck_assert(tr[1].needs_bug_ref);
	ck_assert_str_eq(tr[1].message, "none");
	ck_assert_str_eq(tr[2].to, "resolved");
	ck_assert_str_eq(tr[2].message, "public");
	free(tr);
	/* a ticket that has its bug reference is not asked for it again */
	ck_assert_int_eq(ticket_set_status(eng, id, v, "waiting_engineering", "ENG-7", &v, &err), 0);
	ck_assert_int_eq(ticket_set_status(eng, id, v, "in_progress", NULL, &v, &err), 0);
	ck_assert_int_eq(ticket_transitions_load(eng, id, &tr, &n, &err), 0);
	ck_assert(!tr[1].needs_bug_ref);
	free(tr);
	ck_assert_int_eq(ticket_transitions_load(eng, id + 999, &tr, &n, &err), 65);
	tt_error_clear(&err);
	db_close(eng);
}
END_TEST

/* ---------------------------------------------------------- escalations -- */

START_TEST(escalation_rounds_passed_up_and_history)
{
	setup();
	struct db *eng = testdb_open("esc_eng"), *csm = testdb_open("esc_csm1");
	struct db *coo = testdb_open("esc_coo"), *ceo = testdb_open("esc_ceo");
	struct tt_error err;
	struct esc_result res;
	tt_error_init(&err);
	esc_result_init(&res);
	long long t = fx.t1;
	ck_assert_int_eq(esc_raise(eng, t, "customer furious", &res, &err), 0);
	ck_assert_int_eq(esc_up(csm, t, "needs the COO", &res, &err), 0);
	ck_assert_int_eq(esc_up(coo, t, "needs the CEO", &res, &err), 0);
	/* the passed-up levels read as passed up, never resolved */
	expect("SELECT string_agg(level || ':' || state, ',' ORDER BY id) FROM escalations WHERE ticket_id = %lld",
	       t, "1:passed_up,2:passed_up,3:open");
	/* no level above the CEO */
	ck_assert_int_eq(esc_up(ceo, t, "higher?", &res, &err), 65);
	ck_assert_uint_eq(err.nfields, 1);
	ck_assert_str_eq(err.fields[0].field, "level");
	tt_error_clear(&err);
	ck_assert_int_eq(esc_resolve(ceo, t, "credit granted", &res, &err), 0);
	/* resolved: the ticket no longer shows a live level */
	expect("SELECT escalation_level FROM tickets WHERE id = %lld", t, "0");
	/* a new round starts at the CSM, the first one kept */
	ck_assert_int_eq(esc_raise(eng, t, "it broke again", &res, &err), 0);
	expect("SELECT string_agg(round || '.' || level || ':' || state, ',' ORDER BY id) FROM escalations"
	       " WHERE ticket_id = %lld", t, "1.1:passed_up,1.2:passed_up,1.3:resolved,2.1:open");
	expect("SELECT escalation_level FROM tickets WHERE id = %lld", t, "1");
	/* the detail shows both rounds, oldest first */
	struct ticket_detail *d = NULL;
	ck_assert_int_eq(ticket_detail_load(eng, t, &d, &err), 0);
	ck_assert_uint_eq(d->nescalations, 4);
	ck_assert_int_eq(d->escalations[2].round, 1);
	ck_assert_str_eq(d->escalations[2].state, "resolved");
	ck_assert_int_eq(d->escalations[3].round, 2);
	ck_assert_int_eq(d->escalations[3].level, 1);
	ticket_detail_free(d);
	/* the escalations list shows the chain of the live round only */
	struct esc_list l;
	struct esc_filter f = { .level = 0 };
	esc_list_init(&l);
	ck_assert_int_eq(esc_list_load(eng, &f, &l, &err), 0);
	ck_assert_uint_eq(l.n, 1);
	ck_assert_uint_eq(l.items[0].nchain, 1);
	esc_list_done(&l);
	esc_result_done(&res);
	db_close(eng);
	db_close(csm);
	db_close(coo);
	db_close(ceo);
}
END_TEST

START_TEST(escalations_severity_first_within_a_level)
{
	setup();
	struct db *eng = testdb_open("esc_eng");
	struct tt_error err;
	struct esc_result res;
	tt_error_init(&err);
	esc_result_init(&res);
	testdb_sql("UPDATE tickets SET severity = 4");
	/* raised in the order t1, t2, t3; t3 is the severity 1 (with a phone) */
	ck_assert_int_eq(esc_raise(eng, fx.t1, "slow", &res, &err), 0);
	ck_assert_int_eq(esc_raise(eng, fx.t2, "slow", &res, &err), 0);
	ck_assert_int_eq(esc_raise(eng, fx.t3, "down", &res, &err), 0);
	char buf[128];
	snprintf(buf, sizeof(buf), "UPDATE tickets SET severity = 1, phone = '+1 555 0100' WHERE id = %lld", fx.t3);
	testdb_sql(buf);
	struct esc_list l;
	struct esc_filter f = { .level = 0 };
	esc_list_init(&l);
	ck_assert_int_eq(esc_list_load(eng, &f, &l, &err), 0);
	ck_assert_uint_eq(l.n, 3);
	ck_assert_int_eq(l.items[0].ticket_id, fx.t3);
	ck_assert_int_eq(l.items[1].ticket_id, fx.t1);
	ck_assert_int_eq(l.items[2].ticket_id, fx.t2);
	esc_list_done(&l);
	esc_result_done(&res);
	db_close(eng);
}
END_TEST

/* A live row passed up to the COO: its own columns (state, holder, reason,
 * title, customer, mine/can_act) are those of its own step, the last of
 * its chain, and every step of the chain is there in level order. */
START_TEST(escalation_list_item_is_its_own_step)
{
	setup();
	struct db *eng = testdb_open("esc_eng"), *csm = testdb_open("esc_csm1");
	struct db *coo = testdb_open("esc_coo");
	struct tt_error err;
	struct esc_result res;
	tt_error_init(&err);
	esc_result_init(&res);
	ck_assert_int_eq(esc_raise(eng, fx.t1, "customer furious", &res, &err), 0);
	ck_assert_int_eq(esc_up(csm, fx.t1, "needs the COO", &res, &err), 0);
	struct esc_list l;
	struct esc_filter f = { .level = 0 };
	esc_list_init(&l);
	ck_assert_int_eq(esc_list_load(coo, &f, &l, &err), 0);
	ck_assert_uint_eq(l.n, 1);
	struct esc_item *it = &l.items[0];
	ck_assert_int_eq(it->ticket_id, fx.t1);
	ck_assert_int_eq(it->level, 2);
	ck_assert_str_eq(it->state, "open");
	ck_assert_str_eq(it->reason, "needs the COO");
	ck_assert_str_ne(it->title, "");
	ck_assert_str_ne(it->customer, "");
	ck_assert_str_ne(it->severity_name, "");
	ck_assert_str_ne(it->raised_by, "");
	ck_assert(it->mine);
	ck_assert(it->can_act);
	ck_assert_uint_eq(it->nchain, 2);
	ck_assert_int_eq(it->chain[0].level, 1);
	ck_assert_str_eq(it->chain[0].state, "passed_up");
	ck_assert_str_eq(it->chain[0].reason, "customer furious");
	ck_assert_int_eq(it->chain[1].level, 2);
	ck_assert_str_eq(it->chain[1].reason, "needs the COO");
	esc_list_done(&l);
	/* the engineer sees it, neither his nor his to act on */
	ck_assert_int_eq(esc_list_load(eng, &f, &l, &err), 0);
	ck_assert_uint_eq(l.n, 1);
	ck_assert_str_eq(l.items[0].state, "open");
	ck_assert(!l.items[0].mine);
	ck_assert(!l.items[0].can_act);
	esc_list_done(&l);
	esc_result_done(&res);
	db_close(eng);
	db_close(csm);
	db_close(coo);
}
END_TEST

/* A page of the list: the first two of three live escalations in the
 * list's order (t3, passed up to the COO, then t1, t2 at the CSM), while
 * the counts come from the database: 1 at the COO, 2 at the CSM, 3 in
 * all, whatever the page holds. A level filter narrows the total. */
/* Each step of the chain counts how long its holder had it: from when the
 * level came to them (reached, or handed over) to when it ended (passed
 * up, resolved), or to now while it is live; the list row's age is the
 * level's, from when it was reached. Clock pinned: raised at 15:00, passed
 * up an hour later, handed to a second COO two days on, seen 12d 17h
 * after the raise. */
START_TEST(escalation_chain_ages_count_from_each_level)
{
	setup();
	testdb_agent("desk_coo2", "coo");
	struct db *eng = testdb_open("esc_eng"), *csm = testdb_open("esc_csm1");
	struct db *coo = testdb_open("esc_coo");
	struct tt_error err;
	struct esc_result res;
	tt_error_init(&err);
	esc_result_init(&res);
	ck_assert_int_eq(esc_raise(eng, fx.t1, "customer furious", &res, &err), 0);
	testdb_clock("2027-03-10T16:00:00Z", TESTDB_CLOCK_FROZEN);
	ck_assert_int_eq(esc_up(csm, fx.t1, "needs the COO", &res, &err), 0);
	testdb_clock("2027-03-12T16:00:00Z", TESTDB_CLOCK_FROZEN);
	ck_assert_int_eq(esc_hand(coo, fx.t1, "desk_coo2", "away this week", &res, &err), 0);
	testdb_clock("2027-03-23T08:00:00Z", TESTDB_CLOCK_FROZEN);

	struct esc_list l;
	struct esc_filter f = { .level = 0 };
	esc_list_init(&l);
	ck_assert_int_eq(esc_list_load(coo, &f, &l, &err), 0);
	ck_assert_uint_eq(l.n, 1);
	const struct esc_item *it = &l.items[0];
	ck_assert_uint_eq(it->nchain, 2);
	char age[32];
	/* the CSM had it an hour; the second COO has had it 10d 16h; the COO
	 * level was reached 12d 16h ago */
	esc_format_age(it->chain[0].age_secs, age, sizeof(age));
	ck_assert_str_eq(age, "1h 00m");
	esc_format_age(it->chain[1].age_secs, age, sizeof(age));
	ck_assert_str_eq(age, "10d 16h");
	esc_format_age(it->age_secs, age, sizeof(age));
	ck_assert_str_eq(age, "12d 16h");
	esc_list_done(&l);

	/* the same in the CLI's lines and in --json */
	ck_assert_int_eq(testdb_cli("esc_coo", NULL, "escalations"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "(passed up, 1h 00m)") && strstr(testdb_stdout(), "(open, 10d 16h)")
		      && strstr(testdb_stdout(), "open 12d 16h"), "%s", testdb_stdout());
	ck_assert_int_eq(testdb_cli("esc_coo", NULL, "escalations --json"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\"held_since\" : \"2027-03-12T16:00:00+00:00\", \"age_seconds\" : 921600"), "%s",
		      testdb_stdout());
	esc_result_done(&res);
	db_close(eng);
	db_close(csm);
	db_close(coo);
}
END_TEST

START_TEST(escalation_list_page_and_live_counts)
{
	setup();
	struct db *eng = testdb_open("esc_eng"), *csm = testdb_open("esc_csm1");
	struct tt_error err;
	struct esc_result res;
	tt_error_init(&err);
	esc_result_init(&res);
	ck_assert_int_eq(esc_raise(eng, fx.t1, "slow", &res, &err), 0);
	ck_assert_int_eq(esc_raise(eng, fx.t2, "slow", &res, &err), 0);
	ck_assert_int_eq(esc_raise(eng, fx.t3, "down", &res, &err), 0);
	ck_assert_int_eq(esc_up(csm, fx.t3, "needs the COO", &res, &err), 0);
	struct esc_list l;
	struct esc_filter f = { .limit = 2 };
	esc_list_init(&l);
	ck_assert_int_eq(esc_list_load(eng, &f, &l, &err), 0);
	ck_assert_uint_eq(l.n, 2);
	ck_assert_int_eq(l.limit, 2);
	ck_assert_int_eq(l.items[0].ticket_id, fx.t3);
	ck_assert_uint_eq(l.items[0].nchain, 2);
	ck_assert_int_eq(l.items[1].level, 1);
	ck_assert_int_eq(l.level_live[2], 1);
	ck_assert_int_eq(l.level_live[1], 2);
	ck_assert_int_eq(l.live_total, 3);
	/* the next page size reads them all */
	f.limit = 3;
	ck_assert_int_eq(esc_list_load(eng, &f, &l, &err), 0);
	ck_assert_uint_eq(l.n, 3);
	/* no limit: the cap */
	f.limit = 0;
	ck_assert_int_eq(esc_list_load(eng, &f, &l, &err), 0);
	ck_assert_int_eq(l.limit, ESC_LIST_MAX);
	/* the CSM level alone: its count is the total */
	f.level = 1;
	f.limit = 1;
	ck_assert_int_eq(esc_list_load(eng, &f, &l, &err), 0);
	ck_assert_uint_eq(l.n, 1);
	ck_assert_int_eq(l.live_total, 2);
	esc_list_done(&l);
	esc_result_done(&res);
	db_close(eng);
	db_close(csm);
}
END_TEST

/* The words of view 2's `/`: each (any case) in the title, the customer,
 * the holder's name or login or the live level's reason; the database
 * keeps the order and the levels. */
START_TEST(escalation_list_words)
{
	setup();
	struct db *eng = testdb_open("esc_eng"), *csm = testdb_open("esc_csm1");
	struct tt_error err;
	struct esc_result res;
	tt_error_init(&err);
	esc_result_init(&res);
	char sql[160];
	snprintf(sql, sizeof(sql), "UPDATE tickets SET title = 'Printer jam' WHERE id = %lld", fx.t2);
	testdb_sql(sql);
	ck_assert_int_eq(esc_raise(eng, fx.t1, "slow pages", &res, &err), 0);
	ck_assert_int_eq(esc_raise(eng, fx.t2, "paper everywhere", &res, &err), 0);
	ck_assert_int_eq(esc_raise(eng, fx.t3, "down", &res, &err), 0);
	ck_assert_int_eq(esc_up(csm, fx.t3, "needs the COO", &res, &err), 0);
	struct esc_list l;
	struct esc_filter f = { .words = "PRINTER" };
	esc_list_init(&l);
	ck_assert_int_eq(esc_list_load(eng, &f, &l, &err), 0);
	ck_assert_uint_eq(l.n, 1);
	ck_assert_int_eq(l.items[0].ticket_id, fx.t2);
	/* the reason of the live level, not of the level passed up */
	f.words = "coo";
	ck_assert_int_eq(esc_list_load(eng, &f, &l, &err), 0);
	ck_assert_uint_eq(l.n, 1);
	ck_assert_int_eq(l.items[0].ticket_id, fx.t3);
	f.words = "down";
	ck_assert_int_eq(esc_list_load(eng, &f, &l, &err), 0);
	ck_assert_uint_eq(l.n, 0);
	/* the customer and the holder's login: every word, in the list's order */
	f.words = " acme  esc_csm1 ";
	ck_assert_int_eq(esc_list_load(eng, &f, &l, &err), 0);
	ck_assert_uint_eq(l.n, 2);
	ck_assert_int_eq(l.items[0].ticket_id, fx.t1);
	ck_assert_int_eq(l.items[1].ticket_id, fx.t2);
	f.words = "acme paper";
	ck_assert_int_eq(esc_list_load(eng, &f, &l, &err), 0);
	ck_assert_uint_eq(l.n, 1);
	ck_assert_int_eq(l.items[0].ticket_id, fx.t2);
	/* blank: every one */
	f.words = "  ";
	ck_assert_int_eq(esc_list_load(eng, &f, &l, &err), 0);
	ck_assert_uint_eq(l.n, 3);
	/* the JSON list the same */
	char *json = NULL;
	f.words = "printer";
	ck_assert_int_eq(esc_list_json(eng, &f, NULL, 50, &json, &err), 0);
	ck_assert_msg(strstr(json, "Printer jam") && !strstr(json, "render blank"), "%s", json);
	free(json);
	esc_list_done(&l);
	esc_result_done(&res);
	db_close(eng);
	db_close(csm);
}
END_TEST

START_TEST(customer_without_csm)
{
	setup();
	testdb_sql("UPDATE customers SET csm_id = NULL");
	struct db *eng = testdb_open("esc_eng");
	struct tt_error err;
	struct esc_result res;
	tt_error_init(&err);
	esc_result_init(&res);
	/* the refusal names who must assign a CSM; the same command fails
	 * until an administrator does, so it is no conflict to retry (65) */
	ck_assert_int_eq(esc_raise(eng, fx.t1, "customer furious", &res, &err), 65);
	ck_assert_uint_eq(err.nfields, 1);
	ck_assert_str_eq(err.fields[0].field, "csm");
	ck_assert_msg(strstr(err.message, "Acme Corp has no active CSM"), "%s", err.message);
	ck_assert_msg(strstr(err.message, "esc_adm"), "%s", err.message);
	tt_error_clear(&err);
	/* its emergencies reach the COO */
	long long id = file_ticket(eng, 1, "ad_serving");
	expect("SELECT string_agg(payload->>'role' || '>' || coalesce((SELECT login FROM agents a"
	       " WHERE a.id = recipient_agent_id), recipient_email), ',' ORDER BY id) FROM notifications"
	       " WHERE ticket_id = %lld AND kind = 'emergency'", id,
	       "coo_for_csm>esc_coo,account_rep>rita@example.com");
	esc_result_done(&res);
	db_close(eng);
}
END_TEST

/* ------------------------------------------------------- admin records -- */

START_TEST(admin_records_change_and_are_audited)
{
	setup();
	struct db *adm = testdb_open("esc_adm"), *eng = testdb_open("esc_eng");
	struct tt_error err;
	tt_error_init(&err);
	long long id = 0;
	/* refused for others, every field named */
	struct field_pair csm[] = { { "csm", "esc_csm2" }, { "plan", "basic" } };
	ck_assert_int_eq(admin_customer_set(eng, "Acme Corp", csm, 2, &id, &err), 77);
	tt_error_clear(&err);
	struct field_pair bad[] = { { "csm", "esc_coo" }, { "plan", "gold" }, { "account_rep", "Rita" },
				    { "colour", "red" } };
	ck_assert_int_eq(admin_customer_set(adm, "Acme Corp", bad, 4, &id, &err), 65);
	ck_assert_uint_eq(err.nfields, 4);
	ck_assert(has_field(&err, "csm", "not_csm"));
	ck_assert(has_field(&err, "plan", "unknown"));
	ck_assert(has_field(&err, "account_rep", "malformed"));
	ck_assert(has_field(&err, "colour", "unknown"));
	tt_error_clear(&err);
	ck_assert_int_eq(admin_customer_set(adm, "acme corp", csm, 2, &id, &err), 0);
	esc_expect("SELECT a.login || ' ' || c.plan FROM customers c JOIN agents a ON a.id = c.csm_id",
		   "esc_csm2 basic");
	/* SPOC revoked: intake refuses the contact from now on */
	struct field_pair spoc[] = { { "spoc", "no" } };
	ck_assert_int_eq(admin_contact_set(adm, "carl@acme.example", spoc, 1, &id, &err), 0);
	struct tt_error e2;
	tt_error_init(&e2);
	char *v = db_scalar(eng, "SELECT ticketty.api_ticket_create('{\"customer\": \"Acme Corp\","
			    " \"contact\": \"carl@acme.example\"}')", 0, NULL, &e2);
	ck_assert_ptr_null(v);
	ck_assert(has_field(&e2, "contact", "not_spoc"));
	tt_error_clear(&e2);
	ck_assert_int_eq(admin_customer_deactivate(adm, "Acme Corp", &id, &err), 0);
	ck_assert_int_eq(admin_contact_deactivate(adm, "carl@acme.example", &id, &err), 0);
	/* who, what, before and after, readable by admins only */
	esc_expect("SELECT string_agg(action || ':' || actor_login, ',' ORDER BY id) FROM admin_events",
		   "customer.set:esc_adm,contact.spoc_revoked:esc_adm,customer.set:esc_adm,"
		   "contact.deactivate:esc_adm");
	esc_expect("SELECT (before->>'csm') || '>' || (after->>'csm') || ' ' || (before->>'plan') || '>'"
		   " || (after->>'plan') FROM admin_events ORDER BY id LIMIT 1",
		   "esc_csm1>esc_csm2 premium>basic");
	struct admin_event_row *rows = NULL;
	int n = 0;
	ck_assert_int_eq(admin_audit_list(adm, 10, NULL, &rows, &n, &err), 0);
	ck_assert_int_eq(n, 4);
	ck_assert_str_eq(rows[0].action, "contact.deactivate");
	admin_audit_list_free(rows, n);
	ck_assert_int_eq(admin_audit_list(eng, 10, NULL, &rows, &n, &err), 77);
	tt_error_clear(&err);
	PGresult *r = PQexec(db_pgconn(eng), "SELECT count(*) FROM ticketty.admin_events");
	ck_assert_str_eq(PQresultErrorField(r, PG_DIAG_SQLSTATE), "42501");
	PQclear(r);
	r = PQexec(db_pgconn(adm), "DELETE FROM ticketty.admin_events");
	ck_assert_str_eq(PQresultErrorField(r, PG_DIAG_SQLSTATE), "42501");
	PQclear(r);
	/* an unknown or ambiguous record is named */
	ck_assert_int_eq(admin_contact_deactivate(adm, "nobody@x.example", &id, &err), 65);
	ck_assert(has_field(&err, "contact", "unknown"));
	tt_error_clear(&err);
	/* agents and customers added are audited too */
	testdb_sql("SELECT 1"); /* keep the superuser connection warm */
	esc_expect("SELECT count(*) FROM security_violations()", "0");
	db_close(adm);
	db_close(eng);
}
END_TEST

/* Support staff list contacts; pm and developer are refused (77): they
 * see no contact's personal data (docs/access.md "Who sees what"). */
START_TEST(contacts_list_for_support_staff)
{
	setup();
	testdb_sql("INSERT INTO contacts (customer_id, name, email, spoc) SELECT id, 'Abe Other',"
		   " 'abe@acme.example', false FROM customers");
	static const char *const builders[] = { "esc_pm", "esc_dev" };
	for (int i = 0; i < 2; i++) {
		struct db *db = testdb_open(builders[i]);
		struct tt_error err;
		tt_error_init(&err);
		struct contact_row *rows = NULL;
		int n = 0;
		char *json = NULL;
		ck_assert_int_eq(contacts_list(db, "Acme Corp", &json, &rows, &n, &err), 77);
		ck_assert_ptr_null(json);
		tt_error_clear(&err);
		db_close(db);
	}
	static const char *const who[] = { "esc_eng", "esc_csm1", "esc_coo" };
	for (int i = 0; i < 3; i++) {
		struct db *db = testdb_open(who[i]);
		struct tt_error err;
		tt_error_init(&err);
		struct contact_row *rows = NULL;
		int n = 0;
		char *json = NULL;
		ck_assert_int_eq(contacts_list(db, "Acme Corp", &json, &rows, &n, &err), 0);
		ck_assert_int_eq(n, 2);
		ck_assert_str_eq(rows[0].email, "carl@acme.example"); /* the SPOC first */
		ck_assert(rows[0].spoc && !rows[1].spoc);
		ck_assert_ptr_nonnull(strstr(json, "\"spoc\" : false"));
		free(json);
		contacts_list_free(rows, n);
		ck_assert_int_eq(contacts_list(db, "Nobody Inc", NULL, &rows, &n, &err), 65);
		ck_assert(has_field(&err, "customer", "unknown"));
		tt_error_clear(&err);
		db_close(db);
	}
}
END_TEST

/* ------------------------------------------------------- canned replies -- */

START_TEST(canned_replies_managed_by_admins_and_leads)
{
	setup();
	struct db *adm = testdb_open("esc_adm"), *coo = testdb_open("esc_coo");
	struct db *eng = testdb_open("esc_eng");
	struct tt_error err;
	tt_error_init(&err);
	ck_assert_int_eq(canned_set(eng, "thanks", "en", "Thanks", "Thank you {contact}", &err), 77);
	tt_error_clear(&err);
	ck_assert_int_eq(canned_set(adm, "Bad Key", "english", "", "", &err), 65);
	ck_assert_uint_eq(err.nfields, 4);
	tt_error_clear(&err);
	ck_assert_int_eq(canned_set(coo, "thanks", "en", "Thanks",
				    "Thank you {contact}, ticket #{ticket} for {customer} ({title}). {agent}", &err), 0);
	ck_assert_int_eq(canned_set(adm, "thanks", "es", "Gracias", "Gracias, {contact}", &err), 0);
	char *text = NULL;
	ck_assert_int_eq(canned_render(eng, "thanks", fx.t1, "en", &text, &err), 0);
	char want[200];
	snprintf(want, sizeof(want), "Thank you Carl Contact, ticket #%lld for Acme Corp"
		 " (Placements render blank 1). Esc_Eng", fx.t1);
	ck_assert_str_eq(text, want);
	free(text);
	ck_assert_int_eq(canned_render(eng, "thanks", fx.t1, "es", &text, &err), 0);
	ck_assert_str_eq(text, "Gracias, Carl Contact");
	free(text);
	ck_assert_int_eq(canned_render(eng, "thanks", fx.t1, "de", &text, &err), 0); /* English fallback */
	ck_assert_ptr_nonnull(strstr(text, "Thank you"));
	free(text);
	ck_assert_int_eq(canned_render(eng, "nope", fx.t1, "en", &text, &err), 65);
	ck_assert(has_field(&err, "template", "no_such_template"));
	ck_assert_msg(strstr(err.fields[0].message, "thanks"), "%s", err.fields[0].message);
	tt_error_clear(&err);
	int removed = 0;
	ck_assert_int_eq(canned_remove(eng, "thanks", NULL, &removed, &err), 77);
	tt_error_clear(&err);
	ck_assert_int_eq(canned_remove(adm, "thanks", NULL, &removed, &err), 0);
	ck_assert_int_eq(removed, 2);
	esc_expect("SELECT string_agg(action || ':' || object_name, ',' ORDER BY id) FROM admin_events"
		   " WHERE object_kind = 'canned_reply'",
		   "canned.add:thanks/en,canned.add:thanks/es,canned.remove:thanks/en,canned.remove:thanks/es");
	db_close(adm);
	db_close(coo);
	db_close(eng);
}
END_TEST

/* ------------------------------------------------------------ CLI twins -- */

static void cli_ok(const char *login, const char *input, const char *args, int want)
{
	int rc = testdb_cli(login, input, args);
	ck_assert_msg(rc == want, "ticketty %s as %s: exit %d, wanted %d\nstdout: %s\nstderr: %s", args,
		      login, rc, want, testdb_stdout(), testdb_stderr());
}

START_TEST(cli_twins)
{
	setup();
	char args[256];
	snprintf(args, sizeof(args), "ticket set %lld severity=1 request_type=billing --reason 'outage'", fx.t1);
	cli_ok("esc_eng", NULL, args, 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "phone: "));
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "Rita Rep <rita@example.com>"));
	/* the count in words that agree with it, never "field(s)" */
	ck_assert_msg(strstr(testdb_stderr(), " was not re-triaged: 2 fields need attention\n"), "%s",
		      testdb_stderr());
	snprintf(args, sizeof(args), "ticket set %lld severity=1 phone=' ' --reason 'outage'", fx.t1);
	cli_ok("esc_eng", NULL, args, 65);
	ck_assert_msg(strstr(testdb_stderr(), " was not re-triaged: 1 field needs attention\n"), "%s",
		      testdb_stderr());
	snprintf(args, sizeof(args), "ticket set %lld severity=1 phone='+1 555 0101'", fx.t1);
	cli_ok("esc_eng", NULL, args, 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "reason: "));
	snprintf(args, sizeof(args), "ticket set %lld severity", fx.t1);
	cli_ok("esc_eng", NULL, args, 64);
	snprintf(args, sizeof(args), "ticket set %lld severity=1 phone='+1 555 0101' --reason outage --json", fx.t1);
	cli_ok("esc_eng", NULL, args, 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "\"reason\": \"outage\""));
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "\"severity\": {\"to\": 1, \"from\": 2}"));
	snprintf(args, sizeof(args), "ticket set %lld severity=2 --reason x", fx.t1);
	cli_ok("esc_pm", NULL, args, 77);
	/* a canned reply, filled in for the ticket */
	snprintf(args, sizeof(args), "ticket reply %lld --template need_logs --lang es", fx.t1);
	cli_ok("esc_eng", NULL, args, 0);
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT left(body, 21) FROM comments WHERE ticket_id = %lld AND kind = 'public'",
		 fx.t1);
	esc_expect(sql, "Gracias por avisarnos");
	snprintf(args, sizeof(args), "ticket reply %lld --template nope", fx.t1);
	cli_ok("esc_eng", NULL, args, 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "need_logs"));
	cli_ok("esc_eng", NULL, "canned list --lang en", 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "need_logs"));
	ck_assert_msg(!strncmp(testdb_stdout(), "KEY ", 4) && strstr(testdb_stdout(), "  LANG  TITLE\n"),
		      "stdout: %s", testdb_stdout());
	cli_ok("esc_eng", "Hi {contact}", "canned set hi --lang en --title Hi", 77);
	cli_ok("esc_ceo", "Hi {contact}", "canned set hi --lang en --title Hi", 0);
	/* records that change, audited, readable by admins */
	cli_ok("esc_adm", NULL, "admin customer set 'Acme Corp' csm=esc_csm2 plan=gold", 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "plan: "));
	cli_ok("esc_adm", NULL, "admin customer set 'Acme Corp' csm=esc_csm2 plan=basic --json", 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "\"plan\":\"basic\""));
	cli_ok("esc_eng", NULL, "admin customer set 'Acme Corp' plan=premium --json", 77);
	cli_ok("esc_adm", NULL, "admin contact set carl@acme.example --json spoc=no", 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "\"spoc\":false"));
	cli_ok("esc_adm", NULL, "admin contact deactivate carl@acme.example --json", 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "\"active\":false"));
	cli_ok("esc_adm", NULL, "admin customer deactivate 'Acme Corp' --json", 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "\"active\":false"));
	cli_ok("esc_eng", NULL, "contacts list 'Acme Corp' --json", 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "\"spoc\" : false"));
	cli_ok("esc_dev", NULL, "contacts list 'Acme Corp'", 77);  /* no personal data for developers */
	cli_ok("esc_eng", NULL, "contacts list 'Acme Corp'", 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "carl@acme.example"));
	/* piped, nothing is cut and a header names the columns */
	ck_assert_msg(!strncmp(testdb_stdout(), "ID  NAME ", 9) && strstr(testdb_stdout(), "  SPOC  STATE\n"),
		      "stdout: %s", testdb_stdout());
	cli_ok("esc_eng", NULL, "admin audit", 77);
	cli_ok("esc_adm", NULL, "admin audit --json", 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "contact.spoc_revoked"));
	cli_ok("esc_adm", NULL, "admin audit --limit 2", 0);
	/* a header; the time in the desk's zone, named; piped, nothing is cut */
	ck_assert_msg(!strncmp(testdb_stdout(), "WHEN                  WHO ", 26) &&
		      strstr(testdb_stdout(), "\n2027-03-10 10:00 EST  esc_adm "), "stdout: %s", testdb_stdout());
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "customer.set"));
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "contact.deactivate"));
	ck_assert_ptr_null(strstr(testdb_stdout(), "canned.add"));
}
END_TEST

/* A canned reply is filled in in the language its mail goes out in, the
 * contact's: a Spanish-speaking contact gets the Spanish text under the
 * reply template's Spanish greeting, whatever language the engineer
 * reads (the TUI's T, `ticket reply --template`, `canned show`); --lang
 * still chooses. Before, the reader's language (else English) did. */
START_TEST(canned_reply_in_the_contacts_language)
{
	setup();
	testdb_sql("UPDATE contacts SET lang = 'es' WHERE email = 'carl@acme.example';"
		   "INSERT INTO canned_replies (key, lang, title, body) VALUES"
		   " ('thanks', 'en', 'Thanks', 'Thank you, #{ticket}.'),"
		   " ('thanks', 'es', 'Gracias', 'Gracias, #{ticket}.')");
	struct db *eng = testdb_open("esc_eng");
	struct tt_error err;
	tt_error_init(&err);
	char *text = NULL, want[64];
	ck_assert_int_eq(canned_render(eng, "thanks", fx.t1, NULL, &text, &err), 0);
	snprintf(want, sizeof(want), "Gracias, #%lld.", fx.t1);
	ck_assert_str_eq(text, want);
	free(text);
	ck_assert_int_eq(canned_render(eng, "thanks", fx.t1, "en", &text, &err), 0);
	ck_assert_ptr_nonnull(strstr(text, "Thank you"));
	free(text);
	db_close(eng);
	char args[128], sql[200];
	snprintf(args, sizeof(args), "canned show thanks --ticket %lld", fx.t1);
	cli_ok("esc_eng", NULL, args, 0);
	ck_assert_msg(!strncmp(testdb_stdout(), want, strlen(want)), "stdout: %s", testdb_stdout());
	snprintf(args, sizeof(args), "ticket reply %lld --template thanks", fx.t1);
	cli_ok("esc_eng", NULL, args, 0);
	snprintf(sql, sizeof(sql), "SELECT body FROM comments WHERE ticket_id = %lld AND kind = 'public'", fx.t1);
	esc_expect(sql, want);
	snprintf(sql, sizeof(sql), "SELECT string_agg(kind || ':' || lang, ',') FROM mail_outbox WHERE ticket_id = %lld", fx.t1);
	esc_expect(sql, "acknowledgement:es");   /* the first answer */
	/* the shipped replies greet nobody: the mail's template greets the
	 * contact once (970), the reply's text follows */
	snprintf(args, sizeof(args), "ticket reply %lld --template need_logs", fx.t2);
	cli_ok("esc_eng", NULL, args, 0);
	snprintf(sql, sizeof(sql), "SELECT (length(body) - length(replace(body, 'Carl Contact', ''))) / 12 || ' '"
		 " || (body LIKE 'Hola, Carl Contact:%%Gracias por avisarnos (ticket n.º %lld)%%')"
		 " FROM mail_outbox WHERE ticket_id = %lld", fx.t2, fx.t2);
	esc_expect(sql, "1 true");
}
END_TEST

/* 1,200 live escalations of cloned tickets: a tenth at the CEO, three
 * tenths at the COO, the rest at the CSM; severities 1 to 4 and fifty
 * instants (ties), "zeta" in the title of one in five. */
static void bulk_escalations(void)
{
	char sql[2048];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id,"
		 "  severity, title, description, impact, object_ids, member_id, repro_steps, browser,"
		 "  os, phone, calendar_id, plan)"
		 "SELECT customer_id, contact_id, request_type_id, team_id, reason_id, 1 + g %% 4,"
		 "  'Bulk ' || g || CASE WHEN g %% 5 = 0 THEN ' zeta' ELSE '' END, description, impact,"
		 "  object_ids, member_id, repro_steps, browser, os, '+1 555 0100', calendar_id, plan"
		 "  FROM tickets t, generate_series(1, 1200) g WHERE t.id = %lld;"
		 "CREATE TEMP TABLE bulk AS SELECT t.id, split_part(t.title, ' ', 2)::int %% 10 AS r,"
		 "  timestamptz '2026-11-18 12:00Z' + (split_part(t.title, ' ', 2)::int %% 50) * interval '1 minute' AS at"
		 "  FROM tickets t WHERE t.title LIKE 'Bulk %%';"
		 "INSERT INTO escalations (ticket_id, level, holder_id, raised_by, reason, raised_at, state)"
		 "SELECT b.id, 1, (SELECT id FROM agents WHERE login = 'esc_csm1'),"
		 "  (SELECT id FROM agents WHERE login = 'esc_eng'), 'bulk', b.at,"
		 "  CASE WHEN b.r < 4 THEN 'passed_up' ELSE 'open' END::escalation_state FROM bulk b;"
		 "INSERT INTO escalations (ticket_id, level, holder_id, raised_by, reason, raised_at, state)"
		 "SELECT b.id, 2, (SELECT id FROM agents WHERE login = 'esc_coo'),"
		 "  (SELECT id FROM agents WHERE login = 'esc_csm1'), 'up', b.at,"
		 "  CASE WHEN b.r = 0 THEN 'passed_up' ELSE 'open' END::escalation_state FROM bulk b WHERE b.r < 4;"
		 "INSERT INTO escalations (ticket_id, level, holder_id, raised_by, reason, raised_at, state)"
		 "SELECT b.id, 3, (SELECT id FROM agents WHERE login = 'esc_ceo'),"
		 "  (SELECT id FROM agents WHERE login = 'esc_coo'), 'up', b.at, 'open' FROM bulk b WHERE b.r = 0",
		 fx.t1);
	testdb_sql(sql);
}

/* Every page of the list, forward (FIRST then AFTER the last) or
 * backward (LAST then BEFORE the first), `page` at a time: the
 * escalation ids in list order, comma-separated. */
static char *page_through(struct db *db, const struct esc_filter *f, bool backward, int page,
			  struct esc_list *first)
{
	struct esc_list l;
	struct tt_error err;
	struct esc_key k = { 0, 0, 0, 0 };
	long long *ids = NULL;
	size_t n = 0;
	tt_error_init(&err);
	esc_list_init(&l);
	for (int p = 0;; p++) {
		enum esc_from from = backward ? (p ? ESC_BEFORE : ESC_LAST) : (p ? ESC_AFTER : ESC_FIRST);
		ck_assert_int_eq(esc_list_page(db, f, from, p ? &k : NULL, page, p == 0, &l, &err), 0);
		ck_assert_int_le(l.n, (size_t)page);
		if (p == 0 && first) {
			esc_list_done(first);
			first->level_live[1] = l.level_live[1];
			first->level_live[2] = l.level_live[2];
			first->level_live[3] = l.level_live[3];
			first->live_total = l.live_total;
		}
		if (!l.n)
			break;
		ids = xrealloc(ids, (n + l.n) * sizeof(*ids));
		if (backward)
			memmove(ids + l.n, ids, n * sizeof(*ids));
		for (size_t i = 0; i < l.n; i++)
			ids[(backward ? 0 : n) + i] = l.items[i].escalation_id;
		n += l.n;
		k = esc_item_key(&l.items[backward ? 0 : l.n - 1]);
		ck_assert_int_lt(p, 100);
	}
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < n; i++)
		sb_addf(&sb, "%s%lld", i ? "," : "", ids[i]);
	free(ids);
	esc_list_done(&l);
	return sb_detach(&sb);
}

/* Both ways through the list `page` at a time read exactly the live
 * escalations that pass `where` (SQL on escalations e), in the order the
 * list promises; *counts (not NULL) gets the first page's counts. */
static void expect_pages(struct db *db, const struct esc_filter *f, const char *where, int page,
			 struct esc_list *counts)
{
	char sql[512];
	snprintf(sql, sizeof(sql), "SELECT coalesce(string_agg(id::text, ','"
		 " ORDER BY level DESC, ticket_severity, raised_at, id), '') FROM escalations e"
		 " WHERE state IN ('open', 'acknowledged') %s", where);
	char *want = testdb_value(sql, 0, NULL);
	for (int back = 0; back < 2; back++) {
		char *got = page_through(db, f, back, page, back ? NULL : counts);
		ck_assert_msg(!strcmp(got, want), "page %d, %s, %s: %.80s... not %.80s...", page,
			      back ? "backward" : "forward", where, got, want);
		free(got);
	}
	free(want);
}

/* The keyset pages read every live escalation once, in the list's order
 * (level DESC, severity, raised_at, id: the ties of raised_at by id), in
 * either direction and whatever the page size; with the words and with
 * mine too; the counts are the whole list's on any page. */
START_TEST(escalation_list_pages)
{
	setup();
	bulk_escalations();
	struct db *coo = testdb_open("esc_coo");
	struct esc_list counts;
	esc_list_init(&counts);
	struct esc_filter f = { 0 };
	int sizes[] = { 97, 250, 1000 };
	for (size_t i = 0; i < 3; i++)
		expect_pages(coo, &f, "", sizes[i], &counts);
	ck_assert_int_eq(counts.level_live[3], 120);
	ck_assert_int_eq(counts.level_live[2], 360);
	ck_assert_int_eq(counts.level_live[1], 720);
	ck_assert_int_eq(counts.live_total, 1200);

	/* at a key: from that escalation on */
	struct esc_list l;
	struct tt_error err;
	tt_error_init(&err);
	esc_list_init(&l);
	ck_assert_int_eq(esc_list_page(coo, &f, ESC_FIRST, NULL, 500, false, &l, &err), 0);
	struct esc_key k = esc_item_key(&l.items[400]);
	long long at = l.items[400].escalation_id, after = l.items[401].escalation_id;
	ck_assert_int_eq(esc_list_page(coo, &f, ESC_AT, &k, 2, false, &l, &err), 0);
	ck_assert_int_eq(l.items[0].escalation_id, at);
	ck_assert_int_eq(l.items[1].escalation_id, after);
	esc_list_done(&l);

	/* the words: those with "zeta", counted at each level */
	f.words = "ZETA";
	expect_pages(coo, &f, "AND EXISTS (SELECT 1 FROM tickets t WHERE t.id = e.ticket_id"
		     " AND t.title LIKE '% zeta')", 33, &counts);
	ck_assert_int_eq(counts.level_live[3], 120);
	ck_assert_int_eq(counts.level_live[2], 0);
	ck_assert_int_eq(counts.level_live[1], 120);

	/* mine: the COO's level, and the words with it */
	f.words = NULL;
	f.mine = true;
	expect_pages(coo, &f, "AND level = 2", 41, &counts);
	ck_assert_int_eq(counts.level_live[2], 360);
	ck_assert_int_eq(counts.level_live[1], 0);
	ck_assert_int_eq(counts.live_total, 360);
	f.words = "bulk 13";
	expect_pages(coo, &f, "AND level = 2 AND EXISTS (SELECT 1 FROM tickets t WHERE t.id = e.ticket_id"
		     " AND t.title LIKE '%13%')", 41, NULL);
	esc_list_done(&counts);
	db_close(coo);
}
END_TEST

static Suite *desk_suite(void)
{
	Suite *s = suite_create("desk");
	TCase *tc = tcase_create("desk");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, retriage_severity_recomputes_running_deadlines);
	tcase_add_test(tc, retriage_request_type_reroutes_and_tells);
	tcase_add_test(tc, retriage_moves_a_ticket_to_another_customer);
	tcase_add_test(tc, retriage_to_another_customer_hands_the_csm_level_over);
	tcase_add_test(tc, customer_given_a_csm_takes_the_csm_levels_left_with_others);
	tcase_add_test(tc, retriage_refused_by_role_and_state);
	tcase_add_test(tc, resolving_needs_a_public_message_which_is_the_first_response);
	tcase_add_test(tc, a_message_of_unicode_spaces_is_blank);
	tcase_add_test(tc, pm_and_developer_write_internal_notes_only);
	tcase_add_test(tc, transitions_allowed_now);
	tcase_add_test(tc, escalation_rounds_passed_up_and_history);
	tcase_add_test(tc, escalations_severity_first_within_a_level);
	tcase_add_test(tc, escalation_list_item_is_its_own_step);
	tcase_add_test(tc, escalation_chain_ages_count_from_each_level);
	tcase_add_test(tc, escalation_list_page_and_live_counts);
	tcase_add_test(tc, escalation_list_words);
	tcase_add_test(tc, customer_without_csm);
	tcase_add_test(tc, admin_records_change_and_are_audited);
	tcase_add_test(tc, contacts_list_for_support_staff);
	tcase_add_test(tc, canned_replies_managed_by_admins_and_leads);
	tcase_add_test(tc, canned_reply_in_the_contacts_language);
	tcase_add_test(tc, cli_twins);
	tcase_add_test(tc, escalation_list_pages);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(desk_suite)
