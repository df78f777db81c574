/* The notifications outbox: a row for each event someone must hear about
 * (escalation steps, acknowledgement and resolution for the contact,
 * changes on a followed ticket, a take-over for the one who had it), the
 * bridge's pending/mark-sent (admin only), each agent's own unread list;
 * and ticket collaborators. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esc_fixture.h"
#include "model/collab.h"
#include "model/notify.h"
#include "testdb.h"
#include "util/i18n.h"

static struct esc_fixture fx;

static void setup(void)
{
	esc_fixture_setup(&fx);
}

/* "kind>recipient" of every notification of a kind prefix, by transaction
 * then recipient. */
static char *notes(const char *kind_prefix)
{
	const char *p[1] = { kind_prefix };
	return testdb_value(
		"SELECT string_agg(n.kind || '>' || coalesce(a.login::text, c.email, n.recipient_email), ','"
		"                  ORDER BY n.created_at, coalesce(a.login::text, c.email, n.recipient_email))"
		"  FROM notifications n LEFT JOIN agents a ON a.id = n.recipient_agent_id"
		"  LEFT JOIN contacts c ON c.id = n.recipient_contact_id"
		" WHERE n.kind LIKE $1 || '%'", 1, p);
}

static void expect_notes(const char *prefix, const char *want)
{
	char *v = notes(prefix);
	ck_assert_msg(v && !strcmp(v, want), "notifications %s*: %s, wanted %s", prefix, v ? v : "none", want);
	free(v);
}

START_TEST(escalation_steps_notify)
{
	char sql[256];
	snprintf(sql, sizeof(sql), "UPDATE tickets SET assignee_id = %d WHERE id = %lld", fx.eng, fx.t1);
	testdb_sql(sql);
	ck_assert_int_eq(testdb_cli("esc_pm", NULL, "escalate 1 --reason 'customer angry'"), 0);
	expect_notes("escalation.", "escalation.raised>esc_csm1");
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, "escalation ack 1"), 0);
	expect_notes("escalation.ack", "escalation.acknowledged>esc_pm");
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, "escalation up 1 --message 'ops'"), 0);
	expect_notes("escalation.raised", "escalation.raised>esc_csm1,escalation.raised>esc_coo");
	ck_assert_int_eq(testdb_cli("esc_coo", NULL, "escalation resolve 1 --message 'refund'"), 0);
	/* the one who raised the level and the assignee hear how it ended */
	expect_notes("escalation.resolved", "escalation.resolved>esc_csm1,escalation.resolved>esc_eng");
	esc_expect("SELECT count(*) FROM notifications WHERE kind LIKE 'escalation.%' AND escalation_id IS NULL", "0");
}
END_TEST

START_TEST(contact_hears_acknowledgement_and_resolution)
{
	/* whatever API function sets the columns, the trigger writes the row */
	char sql[256];
	snprintf(sql, sizeof(sql),
		 "UPDATE tickets SET status = 'acknowledged', acknowledged_at = tt_now() WHERE id = %lld", fx.t1);
	testdb_sql(sql);
	expect_notes("ticket.", "ticket.acknowledged>carl@acme.example");
	snprintf(sql, sizeof(sql), "UPDATE tickets SET status = 'in_progress' WHERE id = %lld", fx.t1);
	testdb_sql(sql);
	snprintf(sql, sizeof(sql),
		 "UPDATE tickets SET status = 'resolved', resolved_at = tt_now() WHERE id = %lld", fx.t1);
	testdb_sql(sql);
	expect_notes("ticket.", "ticket.acknowledged>carl@acme.example,ticket.resolved>carl@acme.example");
	/* reopened and resolved again: told again; acknowledged only once */
	snprintf(sql, sizeof(sql),
		 "UPDATE tickets SET status = 'in_progress', resolved_at = NULL WHERE id = %lld", fx.t1);
	testdb_sql(sql);
	snprintf(sql, sizeof(sql),
		 "UPDATE tickets SET status = 'resolved', resolved_at = tt_now() + interval '1 minute'"
		 " WHERE id = %lld", fx.t1);
	testdb_sql(sql);
	esc_expect("SELECT count(*) FILTER (WHERE kind = 'ticket.resolved') || '/' ||"
		   " count(*) FILTER (WHERE kind = 'ticket.acknowledged') FROM notifications", "2/1");
}
END_TEST

START_TEST(emergency_at_intake_notifies_csm_and_account_rep)
{
	struct db *db = testdb_open("esc_eng");
	struct tt_error err;
	const char *p[1] = {
		"{\"customer\": \"Acme Corp\", \"contact\": \"carl@acme.example\","
		" \"request_type\": \"ad_serving\", \"reason\": \"bug\", \"severity\": 1,"
		" \"phone\": \"+1 212 555 0100\", \"title\": \"Every placement is blank\","
		" \"description\": \"No ad renders since 09:00.\", \"impact\": \"All revenue stopped.\","
		" \"object_ids\": [77], \"member_id\": 1001, \"repro_steps\": \"1. open any page\","
		" \"browser\": \"Firefox 128.0\", \"os\": \"Windows 11 23H2\"}",
	};
	tt_error_init(&err);
	char *id = db_scalar(db, "SELECT ticketty.api_ticket_create($1::jsonb)", 1, p, &err);
	ck_assert_msg(id != NULL, "%s %s", err.message, err.detail ? err.detail : "");
	free(id);
	tt_error_clear(&err);
	db_close(db);
	expect_notes("emergency", "emergency>esc_csm1,emergency>rita@example.com");
	/* the bridge sees both with their addresses */
	ck_assert_int_eq(testdb_cli("esc_adm", NULL, "notify pending"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "rita@example.com"));
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "esc_csm1"));
}
END_TEST

START_TEST(lifecycle_api_notifies_contact_and_followers)
{
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "collaborator add 1 esc_dev"), 0);
	struct db *db = testdb_open("esc_eng");
	struct tt_error err;
	tt_error_init(&err);
	char *v = db_scalar(db, "SELECT ticketty.api_ticket_ack(1, NULL, 'We are looking into it')",
			    0, NULL, &err);
	ck_assert_msg(v != NULL, "%s", err.message);
	free(v);
	v = db_scalar(db, "SELECT ticketty.api_ticket_resolve(1, NULL, 'Fixed in the ad server')",
		      0, NULL, &err);
	ck_assert_msg(v != NULL, "%s", err.message);
	free(v);
	tt_error_clear(&err);
	db_close(db);
	expect_notes("ticket.a", "ticket.acknowledged>carl@acme.example");
	expect_notes("ticket.r", "ticket.resolved>carl@acme.example");
	/* the developer following the ticket heard of each step, the engineer (actor) not */
	esc_expect("SELECT string_agg(payload->>'event', ',' ORDER BY id) FROM notifications"
		   " WHERE kind = 'ticket.changed' AND recipient_agent_id = (SELECT id FROM agents WHERE login = 'esc_dev')",
		   "collaborator.added,ack,resolve");
	esc_expect("SELECT count(*) FROM notifications"
		   " WHERE recipient_agent_id = (SELECT id FROM agents WHERE login = 'esc_eng')", "0");
}
END_TEST

START_TEST(collaborators_follow_and_hear_of_changes)
{
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "collaborator add 1 esc_pm"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "esc_pm now follows ticket 1"));
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "collaborator add 1 esc_pm"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "already follows"));
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "collaborator add 1 esc_dev"), 0);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "collaborator add 1 esc_eng"), 0);
	/* refusals */
	ck_assert_int_eq(testdb_cli("esc_pm", NULL, "collaborator add 1 esc_coo"), 77);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "collaborator add 1 nobody"), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "login: "));
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "collaborator add 999999 esc_pm"), 65);
	/* one login at most (none: yourself, test_cli_scripting) */
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "collaborator add 1 esc_pm esc_dev"), 64);

	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "collaborator list 1"), 0);
	ck_assert_msg(!strncmp(testdb_stdout(), "LOGIN ", 6) && strstr(testdb_stdout(), "  ROLE\n"),
		      "stdout: %s", testdb_stdout());
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "esc_dev"));
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "esc_pm"));
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "collaborator list 1 --json"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "{\"login\" : \"esc_dev\", ") &&
		      strstr(testdb_stdout(), "\"role\" : \"pm\""), "stdout: %s", testdb_stdout());
	/* a wrong ticket is named, not an empty list */
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "collaborator list 999999"), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "ticket 999999 not found"));

	/* each event notifies every collaborator but the actor, once per step */
	testdb_sql("DELETE FROM notifications");
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "escalate 1 --reason 'needs the PM'"), 0);
	esc_expect("SELECT string_agg(a.login, ',' ORDER BY a.login) FROM notifications n"
		   " JOIN agents a ON a.id = n.recipient_agent_id WHERE n.kind = 'ticket.changed'",
		   "esc_dev,esc_pm");
	esc_expect("SELECT DISTINCT payload->>'event' FROM notifications WHERE kind = 'ticket.changed'",
		   "escalation.raised");

	/* the following filter */
	struct db *db = testdb_open("esc_pm");
	struct tt_error err;
	tt_error_init(&err);
	PGresult *r = db_exec(db, "SELECT string_agg(t.id::text, ',') FROM ticketty.tickets t WHERE "
			      COLLAB_FOLLOWING_COND, 0, NULL, &err);
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(PQgetvalue(r, 0, 0), "1");
	PQclear(r);
	char *v = db_scalar(db, "SELECT ticketty.is_following(1)::text || ticketty.is_following(2)::text",
			    0, NULL, &err);
	ck_assert_str_eq(v, "truefalse");
	free(v);
	/* a follower may stop following; a pm may not remove someone else */
	bool changed = false;
	ck_assert_int_eq(collab_remove(db, fx.t1, "esc_dev", &changed, &err), 77);
	ck_assert_int_eq(collab_remove(db, fx.t1, "esc_pm", &changed, &err), 0);
	ck_assert(changed);
	ck_assert_int_eq(collab_remove(db, fx.t1, "esc_pm", &changed, &err), 0);
	ck_assert(!changed);
	tt_error_clear(&err);
	db_close(db);
	esc_expect("SELECT string_agg(kind, ',' ORDER BY id) FROM ticket_events WHERE kind LIKE 'collaborator.%'",
		   "collaborator.added,collaborator.added,collaborator.added,collaborator.removed");
}
END_TEST

START_TEST(bridge_lists_and_marks_sent)
{
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "escalate 1 --reason 'one'"), 0);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "escalate 2 --reason 'two'"), 0);
	testdb_sql("UPDATE tickets SET acknowledged_at = tt_now(), status = 'acknowledged' WHERE id = 1");

	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "notify pending"), 77);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "notify mark-sent 1"), 77);
	ck_assert_int_eq(testdb_cli("esc_adm", NULL, "notify pending"), 0);
	const char *out = testdb_stdout();
	ck_assert_ptr_nonnull(strstr(out, "escalation raised"));
	ck_assert_ptr_nonnull(strstr(out, "carl@acme.example"));
	/* a header; times in the desk's zone, named (15:00 UTC is 10:00 in New York) */
	ck_assert_msg(!strncmp(out, "ID  QUEUED                WHAT ", 31) && strstr(out, "  2026-11-18 10:0"),
		      "stdout: %s", out);
	ck_assert_msg(strstr(out, " EST  escalation raised "), "stdout: %s", out);
	ck_assert_int_eq(testdb_cli("esc_adm", NULL, "notify pending --json"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "\"recipient_kind\" : \"contact\""));
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "\"address\" : \"carl@acme.example\""));

	char *ids = testdb_value("SELECT string_agg(id::text, ' ' ORDER BY id) FROM notifications", 0, NULL);
	char args[256];
	snprintf(args, sizeof(args), "notify mark-sent %s 999999", ids);
	ck_assert_int_eq(testdb_cli("esc_adm", NULL, args), 65);   /* unknown id: nothing marked */
	esc_expect("SELECT count(*) FROM notifications WHERE sent_at IS NOT NULL", "0");
	snprintf(args, sizeof(args), "notify mark-sent %s", ids);
	ck_assert_int_eq(testdb_cli("esc_adm", NULL, args), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "marked 3 notifications sent"));
	ck_assert_int_eq(testdb_cli("esc_adm", NULL, args), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "marked 0 notifications sent"));
	ck_assert_int_eq(testdb_cli("esc_adm", NULL, "notify pending --json"), 0);
	ck_assert_str_eq(testdb_stdout(), "[]\n");
	ck_assert_int_eq(testdb_cli("esc_adm", NULL, "notify pending"), 0);
	ck_assert_str_eq(testdb_stdout(), "no notification waits to be sent\n");
	ck_assert_int_eq(testdb_cli("esc_adm", NULL, "notify mark-sent x"), 64);
	free(ids);
}
END_TEST

START_TEST(own_unread_notifications)
{
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "escalate 1 --reason 'one'"), 0);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "escalate 2 --reason 'two'"), 0);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "escalate 3 --reason 'three'"), 0);
	/* the CSM passes it up to the COO (the COO passing it up to their own
	 * level is told nothing: 571) */
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, "escalation up 3 --message 'mine'"), 0);

	struct db *db = testdb_open("esc_csm1");
	struct tt_error err;
	long count = -1;
	tt_error_init(&err);
	ck_assert_int_eq(notify_unread_count(db, &count, &err), 0);
	ck_assert_int_eq(count, 3);
	/* row-level security: only one's own rows are visible */
	char *v = db_scalar(db, "SELECT count(*) FROM ticketty.notifications", 0, NULL, &err);
	ck_assert_str_eq(v, "3");
	free(v);
	db_close(db);

	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, "notify mine --mark-read"), 0);
	/* the ticket and its title on the row, who did what under it, in
	 * the timeline's words, the recipient named "you" */
	ck_assert_msg(!strncmp(testdb_stdout(), "ID  WHEN                  TICKET  TITLE\n", 39) &&
		      strstr(testdb_stdout(), " EST  #1      Placements render blank 1\n"
					      "    Esc_Eng escalated to L1 Customer Success Manager (you): one\n"),
		      "stdout: %s", testdb_stdout());
	ck_assert_int_eq(testdb_cli("esc_coo", NULL, "notify mine --json"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\"kind\" : \"escalation.raised\", \"change\" : \"escalation.passed_up\", "
					      "\"words\" : \"Esc_Csm1 passed up to L2 COO (you): mine\""),
		      "stdout: %s", testdb_stdout());
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, "notify mine --json"), 0);
	ck_assert_str_eq(testdb_stdout(), "{\"notifications\" : [], \"next\" : null}\n");

	db = testdb_open("esc_csm1");
	ck_assert_int_eq(notify_unread_count(db, &count, &err), 0);
	ck_assert_int_eq(count, 0);
	db_close(db);
	/* the engineer raised them and nobody acknowledged: nothing for him */
	db = testdb_open("esc_eng");
	ck_assert_int_eq(notify_unread_count(db, &count, &err), 0);
	ck_assert_int_eq(count, 0);
	db_close(db);
	tt_error_clear(&err);
	/* the bridge's sending is separate from reading */
	esc_expect("SELECT count(*) FROM notifications WHERE read_at IS NOT NULL AND sent_at IS NULL", "3");
}
END_TEST

/* The ids of `notify mine --json`'s notifications, in its order, and its
 * "next" ("null" when none), as "ID,ID,...|NEXT". */
static char *page_of(const char *login, const char *args)
{
	ck_assert_int_eq(testdb_cli(login, NULL, args), 0);
	const char *p[1] = { testdb_stdout() };
	return testdb_value("SELECT coalesce((SELECT string_agg(e->>'id', ',')"
			    "  FROM jsonb_array_elements($1::jsonb->'notifications') e), '')"
			    " || '|' || coalesce($1::jsonb->>'next', 'null')", 1, p);
}

static void expect_page(const char *login, const char *args, const char *want)
{
	char *v = page_of(login, args);
	ck_assert_msg(v && !strcmp(v, want), "%s: %s, wanted %s", args, v ? v : "NULL", want);
	free(v);
}

/* `notify mine` is read newest first a page at a time: --limit N, then
 * --after the last id (printed as "next: ID", or "next" in the JSON) for
 * the next page, by keyset on (created_at, id), so notifications of the
 * same instant are neither repeated nor skipped across pages; before, it
 * printed the oldest 1,000 and cut the rest without a word. */
START_TEST(own_notifications_a_page_at_a_time)
{
	char sql[512], args[128], want[256];
	long long g[8];
	/* seven for csm1, minutes apart, the 4th and 5th at the same instant;
	 * one for csm2 */
	snprintf(sql, sizeof(sql),
		 "INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload, created_at)"
		 " SELECT %d, 'ticket.changed', %lld, jsonb_build_object('g', g),"
		 "        timestamptz '2026-11-18 10:00+00' + (g - (g = 5)::int) * interval '1 minute'"
		 "   FROM generate_series(1, 7) g ORDER BY g", fx.csm1, fx.t1);
	testdb_sql(sql);
	snprintf(sql, sizeof(sql),
		 "INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload)"
		 " VALUES (%d, 'ticket.changed', %lld, '{\"g\": 0}')", fx.csm2, fx.t1);
	testdb_sql(sql);
	for (int i = 0; i <= 7; i++) {
		snprintf(sql, sizeof(sql), "SELECT id FROM notifications WHERE payload->>'g' = '%d'", i);
		char *v = testdb_value(sql, 0, NULL);
		g[i] = atoll(v);
		free(v);
	}
	snprintf(want, sizeof(want), "%lld,%lld,%lld|%lld", g[7], g[6], g[5], g[5]);
	expect_page("esc_csm1", "notify mine --limit 3 --json", want);
	snprintf(args, sizeof(args), "notify mine --limit 3 --after %lld --json", g[5]);
	snprintf(want, sizeof(want), "%lld,%lld,%lld|%lld", g[4], g[3], g[2], g[2]);
	expect_page("esc_csm1", args, want);
	snprintf(args, sizeof(args), "notify mine --limit 3 --after %lld --json", g[2]);
	snprintf(want, sizeof(want), "%lld|null", g[1]);
	expect_page("esc_csm1", args, want);
	snprintf(args, sizeof(args), "notify mine --after %lld --json", g[1]);
	expect_page("esc_csm1", args, "|null");

	/* text: the table newest first, then where the next page starts */
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, "notify mine --limit 2"), 0);
	snprintf(want, sizeof(want), "\n%lld ", g[7]);
	const char *first = strstr(testdb_stdout(), want);
	snprintf(want, sizeof(want), "\n%lld ", g[6]);
	const char *second = strstr(testdb_stdout(), want);
	ck_assert_msg(first && second && first < second, "stdout: %s", testdb_stdout());
	snprintf(want, sizeof(want), "\nnext: %lld\n", g[6]);
	ck_assert_msg(strlen(testdb_stdout()) > strlen(want) &&
		      !strcmp(testdb_stdout() + strlen(testdb_stdout()) - strlen(want), want),
		      "stdout: %s", testdb_stdout());
	snprintf(args, sizeof(args), "notify mine --limit 2 --after %lld", g[2]);
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, args), 0);
	snprintf(want, sizeof(want), "\n%lld ", g[1]);
	ck_assert_msg(strstr(testdb_stdout(), want) && !strstr(testdb_stdout(), "next:"),
		      "stdout: %s", testdb_stdout());
	snprintf(args, sizeof(args), "notify mine --after %lld", g[1]);
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, args), 0);
	ck_assert_str_eq(testdb_stdout(), "no unread notification is older\n");

	/* --mark-read marks the page shown, no more */
	snprintf(args, sizeof(args), "notify mine --limit 2 --after %lld --mark-read", g[5]);
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, args), 0);
	snprintf(sql, sizeof(sql), "SELECT string_agg(payload->>'g', ',' ORDER BY id) FROM notifications"
				   " WHERE read_at IS NOT NULL");
	esc_expect(sql, "3,4");

	/* another's notification, an id that is none, bad numbers */
	snprintf(args, sizeof(args), "notify mine --after %lld", g[0]);
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, args), 65);
	snprintf(want, sizeof(want), "you have no notification %lld", g[0]);
	ck_assert_msg(strstr(testdb_stderr(), want), "stderr: %s", testdb_stderr());
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, "notify mine --after 999999"), 65);
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, "notify mine --after x"), 64);
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, "notify mine --limit 0"), 64);
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, "notify mine --limit 1001"), 64);

	/* without --limit, a page of 50 and where the rest starts */
	snprintf(sql, sizeof(sql),
		 "INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload, created_at)"
		 " SELECT %d, 'ticket.changed', %lld, jsonb_build_object('g', 100 + g),"
		 "        timestamptz '2026-11-18 09:00+00' - g * interval '1 second'"
		 "   FROM generate_series(1, 60) g", fx.csm1, fx.t1);
	testdb_sql(sql);
	char *v = page_of("esc_csm1", "notify mine --json");
	ck_assert_ptr_nonnull(v);
	const char *bar = strchr(v, '|');
	int ids = 1;
	for (const char *c = v; c < bar; c++)
		ids += *c == ',';
	ck_assert_msg(ids == 50 && strcmp(bar, "|null"), "%s", v);
	free(v);
}
END_TEST

/* Each kind of notification a function of the schema writes has words
 * of its own, in English and in Spanish: `notify mine` and the
 * notifications view never show "ticket.customer_reply"; an agent's
 * notification mail says the same words in the agent's language. */
START_TEST(every_kind_in_words)
{
	char *kinds = testdb_value(
		"SELECT string_agg(DISTINCT k[1], ',' ORDER BY k[1])"
		"  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace,"
		"       regexp_matches(p.prosrc, 'INSERT INTO notifications[^;]*?"
		"''((?:ticket|escalation|agent|mail|inbox)\\.[a-z_]+|emergency)''', 'g') k"
		" WHERE n.nspname = 'ticketty'", 0, NULL);
	ck_assert_ptr_nonnull(kinds);
	/* the ones the schema writes today are found */
	ck_assert_msg(strstr(kinds, "ticket.customer_reply") && strstr(kinds, "ticket.rerouted") &&
		      strstr(kinds, "escalation.raised") && strstr(kinds, "emergency"), "kinds: %s", kinds);
	char *save = NULL;
	for (char *k = strtok_r(kinds, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
		test_lang("C.UTF-8");
		const char *en = i18n_term("notification", k);
		ck_assert_msg(!strpbrk(en, "._"), "notification kind %s has no words", k);
		/* the words of an agent's notification mail (sql/210) are the same */
		const char *p[1] = { k };
		char *sql_words = testdb_value("SELECT ticketty.notification_words($1, 'en')", 1, p);
		ck_assert_msg(sql_words && !strcmp(sql_words, en), "notification_words(%s) = %s, the client says %s", k,
			      sql_words ? sql_words : "NULL", en);
		free(sql_words);
		test_lang("es_ES.UTF-8");
		const char *es = i18n_term("notification", k);
		ck_assert_msg(strcmp(es, en) != 0, "notification kind %s has no Spanish", k);
		sql_words = testdb_value("SELECT ticketty.notification_words($1, 'es')", 1, p);
		ck_assert_msg(sql_words && !strcmp(sql_words, es), "notification_words(%s, es) = %s, the client says %s",
			      k, sql_words ? sql_words : "NULL", es);
		free(sql_words);
	}
	test_lang("C.UTF-8");
	free(kinds);
}
END_TEST

/* The id of a login's one notification of ticket t made by the last step,
 * as "change|words" from `notify mine --json` (the kind of change and
 * the words), "" when none. */
static char *last_words(const char *login)
{
	ck_assert_int_eq(testdb_cli(login, NULL, "notify mine --json --mark-read"), 0);
	const char *p[1] = { testdb_stdout() };
	char *v = testdb_value("SELECT coalesce(string_agg(e->>'change' || '|' || (e->>'words'), ';'"
			       "                           ORDER BY (e->>'id')::bigint), '')"
			       "  FROM jsonb_array_elements($1::jsonb->'notifications') e", 1, p);
	return v;
}

static void expect_words(const char *login, const char *want)
{
	char *v = last_words(login);
	ck_assert_msg(v && !strcmp(v, want), "%s heard: %s\n  wanted: %s", login, v ? v : "NULL", want);
	free(v);
}

/* The assignee hears of what others do to their ticket (assigned, status,
 * re-triage, escalation), by the rule its collaborators do, once per
 * step, never of their own steps; each says who did what in words. */
START_TEST(assignee_hears_of_others_changes_in_words)
{
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, "collaborator add 1 esc_dev"), 0);
	expect_words("esc_dev", "collaborator.added|Esc_Csm1 added you as a collaborator");
	/* assigned by someone else: the assignee and the follower hear */
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, "ticket assign 1 esc_eng"), 0);
	expect_words("esc_eng", "assign|Esc_Csm1 assigned the ticket to you");
	expect_words("esc_dev", "assign|Esc_Csm1 assigned the ticket to Esc_Eng");
	/* a status change by someone else */
	ck_assert_msg(testdb_cli("esc_csm1", NULL, "ticket ack 1 --message 'On it'") == 0, "%s", testdb_stderr());
	expect_words("esc_eng", "ack|Esc_Csm1 acknowledged: new \xe2\x86\x92 acknowledged");
	/* the assignee's own step: the follower hears, the assignee not */
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "ticket status 1 in_progress"), 0);
	expect_words("esc_eng", "");
	expect_words("esc_dev", "ack|Esc_Csm1 acknowledged: new \xe2\x86\x92 acknowledged;"
		     "status|Esc_Eng changed the status: acknowledged \xe2\x86\x92 in progress");
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, "ticket status 1 waiting_customer"), 0);
	expect_words("esc_eng", "status|Esc_Csm1 changed the status: in progress \xe2\x86\x92 waiting on customer");
	/* a re-triage: told once (its own step's notification), in words */
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, "ticket set 1 severity=3 --reason 'one page only'"), 0);
	expect_words("esc_eng", "retriage|Esc_Csm1 corrected the triage (Severity: 2 \xe2\x86\x92 3): one page only");
	/* an escalation: the holder by the step, the assignee and the
	 * follower by the rule, the actor not at all */
	testdb_sql("DELETE FROM notifications");
	ck_assert_int_eq(testdb_cli("esc_pm", NULL, "escalate 1 --reason 'customer angry'"), 0);
	esc_expect("SELECT string_agg(a.login || ':' || n.kind, ',' ORDER BY a.login) FROM notifications n"
		   " JOIN agents a ON a.id = n.recipient_agent_id",
		   "esc_csm1:escalation.raised,esc_dev:ticket.changed,esc_eng:ticket.changed");
	/* in Spanish, the same words in Spanish */
	test_lang("es_ES.UTF-8");
	expect_words("esc_eng", "escalation.raised|Esc_Pm escaló a N1 Responsable de Éxito del Cliente (Esc_Csm1): customer angry");
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, "ticket assign 2 esc_eng"), 0);
	expect_words("esc_eng", "assign|Esc_Csm1 le asignó el ticket");
	test_lang("C.UTF-8");
	/* a reassignment away: nobody is told twice, the actor never */
	esc_expect("SELECT count(*) FROM notifications n JOIN ticket_events v ON v.id = (n.payload->>'event_id')::bigint"
		   " WHERE n.recipient_agent_id = v.actor_id", "0");
}
END_TEST

/* The assignee hears of the notes and replies others write on their
 * ticket (a developer's answer in a note, a colleague's reply to the
 * customer), once per step, never of their own (651). Before, only the
 * ticket's followers heard: the engineer who asked the developer a
 * question in a note was not told of the answer. */
START_TEST(assignee_hears_of_others_notes_and_replies)
{
	testdb_agent("esc_eng2", "engineer");
	testdb_sql("UPDATE agents SET display_name = 'Ana Gil' WHERE login = 'esc_eng2'");
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, "ticket assign 1 esc_eng"), 0);
	expect_words("esc_eng", "assign|Esc_Csm1 assigned the ticket to you");
	ck_assert_msg(testdb_cli("esc_eng", NULL, "ticket ack 1 --message 'On it'") == 0, "%s", testdb_stderr());
	ck_assert_msg(testdb_cli("esc_eng", NULL, "ticket note 1 --message 'Dev: is the bidder throttled?'") == 0,
		      "%s", testdb_stderr());
	expect_words("esc_eng", "");
	/* a developer answers in a note */
	ck_assert_msg(testdb_cli("esc_dev", NULL, "ticket note 1 --message 'Yes, since Monday'") == 0,
		      "%s", testdb_stderr());
	expect_words("esc_eng", "note|Esc_Dev added an internal note");
	/* a colleague replies to the customer */
	ck_assert_msg(testdb_cli("esc_eng2", NULL, "ticket reply 1 --message 'We lifted the limit'") == 0,
		      "%s", testdb_stderr());
	expect_words("esc_eng", "reply|Ana Gil replied to the customer");
	test_lang("es_ES.UTF-8");
	ck_assert_msg(testdb_cli("esc_dev", NULL, "ticket note 1 --message 'Limit lifted'") == 0,
		      "%s", testdb_stderr());
	expect_words("esc_eng", "note|Esc_Dev añadió una nota interna");
	test_lang("C.UTF-8");
	/* the actor is never told of their own note */
	esc_expect("SELECT count(*) FROM notifications n JOIN ticket_events v ON v.id = (n.payload->>'event_id')::bigint"
		   " WHERE n.recipient_agent_id = v.actor_id", "0");
}
END_TEST

/* A take-over or a reassignment tells the ticket's assignee until then
 * who took it or whom it went to, in words; nobody hears of a take of
 * one's own ticket or of a ticket nobody had. */
START_TEST(take_over_tells_the_one_who_had_it)
{
	testdb_agent("esc_eng2", "engineer");
	testdb_sql("UPDATE agents SET display_name = 'Ana Gil' WHERE login = 'esc_eng2'");
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, "ticket assign 1 esc_eng"), 0);
	expect_words("esc_eng", "assign|Esc_Csm1 assigned the ticket to you");
	ck_assert_msg(testdb_cli("esc_eng2", NULL, "ticket take 1") == 0, "%s", testdb_stderr());
	expect_words("esc_eng", "take|Ana Gil took the ticket over from you");
	expect_words("esc_eng2", "");
	/* taking one's own ticket again: no change, nobody told */
	ck_assert_int_eq(testdb_cli("esc_eng2", NULL, "ticket take 1"), 0);
	expect_words("esc_eng", "");
	expect_words("esc_eng2", "");
	/* a ticket nobody had: nobody to tell */
	ck_assert_int_eq(testdb_cli("esc_eng2", NULL, "ticket take 2"), 0);
	esc_expect("SELECT count(*) FROM notifications WHERE ticket_id = 2", "0");
	/* in Spanish */
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "ticket take 1"), 0);
	test_lang("es_ES.UTF-8");
	expect_words("esc_eng2", "take|Esc_Eng asumió el ticket en su lugar");
	test_lang("C.UTF-8");
	/* a reassignment by someone else: who had it and who has it now
	 * hear, by display name */
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, "ticket assign 1 esc_eng2"), 0);
	expect_words("esc_eng", "assign|Esc_Csm1 reassigned the ticket from you to Ana Gil");
	expect_words("esc_eng2", "assign|Esc_Csm1 reassigned the ticket from Esc_Eng to you");
	expect_words("esc_csm1", "");
	test_lang("es_ES.UTF-8");
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, "ticket assign 1 esc_eng"), 0);
	expect_words("esc_eng2", "assign|Esc_Csm1 reasignó a Esc_Eng el ticket que usted tenía");
	expect_words("esc_eng", "assign|Esc_Csm1 le asignó el ticket que tenía Ana Gil");
	test_lang("C.UTF-8");
}
END_TEST

/* An escalation step never tells the one who took it, even when they
 * hold the new level; the real new holder is told. */
START_TEST(escalation_actor_not_told_of_own_step)
{
	/* the customer's CSM escalates: the level is theirs */
	ck_assert_msg(testdb_cli("esc_csm1", NULL, "escalate 1 --reason 'customer angry'") == 0, "%s",
		      testdb_stderr());
	esc_expect("SELECT count(*) FROM escalations WHERE holder_id = (SELECT id FROM agents WHERE login = 'esc_csm1')",
		   "1");
	esc_expect("SELECT count(*) FROM notifications", "0");
	/* passed up: the COO holds it now and is told */
	ck_assert_int_eq(testdb_cli("esc_csm1", NULL, "escalation up 1 --message 'ops'"), 0);
	expect_notes("escalation.", "escalation.raised>esc_coo");
	esc_expect("SELECT count(*) FROM notifications n JOIN agents a ON a.id = n.recipient_agent_id"
		   " WHERE a.login = 'esc_csm1'", "0");
}
END_TEST

static Suite *notify_suite(void)
{
	Suite *s = suite_create("notify");
	TCase *tc = tcase_create("outbox");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, escalation_steps_notify);
	tcase_add_test(tc, contact_hears_acknowledgement_and_resolution);
	tcase_add_test(tc, emergency_at_intake_notifies_csm_and_account_rep);
	tcase_add_test(tc, lifecycle_api_notifies_contact_and_followers);
	tcase_add_test(tc, collaborators_follow_and_hear_of_changes);
	tcase_add_test(tc, bridge_lists_and_marks_sent);
	tcase_add_test(tc, own_unread_notifications);
	tcase_add_test(tc, own_notifications_a_page_at_a_time);
	tcase_add_test(tc, assignee_hears_of_others_notes_and_replies);
	tcase_add_test(tc, every_kind_in_words);
	tcase_add_test(tc, assignee_hears_of_others_changes_in_words);
	tcase_add_test(tc, take_over_tells_the_one_who_had_it);
	tcase_add_test(tc, escalation_actor_not_told_of_own_step);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(notify_suite)
