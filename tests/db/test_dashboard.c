/* Database tests of the dashboard's figures (sql/090, sql/091): every
 * figure of report_sla / report_backlog / report_escalations /
 * report_oldest on a small data set checked by hand (the expected numbers
 * are worked out in the comments), the rollups equal to a full recount
 * after a mixed workload (re-triage and reopen included), and the CLI
 * twins in text, JSON and CSV. The clock is pinned: Friday 2027-03-12
 * 12:00 in New York (the report zone), so the 12 weeks run from Monday
 * 2026-12-21 to today. Times below are New York times. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/report.h"
#include "testdb.h"
#include "util/i18n.h"
#include "rollup_desk.h"
#include "rollup_recount.h"

static void fixture(void)
{
	rollup_desk();
}

static long long ticket(const char *plan, int sev, int team, const char *created)
{
	return rollup_desk_ticket(plan, sev, team, created);
}

/* Runs an UPDATE of ticket `id` at New York time `at`. */
static void change(long long id, const char *set, const char *at)
{
	char sql[1024];
	snprintf(sql, sizeof(sql),
		 "SET TIME ZONE 'America/New_York'; UPDATE tickets SET %s, updated_at = '%s' WHERE id = %lld",
		 set, at, id);
	testdb_sql(sql);
}

static void assert_rows(const char *sql, const char *want)
{
	char *got = testdb_value(sql, 0, NULL);
	ck_assert_msg(got && !strcmp(got, want), "%s\n got: %s\nwant: %s", sql, got ? got : "NULL", want);
	free(got);
}

/* One string of the rows of a query: "a|b|c;a|b|c". */
#define ROWS(q) "SELECT string_agg(array_to_string(ARRAY[" q "], '|', ''), ';') FROM "

/* The hand-checked data set (see each ticket's comment for its figures).
 * Teams: 1 Anti-Malvertising, 2 App Support. */
static void data_set(void)
{
	testdb_agent("lead", "engineer");
	/* T1 premium sev 2, team 1: due 11:00, acknowledged 10:00 -> first
	 * response met (week of 03-08); re-triaged to severity 3 afterwards,
	 * the met moves with it. Open: backlog severity 3, 4 days old. */
	long long t1 = ticket("premium", 2, 1, "2027-03-08 09:00");
	change(t1, "status = 'acknowledged', acknowledged_at = '2027-03-08 10:00'", "2027-03-08 10:00");
	change(t1, "severity = 3", "2027-03-08 10:30");
	/* T2 premium sev 2, team 1: acknowledged 12:00 after the 11:00 due ->
	 * missed; resolution due Mon 18:00 (9 business hours), resolved Tue
	 * 10:00 -> missed (week of 03-08). */
	long long t2 = ticket("premium", 2, 1, "2027-03-08 09:00");
	change(t2, "status = 'acknowledged', acknowledged_at = '2027-03-08 12:00'", "2027-03-08 12:00");
	change(t2, "status = 'resolved', resolved_at = '2027-03-09 10:00'", "2027-03-09 10:00");
	/* T3 basic sev 3, team 2: acknowledged after 30 minutes -> met; resolved
	 * the next day, well inside 5 business days -> met (week of 03-01). */
	long long t3 = ticket("basic", 3, 2, "2027-03-02 09:00");
	change(t3, "status = 'acknowledged', acknowledged_at = '2027-03-02 09:30'", "2027-03-02 09:30");
	change(t3, "status = 'resolved', resolved_at = '2027-03-03 10:00'", "2027-03-03 10:00");
	/* T4 basic sev 1, team 2: acknowledged 08:30, 1 hour round the clock
	 * -> met. Update cadence (2 hours): due 10:30, reply 10:00 -> met; due
	 * 12:00, reply 13:00 -> missed; due 15:00, resolved 14:00 -> met.
	 * Resolution (24 hours) met, then reopened the next day: the met stays
	 * on 03-10 (sql/641). Open again: backlog severity 1, 2 days old. */
	long long t4 = ticket("basic", 1, 2, "2027-03-10 08:00");
	change(t4, "status = 'acknowledged', acknowledged_at = '2027-03-10 08:30'", "2027-03-10 08:30");
	change(t4, "last_public_reply_at = '2027-03-10 10:00'", "2027-03-10 10:00");
	change(t4, "last_public_reply_at = '2027-03-10 13:00'", "2027-03-10 13:00");
	change(t4, "status = 'resolved', resolved_at = '2027-03-10 14:00'", "2027-03-10 14:00");
	change(t4, "status = 'in_progress', resolved_at = NULL", "2027-03-11 09:00");
	/* T5 premium sev 4, team 1, never acknowledged: no outcome; re-triaged
	 * to severity 3. Backlog severity 3, 39 days old. Escalated to the CSM
	 * on 03-10 12:00 (2 days ago). */
	long long t5 = ticket("premium", 4, 1, "2027-02-01 10:00");
	change(t5, "severity = 3", "2027-03-01 10:00");
	/* T6 basic sev 2 created today in team 1, moved to team 2. */
	long long t6 = ticket("basic", 2, 1, "2027-03-12 09:00");
	change(t6, "team_id = 2", "2027-03-12 09:05");
	/* T7 premium sev 3, team 2: acknowledged 11:00 (due 14:00) -> met
	 * (week of 03-01); waits on the customer over the weekend. Backlog
	 * severity 3, 7 days old. Escalated to the CSM, passed up to the COO
	 * today 09:00 (3 hours ago). */
	long long t7 = ticket("premium", 3, 2, "2027-03-05 10:00");
	change(t7, "status = 'acknowledged', acknowledged_at = '2027-03-05 11:00'", "2027-03-05 11:00");
	change(t7, "status = 'waiting_customer'", "2027-03-05 12:00");
	change(t7, "status = 'in_progress'", "2027-03-08 12:00");
	char sql[1024];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO escalations (ticket_id, level, raised_by, reason, raised_at, state)"
		 " SELECT %lld, 1, a.id, 'slow', '2027-03-10 12:00 America/New_York', 'open' FROM agents a WHERE a.login = 'lead';"
		 "INSERT INTO escalations (ticket_id, level, raised_by, reason, raised_at, state)"
		 " SELECT %lld, 1, a.id, 'slow', '2027-03-11 12:00 America/New_York', 'passed_up' FROM agents a WHERE a.login = 'lead';"
		 "INSERT INTO escalations (ticket_id, level, raised_by, reason, raised_at, state)"
		 " SELECT %lld, 2, a.id, 'slower', '2027-03-12 09:00 America/New_York', 'open' FROM agents a WHERE a.login = 'lead';",
		 t5, t7, t7);
	testdb_sql(sql);
}

#define SLA_COLS "key, first_response_met::text, first_response_missed::text, first_response_pct::text," \
		 " update_met::text, update_missed::text, update_pct::text," \
		 " resolution_met::text, resolution_missed::text, resolution_pct::text"

START_TEST(sla_figures)
{
	fixture();
	data_set();
	/* total: first response 4 met (T1 T3 T4 T7) 1 missed (T2) = 80%;
	 * cadence 2/1 = 66.7%; resolution T3 and T4 (reopened since) met, T2
	 * missed = 66.7% */
	assert_rows(ROWS(SLA_COLS) "report_sla(NULL, NULL, 'total')", "|4|1|80.0|2|1|66.7|2|1|66.7");
	/* by severity (current severities): 1 = T4; 2 = T2; 3 = T1 T3 T7 */
	assert_rows(ROWS("key, clock, first_response_met::text, first_response_missed::text, update_met::text,"
			 " update_missed::text, resolution_met::text, resolution_missed::text")
		    "report_sla(NULL, NULL, 'severity')",
		    "1|wall|1|0|2|1|1|0;2|business|0|1|0|0|0|1;3|business|3|0|0|0|1|0;4|business|0|0|0|0|0|0");
	/* 12 weeks, Mondays 2026-12-21 .. 2027-03-08; only the last two have figures */
	assert_rows("SELECT count(*) || ' ' || min(key) || ' ' || max(key) FROM report_sla(NULL, NULL, 'week')",
		    "12 2026-12-21 2027-03-08");
	assert_rows(ROWS(SLA_COLS) "report_sla(NULL, NULL, 'week') WHERE first_response_met + first_response_missed > 0",
		    "2027-03-01|2|0|100.0|0|0||1|0|100.0;2027-03-08|2|1|66.7|2|1|66.7|1|1|50.0");
	/* by team, most breaches first: 1 (T1 met, T2 missed twice), 2 (T4's late update) */
	assert_rows(ROWS(SLA_COLS) "report_sla(NULL, NULL, 'team')",
		    "anti_malvertising|1|1|50.0|0|0||0|1|0.0;app_support|3|0|100.0|2|1|66.7|2|0|100.0");
	/* by customer: Premium Co (T1 T2 T7) 2 breaches, Basic Co (T3 T4) 1 */
	assert_rows(ROWS("name, " SLA_COLS) "report_sla(NULL, NULL, 'customer')",
		    "Premium Co|2|2|1|66.7|0|0||0|1|0.0;Basic Co|1|2|0|100.0|2|1|66.7|2|0|100.0");
	/* one customer, no other filter (from the narrow weekly table) */
	assert_rows(ROWS(SLA_COLS) "report_sla(NULL, NULL, 'total', p_customer => 'Premium Co')",
		    "|2|1|66.7|0|0||0|1|0.0");
	/* the dashboard's top customers: the same figures, the worst kept */
	assert_rows(ROWS("name, " SLA_COLS) "report_sla(NULL, NULL, 'customer', max_rows => 10)",
		    "Premium Co|2|2|1|66.7|0|0||0|1|0.0;Basic Co|1|2|0|100.0|2|1|66.7|2|0|100.0");
	assert_rows(ROWS("name, coalesce(clock, '-')") "report_sla(NULL, NULL, 'customer', max_rows => 1)",
		    "Premium Co|-");
	assert_rows(ROWS(SLA_COLS) "report_sla(NULL, NULL, 'plan')",
		    "basic|2|0|100.0|2|1|66.7|2|0|100.0;premium|2|1|66.7|0|0||0|1|0.0");
	/* filters: team 2 only; Premium Co at severity 3 (T1 and T7) */
	assert_rows(ROWS(SLA_COLS) "report_sla(NULL, NULL, 'total', 'App Support')", "|3|0|100.0|2|1|66.7|2|0|100.0");
	assert_rows(ROWS(SLA_COLS) "report_sla(NULL, NULL, 'total', NULL, NULL, 3, 'Premium Co')",
		    "|2|0|100.0|0|0||0|0|");
	/* a period: the week of 03-01 alone */
	assert_rows(ROWS(SLA_COLS) "report_sla('2027-03-01', '2027-03-07', 'total')", "|2|0|100.0|0|0||1|0|100.0");
	/* top-N keeps the worst */
	assert_rows(ROWS("key") "report_sla(NULL, NULL, 'team', max_rows => 1)", "anti_malvertising");
}
END_TEST

/* Deadlines past due now and not decided (sql/640): counted live beside
 * met and missed, on the day each passed. Before, an overdue ticket nobody
 * had answered counted nowhere until it was answered or resolved. */
START_TEST(sla_past_due)
{
	fixture();
	data_set();
	/* first response: T5 (premium, severity 3 since its re-triage, never
	 * acknowledged) was due Mon 02-01 14:00; T6's is due today 13:00, not
	 * yet. Resolution (3 business days premium, 24 hours basic 1): T5 due
	 * Thu 02-04 10:00; T1 Wed 03-10 18:00; T4, reopened, Thu 03-11 08:00;
	 * T7 Thu 03-11 10:00 (Wed 10:00 plus the 9 business hours it waited
	 * on the customer). */
#define DUE_COLS "key, first_response_past_due::text, resolution_past_due::text"
	assert_rows(ROWS(DUE_COLS) "report_sla(NULL, NULL, 'total')", "|1|4");
	assert_rows(ROWS(DUE_COLS) "report_sla(NULL, NULL, 'week') WHERE first_response_past_due + resolution_past_due > 0",
		    "2027-02-01|1|1;2027-03-08|0|3");
	assert_rows(ROWS(DUE_COLS) "report_sla(NULL, NULL, 'severity')", "1|0|1;2|0|0;3|1|3;4|0|0");
	assert_rows(ROWS(DUE_COLS) "report_sla(NULL, NULL, 'team')", "anti_malvertising|1|2;app_support|0|2");
	assert_rows(ROWS("name, first_response_past_due::text, resolution_past_due::text")
		    "report_sla(NULL, NULL, 'customer')", "Premium Co|1|3;Basic Co|0|1");
	assert_rows(ROWS(DUE_COLS) "report_sla(NULL, NULL, 'plan')", "basic|0|1;premium|1|3");
	/* filters and the period (the week of 03-08 alone; one customer) */
	assert_rows(ROWS(DUE_COLS) "report_sla('2027-03-08', '2027-03-14', 'total')", "|0|3");
	assert_rows(ROWS(DUE_COLS) "report_sla(NULL, NULL, 'total', 'App Support')", "|0|2");
	assert_rows(ROWS(DUE_COLS) "report_sla(NULL, NULL, 'total', p_customer => 'Basic Co')", "|0|1");
	assert_rows(ROWS(DUE_COLS) "report_sla(NULL, NULL, 'total', NULL, 'premium', 3)", "|1|3");
	/* the share met is of the decided deadlines only */
	assert_rows(ROWS(SLA_COLS) "report_sla(NULL, NULL, 'total')", "|4|1|80.0|2|1|66.7|2|1|66.7");

	/* waiting on the customer freezes the resolution clock: T8 (premium
	 * 3, created Mon 03-01 10:00, due Thu 03-04 10:00) waits since Wed
	 * 03-03 and is not past due; T9 (the same) waits since Fri 03-05,
	 * after its deadline, and is. A ticket answered at last leaves the
	 * first-response figure: T5 acknowledged now (and missed). */
	long long t8 = ticket("premium", 3, 2, "2027-03-01 10:00");
	change(t8, "status = 'acknowledged', acknowledged_at = '2027-03-01 10:30'", "2027-03-01 10:30");
	change(t8, "status = 'waiting_customer'", "2027-03-03 12:00");
	long long t9 = ticket("premium", 3, 2, "2027-03-01 10:00");
	change(t9, "status = 'acknowledged', acknowledged_at = '2027-03-01 10:30'", "2027-03-01 10:30");
	change(t9, "status = 'waiting_customer'", "2027-03-05 12:00");
	change(5, "status = 'acknowledged', acknowledged_at = '2027-03-12 12:00'", "2027-03-12 12:00");
	assert_rows(ROWS(DUE_COLS) "report_sla(NULL, NULL, 'week') WHERE first_response_past_due + resolution_past_due > 0",
		    "2027-02-01|0|1;2027-03-01|0|1;2027-03-08|0|3");
	assert_rows(ROWS("first_response_met::text, first_response_missed::text, first_response_past_due::text")
		    "report_sla(NULL, NULL, 'total')", "6|2|0");
	/* T6 (basic 2, created today 09:00) is due at 13:00: past due from
	 * that instant on, as the queue reads it breached, not a second before */
	testdb_sql("UPDATE clock_pin SET pinned_at = '2027-03-12 12:59:59.999999 America/New_York'");
	assert_rows(ROWS("first_response_past_due::text") "report_sla(NULL, NULL, 'week') WHERE key = '2027-03-08'", "0");
	testdb_sql("UPDATE clock_pin SET pinned_at = '2027-03-12 13:00 America/New_York'");
	assert_rows(ROWS("first_response_past_due::text") "report_sla(NULL, NULL, 'week') WHERE key = '2027-03-08'", "1");
	assert_rows(ROWS("first_response_past_due::text") "report_sla(NULL, NULL, 'total', 'App Support', 'basic', 2)",
		    "1");
	testdb_sql("UPDATE clock_pin SET pinned_at = '2027-03-12 12:00 America/New_York'");

	/* the dashboard reads them per week, and a team's breaches count them */
	struct db *db = testdb_open("lead");
	struct tt_error err;
	struct dash d;
	struct report_filter f = { 0 };
	tt_error_init(&err);
	dash_init(&d);
	ck_assert_int_eq(dash_load(db, &f, &d, &err), 0);
	long long due[DASH_CLOCKS] = { 0 };
	for (int i = 0; i < d.nweeks; i++)
		for (int c = 0; c < DASH_CLOCKS; c++)
			due[c] += d.weeks[i].past_due[c];
	ck_assert_int_eq(due[DASH_FIRST_RESPONSE], 0);
	ck_assert_int_eq(due[DASH_RESOLUTION], 5);
	ck_assert_int_eq(d.nteams, 2);
	ck_assert_str_eq(d.teams[1].key, "app_support");
	/* T4, T7, T9's resolutions and T4's update (reopened Thu 09:00: due
	 * 11:00, sql/720) */
	ck_assert_int_eq(d.teams[1].past_due, 4);
	ck_assert_int_eq(due[DASH_UPDATE], 1);
	dash_done(&d);
	db_close(db);
}
END_TEST

/* The past-due figures in the CLI: text (each clock's "+N" and what it
 * means), JSON and CSV, in English and Spanish. */
START_TEST(sla_past_due_cli)
{
	fixture();
	data_set();
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --by severity"), 0);
	const char *out = testdb_stdout();
	const char *s3 = strstr(out, "\n3 High ");
	ck_assert_msg(s3 && strstr(s3, "3/3 +1") && strstr(s3, "1/1 +3"), "%s", out);
	ck_assert_msg(strstr(out, "+N: N deadlines past due now and not yet decided"), "%s", out);
	/* T4's update, due Thu 11:00 since its reopen (sql/720) */
	const char *s1 = strstr(out, "\n1 Critical ");
	ck_assert_msg(s1 && strstr(s1, "2/3 +1"), "%s", out);
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --format json"), 0);
	out = testdb_stdout();
	ck_assert_msg(strstr(out, "\"first_response_past_due\":1,\"resolution_past_due\":1,\"update_past_due\":0}") &&
		      strstr(out, "\"first_response_past_due\":0,\"resolution_past_due\":3,\"update_past_due\":1}"),
		      "%s", out);
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --by total --format csv"), 0);
	ck_assert_str_eq(testdb_stdout(), "key,name,clock,first_response_met,first_response_missed,first_response_pct,"
					  "update_met,update_missed,update_pct,resolution_met,resolution_missed,"
					  "resolution_pct,first_response_past_due,resolution_past_due,update_past_due\r\n"
					  ",,,4,1,80.0,2,1,66.7,2,1,66.7,1,4,1\r\n");
	/* nothing past due: no "+", no legend */
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --from 2027-03-01 --to 2027-03-07"), 0);
	ck_assert_msg(!strstr(testdb_stdout(), " +") && !strstr(testdb_stdout(), "+N"), "%s", testdb_stdout());
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANGUAGE");
	setenv("LANG", "es_ES.UTF-8", 1);
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --by total"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "4/5 +1") && strstr(testdb_stdout(), "+N: N plazos vencidos"), "%s",
		      testdb_stdout());
	setenv("LANG", "C.UTF-8", 1);
}
END_TEST

/* The past-due deadlines live, counted from the tickets as 640 did: "first
 * response|resolution" over the weeks 01-04 to 03-28, then per customer. */
static const char live_due[] =
	"WITH d AS ("
	"  SELECT t.customer_id, 'f' AS k FROM tickets t"
	"   WHERE t.is_open AND t.first_response_outcome IS NULL AND t.acknowledged_at IS NULL"
	"     AND t.resolved_at IS NULL AND t.first_response_due <= tt_now()"
	"     AND t.first_response_due >= timestamptz '2027-01-04 00:00 America/New_York'"
	"     AND t.first_response_due < timestamptz '2027-03-29 00:00 America/New_York'"
	"  UNION ALL"
	"  SELECT t.customer_id, 'r' FROM tickets t"
	"   WHERE t.is_open AND t.resolved_at IS NULL AND t.resolution_due <= tt_now()"
	"     AND (t.waiting_since IS NULL OR t.waiting_since >= t.resolution_due)"
	"     AND t.resolution_due >= timestamptz '2027-01-04 00:00 America/New_York'"
	"     AND t.resolution_due < timestamptz '2027-03-29 00:00 America/New_York')"
	" SELECT (SELECT count(*) FILTER (WHERE k = 'f') || '|' || count(*) FILTER (WHERE k = 'r') FROM d) || ' ' ||"
	"  coalesce((SELECT string_agg(x, ';' ORDER BY x) FROM ("
	"   SELECT c.name || ':' || count(*) FILTER (WHERE k = 'f') || '/' || count(*) FILTER (WHERE k = 'r') AS x"
	"     FROM d JOIN customers c ON c.id = d.customer_id GROUP BY c.name) s), '')";
/* The same from report_sla (sql/700: the pending rollups before today). */
static const char report_due[] =
	"SELECT (SELECT first_response_past_due || '|' || resolution_past_due"
	"          FROM report_sla('2027-01-04', '2027-03-28', 'total')) || ' ' ||"
	" coalesce((SELECT string_agg(x, ';' ORDER BY x) FROM ("
	"  SELECT r.name || ':' || r.first_response_past_due || '/' || r.resolution_past_due AS x"
	"    FROM report_sla('2027-01-04', '2027-03-28', 'customer') r"
	"   WHERE r.first_response_past_due + r.resolution_past_due > 0) s), '')";

/* report_sla's past-due figures equal the live count, and the rollups a
 * recount; returns the figures ("fr|res per-customer"). */
static char *due_checked(const char *when)
{
	char *live = testdb_value(live_due, 0, NULL);
	char *got = testdb_value(report_due, 0, NULL);
	ck_assert_msg(live && got && !strcmp(live, got), "%s: report_sla %s, live %s", when, got, live);
	char *v = testdb_value(recount_diff, 0, NULL);
	ck_assert_msg(!strncmp(v, "0/0/0/0 of ", 11), "%s: rollups differ from the recount: %s", when, v);
	free(v);
	free(live);
	return got;
}

static void due_is(const char *when, const char *want)
{
	char *got = due_checked(when);
	ck_assert_msg(!strcmp(got, want), "%s: got %s, want %s", when, got, want);
	free(got);
}

/* Sets the clock to the instant `sql` returns. */
static void clock_at(const char *sql)
{
	char q[512];
	snprintf(q, sizeof(q), "UPDATE clock_pin SET pinned_at = (%s)", sql);
	testdb_sql(q);
}

/* The past-due figures come from the pending deadlines' rollups (sql/700:
 * by day before today, by UTC hour for today's whole hours) and only the
 * hour running is counted live: a deadline due later today, or tomorrow,
 * counts from the instant it passes and keeps counting the hours and days
 * after; acknowledgement, waiting and resuming, resolution, reopen and
 * re-triage (severity, team, customer) move it; a zone off by a half hour
 * counts its first half hour right; the figures always equal the live
 * count as 640 made it, and the rollups a recount. */
START_TEST(past_due_from_rollups)
{
	fixture();
	data_set();
	due_is("data set", "1|4 Basic Co:0/1;Premium Co:1/3");
	/* T (premium, severity 1, round the clock) created Fri 22:00: first
	 * response due later today, resolution due tomorrow */
	testdb_sql("UPDATE clock_pin SET pinned_at = '2027-03-12 22:00 America/New_York'");
	long long t = ticket("premium", 1, 1, "2027-03-12 22:00");
	char q[256];
	snprintf(q, sizeof(q), "SELECT (first_response_due AT TIME ZONE 'America/New_York')::date || ' ' ||"
		 " (resolution_due AT TIME ZONE 'America/New_York')::date FROM tickets WHERE id = %lld", t);
	assert_rows(q, "2027-03-12 2027-03-13");
#define DUE_OF(col) "SELECT " col " FROM tickets WHERE id = (SELECT max(id) FROM tickets)"
	clock_at(DUE_OF("first_response_due - interval '1 microsecond'"));
	due_is("T's first response not yet due", "2|4 Basic Co:1/1;Premium Co:1/3");
	clock_at(DUE_OF("first_response_due"));
	due_is("T's first response due", "3|4 Basic Co:1/1;Premium Co:2/3");
	/* tomorrow: T's first response, due yesterday, is the rollup's */
	clock_at(DUE_OF("resolution_due - interval '1 microsecond'"));
	assert_rows("SELECT report_today()::text", "2027-03-13");
	due_is("T's resolution not yet due", "3|4 Basic Co:1/1;Premium Co:2/3");
	clock_at(DUE_OF("resolution_due"));
	due_is("T's resolution due", "3|5 Basic Co:1/1;Premium Co:2/4");
	testdb_sql("UPDATE clock_pin SET pinned_at = '2027-03-15 12:00 America/New_York'");
	due_is("Monday", "3|5 Basic Co:1/1;Premium Co:2/4");
	assert_rows(ROWS("first_response_past_due::text, resolution_past_due::text")
		    "report_sla('2027-03-13', '2027-03-13', 'total')", "0|1");

	/* acknowledged at last; waits on the customer after its deadline:
	 * still past due (the clock frozen after it) */
	change(t, "status = 'acknowledged', acknowledged_at = '2027-03-15 12:00'", "2027-03-15 12:00");
	due_is("T acknowledged", "2|5 Basic Co:1/1;Premium Co:1/4");
	change(t, "status = 'waiting_customer'", "2027-03-15 12:05");
	due_is("T waits", "2|5 Basic Co:1/1;Premium Co:1/4");
	/* U (premium 3, resolution due Thu 03-18 09:00) waits before its
	 * deadline: not past due when Thursday passes; it resumes Friday, its
	 * deadline moves on (the trigger sees it) and passes in turn */
	long long u = ticket("premium", 3, 2, "2027-03-15 09:00");
	change(u, "status = 'acknowledged', acknowledged_at = '2027-03-15 09:30'", "2027-03-15 09:30");
	change(u, "status = 'waiting_customer'", "2027-03-15 12:10");
	due_is("U waits", "2|5 Basic Co:1/1;Premium Co:1/4");
	testdb_sql("UPDATE clock_pin SET pinned_at = '2027-03-19 12:00 America/New_York'");
	char *fri = due_checked("Friday, U waiting");
	ck_assert_msg(strstr(fri, "Premium Co:1/4"), "%s", fri);
	free(fri);
	change(u, "status = 'in_progress'", "2027-03-19 12:00");
	free(due_checked("U resumes"));
	change(t, "status = 'in_progress'", "2027-03-19 12:05");
	free(due_checked("T resumes"));
	clock_at(DUE_OF("resolution_due - interval '1 microsecond'"));
	char *before = due_checked("U's new deadline not yet passed");
	ck_assert_msg(strstr(before, "Premium Co:1/4"), "%s", before);
	free(before);
	clock_at(DUE_OF("resolution_due + interval '1 day'"));
	char *passed = due_checked("U's new deadline passed");
	ck_assert_msg(strstr(passed, "Premium Co:1/5"), "%s", passed);
	free(passed);
	/* resolved, reopened */
	change(t, "status = 'resolved', resolved_at = '2027-03-19 13:00'", "2027-03-19 13:00");
	free(due_checked("T resolved"));
	change(t, "status = 'in_progress', resolved_at = NULL", "2027-03-19 14:00");
	free(due_checked("T reopened"));
	/* re-triage: severity, team, customer */
	change(5, "severity = 2", "2027-03-19 14:10");
	free(due_checked("T5 severity 2"));
	change(1, "team_id = 2", "2027-03-19 14:20");
	free(due_checked("T1 to team 2"));
	change(4, "customer_id = 2, contact_id = 2, plan = 'premium'", "2027-03-19 14:30");
	char *after = due_checked("T4 to Premium Co");
	/* a rebuild gives the same */
	testdb_sql("SELECT dashboard_rebuild()");
	char *rebuilt = due_checked("rebuilt");
	ck_assert_str_eq(rebuilt, after);
	free(rebuilt);
	free(after);

	/* a zone off by a half hour (Kolkata, UTC+5:30; New York is UTC-4
	 * from 03-14): today's first half hour is not a whole UTC hour and is
	 * counted live, the whole hours after it from the hourly rollups. A
	 * (premium 1, a first response in an hour) is due 03-20 00:20 there,
	 * in that half hour; B at 01:50, in the hour from 01:30; C at 03-19
	 * 23:45, the day before, in the same UTC hour as A. */
	testdb_sql("UPDATE calendars SET time_zone = 'Asia/Kolkata' WHERE is_default");
	testdb_sql("UPDATE clock_pin SET pinned_at = '2027-03-19 13:15 America/New_York'");
	ticket("premium", 1, 1, "2027-03-19 13:15");
	testdb_sql("UPDATE clock_pin SET pinned_at = '2027-03-19 13:50 America/New_York'");
	ticket("premium", 1, 1, "2027-03-19 13:50");
	testdb_sql("UPDATE clock_pin SET pinned_at = '2027-03-19 15:20 America/New_York'");
	ticket("premium", 1, 1, "2027-03-19 15:20");
	static const char *const at[][2] = {
		{ "2027-03-20 00:19:59 Asia/Kolkata", "0" }, { "2027-03-20 00:20 Asia/Kolkata", "1" },
		{ "2027-03-20 01:10 Asia/Kolkata", "1" }, { "2027-03-20 01:49:59 Asia/Kolkata", "1" },
		{ "2027-03-20 01:50 Asia/Kolkata", "2" }, { "2027-03-20 03:10 Asia/Kolkata", "2" },
		{ "2027-03-20 23:59 Asia/Kolkata", "2" },
	};
	for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		char sql[1024];
		snprintf(sql, sizeof(sql), "UPDATE clock_pin SET pinned_at = '%s'", at[i][0]);
		testdb_sql(sql);
		char *live = testdb_value(
			"SELECT count(*)::text FROM tickets t WHERE t.is_open AND t.first_response_outcome IS NULL"
			" AND t.acknowledged_at IS NULL AND t.resolved_at IS NULL AND t.first_response_due <= tt_now()"
			" AND t.first_response_due >= timestamptz '2027-03-20 00:00 Asia/Kolkata'"
			" AND t.first_response_due < timestamptz '2027-03-21 00:00 Asia/Kolkata'", 0, NULL);
		char *got = testdb_value("SELECT first_response_past_due::text FROM report_sla('2027-03-20', '2027-03-20', 'total')",
					 0, NULL);
		ck_assert_msg(!strcmp(got, at[i][1]) && !strcmp(live, at[i][1]),
			      "%s: report_sla %s, live %s, want %s", at[i][0], got, live, at[i][1]);
		free(live);
		free(got);
	}
	char *v = testdb_value(recount_diff, 0, NULL);
	ck_assert_msg(!strncmp(v, "0/0/0/0 of ", 11), "Kolkata: rollups differ from the recount: %s", v);
	free(v);
}
END_TEST

/* A reopen is an event of the week it happens: a closed week's figure
 * does not change. (Before sql/641, reopening a ticket took its
 * resolution back out of the week it was resolved in.) T resolved in the
 * week of 03-01 on time, reopened in the week of 03-08, resolved again
 * there late: the week of 03-01 keeps its met, the week of 03-08 counts
 * the late resolution; a re-triage moves both; the rollups equal a
 * recount and a rebuild. */
START_TEST(reopen_keeps_its_week)
{
	fixture();
	testdb_agent("lead", "engineer");
#define WEEK_RES ROWS("key, resolution_met::text, resolution_missed::text") \
	"report_sla('2027-03-01', '2027-03-12', 'week')"
	/* basic, severity 3: resolution due in 5 business days, Mon 03-08 09:00 */
	long long t = ticket("basic", 3, 1, "2027-03-01 09:00");
	change(t, "status = 'acknowledged', acknowledged_at = '2027-03-01 09:30'", "2027-03-01 09:30");
	change(t, "status = 'resolved', resolved_at = '2027-03-03 10:00'", "2027-03-03 10:00");
	assert_rows(WEEK_RES, "2027-03-01|1|0;2027-03-08|0|0");
	change(t, "status = 'in_progress', resolved_at = NULL", "2027-03-09 09:00");
	assert_rows(WEEK_RES, "2027-03-01|1|0;2027-03-08|0|0");
	assert_rows(ROWS("key, resolution_met::text") "report_sla('2027-03-01', '2027-03-07', 'total')", "|1");
	/* a customer's weekly figures keep it too */
	assert_rows(ROWS("resolution_met::text") "report_sla('2027-03-01', '2027-03-07', 'total', p_customer => 'Basic Co')",
		    "1");
	change(t, "status = 'resolved', resolved_at = '2027-03-10 10:00'", "2027-03-10 10:00");
	assert_rows(WEEK_RES, "2027-03-01|1|0;2027-03-08|0|1");
	/* reopened and resolved again the same week: one more */
	change(t, "status = 'in_progress', resolved_at = NULL", "2027-03-11 09:00");
	assert_rows(WEEK_RES, "2027-03-01|1|0;2027-03-08|0|1");
	change(t, "status = 'resolved', resolved_at = '2027-03-11 10:00'", "2027-03-11 10:00");
	assert_rows(WEEK_RES, "2027-03-01|1|0;2027-03-08|0|2");
	/* re-triage moves every resolution it counted, to the new team */
	change(t, "team_id = 2", "2027-03-11 11:00");
	assert_rows(ROWS("key, resolution_met::text, resolution_missed::text")
		    "report_sla('2027-03-01', '2027-03-12', 'team') WHERE resolution_met + resolution_missed > 0",
		    "app_support|1|2");
	char *v = testdb_value(recount_diff, 0, NULL);
	ck_assert_msg(!strncmp(v, "0/0/0/0 of ", 11), "rollups differ from the recount: %s", v);
	free(v);
	testdb_sql("SELECT dashboard_rebuild()");
	assert_rows(WEEK_RES, "2027-03-01|1|0;2027-03-08|0|2");
	v = testdb_value(recount_diff, 0, NULL);
	ck_assert_msg(!strncmp(v, "0/0/0/0 of ", 11), "rebuild differs from the recount: %s", v);
	free(v);
}
END_TEST

START_TEST(backlog_escalations_oldest)
{
	fixture();
	data_set();
	/* open, ages in business days (working days after the day created,
	 * up to today): T1 (sev 3, 4), T4 (sev 1, 2), T5 (sev 3, 28: 39
	 * calendar days less weekends and Presidents' Day), T6 (sev 2,
	 * today), T7 (sev 3, created last Friday: 5) */
	assert_rows(ROWS("key, total::text, age_0d::text, age_1_2d::text, age_3_6d::text, age_7_27d::text,"
			 " age_28d_plus::text") "report_backlog(NULL, NULL, 'severity')",
		    "1|1|0|1|0|0|0;2|1|1|0|0|0|0;3|3|0|0|2|0|1;4|0|0|0|0|0|0");
	assert_rows(ROWS("key, total::text") "report_backlog(NULL, NULL, 'team')", "app_support|3;anti_malvertising|2");
	assert_rows(ROWS("name, total::text") "report_backlog(NULL, NULL, 'customer')", "Premium Co|3;Basic Co|2");
	assert_rows(ROWS("key, total::text") "report_backlog('2027-03-01', NULL, 'total')", "|4");
	assert_rows(ROWS("key, total::text") "report_backlog(NULL, NULL, 'total', 'anti_malvertising', NULL, 3)", "|2");
	/* escalations: CSM T5 (2 days = 172800 s), COO T7 (3 hours = 10800 s) */
	assert_rows(ROWS("total::text, csm_open::text, csm_oldest_secs::text, coo_open::text, coo_oldest_secs::text,"
			 " ceo_open::text, ceo_oldest_secs::text") "report_escalations(NULL, NULL, 'total')",
		    "2|1|172800|1|10800|0|");
	assert_rows(ROWS("key, total::text") "report_escalations(NULL, NULL, 'team')",
		    "anti_malvertising|1;app_support|1");
	assert_rows(ROWS("total::text") "report_escalations(NULL, NULL, 'total', NULL, NULL, NULL, 'Basic Co')", "0");
	/* the oldest open tickets: T5, T7, T1, T4, T6 */
	assert_rows(ROWS("id::text, severity::text, age_secs::text") "report_oldest()",
		    "5|3|3376800;7|3|612000;1|3|356400;4|1|187200;6|2|10800");
	assert_rows(ROWS("id::text") "report_oldest(p_customer => 'Basic Co', max_rows => 1)", "4");
}
END_TEST

/* The backlog's ages are business days: the working days of the desk's
 * calendar after the day a ticket was created, up to today. Counted in
 * calendar days, a ticket of Friday evening read 3-6 days old on Monday
 * morning, and a long weekend made a week's tickets look a week older.
 * On Tuesday 2027-01-19, after Martin Luther King Day (Monday 01-18):
 *   A Fri 01-15 17:00: 1 (Tuesday; 4 calendar days)
 *   B Sat 01-16: 1 (3 calendar days)
 *   C Tue 01-19 09:00: created today
 *   D Wed 01-13: 3 (Thu, Fri, Tue; 6 calendar days)
 *   E Mon 01-11: 5 (8 calendar days)
 *   F Fri 2026-12-18: 19 (the weeks of Christmas and New Year's Day
 *     less the two holidays; 32 calendar days) */
START_TEST(backlog_business_days)
{
	fixture();
	testdb_sql("UPDATE clock_pin SET pinned_at = '2027-01-19 10:00 America/New_York'");
	ticket("premium", 3, 1, "2027-01-15 17:00");
	ticket("basic", 3, 1, "2027-01-16 11:00");
	ticket("premium", 2, 2, "2027-01-19 09:00");
	ticket("basic", 4, 2, "2027-01-13 15:00");
	ticket("premium", 4, 1, "2027-01-11 09:30");
	ticket("basic", 2, 1, "2026-12-18 12:00");
	assert_rows(ROWS("total::text, age_0d::text, age_1_2d::text, age_3_6d::text, age_7_27d::text,"
			 " age_28d_plus::text") "report_backlog(NULL, NULL, 'total')", "6|1|2|2|1|0");
	assert_rows(ROWS("key, total::text, age_0d::text, age_1_2d::text, age_3_6d::text, age_7_27d::text,"
			 " age_28d_plus::text") "report_backlog(NULL, NULL, 'severity')",
		    "1|0|0|0|0|0|0;2|2|1|0|0|1|0;3|2|0|2|0|0|0;4|2|0|0|2|0|0");
	/* the same counted ticket by ticket from the calendar's working days */
	assert_rows("SELECT string_agg(n::text, '|' ORDER BY b) FROM (SELECT CASE WHEN a = 0 THEN 0 WHEN a <= 2 THEN 1"
		    "  WHEN a <= 6 THEN 2 WHEN a <= 27 THEN 3 ELSE 4 END AS b, count(*) AS n FROM ("
		    "  SELECT (SELECT count(*) FROM calendar_days d JOIN calendars c ON c.id = d.calendar_id AND c.is_default"
		    "           WHERE d.day > (t.created_at AT TIME ZONE c.time_zone)::date AND d.day <= report_today()) AS a"
		    "    FROM tickets t WHERE t.is_open) x GROUP BY 1) y", "1|2|2|1");
	/* by customer (the other rollup) alike; on Saturday, Friday's
	 * ticket is under one business day old */
	assert_rows(ROWS("key, age_0d::text, age_1_2d::text, age_3_6d::text, age_7_27d::text")
		    "report_backlog(NULL, NULL, 'customer')", "1|0|1|1|1;2|1|1|1|0");
	testdb_sql("UPDATE clock_pin SET pinned_at = '2027-01-16 12:00 America/New_York'");
	assert_rows(ROWS("total::text, age_0d::text, age_1_2d::text, age_3_6d::text, age_7_27d::text")
		    "report_backlog(NULL, '2027-01-16', 'total')", "5|2|1|1|1");
}
END_TEST

START_TEST(rollups_equal_recount)
{
	fixture();
	/* 400 tickets over 60 days, every plan, severity and five teams */
	testdb_sql(
		"SELECT setseed(0.18);"
		"INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity,"
		"  title, description, impact, object_ids, member_id, repro_steps, browser, os, phone,"
		"  calendar_id, plan, created_at, updated_at)"
		" SELECT c.id, k.id, 1, 1 + g % 5, 1, 1 + (g / 2) % 4, 'title', 'd', 'i', '{42}', c.member_id, 's',"
		"  'Firefox 128', 'Linux 6.1', '+1 555 0100', c.calendar_id, c.plan,"
		"  timestamptz '2027-01-10 08:00 America/New_York' + g * interval '3 hours 37 minutes',"
		"  timestamptz '2027-01-10 08:00 America/New_York' + g * interval '3 hours 37 minutes'"
		"  FROM generate_series(1, 400) g JOIN customers c ON c.id = 1 + g % 2"
		"  JOIN contacts k ON k.customer_id = c.id;");
	/* acknowledge most, on time and late */
	testdb_sql("UPDATE tickets SET status = 'acknowledged',"
		   " acknowledged_at = created_at + (id % 7) * interval '50 minutes',"
		   " updated_at = created_at + (id % 7) * interval '50 minutes' WHERE id % 10 <> 0");
	/* emergencies: replies on time and late */
	testdb_sql("UPDATE tickets SET last_public_reply_at = acknowledged_at + (id % 5) * interval '45 minutes',"
		   " updated_at = acknowledged_at + (id % 5) * interval '45 minutes'"
		   " WHERE severity = 1 AND acknowledged_at IS NOT NULL");
	/* pause and resume */
	testdb_sql("UPDATE tickets SET status = 'waiting_customer', updated_at = acknowledged_at + interval '1 hour'"
		   " WHERE id % 4 = 1 AND acknowledged_at IS NOT NULL");
	testdb_sql("UPDATE tickets SET status = 'in_progress', updated_at = acknowledged_at + interval '1 day'"
		   " WHERE status = 'waiting_customer' AND id % 8 = 1");
	/* resolve, on time and late */
	testdb_sql("UPDATE tickets SET status = 'resolved',"
		   " resolved_at = greatest(created_at + (id % 9) * interval '11 hours', updated_at),"
		   " updated_at = greatest(created_at + (id % 9) * interval '11 hours', updated_at)"
		   " WHERE id % 3 <> 0 AND status <> 'waiting_customer'");
	/* re-triage: severity and team changes, open and decided tickets alike */
	testdb_sql("UPDATE tickets SET severity = 1 + severity % 4, updated_at = updated_at + interval '1 minute'"
		   " WHERE id % 11 = 0");
	testdb_sql("UPDATE tickets SET team_id = 1 + team_id % 5, updated_at = updated_at + interval '1 minute'"
		   " WHERE id % 13 = 0");
	/* reopen some, resolve a few of those again, close others */
	testdb_sql("UPDATE tickets SET status = 'in_progress', resolved_at = NULL, updated_at = updated_at + interval '2 days'"
		   " WHERE status = 'resolved' AND id % 7 = 2");
	testdb_sql("UPDATE tickets SET status = 'resolved', resolved_at = updated_at + interval '3 hours',"
		   " updated_at = updated_at + interval '3 hours' WHERE status = 'in_progress' AND id % 14 = 2");
	testdb_sql("UPDATE tickets SET status = 'closed', closed_at = updated_at + interval '1 day',"
		   " updated_at = updated_at + interval '1 day' WHERE status = 'resolved' AND id % 5 = 0");

	/* the workload reached every case */
	assert_rows("SELECT (count(*) FILTER (WHERE first_response_outcome = 'met') > 0"
		    "   AND count(*) FILTER (WHERE first_response_outcome = 'missed') > 0"
		    "   AND count(*) FILTER (WHERE resolution_outcome = 'met') > 0"
		    "   AND count(*) FILTER (WHERE resolution_outcome = 'missed') > 0"
		    "   AND sum(update_missed_count) > 0 AND count(*) FILTER (WHERE is_open) > 0"
		    "   AND count(*) FILTER (WHERE status = 'waiting_customer') > 0)::text FROM tickets", "true");
	assert_rows("SELECT (count(*) FILTER (WHERE outcome = 'met') > 0)::text FROM sla_update_outcomes", "true");
	/* every miss the SLA engine counted is a stored cadence outcome */
	assert_rows("SELECT count(*)::text FROM tickets t WHERE t.update_missed_count <>"
		    " (SELECT count(*) FROM sla_update_outcomes u WHERE u.ticket_id = t.id AND u.outcome = 'missed')", "0");
	char *v = testdb_value(recount_diff, 0, NULL);
	ck_assert_msg(!strncmp(v, "0/0/0/0 of ", 11), "rollups differ from the recount: %s", v);
	ck_assert_msg(strcmp(v, "0/0/0/0 of 0/0"), "empty recount");
	free(v);
	/* rebuilding from scratch gives the same tables */
	testdb_sql("CREATE TABLE before_sla AS SELECT * FROM sla_rollup WHERE met <> 0 OR missed <> 0;"
		   "SELECT dashboard_rebuild();");
	assert_rows("SELECT count(*)::text FROM ((TABLE before_sla EXCEPT TABLE sla_rollup)"
		    " UNION ALL (SELECT * FROM sla_rollup EXCEPT TABLE before_sla)) d", "0");
	v = testdb_value(recount_diff, 0, NULL);
	ck_assert_msg(!strncmp(v, "0/0/0/0 of ", 11), "rebuild differs from the recount: %s", v);
	free(v);
}
END_TEST

/* Agents read the reports; they cannot write the rollups. */
START_TEST(agents_read_only)
{
	fixture();
	data_set();
	struct db *db = testdb_open("lead");
	struct tt_error err;
	tt_error_init(&err);
	PGresult *r = db_query(db, "SELECT count(*) FROM report_sla(NULL, NULL, 'week')", 0, NULL, &err);
	ck_assert_ptr_nonnull(r);
	PQclear(r);
	r = db_exec(db, "UPDATE sla_rollup SET met = 0", 0, NULL, &err);
	ck_assert_ptr_null(r);
	ck_assert_int_eq(err.code, 77);
	tt_error_clear(&err);
	db_close(db);
	assert_rows("SELECT count(*)::text FROM security_violations()", "0");
}
END_TEST

/* The first paint's six statements go in one pipeline: the same figures
 * as the reports; a failing statement names its error, returns no result
 * and leaves the session usable. */
START_TEST(dash_load_pipelined)
{
	fixture();
	data_set();
	struct db *db = testdb_open("lead");
	struct tt_error err;
	struct dash d;
	struct report_filter f = { 0 };
	tt_error_init(&err);
	dash_init(&d);
	ck_assert_int_eq(dash_load(db, &f, &d, &err), 0);
	ck_assert_int_eq(d.nbacklog, 4);
	ck_assert_int_eq(d.levels[0].open, 1);
	ck_assert_int_eq(d.levels[0].oldest_secs, 172800);
	ck_assert_int_eq(d.levels[1].open, 1);
	ck_assert_int_eq(d.levels[1].oldest_secs, 10800);
	ck_assert_int_eq(d.levels[2].open, 0);
	ck_assert_int_gt(d.noldest, 0);
	dash_done(&d);

	const struct db_stmt stmts[3] = {
		{ "SELECT 1", 0, NULL, NULL },
		{ "SELECT 1/0", 0, NULL, NULL },
		{ "SELECT 3", 0, NULL, NULL },
	};
	PGresult *res[3];
	ck_assert_int_eq(db_query_many(db, 3, stmts, res, &err), 65);
	ck_assert_msg(strstr(err.message, "division by zero"), "%s", err.message);
	for (int i = 0; i < 3; i++)
		ck_assert_ptr_null(res[i]);
	tt_error_clear(&err);
	char *v = db_scalar(db, "SELECT 'still here'", 0, NULL, &err);
	ck_assert_str_eq(v, "still here");
	free(v);
	db_close(db);
}
END_TEST

START_TEST(report_cli)
{
	fixture();
	data_set();
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --by severity"), 0);
	const char *out = testdb_stdout();
	/* severity 1 runs round the clock, not in business hours */
	const char *s1 = strstr(out, "1 Critical");
	ck_assert_ptr_nonnull(s1);
	const char *eol = strchr(s1, '\n');
	ck_assert_ptr_nonnull(strstr(s1, "round the clock"));
	ck_assert_ptr_nonnull(eol);
	const char *biz = strstr(s1, "business");
	ck_assert_msg(!biz || biz > eol, "severity 1 labelled business: %s", out);
	ck_assert_ptr_nonnull(strstr(out, "2 Urgent"));
	ck_assert_ptr_nonnull(strstr(out, "100.0% 1/1"));
	/* a desk's real counts are never cut (a 16-cell cell made "1234567/12…") */
	testdb_sql("INSERT INTO sla_rollup (day, team_id, severity, plan, kind, met, missed)"
		   " SELECT (tt_now() AT TIME ZONE 'America/New_York')::date, id, 4, 'basic', 'resolution', 1234567, 89"
		   "   FROM teams ORDER BY id LIMIT 1"
		   " ON CONFLICT (day, team_id, severity, plan, kind) DO UPDATE SET met = 1234567, missed = 89");
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --by severity"), 0);
	out = testdb_stdout();
	ck_assert_msg(strstr(out, "\n4 Medium ") && strstr(out, "1234567/1234656 business hours\n"), "%s", out);
	ck_assert_ptr_null(strstr(out, "\u2026"));
	/* headers over their columns, figures right-aligned under them */
	ck_assert_int_eq(testdb_cli("lead", NULL, "report backlog"), 0);
	out = testdb_stdout();
	ck_assert_msg(strstr(out, "\n            total  <1 d  1-2 d  3-6 d  7-27 d  28+ d\n"
				  "1 Critical      1     0      1      0       0      0  "), "%s", out);

	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --by team --format json"), 0);
	out = testdb_stdout();
	ck_assert_ptr_nonnull(strstr(out, "\"report\" : \"sla\""));
	ck_assert_ptr_nonnull(strstr(out, "\"from\" : \"2026-12-21\""));
	ck_assert_ptr_nonnull(strstr(out, "{\"key\":\"anti_malvertising\",\"name\":\"Anti-Malvertising\",\"clock\":null,"
					  "\"first_response_met\":1,\"first_response_missed\":1,\"first_response_pct\":50.0,"));

	/* a customer's figures are kept by week: the title names the whole
	 * weeks they cover and says so; JSON names them too (2027-01-06 is a
	 * Wednesday, 2027-01-07 a Thursday) */
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --by customer --from 2027-01-06 --to 2027-01-07"), 0);
	out = testdb_stdout();
	ck_assert_msg(strstr(out, "from 2027-01-04 to 2027-01-10") &&
		      strstr(out, "they cover the whole weeks (Monday to Sunday) of the dates asked for"), "%s", out);
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --by team --from 2027-01-06 --to 2027-01-07"), 0);
	out = testdb_stdout();
	ck_assert_msg(strstr(out, "from 2027-01-06 to 2027-01-07") && !strstr(out, "whole weeks"), "%s", out);
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --customer 'Premium Co' --from 2027-01-06"
					  " --to 2027-01-07 --format json"), 0);
	out = testdb_stdout();
	ck_assert_msg(strstr(out, "\"from\" : \"2027-01-06\"") && strstr(out, "\"counted_from\" : \"2027-01-04\"") &&
		      strstr(out, "\"counted_to\" : \"2027-01-10\""), "%s", out);

	ck_assert_int_eq(testdb_cli("lead", NULL, "report backlog --format csv"), 0);
	out = testdb_stdout();
	ck_assert_str_eq(out, "key,name,total,age_0d,age_1_2d,age_3_6d,age_7_27d,age_28d_plus\r\n"
			      "1,Critical,1,0,1,0,0,0\r\n2,Urgent,1,1,0,0,0,0\r\n3,High,3,0,0,2,0,1\r\n"
			      "4,Medium,0,0,0,0,0,0\r\n");
	ck_assert_int_eq(testdb_cli("lead", NULL, "report escalations --format csv"), 0);
	ck_assert_str_eq(testdb_stdout(), "key,name,total,csm_open,csm_oldest_secs,coo_open,coo_oldest_secs,"
					  "ceo_open,ceo_oldest_secs\r\n,,2,1,172800,1,10800,0,\r\n");
	ck_assert_int_eq(testdb_cli("lead", NULL, "report escalations"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "2d 0h"));
	ck_assert_msg(strstr(testdb_stdout(), "             total  CSM        COO         CEO\n"
					      "all tickets      2  1 (2d 0h)  1 (3h 00m)  0 (-)\n"), "%s", testdb_stdout());
	ck_assert_int_eq(testdb_cli("lead", NULL, "report backlog --by customer"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "Premium Co"));
	/* a name a spreadsheet would take for a formula opens as text */
	testdb_sql("UPDATE customers SET name = '=HYPERLINK(\"http://x\")' WHERE name = 'Premium Co'");
	ck_assert_int_eq(testdb_cli("lead", NULL, "report backlog --by customer --format csv"), 0);
	ck_assert_msg(strstr(testdb_stdout(), ",\"'=HYPERLINK(\"\"http://x\"\")\","), "%s", testdb_stdout());
	testdb_sql("UPDATE customers SET name = 'Premium Co' WHERE name = '=HYPERLINK(\"http://x\")'");

	/* refusals name the field */
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --by month --team nope"), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "by: "));
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "team: "));
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --from 2027-03"), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "from: "));
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --from 2027-03-10 --to 2027-03-01"), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "from: "));
	/* a day that is not in the calendar is named as such, with its field
	 * (before: the server's "date/time field value out of range") */
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --from 2027-02-01 --to 2027-02-29"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "to: is no day of the calendar"), "%s", testdb_stderr());
	/* a period that has not begun (today is 2027-03-12) is refused as
	 * such (before: "the first day comes after the
	 * last" of a --from alone, and empty weeks, exit 0, of a period
	 * wholly ahead) */
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --from 2027-03-13"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "from: is after today"), "%s", testdb_stderr());
	ck_assert_int_eq(testdb_cli("lead", NULL, "report backlog --from 2027-04-01 --to 2027-04-30 --format csv"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "from: is after today"), "%s", testdb_stderr());
	/* with no first day, backlog and escalations count from the beginning */
	ck_assert_int_eq(testdb_cli("lead", NULL, "report escalations --to 2999-12-31 --format json"), 0);
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --from 2027-03-12"), 0);
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --from 2027-03-01 --to 2027-04-30"), 0);
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --from 2028-02-29 --to 2028-03-01"), 65);
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --from 2024-02-29 --to 2024-03-01"), 0);
	/* ten years at most (0001-01-01 to 9999-12-31 printed half a
	 * million weeks, or by customer hit the statement timeout: 75) */
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --from 0001-01-01 --to 9999-12-31 --by customer"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "from: is too long (the period may be at most 10 years; "
				"0001-01-01 to 9999-12-31 is 3652059 days)"), "%s", testdb_stderr());
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --from 2017-01-01"), 65);
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --from 2017-03-12 --format csv"), 0);
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --format xml"), 64);
	ck_assert_int_eq(testdb_cli("lead", NULL, "report nothing"), 64);
}
END_TEST

/* `report oldest`: the dashboard's oldest open tickets (report_oldest) for
 * a script, oldest first, as the other reports give their figures: text
 * (a title, a header, a line a ticket, in the reader's words), JSON built
 * by PostgreSQL and CSV with the stable keys as its header; filtered as
 * they are, --limit rows (10 unless told). A --limit that is no number
 * from 1 to 1000, a period or a grouping given to it, or a --limit given
 * to another report, is usage (64). The open tickets: T5 (39 days), T7,
 * T1, T4, T6 (3 hours). */
START_TEST(report_oldest_cli)
{
	fixture();
	data_set();
	ck_assert_int_eq(testdb_cli("lead", NULL, "report oldest"), 0);
	ck_assert_str_eq(testdb_stdout(),
		"Oldest open tickets (age since created)\n"
		"ticket  severity    age     SLA       status        customer    team               title\n"
		"5       3 High      39d 2h  breached  new           Premium Co  Anti-Malvertising  title\n"
		"7       3 High      7d 2h   breached  in progress   Premium Co  App Support        title\n"
		"1       3 High      4d 3h   breached  acknowledged  Premium Co  Anti-Malvertising  title\n"
		"4       1 Critical  2d 4h   breached  in progress   Basic Co    App Support        title\n"
		"6       2 Urgent    3h 00m  ok        new           Basic Co    App Support        title\n");
	ck_assert_int_eq(testdb_cli("lead", NULL, "report oldest --limit 2 --format json"), 0);
	ck_assert_str_eq(testdb_stdout(),
		"{\"report\" : \"oldest\", \"limit\" : 2, \"rows\" : [{\"id\":5,\"severity\":3,\"severity_name\":\"High\","
		"\"customer\":\"Premium Co\",\"team\":\"Anti-Malvertising\",\"status\":\"new\",\"sla_state\":\"breached\","
		"\"age_secs\":3376800,\"title\":\"title\"}, \n"
		" {\"id\":7,\"severity\":3,\"severity_name\":\"High\",\"customer\":\"Premium Co\",\"team\":\"App Support\","
		"\"status\":\"in_progress\",\"sla_state\":\"breached\",\"age_secs\":612000,\"title\":\"title\"}]}\n");
	ck_assert_int_eq(testdb_cli("lead", NULL, "report oldest --format csv --team app_support"), 0);
	ck_assert_str_eq(testdb_stdout(),
		"id,severity,severity_name,customer,team,status,sla_state,age_secs,title\r\n"
		"7,3,High,Premium Co,App Support,in_progress,breached,612000,title\r\n"
		"4,1,Critical,Basic Co,App Support,in_progress,breached,187200,title\r\n"
		"6,2,Urgent,Basic Co,App Support,new,ok,10800,title\r\n");
	/* the other filters, as the dashboard's */
	ck_assert_int_eq(testdb_cli("lead", NULL, "report oldest --format csv --customer 'Basic Co' --severity 2"), 0);
	ck_assert_str_eq(testdb_stdout(), "id,severity,severity_name,customer,team,status,sla_state,age_secs,title\r\n"
					  "6,2,Urgent,Basic Co,App Support,new,ok,10800,title\r\n");
	ck_assert_int_eq(testdb_cli("lead", NULL, "report oldest --json --plan basic --severity 4"), 0);
	ck_assert_str_eq(testdb_stdout(), "{\"report\" : \"oldest\", \"limit\" : 10, \"rows\" : []}\n");
	ck_assert_int_eq(testdb_cli("lead", NULL, "report oldest --plan basic --severity 4"), 0);
	ck_assert_str_eq(testdb_stdout(), "Oldest open tickets (age since created)\n(no open tickets)\n");
	/* a title a spreadsheet would take for a formula opens as text */
	testdb_sql("UPDATE tickets SET title = '=1+1, \"a\"' WHERE id = 6");
	ck_assert_int_eq(testdb_cli("lead", NULL, "report oldest --format csv --customer 'Basic Co' --severity 2"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\r\n6,2,Urgent,Basic Co,App Support,new,ok,10800,\"'=1+1, \"\"a\"\"\"\r\n"),
		      "%s", testdb_stdout());

	/* in Spanish: the words, and the team as the dashboard names it */
	char *lang = getenv("LANG") ? strdup(getenv("LANG")) : NULL;
	setenv("LANG", "es_ES.UTF-8", 1);
	int rc = testdb_cli("lead", NULL, "report oldest --limit 1 --team 'Soporte de Aplicaciones'");
	if (lang)
		setenv("LANG", lang, 1);
	else
		unsetenv("LANG");
	free(lang);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(testdb_stdout(),
		"Tickets abiertos más antiguos (antigüedad desde su creación)\n"
		"ticket  gravedad  antigüedad  ANS      estado    cliente     equipo                   título\n"
		"7       3 Alta    7d 2h       vencido  en curso  Premium Co  Soporte de Aplicaciones  title\n");

	/* usage: the number, and what does not apply */
	static const char *const usage[][2] = {
		{ "report oldest --limit 0", "--limit must be a number from 1 to 1000" },
		{ "report oldest --limit 1001", "--limit must be a number from 1 to 1000" },
		{ "report oldest --limit ten", "--limit must be a number from 1 to 1000" },
		{ "report oldest --limit", "option '--limit' needs a value" },
		{ "report oldest --from 2027-03-01", "report oldest takes no --from" },
		{ "report oldest --by team", "report oldest takes no --by" },
		{ "report backlog --limit 5", "report backlog takes no --limit" },
		{ "report oldest --limit 2 --limit 3", "--limit" },
		{ "report oldest --format xml", "unknown format 'xml'" },
	};
	for (size_t i = 0; i < sizeof(usage) / sizeof(usage[0]); i++) {
		rc = testdb_cli("lead", NULL, usage[i][0]);
		ck_assert_msg(rc == 64 && strstr(testdb_stderr(), usage[i][1]) && !*testdb_stdout(),
			      "%s: exit %d\nstderr: %s", usage[i][0], rc, testdb_stderr());
	}
	ck_assert_int_eq(testdb_cli("lead", NULL, "report oldest --team nope"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "team: "), "%s", testdb_stderr());
}
END_TEST

/* CSV a spreadsheet opens safely (OWASP, CSV Injection): no cell begins
 * with =, +, -, @, a tab, a CR or a line feed unless it is a plain signed
 * number, and a cell holding a semicolon (the separator of spreadsheets
 * in many languages) is quoted, so its rest never becomes a cell. */
START_TEST(csv_opens_as_text)
{
	static const struct {
		const char *name, *cell;
	} cases[] = {
		{ "\n=1+1 lf", ",\"'\n=1+1 lf\"," },     /* a line feed first */
		{ "\t5", ",\"'\t5\"," },                 /* a tab before a number */
		{ "\r-1", ",\"'\r-1\"," },               /* a CR before a number */
		{ "Acme;=1+1", ",\"Acme;=1+1\"," },        /* the separator of a semicolon CSV */
		{ "-5", ",-5," },                           /* a number stays a number */
		{ "- 5", ",\"'- 5\"," },                  /* a sign, then no number */
	};
	fixture();
	data_set();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *p[1] = { cases[i].name };
		free(testdb_value("UPDATE customers SET name = $1 WHERE member_id = 200 RETURNING id", 1, p));
		ck_assert_int_eq(testdb_cli("lead", NULL, "report backlog --by customer --format csv"), 0);
		ck_assert_msg(strstr(testdb_stdout(), cases[i].cell), "case %zu: want %s in\n%s", i, cases[i].cell,
			      testdb_stdout());
	}
}
END_TEST

/* The weekly trend of report sla's groups (sql/850): met and missed per
 * group and week from the rollups, and in the text one sparkline mark a
 * week and clock, in UTF-8 and in ASCII. Anti-Malvertising has, besides
 * T1 and T2 (first response 1 met and 1 missed, resolution 1 missed, all
 * the week of 03-08), 3 first responses met and 1 missed on 02-24 (the
 * week of 02-22), none the week of 03-01 between. Heights as the
 * dashboard's: 50% met or less the lowest (▁), 75% halfway (▄), 2 met of
 * 3 a third (▃), all met full (█). */
START_TEST(sla_trend)
{
	fixture();
	data_set();
	testdb_sql("INSERT INTO sla_rollup (day, team_id, severity, plan, kind, met, missed)"
		   " SELECT '2027-02-24', id, 2, 'premium', 'first_response', 3, 1 FROM teams WHERE key = 'anti_malvertising'");
#define TREND_COLS "key, week::text, first_response_met::text, first_response_missed::text," \
		   " coalesce(first_response_pct::text, '-'), update_met::text, update_missed::text," \
		   " resolution_met::text, resolution_missed::text"
	/* every week of the 12 for each group with figures, zeros elsewhere */
	assert_rows("SELECT count(*) || ' ' || min(week) || ' ' || max(week) FROM report_sla_trend(NULL, NULL, 'team')",
		    "24 2026-12-21 2027-03-08");
	assert_rows(ROWS(TREND_COLS) "report_sla_trend(NULL, NULL, 'team') WHERE week >= '2027-02-22'",
		    "anti_malvertising|2027-02-22|3|1|75.0|0|0|0|0;anti_malvertising|2027-03-01|0|0|-|0|0|0|0;"
		    "anti_malvertising|2027-03-08|1|1|50.0|0|0|0|1;app_support|2027-02-22|0|0|-|0|0|0|0;"
		    "app_support|2027-03-01|2|0|100.0|0|0|1|0;app_support|2027-03-08|1|0|100.0|2|1|1|0");
	/* the filters and the customers' whole weeks, as report_sla's: Premium
	 * Co's are T7's (03-01) and T1's and T2's (03-08), in team 1 only T1's
	 * and T2's; a period from a Wednesday starts with its week */
	assert_rows(ROWS("key, week::text, first_response_met::text, first_response_missed::text")
		    "report_sla_trend('2027-03-03', '2027-03-12', 'customer')",
		    "1|2027-03-01|1|0;1|2027-03-08|1|0;2|2027-03-01|1|0;2|2027-03-08|1|1");
	assert_rows(ROWS("key, week::text, first_response_met::text, first_response_missed::text")
		    "report_sla_trend('2027-03-01', '2027-03-12', 'customer', 'anti_malvertising')",
		    "2|2027-03-01|0|0;2|2027-03-08|1|1");
	assert_rows(ROWS("key, week::text, first_response_met::text")
		    "report_sla_trend('2027-03-01', '2027-03-12', 'plan', p_severity => 3)",
		    "basic|2027-03-01|1;basic|2027-03-08|0;premium|2027-03-01|1;premium|2027-03-08|1");
	assert_rows("SELECT count(*)::text FROM report_sla_trend(NULL, NULL, 'week')", "0");

	/* the text: a second table under the first, each row's weeks */
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --by team"), 0);
	const char *out = testdb_stdout();
	ck_assert_msg(strstr(out, "\n\nWeek by week from the week of 2026-12-21, one mark a week:\n"
				  "▁▂▃▄▅▆▇█ from half met or less to all met; a blank: nothing decided that week.\n"
				  "                   first response  update cadence  resolution\n"), "%s", out);
	ck_assert_msg(strstr(out, "\nAnti-Malvertising           ▄ ▁                               ▁\n"
				  "App Support                  ██               ▃              ██\n"), "%s", out);
	/* by severity every severity has its row, the empty one its name alone */
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --by severity --from 2027-03-01"), 0);
	out = testdb_stdout();
	ck_assert_msg(strstr(out, "one mark a week:\n▁▂▃▄▅▆▇█ from") &&
		      strstr(out, "\n1 Critical   █               ▃               █\n"
				  "2 Urgent     ▁                               ▁\n"
				  "3 High      ██                              █\n4 Medium\n") , "%s", out);
	/* by week no trend: each row is a week */
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla"), 0);
	ck_assert_msg(!strstr(testdb_stdout(), "Week by week"), "%s", testdb_stdout());

	/* ASCII when the terminal is not UTF-8 */
	unsetenv("LC_ALL");
	unsetenv("LC_CTYPE");
	setenv("LANG", "C", 1);
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --by team"), 0);
	out = testdb_stdout();
	ck_assert_msg(strstr(out, "\n_.-:=+*# from half met or less to all met; a blank: nothing decided that week.\n") &&
		      strstr(out, "\nAnti-Malvertising           : _                               _\n"
				  "App Support                  ##               -              ##\n"), "%s", out);
	setenv("LANG", "C.UTF-8", 1);

	/* JSON: each group's weeks in its row; CSV keeps its one row a group */
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --by team --from 2027-03-01 --format json"), 0);
	out = testdb_stdout();
	ck_assert_msg(strstr(out, "\"update_past_due\":0,\"weeks\":[{\"week\" : \"2027-03-01\", \"first_response_met\" : 0,") &&
		      strstr(out, "{\"week\" : \"2027-03-08\", \"first_response_met\" : 1, \"first_response_missed\" : 1, "
				  "\"first_response_pct\" : 50.0, \"update_met\" : 0, \"update_missed\" : 0, \"update_pct\" : null, "
				  "\"resolution_met\" : 0, \"resolution_missed\" : 1, \"resolution_pct\" : 0.0}]}"), "%s", out);
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --format json"), 0);
	ck_assert_msg(!strstr(testdb_stdout(), "\"weeks\""), "%s", testdb_stdout());
}
END_TEST

/* A team typed as the dashboard and the reports name it in the reader's
 * language ("Soporte de Aplicaciones", any letter case) filters as its
 * key does, and the report's rows by team carry that name. (The
 * database knows the English names only: the dashboard's team filter
 * refused the name on the screen, "team: no existe", and `report --by
 * team` named the teams in English under Spanish headings.) */
START_TEST(team_in_readers_language)
{
	fixture();
	data_set();
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANGUAGE");
	setenv("LANG", "es_ES.UTF-8", 1);
	i18n_init(NULL);
	ck_assert_str_eq(i18n_language(), "es");
	struct db *db = testdb_open("lead");
	struct tt_error err;
	struct dash by_key, by_name;
	struct report_filter f = { .team = "app_support" };
	tt_error_init(&err);
	dash_init(&by_key);
	dash_init(&by_name);
	ck_assert_int_eq(dash_load(db, &f, &by_key, &err), 0);
	f.team = "soporte de aplicaciones";
	ck_assert_msg(dash_load(db, &f, &by_name, &err) == 0, "%s", err.message ? err.message : "");
	ck_assert_int_eq(by_name.nbacklog, by_key.nbacklog);
	long long open = 0;
	for (int i = 0; i < by_key.nbacklog; i++) {
		ck_assert_int_eq(by_name.backlog[i].total, by_key.backlog[i].total);
		open += by_key.backlog[i].total;
	}
	ck_assert_int_eq(open, 3);   /* T3, T4 and T6 (moved to App Support) */
	ck_assert_int_eq(by_name.nteams, 1);
	ck_assert_str_eq(by_name.teams[0].key, "app_support");
	dash_done(&by_key);
	dash_done(&by_name);
	db_close(db);

	ck_assert_int_eq(testdb_cli("lead", NULL, "report backlog --by team --team 'Soporte de Aplicaciones'"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\nSoporte de Aplicaciones      3 "), "%s", testdb_stdout());
	ck_assert_int_eq(testdb_cli("lead", NULL, "report sla --by team --format csv --team 'SOPORTE DE APLICACIONES'"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\r\napp_support,App Support,"), "%s", testdb_stdout());
	setenv("LANG", "C.UTF-8", 1);
	i18n_init(NULL);
	/* an English reader names it in English only */
	ck_assert_int_eq(testdb_cli("lead", NULL, "report backlog --team 'Soporte de Aplicaciones'"), 65);
}
END_TEST

static Suite *dashboard_suite(void)
{
	Suite *s = suite_create("dashboard");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, sla_figures);
	tcase_add_test(tc, sla_past_due);
	tcase_add_test(tc, sla_past_due_cli);
	tcase_add_test(tc, past_due_from_rollups);
	tcase_add_test(tc, reopen_keeps_its_week);
	tcase_add_test(tc, backlog_escalations_oldest);
	tcase_add_test(tc, backlog_business_days);
	tcase_add_test(tc, rollups_equal_recount);
	tcase_add_test(tc, agents_read_only);
	tcase_add_test(tc, dash_load_pipelined);
	tcase_add_test(tc, report_cli);
	tcase_add_test(tc, report_oldest_cli);
	tcase_add_test(tc, csv_opens_as_text);
	tcase_add_test(tc, sla_trend);
	tcase_add_test(tc, team_in_readers_language);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(dashboard_suite)
