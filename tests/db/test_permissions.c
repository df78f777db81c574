/* Permissions enforced by PostgreSQL, tried as real login roles: no agent
 * writes a base table directly (tickets, the audit log, escalations,
 * notifications, policy, agents, schema_migrations), internal helpers are
 * not callable, nobody acts as someone else, and a login that is not an
 * active agent is refused at startup with exit 77. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "esc_fixture.h"
#include "model/agent.h"
#include "testdb.h"

static struct esc_fixture fx;

static void setup(void)
{
	esc_fixture_setup(&fx);
}

/* Runs sql as login; returns the SQLSTATE of the failure ("" on success). */
static const char *try_as(const char *login, const char *sql)
{
	static char state[6];
	struct db *db = testdb_open(login);
	struct tt_error err;
	tt_error_init(&err);
	PGresult *r = db_exec(db, sql, 0, NULL, &err);
	if (r)
		PQclear(r);
	snprintf(state, sizeof(state), "%s", r ? "" : err.sqlstate);
	tt_error_clear(&err);
	db_close(db);
	return state;
}

static void refused(const char *login, const char *sql, const char *want_state)
{
	const char *got = try_as(login, sql);
	ck_assert_msg(!strcmp(got, want_state), "as %s: %s\n  gave SQLSTATE '%s', wanted '%s'",
		      login, sql, got, want_state);
}

static const char *const every_login[] = {
	"esc_eng", "esc_csm1", "esc_coo", "esc_ceo", "esc_adm", "esc_pm", "esc_dev", NULL,
};

START_TEST(no_agent_writes_tickets)
{
	char sql[1024];
	for (int i = 0; every_login[i]; i++) {
		snprintf(sql, sizeof(sql),
			 "INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id,"
			 " severity, title, description, impact, object_ids, member_id, repro_steps, browser,"
			 " os, calendar_id, plan, first_response_due, resolution_due)"
			 " SELECT customer_id, contact_id, request_type_id, team_id, reason_id, severity,"
			 " title, description, impact, object_ids, member_id, repro_steps, browser, os,"
			 " calendar_id, plan, first_response_due, resolution_due FROM tickets WHERE id = %lld",
			 fx.t1);
		refused(every_login[i], sql, "42501");
		snprintf(sql, sizeof(sql), "UPDATE tickets SET escalation_level = 3 WHERE id = %lld", fx.t1);
		refused(every_login[i], sql, "42501");
		snprintf(sql, sizeof(sql), "DELETE FROM tickets WHERE id = %lld", fx.t1);
		refused(every_login[i], sql, "42501");
		refused(every_login[i], "TRUNCATE tickets CASCADE", "42501");
	}
	esc_expect("SELECT count(*) || '/' || max(escalation_level) FROM tickets", "3/0");
}
END_TEST

START_TEST(the_audit_log_is_append_only)
{
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "escalate 1 --reason 'history'"), 0);
	for (int i = 0; every_login[i]; i++) {
		refused(every_login[i], "UPDATE ticket_events SET kind = 'forged'", "42501");
		refused(every_login[i], "DELETE FROM ticket_events", "42501");
		refused(every_login[i],
			"INSERT INTO ticket_events (ticket_id, kind) SELECT id, 'forged' FROM tickets", "42501");
		refused(every_login[i], "SELECT audit(1, 'forged')", "42501");
	}
	/* a role that was granted UPDATE anyway still meets the trigger */
	testdb_sql("GRANT UPDATE, DELETE ON ticket_events TO esc_dev");
	refused("esc_dev", "UPDATE ticket_events SET kind = 'forged'", "TT403");
	refused("esc_dev", "DELETE FROM ticket_events", "TT403");
	/* and the audit function reports the stray grant until it is gone */
	char *bad = testdb_value("SELECT string_agg(problem, ',' ORDER BY problem) FROM security_violations()"
				 " WHERE object = 'ticket_events'", 0, NULL);
	ck_assert_str_eq(bad, "esc_dev has DELETE,esc_dev has UPDATE");
	free(bad);
	testdb_sql("REVOKE UPDATE, DELETE ON ticket_events FROM esc_dev");
	esc_expect("SELECT count(*) FROM security_violations()", "0");
	esc_expect("SELECT count(*) || ':' || min(kind) FROM ticket_events", "1:escalation.raised");
}
END_TEST

START_TEST(policy_is_not_changed_by_agents)
{
	static const char *const writes[] = {
		"UPDATE calendar_hours SET closes = '23:00'",
		"DELETE FROM calendar_hours",
		"INSERT INTO calendar_hours (calendar_id, isodow, opens, closes)"
		" VALUES (default_calendar_id(), 6, '09:00', '12:00')",
		"UPDATE sla_targets SET minutes = 100000",
		"DELETE FROM sla_targets",
		"INSERT INTO holidays (calendar_id, day, name) VALUES (default_calendar_id(), '2026-12-31', 'Party')",
		"DELETE FROM holidays",
		"UPDATE calendars SET time_zone = 'UTC'",
		"UPDATE request_types SET team_id = 1",
		"UPDATE agents SET role = 'admin'",
		"INSERT INTO agents (login, display_name, role) VALUES ('mallory', 'Mallory', 'admin')",
		"UPDATE customers SET csm_id = NULL",
		"INSERT INTO escalations (ticket_id, level, raised_by, reason) VALUES (1, 1, 1, 'x')",
		"UPDATE escalations SET state = 'resolved'",
		"INSERT INTO notifications (recipient_email, kind) VALUES ('a@b.c', 'spam')",
		"UPDATE notifications SET sent_at = now()",
		"INSERT INTO ticket_collaborators (ticket_id, agent_id) VALUES (1, 1)",
		"INSERT INTO schema_migrations (version, name) VALUES (9999, 'evil')",
		"DELETE FROM schema_migrations",
		"SELECT nextval('tickets_id_seq')",
		"CREATE TABLE ticketty.mine (x int)",
		NULL,
	};
	for (int i = 0; every_login[i]; i++)
		for (int w = 0; writes[w]; w++)
			refused(every_login[i], writes[w], "42501");
	/* and the admin API functions refuse everyone but admins */
	static const char *const admin_calls[] = {
		"SELECT api_policy_load('UTC', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}',"
		" '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}')",
		"SELECT api_admin_agent_add('mallory', 'Mallory', 'admin')",
		"SELECT api_admin_agent_deactivate('esc_ceo')",
		"SELECT api_admin_customer_add('Evil Inc', '666', 'premium')",
		NULL,
	};
	for (int i = 0; every_login[i]; i++)
		for (int c = 0; admin_calls[c]; c++)
			if (strcmp(every_login[i], "esc_adm"))
				refused(every_login[i], admin_calls[c], "TT403");
	esc_expect("SELECT count(*) FROM sla_targets", "18");
	esc_expect("SELECT count(*) FROM agents WHERE role = 'admin'", "1");
	esc_expect("SELECT count(*) FROM security_violations()", "0");
}
END_TEST

START_TEST(internal_helpers_are_not_callable)
{
	refused("esc_eng", "SELECT esc_lock_ticket(1)", "42501");
	refused("esc_eng", "SELECT escalation_holder_for(1, 1::smallint)", "42501");
	refused("esc_eng", "SELECT security_violations()", "42501");
	refused("esc_ceo",
		"SELECT escalation_open_level(t, 1::smallint, 3::smallint, 'x', 1, 'escalation.raised') FROM tickets t",
		"42501");
	/* the API is */
	ck_assert_str_eq(try_as("esc_eng", "SELECT api_escalate(1, 'by psql')"), "");
	ck_assert_str_eq(try_as("esc_eng", "SELECT is_following(1), escalation_is_mine(1)"), "");
}
END_TEST

START_TEST(nobody_acts_as_someone_else)
{
	refused("esc_eng", "SET ROLE esc_ceo", "42501");
	refused("esc_eng", "SET SESSION AUTHORIZATION esc_ceo", "42501");
	refused("esc_eng", "SET ROLE ticketty_ceo", "42501");
	/* agents are not members of each other's groups: the group gives no identity */
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "escalate 1 --reason 'x'"), 0);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "escalation resolve 1 --message 'mine now'"), 77);
}
END_TEST

START_TEST(strangers_are_refused_at_startup)
{
	testdb_sql("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'esc_stranger')"
		   " THEN CREATE ROLE esc_stranger LOGIN; END IF; END $$");
	ck_assert_int_eq(testdb_cli("esc_stranger", NULL, "escalations"), 77);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "\"esc_stranger\" is not an active ticketty agent"));
	ck_assert_int_eq(testdb_cli("esc_stranger", NULL, "db seed-demo"), 77);

	/* in the group but not in agents, or deactivated: the same */
	testdb_sql("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'esc_ghost')"
		   " THEN CREATE ROLE esc_ghost LOGIN IN ROLE ticketty_engineer; END IF; END $$");
	ck_assert_int_eq(testdb_cli("esc_ghost", NULL, "escalations"), 77);
	testdb_sql("UPDATE agents SET active = false WHERE login = 'esc_pm'");
	ck_assert_int_eq(testdb_cli("esc_pm", NULL, "notify mine"), 77);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "not an active ticketty agent"));
	/* the hint covers both: adding it anew would be refused for a deactivated one */
	ck_assert_msg(strstr(testdb_stderr(), "ticketty admin agent add LOGIN") &&
		      strstr(testdb_stderr(), "ticketty admin agent set LOGIN active=yes"), "%s", testdb_stderr());

	/* a superuser that is no agent: maintenance yes, helpdesk work no */
	ck_assert_int_eq(testdb_cli(NULL, NULL, "escalations"), 77);
	ck_assert_int_eq(testdb_cli(NULL, NULL, "db version"), 0);
	ck_assert_int_eq(testdb_cli(NULL, NULL, "db migrate"), 0);

	struct db *db = testdb_open("esc_ghost");
	struct agent_info me;
	struct tt_error err;
	agent_info_init(&me);
	tt_error_init(&err);
	ck_assert_int_eq(agent_whoami(db, &me, &err), 77);
	ck_assert_ptr_nonnull(strstr(err.message, "esc_ghost"));
	tt_error_clear(&err);
	db_close(db);
	db = testdb_open("esc_coo");
	ck_assert_int_eq(agent_whoami(db, &me, &err), 0);
	ck_assert_int_eq(me.id, fx.coo);
	ck_assert_str_eq(me.login, "esc_coo");
	ck_assert_str_eq(me.role, "coo");
	agent_info_done(&me);
	db_close(db);
}
END_TEST

/* The first value sql gives as login (static buffer; "ERR <state>" on failure). */
static const char *value_as(const char *login, const char *sql)
{
	static char out[256];
	struct db *db = testdb_open(login);
	struct tt_error err;
	tt_error_init(&err);
	PGresult *r = db_exec(db, sql, 0, NULL, &err);
	if (r) {
		snprintf(out, sizeof(out), "%s", PQntuples(r) ? PQgetvalue(r, 0, 0) : "");
		PQclear(r);
	} else {
		snprintf(out, sizeof(out), "ERR %s", err.sqlstate);
	}
	tt_error_clear(&err);
	db_close(db);
	return out;
}

/* docs/access.md "who sees what": support staff see every contact and
 * every internal note; pm and developer see no contact and the internal
 * notes only of tickets they collaborate on (or wrote); public replies
 * stay visible to all. Enforced by row-level security, as each login. */
START_TEST(who_sees_contacts_and_internal_notes)
{
	char sql[512];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO comments (ticket_id, author_id, kind, body) VALUES"
		 " (%lld, %d, 'internal', 'customer is about to churn'),"
		 " (%lld, %d, 'public', 'we are on it'),"
		 " (%lld, %d, 'internal', 'second ticket note')",
		 fx.t1, fx.eng, fx.t1, fx.eng, fx.t2, fx.eng);
	testdb_sql(sql);
	static const char contacts_sql[] =
		"SELECT count(*) || ':' || coalesce(string_agg(email, ','), '') FROM contacts";
	static const char notes_sql[] =
		"SELECT count(*) FILTER (WHERE kind = 'internal') || '/' || count(*) FROM comments";
	static const char *const support[] = { "esc_eng", "esc_csm1", "esc_coo", "esc_ceo", "esc_adm", NULL };
	for (int i = 0; support[i]; i++) {
		ck_assert_str_eq(value_as(support[i], contacts_sql), "1:carl@acme.example");
		ck_assert_str_eq(value_as(support[i], notes_sql), "2/3");
	}
	static const char *const builders[] = { "esc_pm", "esc_dev", NULL };
	for (int i = 0; builders[i]; i++) {
		ck_assert_str_eq(value_as(builders[i], contacts_sql), "0:");
		ck_assert_str_eq(value_as(builders[i], "SELECT count(*) FROM contacts WHERE email LIKE '%@%'"), "0");
		ck_assert_str_eq(value_as(builders[i], notes_sql), "0/1");
	}

	/* the API hands contacts and mail senders to support staff only */
	for (int i = 0; builders[i]; i++) {
		ck_assert_str_eq(value_as(builders[i], "SELECT api_contacts_list('Acme Corp')"), "ERR TT403");
		ck_assert_str_eq(value_as(builders[i], "SELECT count(*) FROM mail_inbound"), "0");
		ck_assert_str_eq(value_as(builders[i], "SELECT count(*) FROM mail_outbox"), "0");
	}
	ck_assert_ptr_nonnull(strstr(value_as("esc_eng", "SELECT api_contacts_list('Acme Corp')"),
				     "carl@acme.example"));

	/* added as a collaborator on t1: that ticket's notes, not t2's */
	snprintf(sql, sizeof(sql),
		 "INSERT INTO ticket_collaborators (ticket_id, agent_id, added_by) VALUES (%lld, %d, %d)",
		 fx.t1, fx.dev, fx.eng);
	testdb_sql(sql);
	ck_assert_str_eq(value_as("esc_dev", notes_sql), "1/2");
	ck_assert_str_eq(value_as("esc_pm", notes_sql), "0/1");
	ck_assert_str_eq(value_as("esc_dev", contacts_sql), "0:");

	/* the client shows the ticket to a pm without the contact or the note */
	snprintf(sql, sizeof(sql), "ticket show %lld", fx.t1);
	ck_assert_int_eq(testdb_cli("esc_pm", NULL, sql), 0);
	ck_assert_ptr_null(strstr(testdb_stdout(), "carl@acme.example"));
	ck_assert_ptr_null(strstr(testdb_stdout(), "Carl Contact"));
	ck_assert_ptr_null(strstr(testdb_stdout(), "about to churn"));
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "(not shown to your role)"));
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "we are on it"));
	snprintf(sql, sizeof(sql), "ticket show %lld --json", fx.t1);
	ck_assert_int_eq(testdb_cli("esc_pm", NULL, sql), 0);
	ck_assert_ptr_null(strstr(testdb_stdout(), "carl@acme.example"));
	ck_assert_ptr_null(strstr(testdb_stdout(), "about to churn"));
	/* and to an engineer with both */
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, sql), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "carl@acme.example"));
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "about to churn"));
	esc_expect("SELECT count(*) FROM security_violations()", "0");
}
END_TEST

/* docs/access.md "who sees what", mail in and out: support staff only.
 * Row-level security shows a pm or developer no row of mail_inbound or
 * mail_outbox, so the readings (inbox list and show, mail status, text
 * and JSON) refuse them as api_contacts_list does (77, naming the roles
 * that may: sql/320 api_mail_reader) instead of saying the inbox is
 * empty, the mail does not exist or nothing was sent; an engineer reads
 * the real mail and figures. */
START_TEST(mail_readings_refuse_pm_and_developer)
{
	char *v = testdb_value(
		"WITH m AS (INSERT INTO mail_inbound (message_id, raw, from_address, from_name, subject, body,"
		"                                    customer_id, contact_id, state, hold_reason)"
		"  SELECT '<in' || g || '@acme.example>', '\\x00', 'carl@acme.example', 'Carl Contact',"
		"         'Blank placements ' || g, 'Nothing renders on page ' || g, c.id, ct.id,"
		"         CASE WHEN g = 3 THEN 'held' ELSE 'inbox' END,"
		"         CASE WHEN g = 3 THEN 'unknown_sender' END"
		"    FROM customers c JOIN contacts ct ON ct.customer_id = c.id, generate_series(1, 3) g"
		"   ORDER BY g RETURNING id) SELECT min(id) FROM m", 0, NULL);
	long long mail = atoll(v);
	free(v);
	testdb_sql("INSERT INTO mail_outbox (kind, lang, to_address, from_name, from_address, subject, body,"
		   "                         message_id, state, sent_at, last_error)"
		   " SELECT 'reply', 'en', 'carl@acme.example', 'Support', 'support@desk.example', 'Re: blank',"
		   "        'On it', '<out' || g || '@desk.example>', CASE WHEN g <= 2 THEN 'queued' ELSE 'sent' END,"
		   "        CASE WHEN g > 2 THEN tt_now() END, CASE WHEN g = 1 THEN 'mx refused' END"
		   "   FROM generate_series(1, 5) g");

	char args[64], want[160];
	const char *const readings[] = {
		"inbox list", "inbox list --held", "inbox list --json", "inbox show %lld",
		"inbox show %lld --json", "mail status", "mail status --json", NULL,
	};
	const char *const builders[][2] = { { "esc_pm", "pm" }, { "esc_dev", "developer" } };
	for (int b = 0; b < 2; b++) {
		snprintf(want, sizeof(want), "ticketty: agent \"%s\" has role %s, but this needs one of: "
			 "engineer, csm, coo, ceo, admin", builders[b][0], builders[b][1]);
		for (int i = 0; readings[i]; i++) {
			snprintf(args, sizeof(args), readings[i], mail);
			int rc = testdb_cli(builders[b][0], NULL, args);
			ck_assert_msg(rc == 77 && strstr(testdb_stderr(), want) && !*testdb_stdout(),
				      "%s as %s: exit %d\nstdout: %s\nstderr: %s", args, builders[b][0], rc,
				      testdb_stdout(), testdb_stderr());
		}
		ck_assert_str_eq(value_as(builders[b][0], "SELECT api_mail_reader()"), "ERR TT403");
	}

	/* support staff: the real mail and figures */
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "inbox list"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "Blank placements 1"));
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "Blank placements 2"));
	ck_assert_ptr_null(strstr(testdb_stdout(), "Blank placements 3"));
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "inbox list --held"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "Blank placements 3"));
	snprintf(args, sizeof(args), "inbox show %lld", mail);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, args), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "Nothing renders on page 1"));
	snprintf(args, sizeof(args), "inbox show %lld --json", mail);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, args), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "Nothing renders on page 1"));
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "mail status"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "queued:     2\n"));
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "sent:       3\n"));
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "failed:     1 "));
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "mail status --json"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "\"queued\" : 2, \"sent\" : 3"));
	snprintf(want, sizeof(want), "%d", fx.eng);
	ck_assert_str_eq(value_as("esc_eng", "SELECT api_mail_reader()"), want);
	esc_expect("SELECT count(*) FROM security_violations()", "0");
}
END_TEST

/* What sql says as login: its rows' first column joined by '|', or on a
 * refusal "ERR state: message" and one " field/code/message" per refused
 * field (static buffer). */
static const char *said_as(const char *login, const char *sql)
{
	static char out[4096];
	struct db *db = testdb_open(login);
	struct tt_error err;
	tt_error_init(&err);
	PGresult *r = db_exec(db, sql, 0, NULL, &err);
	size_t n = 0;
	out[0] = '\0';
	if (r) {
		for (int i = 0; i < PQntuples(r) && n < sizeof(out); i++)
			n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s", i ? "|" : "",
					      PQgetvalue(r, i, 0));
		PQclear(r);
	} else {
		n = (size_t)snprintf(out, sizeof(out), "ERR %s: %s", err.sqlstate, err.message);
		for (size_t i = 0; i < err.nfields && n < sizeof(out); i++)
			n += (size_t)snprintf(out + n, sizeof(out) - n, " %s/%s/%s", err.fields[i].field,
					      err.fields[i].code, err.fields[i].message);
	}
	tt_error_clear(&err);
	db_close(db);
	return out;
}

/* docs/access.md "who sees what": a contact's name and address reach
 * support staff only, through the API functions as through the table
 * (sql/890). A pm or developer is refused a canned reply filled in with
 * the contact (a public reply), the names an inbox refusal would give,
 * what an inbox mail lacks and the intake's check of a contact (filing a
 * ticket is support staff's, refused before the contact is judged). */
START_TEST(the_api_hands_no_contact_to_pm_and_developer)
{
	testdb_sql("INSERT INTO canned_replies (key, lang, title, body)"
		   " VALUES ('hello', 'en', 'Hello', 'Hello {contact}, about #{ticket}.');"
		   "INSERT INTO customers (name, member_id, plan) VALUES ('Other Corp', 2002, 'basic');"
		   "INSERT INTO contacts (customer_id, name, email, spoc)"
		   " SELECT id, 'Nora Nospoc', 'nora@acme.example', false FROM customers WHERE member_id = 1001");
	char *v = testdb_value(
		"INSERT INTO mail_inbound (message_id, raw, from_address, subject, body, customer_id, contact_id)"
		" SELECT '<q1@acme.example>', '\\x00', email, 'Blank', 'Nothing renders', customer_id, id"
		"   FROM contacts WHERE email = 'nora@acme.example' RETURNING id", 0, NULL);
	long long mail = atoll(v);
	free(v);
	v = testdb_value("SELECT id FROM contacts WHERE email = 'carl@acme.example'", 0, NULL);
	long long carl = atoll(v);
	free(v);

	char render[128], names[128], missing[128], other[256], nospoc[256], create[256];
	snprintf(render, sizeof(render), "SELECT api_canned_render('hello', %lld)", fx.t1);
	snprintf(names, sizeof(names), "SELECT spoc FROM api_inbox_refusal_names(%lld)", mail);
	snprintf(missing, sizeof(missing), "SELECT count(*) FROM api_inbox_missing(%lld)", mail);
	snprintf(other, sizeof(other),
		 "SELECT code || ' ' || message FROM api_ticket_check('{\"customer\": \"Other Corp\","
		 " \"contact\": \"%lld\"}') WHERE field = 'contact'", carl);
	snprintf(nospoc, sizeof(nospoc),
		 "SELECT code || ' ' || message FROM api_ticket_check('{\"customer\": \"Acme Corp\","
		 " \"contact\": \"nora@acme.example\"}') WHERE field = 'contact'");
	snprintf(create, sizeof(create),
		 "SELECT api_ticket_create('{\"customer\": \"Other Corp\", \"contact\": \"%lld\"}')", carl);

	/* support staff: the contact, named */
	char want[128];
	snprintf(want, sizeof(want), "Hello Carl Contact, about #%lld.", fx.t1);
	ck_assert_str_eq(said_as("esc_eng", render), want);
	ck_assert_str_eq(said_as("esc_eng", names), "Carl Contact <carl@acme.example>");
	ck_assert_str_ne(said_as("esc_eng", missing), "0");
	ck_assert_str_eq(said_as("esc_eng", other),
			 "other_customer Carl Contact <carl@acme.example> is a contact of Acme Corp, not of Other Corp");
	ck_assert_str_eq(said_as("esc_eng", nospoc),
			 "not_spoc Nora Nospoc <nora@acme.example> is not an authorised single point of contact"
			 " of Acme Corp");
	ck_assert_ptr_nonnull(strstr(said_as("esc_eng", create), "carl@acme.example"));

	static const char *const builders[] = { "esc_pm", "esc_dev", NULL };
	for (int i = 0; builders[i]; i++) {
		ck_assert_ptr_nonnull(strstr(said_as(builders[i], render), "ERR TT403: "));
		ck_assert_ptr_nonnull(strstr(said_as(builders[i], render), "internal notes only"));
		ck_assert_ptr_nonnull(strstr(said_as(builders[i], names), "ERR TT403: "));
		ck_assert_ptr_nonnull(strstr(said_as(builders[i], missing), "ERR TT403: "));
		/* the intake is support staff's: refused before a contact is judged */
		const char *const intake[] = { other, nospoc, create };
		for (size_t k = 0; k < 3; k++) {
			const char *refused = said_as(builders[i], intake[k]);
			ck_assert_msg(!strncmp(refused, "ERR TT403: ", 11) &&
				      strstr(refused, "writes internal notes only: support staff file tickets") &&
				      !strstr(refused, "Carl") && !strstr(refused, "carl@") &&
				      !strstr(refused, "Nora") && !strstr(refused, "nora@") && !strstr(refused, "Acme"),
				      "as %s: %s", builders[i], refused);
		}
	}
	esc_expect("SELECT count(*) FROM tickets", "3");
	esc_expect("SELECT count(*) FROM security_violations()", "0");
}
END_TEST

/* A file kept with an internal note is the note's (row-level security on
 * attachments, migration 315): a pm or developer who may not read the
 * note reads neither the file nor its name, size or type, not even in the
 * audit log, which every agent reads (ticket_events has no row-level
 * security). Support staff still read the file, and the timeline shows
 * it with the note. */
START_TEST(a_note_file_name_stays_with_the_note)
{
	char path[] = "/tmp/tt-perm-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	char file[64];
	snprintf(file, sizeof(file), "%s-takeover-plan.csv", path);
	FILE *f = fopen(file, "w");
	ck_assert_ptr_nonnull(f);
	fputs("bidder,margin\n7,0.4\n", f);
	fclose(f);
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "ticket note %lld --message 'For the desk only.' --attach %s", fx.t1, file);
	int rc = testdb_cli("esc_eng", NULL, cmd);
	remove(file);
	remove(path);
	ck_assert_msg(rc == 0, "%s", testdb_stderr());
	static const char events_sql[] =
		"SELECT count(*) || ':' || count(*) FILTER (WHERE details::text LIKE '%takeover%'"
		" OR details ? 'size' OR details ? 'type') FROM ticket_events WHERE kind = 'file_noted'";
	static const char files_sql[] = "SELECT count(*) FROM attachments WHERE filename LIKE '%takeover-plan.csv'";
	static const char *const builders[] = { "esc_pm", "esc_dev", NULL };
	for (int i = 0; builders[i]; i++) {
		ck_assert_str_eq(value_as(builders[i], events_sql), "1:0");
		ck_assert_str_eq(value_as(builders[i], files_sql), "0");
	}
	ck_assert_str_eq(value_as("esc_eng", files_sql), "1");
	snprintf(cmd, sizeof(cmd), "ticket show %lld", fx.t1);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, cmd), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "takeover-plan.csv"));
	ck_assert_int_eq(testdb_cli("esc_pm", NULL, cmd), 0);
	ck_assert_ptr_null(strstr(testdb_stdout(), "takeover-plan.csv"));
}
END_TEST

static Suite *permissions_suite(void)
{
	Suite *s = suite_create("permissions");
	TCase *tc = tcase_create("database");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, no_agent_writes_tickets);
	tcase_add_test(tc, the_audit_log_is_append_only);
	tcase_add_test(tc, policy_is_not_changed_by_agents);
	tcase_add_test(tc, internal_helpers_are_not_callable);
	tcase_add_test(tc, nobody_acts_as_someone_else);
	tcase_add_test(tc, strangers_are_refused_at_startup);
	tcase_add_test(tc, who_sees_contacts_and_internal_notes);
	tcase_add_test(tc, mail_readings_refuse_pm_and_developer);
	tcase_add_test(tc, the_api_hands_no_contact_to_pm_and_developer);
	tcase_add_test(tc, a_note_file_name_stays_with_the_note);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(permissions_suite)
