/* A closed ticket's escalation ends with it (sql/931): closing a ticket,
 * by its status or as a duplicate, resolves its live escalation in the
 * same transaction, by the closer, with the note "the ticket was closed"
 * (cause ticket_closed), audited and said in words (English and Spanish),
 * its holder and whoever raised it told (never the closer), the totals
 * (escalation_rollup, the dashboard's report) counting it out, and
 * `ticketty escalations` no longer listing it. Resolving a ticket keeps
 * its escalation; a ticket without a live one closes as before. 931's
 * data step ends, by nobody, the escalations that closed tickets kept
 * before. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esc_fixture.h"
#include "testdb.h"

static struct esc_fixture fx;

static void setup(void)
{
	esc_fixture_setup(&fx);
}

/* Runs `ticketty ARGS` (ARGS made of fmt and the ticket id) as login,
 * asserting the exit status. */
static void run(const char *login, int want, const char *fmt, long long id)
{
	char args[512];
	snprintf(args, sizeof(args), fmt, id);
	int rc = testdb_cli(login, NULL, args);
	ck_assert_msg(rc == want, "ticketty %s as %s: exit %d, wanted %d\nstdout: %s\nstderr: %s",
		      args, login, rc, want, testdb_stdout(), testdb_stderr());
}

/* The first value of fmt (with the ticket id) as superuser, against want. */
static void expect(const char *fmt, long long id, const char *want)
{
	char sql[1024];
	snprintf(sql, sizeof(sql), fmt, id, id, id);
	esc_expect(sql, want);
}

/* The live escalations per level, the rollup's and a recount's, and the
 * dashboard's total (report_escalations from the rollup): "1:a/b,2:..,3:..|total". */
static const char totals_sql[] =
	"SELECT string_agg(l.level || ':' || r.live || '/' || (SELECT count(*) FROM escalations e"
	"                   WHERE e.level = l.level AND e.state IN ('open', 'acknowledged')), ','"
	"                  ORDER BY l.level)"
	"       || '|' || (SELECT total FROM report_escalations(NULL, NULL, 'total'))"
	"  FROM escalation_levels l JOIN escalation_rollup r ON r.level = l.level";

/* Whether `ticketty escalations` as login lists ticket id. */
static bool listed(const char *login, long long id)
{
	char line[32];
	ck_assert_int_eq(testdb_cli(login, NULL, "escalations"), 0);
	snprintf(line, sizeof(line), "#%lld  ", id);
	return strstr(testdb_stdout(), line) != NULL;
}

/* Closed by its status: the live level (passed up to the COO, open) is
 * resolved by the closer; resolving the ticket before did not end it. */
START_TEST(closing_resolves_the_live_escalation)
{
	char sql[512], want[256];
	snprintf(sql, sizeof(sql), "UPDATE tickets SET assignee_id = %d WHERE id = %lld", fx.eng, fx.t1);
	testdb_sql(sql);
	run("esc_eng", 0, "escalate %lld --reason 'customer loses revenue'", fx.t1);
	run("esc_csm1", 0, "escalation ack %lld", fx.t1);
	run("esc_csm1", 0, "escalation up %lld --message 'needs operations'", fx.t1);

	/* resolved, not closed: it may reopen, the escalation stays live */
	run("esc_eng", 0, "ticket resolve %lld --message 'The placements render again.'", fx.t1);
	expect("SELECT string_agg(level || ':' || state, ',' ORDER BY level) FROM escalations WHERE ticket_id = %lld",
	       fx.t1, "1:passed_up,2:open");
	expect("SELECT escalation_level FROM tickets WHERE id = %lld", fx.t1, "2");
	esc_expect(totals_sql, "1:0/0,2:1/1,3:0/0|1");
	ck_assert(listed("esc_coo", fx.t1));

	testdb_sql("DELETE FROM notifications");
	run("esc_eng", 0, "ticket close %lld", fx.t1);
	/* the version it prints is the ticket's after both steps */
	char *version = testdb_value("SELECT version FROM tickets WHERE id = (SELECT min(id) FROM tickets)", 0, NULL);
	snprintf(want, sizeof(want), "now version %s\n", version);
	ck_assert_msg(strstr(testdb_stdout(), want), "stdout: %s, version %s", testdb_stdout(), version);

	/* resolved by the closer, with the note; nobody acknowledged it */
	snprintf(want, sizeof(want), "2:resolved:%d:the ticket was closed:-:true", fx.eng);
	expect("SELECT level || ':' || state || ':' || resolved_by || ':' || resolution_note || ':'"
	       "       || coalesce(acknowledged_by::text, '-') || ':' || (resolved_at = (SELECT v.at FROM ticket_events v"
	       "          WHERE v.ticket_id = e.ticket_id AND v.kind = 'close'))"
	       "  FROM escalations e WHERE ticket_id = %lld AND level = 2", fx.t1, want);
	expect("SELECT escalation_level FROM tickets WHERE id = %lld", fx.t1, "0");
	/* audited after the close, by the closer, at the ticket's version */
	snprintf(want, sizeof(want), "close:%d,escalation.resolved:%d", fx.eng, fx.eng);
	expect("SELECT string_agg(kind || ':' || actor_id, ',' ORDER BY id) FROM (SELECT * FROM ticket_events"
	       " WHERE ticket_id = %lld ORDER BY id DESC LIMIT 2) v", fx.t1, want);
	snprintf(want, sizeof(want), "%s {\"note\": \"the ticket was closed\", \"cause\": \"ticket_closed\", \"level\": 2}",
		 version);
	expect("SELECT v.version || ' ' || (v.details - 'escalation' - 'round')::text FROM ticket_events v"
	       " WHERE v.ticket_id = %lld ORDER BY v.id DESC LIMIT 1", fx.t1, want);
	/* its holder and whoever raised the level hear how it ended; the
	 * closer (the assignee, who raised the first level) does not */
	expect("SELECT string_agg(a.login || ' ' || (n.payload - 'note')::text, ',' ORDER BY a.login)"
	       "  FROM notifications n JOIN agents a ON a.id = n.recipient_agent_id"
	       " WHERE n.ticket_id = %lld AND n.kind = 'escalation.resolved'", fx.t1,
	       "esc_coo {\"by\": \"esc_eng\", \"cause\": \"ticket_closed\", \"level\": 2},"
	       "esc_csm1 {\"by\": \"esc_eng\", \"cause\": \"ticket_closed\", \"level\": 2}");
	/* counted out of the totals; no longer listed, nothing to act on */
	esc_expect(totals_sql, "1:0/0,2:0/0,3:0/0|0");
	ck_assert(!listed("esc_coo", fx.t1));
	ck_assert(!listed("esc_eng", fx.t1));
	run("esc_coo", 65, "escalation ack %lld", fx.t1);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "has no open escalation"));

	/* said in words: the timeline, the chain and the holder's notification */
	run("esc_eng", 0, "ticket show %lld", fx.t1);
	snprintf(want, sizeof(want), "resolved the escalation at L2: the ticket was closed [v%s] (Esc_Eng)\n", version);
	ck_assert_msg(strstr(testdb_stdout(), want), "%s", testdb_stdout());
	ck_assert_msg(strstr(testdb_stdout(), "   resolved by Esc_Eng, ") &&
		      strstr(testdb_stdout(), ": the ticket was closed\n"), "%s", testdb_stdout());
	ck_assert_int_eq(testdb_cli("esc_coo", NULL, "notify mine"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "Esc_Eng resolved the escalation at L2: the ticket was closed"),
		      "%s", testdb_stdout());
	test_lang("es_ES.UTF-8");
	run("esc_eng", 0, "ticket show %lld", fx.t1);
	snprintf(want, sizeof(want), "resolvió la escalada en N2: se cerró el ticket [v%s] (Esc_Eng)\n", version);
	ck_assert_msg(strstr(testdb_stdout(), want) &&
		      strstr(testdb_stdout(), "   resuelto por Esc_Eng, "), "%s", testdb_stdout());
	ck_assert_int_eq(testdb_cli("esc_coo", NULL, "notify mine"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "Esc_Eng resolvió la escalada en N2: se cerró el ticket"),
		      "%s", testdb_stdout());
	test_lang("C.UTF-8");
	free(version);
}
END_TEST

/* Closed as a duplicate (resolved, closed and linked in one step): its
 * live escalation ends the same way. A ticket whose escalation was
 * resolved by hand closes as before, and the surviving ticket, resolved,
 * keeps its live escalation. */
START_TEST(duplicate_closes_and_others_keep_theirs)
{
	char want[256];
	run("esc_eng", 0, "escalate %lld --reason 'customer loses revenue'", fx.t1);
	run("esc_eng", 0, "escalate %lld --reason 'second report'", fx.t2);
	run("esc_csm1", 0, "escalation resolve %lld --message 'handled by phone'", fx.t2);
	run("esc_eng", 0, "escalate %lld --reason 'the one that carries on'", fx.t3);
	esc_expect(totals_sql, "1:2/2,2:0/0,3:0/0|2");
	testdb_sql("DELETE FROM notifications");

	char args[128];
	snprintf(args, sizeof(args), "ticket link %lld --duplicate-of %lld", fx.t1, fx.t3);
	ck_assert_msg(testdb_cli("esc_eng", NULL, args) == 0, "%s", testdb_stderr());
	snprintf(want, sizeof(want), "resolved:%d:the ticket was closed", fx.eng);
	expect("SELECT state || ':' || resolved_by || ':' || resolution_note FROM escalations WHERE ticket_id = %lld",
	       fx.t1, want);
	expect("SELECT string_agg(kind, ',' ORDER BY id) FROM ticket_events WHERE ticket_id = %lld"
	       " AND kind IN ('resolve', 'close', 'escalation.resolved', 'link')", fx.t1,
	       "resolve,close,escalation.resolved,link");
	/* the holder is told; the closer, who raised it, is not */
	expect("SELECT string_agg(a.login || ':' || (n.payload->>'cause'), ',') FROM notifications n"
	       " JOIN agents a ON a.id = n.recipient_agent_id WHERE n.ticket_id = %lld"
	       "   AND n.kind = 'escalation.resolved'", fx.t1, "esc_csm1:ticket_closed");
	ck_assert(!listed("esc_csm1", fx.t1));

	/* the survivor, resolved, keeps its escalation */
	run("esc_eng", 0, "ticket resolve %lld --message 'Fixed.'", fx.t3);
	expect("SELECT state FROM escalations WHERE ticket_id = %lld", fx.t3, "open");
	ck_assert(listed("esc_csm1", fx.t3));
	esc_expect(totals_sql, "1:1/1,2:0/0,3:0/0|1");

	/* no live escalation: the close is the close alone, its version the
	 * ticket's, the escalation resolved by hand as it was */
	const char *rows = "SELECT string_agg(id || ':' || state || ':' || resolved_by || ':' || resolution_note"
			   " || ':' || resolved_at, ',') FROM escalations WHERE ticket_id = %lld";
	char sql[512];
	snprintf(sql, sizeof(sql), rows, fx.t2);
	char *before = testdb_value(sql, 0, NULL);
	testdb_sql("DELETE FROM notifications");
	run("esc_eng", 0, "ticket resolve %lld --message 'Fixed too.'", fx.t2);
	run("esc_eng", 0, "ticket close %lld", fx.t2);
	expect("SELECT 'now version ' || version FROM tickets WHERE id = %lld", fx.t2, "now version 5");
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "now version 5\n"));
	expect(rows, fx.t2, before);
	free(before);
	expect("SELECT string_agg(kind || ':' || version, ',' ORDER BY id) FROM ticket_events WHERE ticket_id = %lld",
	       fx.t2, "escalation.raised:2,escalation.resolved:3,resolve:4,close:5");
	expect("SELECT count(*) FROM notifications WHERE ticket_id = %lld AND kind LIKE 'escalation.%%'", fx.t2, "0");
	esc_expect(totals_sql, "1:1/1,2:0/0,3:0/0|1");
}
END_TEST

/* 931's data step: closed tickets that kept a live escalation (as the
 * code before it left them: closed, the row live, counted in the
 * rollup) have it resolved by nobody, told to its holder and to whoever
 * raised it; a resolved ticket keeps its own. 931 is taken out and
 * applied again by `db migrate`. */
START_TEST(migration_ends_what_closed_tickets_kept)
{
	char want[256];
	run("esc_eng", 0, "escalate %lld --reason 'customer loses revenue'", fx.t1);
	run("esc_eng", 0, "escalate %lld --reason 'second report'", fx.t2);
	run("esc_csm1", 0, "escalation ack %lld", fx.t2);
	run("esc_eng", 0, "escalate %lld --reason 'still open'", fx.t3);
	char sql[512];
	snprintf(sql, sizeof(sql),
		 "UPDATE tickets SET status = 'closed', resolved_at = tt_now(), closed_at = tt_now(),"
		 "       version = version + 1 WHERE id IN (%lld, %lld);"
		 "UPDATE tickets SET status = 'resolved', resolved_at = tt_now(), version = version + 1"
		 " WHERE id = %lld;"
		 "DELETE FROM notifications;"
		 "DELETE FROM schema_migrations WHERE version = 931",
		 fx.t1, fx.t2, fx.t3);
	testdb_sql(sql);
	esc_expect(totals_sql, "1:3/3,2:0/0,3:0/0|3");

	int rc = testdb_cli(NULL, NULL, "db migrate");
	ck_assert_msg(rc == 0, "db migrate: %d %s", rc, testdb_stderr());
	ck_assert_msg(strstr(testdb_stdout(), "applied 1 migration"), "%s", testdb_stdout());

	/* by nobody; the acknowledgement as it was */
	snprintf(want, sizeof(want), "%lld:resolved:-:the ticket was closed:-,%lld:resolved:-:the ticket was closed:%d,"
		 "%lld:open:-::-", fx.t1, fx.t2, fx.csm1, fx.t3);
	esc_expect("SELECT string_agg(ticket_id || ':' || state || ':' || coalesce(resolved_by::text, '-') || ':'"
		   "       || coalesce(resolution_note, '') || ':' || coalesce(acknowledged_by::text, '-'), ','"
		   "       ORDER BY ticket_id) FROM escalations", want);
	snprintf(want, sizeof(want), "%lld:0,%lld:0,%lld:1", fx.t1, fx.t2, fx.t3);
	esc_expect("SELECT string_agg(id || ':' || escalation_level, ',' ORDER BY id) FROM tickets", want);
	snprintf(want, sizeof(want), "%lld:-:ticket_closed,%lld:-:ticket_closed", fx.t1, fx.t2);
	esc_expect("SELECT string_agg(ticket_id || ':' || coalesce(actor_id::text, '-') || ':' || (details->>'cause'),"
		   "       ',' ORDER BY ticket_id) FROM ticket_events WHERE kind = 'escalation.resolved'", want);
	/* its holder and whoever raised it are told, by nobody */
	snprintf(want, sizeof(want), "esc_csm1:%lld:ticket_closed:-,esc_eng:%lld:ticket_closed:-,"
		 "esc_csm1:%lld:ticket_closed:-,esc_eng:%lld:ticket_closed:-", fx.t1, fx.t1, fx.t2, fx.t2);
	esc_expect("SELECT string_agg(a.login || ':' || n.ticket_id || ':' || (n.payload->>'cause')"
		   "       || ':' || coalesce(n.payload->>'by', '-'), ',' ORDER BY n.ticket_id, a.login)"
		   "  FROM notifications n JOIN agents a ON a.id = n.recipient_agent_id"
		   " WHERE n.kind = 'escalation.resolved'", want);
	esc_expect(totals_sql, "1:1/1,2:0/0,3:0/0|1");
	ck_assert(!listed("esc_csm1", fx.t1));
	ck_assert(!listed("esc_csm1", fx.t2));
	ck_assert(listed("esc_csm1", fx.t3));

	/* said without an actor (the ticket's version 4: raised, closed, resolved) */
	run("esc_eng", 0, "ticket show %lld", fx.t1);
	ck_assert_msg(strstr(testdb_stdout(), "resolved the escalation at L1: the ticket was closed [v4]\n") &&
		      strstr(testdb_stdout(), "   ended with the ticket, "), "%s", testdb_stdout());
}
END_TEST

static Suite *close_suite(void)
{
	Suite *s = suite_create("escalation_close");
	TCase *tc = tcase_create("close");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, closing_resolves_the_live_escalation);
	tcase_add_test(tc, duplicate_closes_and_others_keep_theirs);
	tcase_add_test(tc, migration_ends_what_closed_tickets_kept);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(close_suite)
