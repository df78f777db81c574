/* Escalation rules, run as the agents involved: the walk CSM -> COO -> CEO,
 * no skipped level, nothing past the CEO, only the holder (or higher)
 * acknowledges, resolves, passes up or hands over, a reason is mandatory,
 * closed tickets are not escalated, a level changes hands (by hand, with
 * the customer's CSM, with the holder's role), and the list/JSON output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esc_fixture.h"
#include "model/escalation.h"
#include "testdb.h"
#include "util/strbuf.h"

static struct esc_fixture fx;

static void setup(void)
{
	esc_fixture_setup(&fx);
}

/* Runs `ticketty ARGS` as login, asserting the exit status. */
static void run(const char *login, int want, const char *fmt, long long id, const char *extra)
{
	char args[512];
	snprintf(args, sizeof(args), fmt, id, extra ? extra : "");
	int rc = testdb_cli(login, NULL, args);
	ck_assert_msg(rc == want, "ticketty %s as %s: exit %d, wanted %d\nstdout: %s\nstderr: %s",
		      args, login, rc, want, testdb_stdout(), testdb_stderr());
}

START_TEST(walk_from_csm_to_ceo)
{
	char sql[512];
	run("esc_eng", 0, "escalate %lld --reason 'customer loses revenue'%s", fx.t1, NULL);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "CSM"));
	snprintf(sql, sizeof(sql), "SELECT escalation_level || '/' || version FROM tickets WHERE id = %lld", fx.t1);
	esc_expect(sql, "1/2");
	run("esc_csm1", 0, "escalation ack %lld%s", fx.t1, NULL);
	run("esc_csm1", 0, "escalation up %lld --message 'needs operations'%s", fx.t1, NULL);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "COO"));
	run("esc_coo", 0, "escalation ack %lld%s", fx.t1, NULL);
	run("esc_coo", 0, "escalation up %lld --message 'contract at stake'%s", fx.t1, NULL);
	run("esc_ceo", 0, "escalation ack %lld%s", fx.t1, NULL);
	run("esc_ceo", 0, "escalation resolve %lld --message 'credit granted'%s", fx.t1, NULL);

	snprintf(sql, sizeof(sql),
		 "SELECT string_agg(level || ':' || state || ':' || holder_id, ',' ORDER BY level)"
		 " FROM escalations WHERE ticket_id = %lld", fx.t1);
	char want[128];
	snprintf(want, sizeof(want), "1:passed_up:%d,2:passed_up:%d,3:resolved:%d", fx.csm1, fx.coo, fx.ceo);
	esc_expect(sql, want);
	snprintf(sql, sizeof(sql), "SELECT escalation_level || '/' || version FROM tickets WHERE id = %lld", fx.t1);
	esc_expect(sql, "0/8"); /* resolved: no live level any more */
	snprintf(sql, sizeof(sql),
		 "SELECT string_agg(kind, ',' ORDER BY id) FROM ticket_events WHERE ticket_id = %lld", fx.t1);
	esc_expect(sql, "escalation.raised,escalation.acknowledged,escalation.passed_up,"
			"escalation.acknowledged,escalation.passed_up,escalation.acknowledged,"
			"escalation.resolved");
	/* the audit rows carry the ticket version after each step */
	snprintf(sql, sizeof(sql),
		 "SELECT string_agg(version::text, ',' ORDER BY id) FROM ticket_events WHERE ticket_id = %lld", fx.t1);
	esc_expect(sql, "2,3,4,5,6,7,8");
	snprintf(sql, sizeof(sql),
		 "SELECT string_agg(a.login, ',' ORDER BY n.id) FROM notifications n JOIN agents a"
		 " ON a.id = n.recipient_agent_id WHERE n.ticket_id = %lld AND n.kind = 'escalation.raised'", fx.t1);
	esc_expect(sql, "esc_csm1,esc_coo,esc_ceo");
}
END_TEST

/* A live level changes hands: by the holder to another agent of the
 * level's role (open again, audited, the new holder told), with the
 * customer's CSM, and with the holder's role; refusals name the problem. */
START_TEST(a_level_is_handed_over)
{
	char sql[512], want[128];
	run("esc_eng", 0, "escalate %lld --reason 'customer loses revenue'%s", fx.t1, NULL);
	run("esc_csm1", 0, "escalation ack %lld%s", fx.t1, NULL);
	/* not the engineer's to hand over; not to a COO; not without a reason or a login */
	run("esc_eng", 77, "escalation hand %lld --to esc_csm2 --message 'leave'%s", fx.t1, NULL);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "may hand over this escalation"));
	run("esc_csm1", 65, "escalation hand %lld --to esc_coo --message 'leave'%s", fx.t1, NULL);
	ck_assert_msg(strstr(testdb_stderr(), "login: cannot hold this escalation level")
		      && strstr(testdb_stderr(), "needs the csm role, not coo"), "stderr: %s", testdb_stderr());
	/* said once: the field's line, not the server's sentence again above it */
	ck_assert_msg(!strncmp(testdb_stderr(), "ticketty: login: cannot hold", 28)
		      && strchr(testdb_stderr(), '\n') == testdb_stderr() + strlen(testdb_stderr()) - 1,
		      "stderr: %s", testdb_stderr());
	run("esc_csm1", 65, "escalation hand %lld --to esc_csm2 --message ' '%s", fx.t1, NULL);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "reason: "));
	run("esc_csm1", 64, "escalation hand %lld --message 'leave'%s", fx.t1, NULL);
	run("esc_csm1", 65, "escalation hand %lld --to nobody_here --message 'leave'%s", fx.t1, NULL);
	/* nothing to hand over: no retry mends it (65, not 75), naming the field */
	run("esc_csm1", 65, "escalation hand %lld --to esc_csm1 --message 'leave'%s", fx.t2, NULL);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "no open escalation to hand over"));
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "\nescalation: "));
	snprintf(sql, sizeof(sql), "SELECT state || ':' || holder_id FROM escalations WHERE ticket_id = %lld", fx.t1);
	snprintf(want, sizeof(want), "acknowledged:%d", fx.csm1);
	esc_expect(sql, want);

	run("esc_csm1", 0, "escalation hand %lld --to esc_csm2 --message 'on leave until Monday'%s", fx.t1, NULL);
	ck_assert_msg(strstr(testdb_stdout(), "escalation at level CSM (") && strstr(testdb_stdout(), "), open"),
		      "stdout: %s", testdb_stdout());
	snprintf(want, sizeof(want), "open:%d", fx.csm2);
	esc_expect(sql, want);   /* open again for the new holder */
	/* it waits for the new holder alone: the customer's CSM handed it over */
	char line[64];
	snprintf(line, sizeof(line), "#%lld  ", fx.t1);
	run("esc_csm1", 0, "escalations --mine%.0lld%s", 0, NULL);
	ck_assert_msg(!strstr(testdb_stdout(), line), "esc_csm1 still sees: %s", testdb_stdout());
	run("esc_csm2", 0, "escalations --mine%.0lld%s", 0, NULL);
	ck_assert_msg(strstr(testdb_stdout(), line), "esc_csm2 does not see it: %s", testdb_stdout());
	run("esc_csm1", 77, "escalation ack %lld%s", fx.t1, NULL);
	/* to its holder: it would change nothing (65, not 75) */
	run("esc_csm2", 65, "escalation hand %lld --to esc_csm2 --message 'again'%s", fx.t1, NULL);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "already holds the escalation"));
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "\nlogin: "));
	snprintf(sql, sizeof(sql),
		 "SELECT kind || ' ' || (details - 'escalation' - 'round')::text FROM ticket_events"
		 " WHERE ticket_id = %lld ORDER BY id DESC LIMIT 1", fx.t1);
	esc_expect(sql, "escalation.handed {\"from\": \"esc_csm1\", \"level\": 1, \"holder\": \"esc_csm2\","
			" \"reason\": \"on leave until Monday\", \"level_key\": \"csm\"}");
	snprintf(sql, sizeof(sql),
		 "SELECT a.login || ' ' || (n.payload->>'reason') FROM notifications n JOIN agents a"
		 " ON a.id = n.recipient_agent_id WHERE n.ticket_id = %lld AND n.kind = 'escalation.handed'", fx.t1);
	esc_expect(sql, "esc_csm2 on leave until Monday");
	/* the timeline says it in words */
	run("esc_csm2", 0, "ticket show %lld%s", fx.t1, NULL);
	ck_assert_msg(strstr(testdb_stdout(), "handed the L1 Customer Success Manager escalation from Esc_Csm1"
					      " to Esc_Csm2: on leave until Monday"), "stdout: %s", testdb_stdout());

	/* the customer's new CSM takes what the old one held */
	testdb_sql("UPDATE escalations SET holder_id = (SELECT id FROM agents WHERE login = 'esc_csm1')");
	ck_assert_int_eq(testdb_cli("esc_adm", NULL, "admin customer set 'Acme Corp' csm=esc_csm2"), 0);
	snprintf(sql, sizeof(sql), "SELECT state || ':' || holder_id FROM escalations WHERE ticket_id = %lld", fx.t1);
	snprintf(want, sizeof(want), "open:%d", fx.csm2);
	esc_expect(sql, want);
	snprintf(sql, sizeof(sql),
		 "SELECT details->>'cause' FROM ticket_events WHERE ticket_id = %lld ORDER BY id DESC LIMIT 1", fx.t1);
	esc_expect(sql, "csm_changed");
	/* the same change by the owner (no agent): made, with no actor */
	testdb_sql("UPDATE customers SET csm_id = (SELECT id FROM agents WHERE login = 'esc_csm1')");
	snprintf(sql, sizeof(sql),
		 "SELECT coalesce(actor_id::text, 'none') || ' ' || (details->>'holder') FROM ticket_events"
		 " WHERE ticket_id = %lld ORDER BY id DESC LIMIT 1", fx.t1);
	esc_expect(sql, "none esc_csm1");
	run("esc_csm1", 0, "escalation hand %lld --to esc_csm2 --message 'back to Carla'%s", fx.t1, NULL);

	/* the COO level: the only COO may not leave the role while holding it;
	 * with a second COO, its levels go to that one */
	run("esc_csm2", 0, "escalation up %lld --message 'needs operations'%s", fx.t1, NULL);
	ck_assert_int_eq(testdb_cli("esc_adm", NULL, "admin agent set esc_coo role=engineer"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "nobody else of their level can take"), "stderr: %s",
		      testdb_stderr());
	int coo2 = testdb_agent("esc_coo2", "coo");
	ck_assert_int_eq(testdb_cli("esc_adm", NULL, "admin agent set esc_coo role=engineer"), 0);
	snprintf(sql, sizeof(sql),
		 "SELECT state || ':' || holder_id FROM escalations WHERE ticket_id = %lld AND level = 2", fx.t1);
	snprintf(want, sizeof(want), "open:%d", coo2);
	esc_expect(sql, want);
	run("esc_coo2", 0, "ticket show %lld%s", fx.t1, NULL);
	ck_assert_msg(strstr(testdb_stdout(), "from Esc_Coo to Esc_Coo2 (the holder's role changed)"),
		      "stdout: %s", testdb_stdout());
}
END_TEST

START_TEST(reason_is_mandatory)
{
	run("esc_eng", 65, "escalate %lld --reason ''%s", fx.t1, NULL);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "reason: "));
	run("esc_eng", 65, "escalate %lld --reason '   '%s", fx.t1, NULL);
	esc_expect("SELECT count(*) FROM escalations", "0");
	run("esc_eng", 0, "escalate %lld --reason 'slow answers'%s", fx.t1, NULL);
	run("esc_csm1", 65, "escalation up %lld --message ''%s", fx.t1, NULL);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "reason: "));
	run("esc_csm1", 65, "escalation resolve %lld --message ''%s", fx.t1, NULL);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "note: "));
	/* Unicode spaces only (no-break, zero-width, ideographic, a BOM) are
	 * blank too, whoever sends them (sql/891) */
	static const char *const blanks[] = { "\u00a0", "\u200b", "\u3000 \u2003", "\ufeff", NULL };
	for (int i = 0; blanks[i]; i++) {
		run("esc_csm1", 65, "escalation up %lld --message '%s'", fx.t1, blanks[i]);
		ck_assert_ptr_nonnull(strstr(testdb_stderr(), "reason: "));
		run("esc_csm1", 65, "escalation hand %lld --to esc_csm2 --message '%s'", fx.t1, blanks[i]);
		ck_assert_ptr_nonnull(strstr(testdb_stderr(), "reason: "));
		run("esc_csm1", 65, "escalation resolve %lld --message '%s'", fx.t1, blanks[i]);
		ck_assert_ptr_nonnull(strstr(testdb_stderr(), "note: "));
		run("esc_eng", 65, "escalate %lld --reason '%s'", fx.t2, blanks[i]);
		ck_assert_ptr_nonnull(strstr(testdb_stderr(), "reason: "));
	}
	esc_expect("SELECT count(*) || ':' || max(level) || ':' || min(state::text) FROM escalations", "1:1:open");
	/* the reason can also come on standard input */
	ck_assert_int_eq(testdb_cli("esc_eng", "from stdin\n", "escalate 2"), 0);
	char *v = testdb_value("SELECT reason FROM escalations WHERE level = 1 ORDER BY id DESC LIMIT 1", 0, NULL);
	ck_assert_str_eq(v, "from stdin");
	free(v);
}
END_TEST

START_TEST(no_level_is_skipped)
{
	run("esc_eng", 0, "escalate %lld --reason 'first'%s", fx.t1, NULL);
	/* raising again while the CSM holds it is not the engineer's to do */
	run("esc_eng", 75, "escalate %lld --reason 'straight to the COO'%s", fx.t1, NULL);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "holder"));
	esc_expect("SELECT max(level) FROM escalations", "1");
	/* not even the schema owner can insert a level above a missing one */
	char sql[512];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO escalations (ticket_id, level, holder_id, raised_by, reason)"
		 " VALUES (%lld, 3, %d, %d, 'skip')", fx.t2, fx.ceo, fx.eng);
	struct db *db = testdb_open(NULL);
	struct tt_error err;
	tt_error_init(&err);
	PGresult *r = db_exec(db, sql, 0, NULL, &err);
	ck_assert_ptr_null(r);
	ck_assert_str_eq(err.sqlstate, "TT409");
	tt_error_clear(&err);
	db_close(db);
	/* once the CSM resolved it, the next raise is a new round at the CSM */
	run("esc_csm1", 0, "escalation resolve %lld --message 'handled'%s", fx.t1, NULL);
	run("esc_eng", 0, "escalate %lld --reason 'it came back'%s", fx.t1, NULL);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "CSM"));
	snprintf(sql, sizeof(sql), "SELECT escalation_level FROM tickets WHERE id = %lld", fx.t1);
	esc_expect(sql, "1");
	esc_expect("SELECT string_agg(round || '.' || level || ':' || state, ',' ORDER BY id) FROM escalations",
		   "1.1:resolved,2.1:open");
}
END_TEST

START_TEST(nothing_past_the_ceo)
{
	struct db *db = testdb_open("esc_ceo");
	struct esc_result res;
	struct tt_error err;
	esc_result_init(&res);
	tt_error_init(&err);
	ck_assert_int_eq(esc_raise(db, fx.t1, "one", &res, &err), 0);
	ck_assert_int_eq(res.level, 1);
	ck_assert_int_eq(esc_up(db, fx.t1, "two", &res, &err), 0);
	ck_assert_int_eq(res.level, 2);
	ck_assert_int_eq(esc_up(db, fx.t1, "three", &res, &err), 0);
	ck_assert_int_eq(res.level, 3);
	ck_assert_str_eq(res.state, "open");
	/* no retry reaches a level that does not exist: 65, naming the level */
	ck_assert_int_eq(esc_up(db, fx.t1, "four", &res, &err), 65);
	ck_assert_str_eq(err.sqlstate, "TT400");
	ck_assert_uint_eq(err.nfields, 1);
	ck_assert_str_eq(err.fields[0].field, "level");
	ck_assert_str_eq(err.fields[0].code, "no_higher");
	tt_error_clear(&err);
	ck_assert_int_eq(esc_raise(db, fx.t1, "four", &res, &err), 65);
	ck_assert_str_eq(err.fields[0].code, "no_higher");
	tt_error_clear(&err);
	run("esc_ceo", 65, "escalation up %lld --message 'four'%s", fx.t1, NULL);
	ck_assert_msg(strstr(testdb_stderr(), "level: "), "%s", testdb_stderr());
	ck_assert_int_eq(esc_resolve(db, fx.t1, "settled", &res, &err), 0);
	ck_assert_str_eq(res.state, "resolved");
	/* resolved at the top: the next escalation is a new round at the CSM */
	ck_assert_int_eq(esc_raise(db, fx.t1, "again", &res, &err), 0);
	ck_assert_int_eq(res.level, 1);
	esc_expect("SELECT count(*) || '/' || max(level) || '/' || max(round) FROM escalations", "4/3/2");
	esc_result_done(&res);
	tt_error_clear(&err);
	db_close(db);
}
END_TEST

START_TEST(a_level_needs_a_holder)
{
	/* no active COO: the CSM cannot pass it up, and nothing changes */
	testdb_sql("UPDATE agents SET active = false WHERE role = 'coo'");
	run("esc_eng", 0, "escalate %lld --reason 'first'%s", fx.t1, NULL);
	/* the same command fails until an administrator adds one: no retry
	 * mends it by itself, so it is 65 (not 75), naming the field */
	run("esc_csm1", 65, "escalation up %lld --message 'to the COO'%s", fx.t1, NULL);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "no active agent with role coo"));
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "\nrole: "));
	esc_expect("SELECT string_agg(level || ':' || state, ',') FROM escalations", "1:open");
	/* a customer without CSM cannot be escalated to its CSM */
	testdb_sql("UPDATE customers SET csm_id = NULL");
	run("esc_eng", 65, "escalate %lld --reason 'first'%s", fx.t2, NULL);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "no active CSM"));
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "\ncsm: "));
}
END_TEST

START_TEST(only_the_holder_acknowledges)
{
	run("esc_eng", 0, "escalate %lld --reason 'first'%s", fx.t1, NULL);
	run("esc_csm2", 77, "escalation ack %lld%s", fx.t1, NULL);   /* another customer's CSM */
	run("esc_eng", 77, "escalation ack %lld%s", fx.t1, NULL);
	run("esc_pm", 77, "escalation ack %lld%s", fx.t1, NULL);
	esc_expect("SELECT state FROM escalations", "open");
	run("esc_csm1", 0, "escalation ack %lld%s", fx.t1, NULL);
	/* twice: it would change nothing (65, not 75) */
	run("esc_csm1", 65, "escalation ack %lld%s", fx.t1, NULL);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "\nescalation: "));
	/* a higher level may act in place of the holder */
	run("esc_eng", 0, "escalate %lld --reason 'other'%s", fx.t2, NULL);
	run("esc_coo", 0, "escalation ack %lld%s", fx.t2, NULL);
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT acknowledged_by FROM escalations WHERE ticket_id = %lld", fx.t2);
	char want[16];
	snprintf(want, sizeof(want), "%d", fx.coo);
	esc_expect(sql, want);
	/* nothing to acknowledge, resolve or pass up: 65, naming the field */
	run("esc_csm1", 65, "escalation ack %lld%s", fx.t3, NULL);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "\nescalation: "));
	run("esc_csm1", 65, "escalation resolve %lld --message 'done'%s", fx.t3, NULL);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "\nescalation: "));
	run("esc_csm1", 65, "escalation up %lld --message 'more'%s", fx.t3, NULL);
	ck_assert_msg(strstr(testdb_stderr(), "\nescalation: ") && strstr(testdb_stderr(), "Use escalate"),
		      "%s", testdb_stderr());
	/* a row without a recorded holder (written by hand) is nobody's to take */
	snprintf(sql, sizeof(sql),
		 "INSERT INTO escalations (ticket_id, level, holder_id, raised_by, reason)"
		 " VALUES (%lld, 1, NULL, %d, 'by hand')", fx.t3, fx.eng);
	testdb_sql(sql);
	run("esc_eng", 77, "escalation ack %lld%s", fx.t3, NULL);
	run("esc_pm", 77, "escalation resolve %lld --message 'mine now'%s", fx.t3, NULL);
	/* nor the customer's CSM's (a level is held by its recorded holder,
	 * 250): a higher level acts on it */
	run("esc_csm1", 77, "escalation ack %lld%s", fx.t3, NULL);
	run("esc_coo", 0, "escalation ack %lld%s", fx.t3, NULL);
}
END_TEST

START_TEST(a_lower_level_does_not_resolve)
{
	run("esc_eng", 0, "escalate %lld --reason 'first'%s", fx.t1, NULL);
	run("esc_csm1", 0, "escalation up %lld --message 'to the COO'%s", fx.t1, NULL);
	run("esc_csm1", 77, "escalation resolve %lld --message 'fine'%s", fx.t1, NULL);
	run("esc_csm1", 77, "escalation up %lld --message 'to the CEO'%s", fx.t1, NULL);
	run("esc_coo", 0, "escalation up %lld --message 'to the CEO'%s", fx.t1, NULL);
	run("esc_coo", 77, "escalation resolve %lld --message 'fine'%s", fx.t1, NULL);
	run("esc_csm1", 77, "escalation ack %lld%s", fx.t1, NULL);
	run("esc_adm", 0, "escalation resolve %lld --message 'admin closed it'%s", fx.t1, NULL);
	esc_expect("SELECT state || ':' || resolution_note FROM escalations WHERE level = 3",
		   "resolved:admin closed it");
}
END_TEST

/* At the CEO's level no level is higher: a refusal does not send anyone
 * to one. Passing it up is refused as it is for the CEO, whoever asks
 * (the COO was told "only Esc_Ceo ... or a higher level may pass up",
 * which neither may); acknowledging or resolving it names its holder or
 * an administrator (who acts on every level). Lower levels keep "or a
 * higher level". */
START_TEST(the_ceo_level_refusals)
{
	run("esc_eng", 0, "escalate %lld --reason 'first'%s", fx.t1, NULL);
	run("esc_csm1", 0, "escalation up %lld --message 'to the COO'%s", fx.t1, NULL);
	run("esc_coo", 0, "escalation up %lld --message 'to the CEO'%s", fx.t1, NULL);
	run("esc_coo", 65, "escalation up %lld --message 'higher'%s", fx.t1, NULL);
	ck_assert_msg(strstr(testdb_stderr(), "is already escalated to the CEO: there is no higher level") &&
		      strstr(testdb_stderr(), "\nlevel: ") && !strstr(testdb_stderr(), "higher level may"),
		      "%s", testdb_stderr());
	run("esc_coo", 77, "escalation ack %lld%s", fx.t1, NULL);
	ck_assert_msg(strstr(testdb_stderr(), "only Esc_Ceo (holder of the CEO level) or an administrator"
					      " may acknowledge this escalation"), "%s", testdb_stderr());
	run("esc_csm1", 77, "escalation resolve %lld --message 'fine'%s", fx.t1, NULL);
	ck_assert_msg(strstr(testdb_stderr(), "or an administrator may resolve this escalation"), "%s",
		      testdb_stderr());
	esc_expect("SELECT string_agg(level || ':' || state, ',' ORDER BY level) FROM escalations",
		   "1:passed_up,2:passed_up,3:open");
	run("esc_eng", 0, "escalate %lld --reason 'other'%s", fx.t2, NULL);
	run("esc_csm2", 77, "escalation ack %lld%s", fx.t2, NULL);
	ck_assert_msg(strstr(testdb_stderr(), "(holder of the CSM level) or a higher level may acknowledge"),
		      "%s", testdb_stderr());
}
END_TEST

/* Nobody is told of their own escalation step: a second CEO taking the
 * CEO level over by handing it to himself hears nothing of it; the CEO he
 * hands it back to does. */
START_TEST(nobody_is_told_of_their_own_step)
{
	char sql[512];
	testdb_agent("esc_ceo2", "ceo");
	run("esc_eng", 0, "escalate %lld --reason 'first'%s", fx.t1, NULL);
	run("esc_csm1", 0, "escalation up %lld --message 'to the COO'%s", fx.t1, NULL);
	run("esc_coo", 0, "escalation up %lld --message 'to the CEO'%s", fx.t1, NULL);
	run("esc_ceo2", 0, "escalation hand %lld --to esc_ceo2 --message 'I know this client'%s", fx.t1, NULL);
	snprintf(sql, sizeof(sql),
		 "SELECT a.login || ' ' || x.state FROM escalations x JOIN agents a ON a.id = x.holder_id"
		 " WHERE x.ticket_id = %lld AND x.level = 3", fx.t1);
	esc_expect(sql, "esc_ceo2 open");
	snprintf(sql, sizeof(sql),
		 "SELECT count(*) FROM notifications n JOIN agents a ON a.id = n.recipient_agent_id"
		 " WHERE n.ticket_id = %lld AND a.login = 'esc_ceo2'", fx.t1);
	esc_expect(sql, "0");
	run("esc_ceo2", 0, "escalation hand %lld --to esc_ceo --message 'back to you'%s", fx.t1, NULL);
	snprintf(sql, sizeof(sql),
		 "SELECT count(*) FROM notifications n JOIN agents a ON a.id = n.recipient_agent_id"
		 " WHERE n.ticket_id = %lld AND n.kind = 'escalation.handed' AND a.login = 'esc_ceo'", fx.t1);
	esc_expect(sql, "1");
	/* the CSM escalating their own customer's ticket, then acknowledging
	 * and resolving it: no notification to themselves either */
	run("esc_csm1", 0, "escalate %lld --reason 'my client'%s", fx.t2, NULL);
	run("esc_csm1", 0, "escalation ack %lld%s", fx.t2, NULL);
	run("esc_csm1", 0, "escalation resolve %lld --message 'settled'%s", fx.t2, NULL);
	snprintf(sql, sizeof(sql),
		 "SELECT count(*) FROM notifications n JOIN agents a ON a.id = n.recipient_agent_id"
		 " WHERE n.ticket_id = %lld AND a.login = 'esc_csm1'", fx.t2);
	esc_expect(sql, "0");
	/* a CSM moving a ticket to their own customer takes its CSM level
	 * (710) without being told of it */
	testdb_sql("INSERT INTO customers (name, member_id, plan, csm_id)"
		   " VALUES ('Globex', 2002, 'premium', (SELECT id FROM agents WHERE login = 'esc_csm2'));"
		   "INSERT INTO contacts (customer_id, name, email, spoc)"
		   " SELECT id, 'Gina Globex', 'gina@globex.example', true FROM customers WHERE name = 'Globex'");
	run("esc_eng", 0, "escalate %lld --reason 'third'%s", fx.t3, NULL);
	run("esc_csm2", 0, "ticket set %lld customer=Globex contact=gina@globex.example --reason 'mine'%s",
	    fx.t3, NULL);
	snprintf(sql, sizeof(sql),
		 "SELECT a.login || ' ' || (SELECT count(*) FROM notifications n WHERE n.ticket_id = x.ticket_id"
		 "  AND n.recipient_agent_id = a.id) FROM escalations x JOIN agents a ON a.id = x.holder_id"
		 " WHERE x.ticket_id = %lld", fx.t3);
	esc_expect(sql, "esc_csm2 0");
}
END_TEST

START_TEST(closed_tickets_are_not_escalated)
{
	char sql[256];
	snprintf(sql, sizeof(sql),
		 "UPDATE tickets SET status = 'resolved', resolved_at = tt_now() WHERE id = %lld", fx.t3);
	testdb_sql(sql);
	/* resolved: reopening it is what lets it be escalated (65, not 75,
	 * with the hint to reopen) */
	run("esc_eng", 65, "escalate %lld --reason 'too late'%s", fx.t3, NULL);
	ck_assert_msg(strstr(testdb_stderr(), "\nstatus: ") && strstr(testdb_stderr(), "Reopen the ticket first."),
		      "%s", testdb_stderr());
	/* closed is final: 65, and no hint to reopen what cannot be reopened */
	snprintf(sql, sizeof(sql), "UPDATE tickets SET status = 'closed', closed_at = tt_now() WHERE id = %lld", fx.t3);
	testdb_sql(sql);
	run("esc_eng", 65, "escalate %lld --reason 'much too late'%s", fx.t3, NULL);
	ck_assert_msg(strstr(testdb_stderr(), "\nstatus: ") && !strstr(testdb_stderr(), "Reopen"),
		      "%s", testdb_stderr());
	run("esc_eng", 65, "escalate %lld --reason 'nowhere'%s", 999999LL, NULL);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "escalate abc --reason x"), 64);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "escalation frobnicate 1"), 64);
	/* a live escalation can still be resolved after the ticket was */
	run("esc_eng", 0, "escalate %lld --reason 'urgent'%s", fx.t2, NULL);
	snprintf(sql, sizeof(sql),
		 "UPDATE tickets SET status = 'resolved', resolved_at = tt_now() WHERE id = %lld", fx.t2);
	testdb_sql(sql);
	run("esc_csm1", 65, "escalation up %lld --message 'more'%s", fx.t2, NULL);
	ck_assert_msg(strstr(testdb_stderr(), "\nstatus: ") && strstr(testdb_stderr(), "Reopen the ticket first."),
		      "%s", testdb_stderr());
	run("esc_csm1", 0, "escalation resolve %lld --message 'fixed with the ticket'%s", fx.t2, NULL);
}
END_TEST

START_TEST(list_groups_filters_and_json)
{
	run("esc_eng", 0, "escalate %lld --reason 'one'%s", fx.t1, NULL);
	run("esc_eng", 0, "escalate %lld --reason 'two'%s", fx.t2, NULL);
	run("esc_csm1", 0, "escalation up %lld --message 'ops please'%s", fx.t2, NULL);
	testdb_sql("UPDATE tickets SET title = E'Evil \\x1b[2J title' WHERE id = (SELECT min(id) FROM tickets)");

	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "escalations"), 0);
	const char *out = testdb_stdout();
	const char *coo = strstr(out, "== COO (1)"), *csm = strstr(out, "== CSM (1)");
	ck_assert_ptr_nonnull(coo);
	ck_assert_ptr_nonnull(csm);
	ck_assert_msg(coo < csm, "higher levels come first\n%s", out);
	/* a line a level, each with its own reason: the CSM's 'two' as well
	 * as the COO's 'ops please' */
	ck_assert_ptr_nonnull(strstr(out, "    COO  Esc_Coo (open, <1m); raised by Esc_Csm1: ops please\n"));
	ck_assert_ptr_nonnull(strstr(out, "    CSM  Esc_Csm1 (passed up, <1m); raised by Esc_Eng: two\n"));
	ck_assert_ptr_null(strchr(out, '\033'));          /* escapes are shown, not sent */
	ck_assert_ptr_nonnull(strstr(out, "Evil ^[[2J title"));

	ck_assert_int_eq(testdb_cli("esc_coo", NULL, "escalations --mine"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "== COO (1)"));
	ck_assert_ptr_null(strstr(testdb_stdout(), "== CSM"));
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "escalations --level csm"), 0);
	ck_assert_ptr_null(strstr(testdb_stdout(), "== COO"));
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "== CSM (1)"));
	/* open escalations exist, none at the CEO's: said as the view says it */
	ck_assert_int_eq(testdb_cli("esc_ceo", NULL, "escalations --mine"), 0);
	ck_assert_str_eq(testdb_stdout(), "nothing waits for you\n");
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "escalations --level cfo"), 64);

	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "escalations --json"), 0);
	out = testdb_stdout();
	ck_assert_msg(!strncmp(out, "{\"escalations\" : [", 18), "%s", out);
	ck_assert_ptr_nonnull(strstr(out, "\"level_key\" : \"coo\""));
	ck_assert_ptr_nonnull(strstr(out, "\"chain\" : [{\"level\" : 1, \"state\" : \"passed_up\""));
	ck_assert_ptr_nonnull(strstr(out, "\\u001b[2J"));  /* JSON-escaped by PostgreSQL */
	ck_assert_ptr_nonnull(strstr(out, "\"sla_state\" : \""));   /* the queue's SLA state */
}
END_TEST

/* A refusal on stderr names the customer as the database has it, and a
 * name with escapes in it is shown, not sent to the terminal (stdout was
 * sanitised; stderr printed the server's words raw). */
START_TEST(refusals_show_escapes_on_stderr)
{
	testdb_sql("UPDATE customers SET name = E'Evil \\x1b[2J\\x07Co', csm_id = NULL");
	char args[64];
	snprintf(args, sizeof(args), "escalate %lld --reason 'urgent'", fx.t1);
	int rc = testdb_cli("esc_eng", NULL, args);
	ck_assert_msg(rc != 0, "stderr: %s", testdb_stderr());
	const char *err = testdb_stderr();
	ck_assert_msg(strstr(err, "Evil ^[[2J^GCo has no active CSM"), "stderr: %s", err);
	ck_assert_ptr_null(strchr(err, '\033'));
	ck_assert_ptr_null(strchr(err, '\a'));
	/* what was typed, echoed in a usage error, is shown the same way */
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "escalations --level 'x\033[2J'"), 64);
	ck_assert_msg(strstr(testdb_stderr(), "unknown level 'x^[[2J'"), "stderr: %s", testdb_stderr());
}
END_TEST

/* Every live escalation a page at a time: 501 clones at the CSM raised
 * in one statement (one instant: their order is their id), two at the
 * COO. --limit 200 then --after the next: line reads each once, in the
 * database's order, the header counting all 501 on every page; --json
 * says the same with its "next"; a bad --limit or --after is refused. */
START_TEST(list_pages_by_cursor)
{
	char sql[1024];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id,"
		 "  severity, title, description, impact, object_ids, member_id, repro_steps, browser,"
		 "  os, phone, calendar_id, plan)"
		 "SELECT customer_id, contact_id, request_type_id, team_id, reason_id, severity,"
		 "  'Clone ' || g, description, impact, object_ids, member_id, repro_steps, browser,"
		 "  os, phone, calendar_id, plan"
		 "  FROM tickets t, generate_series(1, 503) g WHERE t.id = %lld;"
		 "INSERT INTO escalations (ticket_id, level, ticket_severity, holder_id, raised_by, reason)"
		 "SELECT t.id, 1, t.severity, c.csm_id, (SELECT id FROM agents WHERE login = 'esc_eng'), 'bulk'"
		 "  FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.title LIKE 'Clone %%'",
		 fx.t1);
	testdb_sql(sql);
	/* two passed up to the COO */
	for (int i = 0; i < 2; i++) {
		char *id = testdb_value(i ? "SELECT id FROM tickets WHERE title = 'Clone 300'"
					  : "SELECT id FROM tickets WHERE title = 'Clone 7'", 0, NULL);
		snprintf(sql, sizeof(sql), "escalation up %s --message 'coo please'", id);
		ck_assert_int_eq(testdb_cli("esc_csm1", NULL, sql), 0);
		free(id);
	}
	/* the order the list promises, from the table itself */
	char *want = testdb_value(
		"SELECT string_agg(ticket_id::text, ',' ORDER BY level DESC, ticket_severity, raised_at, id)"
		"  FROM escalations WHERE state IN ('open', 'acknowledged')", 0, NULL);
	struct strbuf got, args;
	sb_init(&got);
	sb_init(&args);
	sb_add(&args, "escalations --limit 200");
	int pages = 0;
	for (;;) {
		ck_assert_int_eq(testdb_cli("esc_eng", NULL, args.buf), 0);
		const char *out = testdb_stdout();
		pages++;
		ck_assert_msg(strstr(out, "== CSM (501)"), "page %d: %.300s", pages, out);
		if (strstr(out, "== COO"))
			ck_assert_msg(strstr(out, "== COO (2)"), "%.300s", out);
		/* an item's first line starts with its ticket: "#12  2 Urgent ..." */
		for (const char *p = out; *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p)) {
			if (*p != '#')
				continue;
			if (got.len)
				sb_addc(&got, ',');
			sb_addf(&got, "%lld", strtoll(p + 1, NULL, 10));
		}
		const char *next = strstr(out, "\nnext: ");
		if (!next)
			break;
		char cursor[80];
		ck_assert_int_eq(sscanf(next, "\nnext: %79s", cursor), 1);
		sb_reset(&args);
		sb_addf(&args, "escalations --limit 200 --after %s", cursor);
		ck_assert_int_lt(pages, 5);
	}
	ck_assert_int_eq(pages, 3);
	ck_assert_str_eq(got.buf, want);
	/* 50 by default */
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "escalations"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "\nnext: "));
	/* --mine for the COO: their two, the last page */
	ck_assert_int_eq(testdb_cli("esc_coo", NULL, "escalations --mine --limit 2"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "== COO (2)") && !strstr(testdb_stdout(), "next: "), "%s",
		      testdb_stdout());
	/* JSON: the page and the cursor of the next */
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "escalations --json --limit 1"), 0);
	const char *doc = testdb_stdout();
	ck_assert_msg(!strncmp(doc, "{\"escalations\" : [", 18), "%.200s", doc);
	const char *n = strstr(doc, "\"next\" : \"");
	ck_assert_msg(n, "%.300s", doc);
	char cursor[80];
	ck_assert_int_eq(sscanf(n, "\"next\" : \"%79[^\"]", cursor), 1);
	sb_reset(&args);
	sb_addf(&args, "escalations --json --limit 1 --after %s", cursor);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, args.buf), 0);
	char second[32];
	snprintf(second, sizeof(second), "\"ticket\" : %.*s,", (int)strcspn(strchr(want, ',') + 1, ","),
		 strchr(want, ',') + 1);
	ck_assert_msg(strstr(testdb_stdout(), second), "%s / %.300s", second, testdb_stdout());
	/* the last page: next is null */
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "escalations --json --limit 1000"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "\"next\" : null"));
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "escalations --limit 0"), 64);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "escalations --limit 1001"), 64);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, "escalations --after 12"), 64);
	ck_assert_msg(strstr(testdb_stderr(), "not an escalations cursor"), "%s", testdb_stderr());
	sb_done(&got);
	sb_done(&args);
	free(want);
}
END_TEST

static Suite *escalation_suite(void)
{
	Suite *s = suite_create("escalation");
	TCase *tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, walk_from_csm_to_ceo);
	tcase_add_test(tc, a_level_is_handed_over);
	tcase_add_test(tc, reason_is_mandatory);
	tcase_add_test(tc, no_level_is_skipped);
	tcase_add_test(tc, nothing_past_the_ceo);
	tcase_add_test(tc, a_level_needs_a_holder);
	tcase_add_test(tc, only_the_holder_acknowledges);
	tcase_add_test(tc, a_lower_level_does_not_resolve);
	tcase_add_test(tc, closed_tickets_are_not_escalated);
	tcase_add_test(tc, list_groups_filters_and_json);
	tcase_add_test(tc, list_pages_by_cursor);
	tcase_add_test(tc, refusals_show_escapes_on_stderr);
	tcase_add_test(tc, the_ceo_level_refusals);
	tcase_add_test(tc, nobody_is_told_of_their_own_step);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(escalation_suite)
