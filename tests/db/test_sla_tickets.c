/* Database tests for SLA deadlines on tickets: the columns the triggers
 * fill and keep, outcomes stored when they happen, the pause while waiting
 * on the customer, the emergency update cadence, ticket_sla() states, and
 * `sla explain`. Times are set through updated_at, which
 * the triggers take as the moment of a change. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testdb.h"

/* Every instant is stated: tickets are created and changed at given New
 * York times, states are asked for at given instants, and the clock of
 * whatever reads tt_now() (sla explain, report) stands after them all. */
static void fixture(void)
{
	testdb_create();
	testdb_clock("2026-12-21T15:00:00Z", TESTDB_CLOCK_RUNNING);
	testdb_sql(
		"INSERT INTO customers (name, member_id, plan) VALUES ('Basic Co', 100, 'basic'), ('Premium Co', 200, 'premium');"
		"INSERT INTO contacts (customer_id, name, email, spoc) VALUES (1, 'Ann', 'ann@basic.test', true),"
		" (2, 'Bob', 'bob@premium.test', true);");
}

/* A new ticket of the customer with that plan; returns its id. */
static long long ticket(const char *plan, int sev, const char *created)
{
	char s[8];
	snprintf(s, sizeof(s), "%d", sev);
	const char *p[3] = { plan, s, created };
	char *id = testdb_value(
		"INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity,"
		"  title, description, impact, object_ids, member_id, repro_steps, browser, os, phone,"
		"  calendar_id, plan, created_at, updated_at)"
		" SELECT c.id, k.id, 1, 1, 1, $2::smallint, 'title', 'desc', 'impact', '{42}', c.member_id,"
		"  'steps', 'Firefox 128', 'Linux 6.1', '+1 555 0100', c.calendar_id, c.plan,"
		"  ($3::timestamp AT TIME ZONE 'America/New_York'), ($3::timestamp AT TIME ZONE 'America/New_York')"
		"  FROM customers c JOIN contacts k ON k.customer_id = c.id WHERE c.plan = $1::plan_kind"
		" RETURNING id", 3, p);
	long long v = atoll(id);
	free(id);
	return v;
}

/* A column of the ticket, formatted in New York time when it is an instant. */
static char *field(long long id, const char *expr)
{
	char sql[512], ids[32];
	snprintf(ids, sizeof(ids), "%lld", id);
	snprintf(sql, sizeof(sql), "SELECT (%s)::text FROM tickets t WHERE t.id = $1", expr);
	const char *p[1] = { ids };
	return testdb_value(sql, 1, p);
}

static void assert_field(long long id, const char *expr, const char *want)
{
	char *got = field(id, expr);
	ck_assert_msg(got ? !strcmp(got, want) : want == NULL, "#%lld %s: got %s, want %s",
		      id, expr, got ? got : "NULL", want ? want : "NULL");
	free(got);
}

/* Runs an UPDATE of ticket `id` at local New York time `at`. */
static void change(long long id, const char *set, const char *at)
{
	char sql[1024];
	snprintf(sql, sizeof(sql),
		 "SET TIME ZONE 'America/New_York'; UPDATE tickets SET %s, updated_at = '%s' WHERE id = %lld",
		 set, at, id);
	testdb_sql(sql);
}

#define NY(col) "iso_in_zone(t." col ", 'America/New_York')"
#define STATE_AT(at) "(ticket_sla(t, timestamptz '" at " America/New_York')).state"

START_TEST(insert_fills_deadlines)
{
	fixture();
	long long id = ticket("basic", 3, "2026-11-20 16:00");
	assert_field(id, NY("first_response_due"), "2026-11-23T16:00:00-05:00");
	assert_field(id, NY("resolution_due"), "2026-11-30T16:00:00-05:00");
	assert_field(id, "t.first_response_clock", "business");
	assert_field(id, "t.first_response_minutes", "540");
	assert_field(id, "t.update_due", NULL);
	/* an emergency on a Saturday: round the clock */
	long long e = ticket("premium", 1, "2026-11-21 03:10");
	assert_field(e, NY("first_response_due"), "2026-11-21T04:10:00-05:00");
	assert_field(e, NY("resolution_due"), "2026-11-21T11:10:00-05:00");
}
END_TEST

START_TEST(acknowledgement_stores_outcome)
{
	fixture();
	long long a = ticket("premium", 2, "2026-11-23 09:00");   /* due 11:00 */
	long long b = ticket("premium", 2, "2026-11-23 09:00");
	change(a, "status = 'acknowledged', acknowledged_at = '2026-11-23 11:00'", "2026-11-23 11:00");
	change(b, "status = 'acknowledged', acknowledged_at = '2026-11-23 11:00:01'", "2026-11-23 11:00:01");
	assert_field(a, "t.first_response_outcome", "met");    /* exactly at due is in time */
	assert_field(b, "t.first_response_outcome", "missed");
	/* outcomes are never recomputed, even when someone edits the due */
	change(b, "first_response_due = first_response_due + interval '1 day'", "2026-11-23 12:00");
	assert_field(b, "t.first_response_outcome", "missed");
	assert_field(b, NY("first_response_due"), "2026-11-23T11:00:00-05:00");
	assert_field(a, STATE_AT("2026-11-23 12:00"), "ok");   /* resolution still open */
}
END_TEST

START_TEST(states_ok_at_risk_breached_met)
{
	fixture();
	long long id = ticket("basic", 3, "2026-11-20 16:00");   /* 9 business hours, due Mon 16:00 */
	assert_field(id, STATE_AT("2026-11-23 10:00"), "ok");
	assert_field(id, "(ticket_sla(t, timestamptz '2026-11-23 10:00 America/New_York')).remaining_secs", "21600");
	/* 20% of 9h = 1h48m: at risk from 14:12 */
	assert_field(id, STATE_AT("2026-11-23 14:11:59"), "ok");
	assert_field(id, STATE_AT("2026-11-23 14:12"), "at_risk");
	assert_field(id, STATE_AT("2026-11-23 16:00"), "breached");
	assert_field(id, "(ticket_sla(t, timestamptz '2026-11-24 10:00 America/New_York')).remaining_secs", "-10800");
	assert_field(id, "(ticket_sla(t, timestamptz '2026-11-24 10:00 America/New_York')).kind", "first_response");
	change(id, "status = 'acknowledged', acknowledged_at = '2026-11-23 15:00'", "2026-11-23 15:00");
	assert_field(id, "(ticket_sla(t, timestamptz '2026-11-23 15:30 America/New_York')).kind", "resolution");
	change(id, "status = 'resolved', resolved_at = '2026-11-24 09:30'", "2026-11-24 09:30");
	assert_field(id, "t.resolution_outcome", "met");
	assert_field(id, STATE_AT("2026-12-20 10:00"), "met");
	long long m = ticket("basic", 3, "2026-11-20 16:00");
	change(m, "status = 'acknowledged', acknowledged_at = '2026-11-23 16:30'", "2026-11-23 16:30");
	change(m, "status = 'resolved', resolved_at = '2026-11-23 17:00'", "2026-11-23 17:00");
	assert_field(m, STATE_AT("2026-12-20 10:00"), "missed");
}
END_TEST

START_TEST(pause_spanning_a_weekend)
{
	fixture();
	long long id = ticket("basic", 3, "2026-11-16 09:00");   /* resolution: 5 business days */
	assert_field(id, NY("resolution_due"), "2026-11-20T18:00:00-05:00");
	change(id, "status = 'acknowledged', acknowledged_at = '2026-11-16 09:30'", "2026-11-16 09:30");
	change(id, "status = 'waiting_customer'", "2026-11-20 16:00");
	/* frozen while waiting: 2h left, whatever the hour */
	assert_field(id, "(ticket_sla(t, timestamptz '2026-11-23 09:30 America/New_York')).remaining_secs", "7200");
	assert_field(id, STATE_AT("2026-11-23 09:30"), "at_risk");
	change(id, "status = 'in_progress'", "2026-11-23 10:00");
	/* Friday 16:00-18:00 and Monday 09:00-10:00: 3 business hours added back */
	assert_field(id, "t.resolution_paused", "03:00:00");
	assert_field(id, NY("resolution_due"), "2026-11-23T12:00:00-05:00");
	assert_field(id, "t.waiting_since", NULL);
	char ids[32];
	snprintf(ids, sizeof(ids), "%lld", id);
	const char *p[1] = { ids };
	char *pause = testdb_value("SELECT paused_secs || ' ' || clock FROM sla_pauses WHERE ticket_id = $1", 1, p);
	ck_assert_str_eq(pause, "10800 business");
	free(pause);
	/* an emergency's resolution clock is the wall clock: the whole weekend counts */
	long long e = ticket("premium", 1, "2026-11-20 15:00");
	change(e, "status = 'acknowledged', acknowledged_at = '2026-11-20 15:10'", "2026-11-20 15:10");
	change(e, "status = 'waiting_customer'", "2026-11-20 16:00");
	change(e, "status = 'in_progress'", "2026-11-23 10:00");
	assert_field(e, "t.resolution_paused", "66:00:00");
	assert_field(e, NY("resolution_due"), "2026-11-23T17:00:00-05:00");
}
END_TEST

/* A re-triage that moves the resolution clock from business hours to the
 * wall clock measures the customer's earlier wait again on the new clock:
 * Friday 12:00 to Monday 10:00 paused 7 business hours, and 70 wall hours
 * once the ticket is an emergency (it kept 7: due 01:00 the night before). */
START_TEST(retriage_measures_pauses_on_the_new_clock)
{
	fixture();
	long long id = ticket("premium", 2, "2026-12-11 10:00");   /* resolution: 1 business day */
	change(id, "status = 'acknowledged', acknowledged_at = '2026-12-11 10:05'", "2026-12-11 10:05");
	change(id, "status = 'waiting_customer'", "2026-12-11 12:00");
	change(id, "status = 'in_progress'", "2026-12-14 10:00");
	assert_field(id, "t.resolution_paused", "07:00:00");
	assert_field(id, NY("resolution_due"), "2026-12-14T17:00:00-05:00");
	/* premium severity 1: 8 hours round the clock, from created_at */
	change(id, "severity = 1", "2026-12-14 10:30");
	assert_field(id, "t.resolution_clock", "wall");
	assert_field(id, "t.resolution_paused", "70:00:00");
	assert_field(id, NY("resolution_due"), "2026-12-14T16:00:00-05:00");
	char ids[32];
	snprintf(ids, sizeof(ids), "%lld", id);
	const char *p[1] = { ids };
	char *pause = testdb_value("SELECT paused_secs || ' ' || clock FROM sla_pauses WHERE ticket_id = $1", 1, p);
	ck_assert_str_eq(pause, "252000 wall");
	free(pause);
	/* and back: business hours again, the wait 7 business hours again */
	change(id, "severity = 2", "2026-12-14 10:40");
	assert_field(id, "t.resolution_paused", "07:00:00");
	assert_field(id, NY("resolution_due"), "2026-12-14T17:00:00-05:00");
}
END_TEST

START_TEST(update_cadence_for_emergencies)
{
	fixture();
	long long id = ticket("basic", 1, "2026-11-21 03:10");
	change(id, "status = 'acknowledged', acknowledged_at = '2026-11-21 03:20'", "2026-11-21 03:20");
	assert_field(id, NY("update_due"), "2026-11-21T05:20:00-05:00");
	change(id, "last_public_reply_at = '2026-11-21 05:00'", "2026-11-21 05:00");
	assert_field(id, NY("update_due"), "2026-11-21T07:00:00-05:00");
	assert_field(id, "t.update_missed_count", "0");
	assert_field(id, "(ticket_sla(t, timestamptz '2026-11-21 06:50 America/New_York')).kind", "update");
	assert_field(id, STATE_AT("2026-11-21 06:50"), "at_risk");
	change(id, "last_public_reply_at = '2026-11-21 07:30'", "2026-11-21 07:30");
	assert_field(id, "t.update_missed_count", "1");
	assert_field(id, NY("update_due"), "2026-11-21T09:30:00-05:00");
	/* no cadence below severity 1 */
	change(id, "severity = 2", "2026-11-21 08:00");
	assert_field(id, "t.update_due", NULL);
	/* no cadence once resolved; back at severity 1 the cadence starts
	 * again at the move (660), not at the reply of 07:30 */
	change(id, "severity = 1", "2026-11-21 08:10");
	assert_field(id, NY("update_due"), "2026-11-21T10:10:00-05:00");
	change(id, "status = 'resolved', resolved_at = '2026-11-21 08:20'", "2026-11-21 08:20");
	assert_field(id, "t.update_due", NULL);
}
END_TEST

/* A re-triage to severity 1 starts the update cadence at the move: the
 * next update is due one cadence after it, not after a reply sent while
 * the ticket was no emergency (it read breached, and the next reply
 * counted a miss, the moment it became one). The start holds through
 * later changes (a status change, a reopen) until a reply or the
 * acknowledgement comes after it; a move away from severity 1 stops the
 * cadence, and the queue's deadline follows each way. */
START_TEST(retriage_to_emergency_starts_the_cadence_at_the_move)
{
	fixture();
	/* premium severity 2: resolution 1 business day, due Monday 18:00 */
	long long id = ticket("premium", 2, "2026-12-14 09:00");
	change(id, "status = 'acknowledged', acknowledged_at = '2026-12-14 09:10',"
	       " last_public_reply_at = '2026-12-14 09:10'", "2026-12-14 09:10");
	change(id, "last_public_reply_at = '2026-12-14 09:30'", "2026-12-14 09:30");
	assert_field(id, "t.update_due", NULL);
	assert_field(id, NY("queue_due"), "2026-12-14T18:00:00-05:00");

	/* an emergency at 14:00: the first update is due at 16:00 (not 11:30) */
	change(id, "severity = 1", "2026-12-14 14:00");
	assert_field(id, NY("update_due"), "2026-12-14T16:00:00-05:00");
	assert_field(id, NY("queue_due"), "2026-12-14T16:00:00-05:00");
	assert_field(id, "(ticket_sla(t, timestamptz '2026-12-14 14:00 America/New_York')).kind", "update");
	assert_field(id, STATE_AT("2026-12-14 14:00"), "ok");
	assert_field(id, "(SELECT iso_in_zone(d.started_at, 'America/New_York') FROM ticket_deadlines(t,"
		     " timestamptz '2026-12-14 14:00 America/New_York') d WHERE d.kind = 'update')",
		     "2026-12-14T14:00:00-05:00");
	/* a later change that re-reads the cadence keeps its start */
	change(id, "status = 'in_progress'", "2026-12-14 14:30");
	assert_field(id, NY("update_due"), "2026-12-14T16:00:00-05:00");
	/* the first update in time: met, and the cadence runs from it */
	change(id, "last_public_reply_at = '2026-12-14 15:00'", "2026-12-14 15:00");
	assert_field(id, "t.update_missed_count", "0");
	assert_field(id, NY("update_due"), "2026-12-14T17:00:00-05:00");

	/* away from severity 1: no update due, the queue reads the resolution */
	change(id, "severity = 2", "2026-12-14 15:30");
	assert_field(id, "t.update_due", NULL);
	assert_field(id, NY("queue_due"), "2026-12-14T18:00:00-05:00");
	assert_field(id, "t.update_missed_count", "0");
	/* and back at 16:00: due at 18:00, one cadence after this move */
	change(id, "severity = 1", "2026-12-14 16:00");
	assert_field(id, NY("update_due"), "2026-12-14T18:00:00-05:00");

	/* a reopened emergency: the cadence restarts at the reopen, and a
	 * status change after it keeps that start (it fell back to the
	 * resolution message of 16:10) */
	change(id, "status = 'resolved', resolved_at = '2026-12-14 16:10',"
	       " last_public_reply_at = '2026-12-14 16:10'", "2026-12-14 16:10");
	assert_field(id, "t.update_due", NULL);
	change(id, "status = 'in_progress', resolved_at = NULL", "2026-12-14 16:30");
	assert_field(id, NY("update_due"), "2026-12-14T18:30:00-05:00");
	change(id, "status = 'waiting_customer'", "2026-12-14 16:40");
	assert_field(id, NY("update_due"), "2026-12-14T18:30:00-05:00");
	assert_field(id, NY("queue_due"), "2026-12-14T18:30:00-05:00");
	assert_field(id, "t.update_missed_count", "0");
}
END_TEST

START_TEST(severity_change_and_reopen)
{
	fixture();
	long long id = ticket("premium", 4, "2026-11-23 09:00");
	assert_field(id, NY("first_response_due"), "2026-11-23T18:00:00-05:00");
	change(id, "severity = 2", "2026-11-23 09:30");
	assert_field(id, NY("first_response_due"), "2026-11-23T11:00:00-05:00");
	assert_field(id, NY("resolution_due"), "2026-11-23T18:00:00-05:00");
	change(id, "status = 'acknowledged', acknowledged_at = '2026-11-23 10:00'", "2026-11-23 10:00");
	change(id, "status = 'resolved', resolved_at = '2026-11-23 19:00'", "2026-11-23 19:00");
	assert_field(id, "t.resolution_outcome", "missed");
	change(id, "status = 'in_progress', resolved_at = NULL", "2026-11-24 09:00");
	assert_field(id, "t.resolution_outcome", NULL);
	assert_field(id, "t.first_response_outcome", "met");
}
END_TEST

/* The stored-position fast path of ticket_sla() agrees with measuring
 * afresh, before and after the calendar changes under the tickets. */
START_TEST(fast_path_agrees_after_policy_change)
{
	fixture();
	for (int d = 16; d <= 27; d++) {
		char when[32];
		snprintf(when, sizeof(when), "2026-11-%02d 1%d:17", d, d % 8);
		ticket(d % 2 ? "basic" : "premium", 2 + d % 3, when);
	}
	static const char check[] =
		"SELECT count(*) FILTER (WHERE s.remaining_secs IS DISTINCT FROM "
		"         clock_between(t.calendar_id, s.clock, x.at, s.due)) || '/' || count(*) "
		"  FROM tickets t, (SELECT timestamptz '2026-11-24 10:30 America/New_York' AS at) x, "
		"       LATERAL ticket_sla(t, x.at) s";
	char *v = testdb_value(check, 0, NULL);
	ck_assert_str_eq(v, "0/12");
	free(v);
	/* a new holiday moves every business position after it */
	testdb_sql("INSERT INTO holidays (calendar_id, day, name) VALUES (default_calendar_id(), '2026-11-25', 'Extra')");
	v = testdb_value(check, 0, NULL);
	ck_assert_str_eq(v, "0/12");
	free(v);
	/* deadlines already set are kept */
	long long id = ticket("premium", 2, "2026-11-24 17:00");
	assert_field(id, NY("first_response_due"), "2026-11-27T10:00:00-05:00");
	assert_field(1, NY("first_response_due"), "2026-11-16T14:17:00-05:00");
}
END_TEST

/* A ticket inserted without deadlines of its own takes them, their
 * business positions and the calendar generation from the insert
 * trigger's short path (800): the same instants as the general path
 * (tickets_sla_targets asked again), the same positions, to the text, as
 * business_position of each due instant, the calendar's generation. At
 * every open and close of a week, a microsecond either side, inside and
 * outside the hours, both plans, every severity. */
START_TEST(insert_short_path_agrees_with_the_general_one)
{
	fixture();
	testdb_sql(
		"SET TIME ZONE 'America/New_York';"
		"CREATE TEMP TABLE instants AS"
		" SELECT x.at FROM calendar_days d,"
		"  LATERAL (VALUES (d.opens_at), (d.closes_at), (d.opens_at - interval '1 microsecond'),"
		"                  (d.closes_at + interval '1 microsecond'), (d.opens_at + interval '3 hours 7.5 seconds'),"
		"                  (d.closes_at + interval '5 hours')) x (at)"
		"  WHERE d.calendar_id = default_calendar_id() AND d.day BETWEEN '2026-11-20' AND '2026-11-27'");
	char *n = testdb_value("SELECT count(*) FROM instants", 0, NULL);
	int count = atoi(n);
	free(n);
	ck_assert_int_ge(count, 30);
	for (int i = 0; i < count; i++) {
		char sql[256];
		snprintf(sql, sizeof(sql),
			 "SELECT to_char(at, 'YYYY-MM-DD HH24:MI:SS.US') FROM instants ORDER BY at OFFSET %d LIMIT 1", i);
		char *when = testdb_value(sql, 0, NULL);
		ticket(i % 2 ? "basic" : "premium", 1 + i % 4, when);
		free(when);
	}
	char *v = testdb_value(
		"SELECT count(*) FILTER (WHERE"
		"   (g.t).first_response_due IS DISTINCT FROM t.first_response_due"
		"   OR (g.t).first_response_risk_at IS DISTINCT FROM t.first_response_risk_at"
		"   OR (g.t).first_response_clock IS DISTINCT FROM t.first_response_clock"
		"   OR (g.t).first_response_minutes IS DISTINCT FROM t.first_response_minutes"
		"   OR (g.t).resolution_due IS DISTINCT FROM t.resolution_due"
		"   OR (g.t).resolution_risk_at IS DISTINCT FROM t.resolution_risk_at"
		"   OR (g.t).resolution_clock IS DISTINCT FROM t.resolution_clock"
		"   OR (g.t).resolution_minutes IS DISTINCT FROM t.resolution_minutes"
		"   OR t.first_response_due_pos::text IS DISTINCT FROM (CASE WHEN t.first_response_clock = 'business'"
		"        THEN business_position(t.calendar_id, t.first_response_due) END)::text"
		"   OR t.resolution_due_pos::text IS DISTINCT FROM (CASE WHEN t.resolution_clock = 'business'"
		"        THEN business_position(t.calendar_id, t.resolution_due) END)::text"
		"   OR t.sla_generation IS DISTINCT FROM"
		"        (SELECT c.generation FROM calendar_generations c WHERE c.calendar_id = t.calendar_id))"
		" || '/' || count(*) || '/' || count(*) FILTER (WHERE t.first_response_clock = 'business')"
		"  FROM tickets t, LATERAL (SELECT tickets_sla_targets(t, true) AS t) g", 0, NULL);
	char want[64];
	snprintf(want, sizeof(want), "0/%d/%d", count, count - (count + 3) / 4);
	ck_assert_str_eq(v, want);
	free(v);
}
END_TEST

START_TEST(explain_and_report_cli)
{
	fixture();
	testdb_agent("sla_cli", "engineer");
	long long id = ticket("basic", 3, "2026-11-16 09:00");
	change(id, "status = 'acknowledged', acknowledged_at = '2026-11-16 12:00'", "2026-11-16 12:00");
	change(id, "status = 'waiting_customer'", "2026-11-20 16:00");
	change(id, "status = 'in_progress'", "2026-11-23 10:00");
	long long late = ticket("premium", 2, "2026-11-16 09:00");
	change(late, "status = 'acknowledged', acknowledged_at = '2026-11-16 13:00'", "2026-11-16 13:00");

	char args[64];
	snprintf(args, sizeof(args), "sla explain %lld", id);
	ck_assert_int_eq(testdb_cli("sla_cli", NULL, args), 0);
	const char *out = testdb_stdout();
	ck_assert_ptr_nonnull(strstr(out, "2026-11-16T09:00:00-05:00"));
	ck_assert_ptr_nonnull(strstr(out, "2026-11-23T12:00:00-05:00"));   /* resolution due, pause added */
	ck_assert_ptr_nonnull(strstr(out, "3 business hours"));            /* the pause */
	/* targets in business days of the calendar's 9-hour opening day */
	ck_assert_ptr_nonnull(strstr(out, "target       1 business day\n"));   /* first response */
	ck_assert_ptr_nonnull(strstr(out, "target       5 business days\n"));  /* resolution */
	ck_assert_ptr_nonnull(strstr(out, "2026-11-20T16:00:00-05:00 .. 2026-11-23T10:00:00-05:00"));
	snprintf(args, sizeof(args), "sla explain %lld --json", id);
	ck_assert_int_eq(testdb_cli("sla_cli", NULL, args), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "\"paused_secs\" : 10800"));
	ck_assert_int_eq(testdb_cli("sla_cli", NULL, "sla explain 999999"), 65);
	/* a business day is the calendar's own: open 8 hours, the 540-minute
	 * target is one day and one hour (a Saturday 4-hour shift does not
	 * change the most common day) */
	testdb_sql("UPDATE calendar_hours SET closes = '17:00' WHERE calendar_id = default_calendar_id()");
	testdb_sql("INSERT INTO calendar_hours (calendar_id, isodow, opens, closes)"
		   " VALUES (default_calendar_id(), 6, '09:00', '13:00')");
	snprintf(args, sizeof(args), "sla explain %lld", id);
	ck_assert_int_eq(testdb_cli("sla_cli", NULL, args), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "target       1 d 1 h business\n"));

}
END_TEST

static Suite *sla_tickets_suite(void)
{
	Suite *s = suite_create("sla tickets");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, insert_fills_deadlines);
	tcase_add_test(tc, acknowledgement_stores_outcome);
	tcase_add_test(tc, states_ok_at_risk_breached_met);
	tcase_add_test(tc, pause_spanning_a_weekend);
	tcase_add_test(tc, update_cadence_for_emergencies);
	tcase_add_test(tc, retriage_measures_pauses_on_the_new_clock);
	tcase_add_test(tc, retriage_to_emergency_starts_the_cadence_at_the_move);
	tcase_add_test(tc, severity_change_and_reopen);
	tcase_add_test(tc, fast_path_agrees_after_policy_change);
	tcase_add_test(tc, insert_short_path_agrees_with_the_general_one);
	tcase_add_test(tc, explain_and_report_cli);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(sla_tickets_suite)
