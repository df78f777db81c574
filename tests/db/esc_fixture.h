/* Shared fixture of the escalation, permission and notification suites:
 * one agent per role (two CSMs), a customer whose CSM is csm1, a SPOC
 * contact and three open tickets inserted directly as superuser, their
 * deadlines from tt_now(). */
#ifndef TICKETTY_TESTS_ESC_FIXTURE_H
#define TICKETTY_TESTS_ESC_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "testdb.h"

struct esc_fixture {
	int eng, csm1, csm2, coo, ceo, adm, pm, dev;
	long long t1, t2, t3;   /* open tickets of customer Acme (CSM csm1) */
};

static void esc_fixture_setup(struct esc_fixture *fx)
{
	testdb_create();
	testdb_clock("2026-11-18T15:00:00Z", TESTDB_CLOCK_RUNNING);   /* a Wednesday, 10:00 in New York */
	fx->eng = testdb_agent("esc_eng", "engineer");
	fx->csm1 = testdb_agent("esc_csm1", "csm");
	fx->csm2 = testdb_agent("esc_csm2", "csm");
	fx->coo = testdb_agent("esc_coo", "coo");
	fx->ceo = testdb_agent("esc_ceo", "ceo");
	fx->adm = testdb_agent("esc_adm", "admin");
	fx->pm = testdb_agent("esc_pm", "pm");
	fx->dev = testdb_agent("esc_dev", "developer");
	testdb_sql(
		"INSERT INTO customers (name, member_id, plan, csm_id, account_rep_name, account_rep_email)"
		" VALUES ('Acme Corp', 1001, 'premium', (SELECT id FROM agents WHERE login = 'esc_csm1'),"
		"         'Rita Rep', 'rita@example.com');"
		"INSERT INTO contacts (customer_id, name, email, spoc)"
		" SELECT id, 'Carl Contact', 'carl@acme.example', true FROM customers WHERE member_id = 1001;"
		"INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity,"
		"  title, description, impact, object_ids, member_id, repro_steps, browser, os, calendar_id,"
		"  plan, first_response_due, resolution_due)"
		" SELECT c.id, ct.id, rt.id, rt.team_id, (SELECT min(id) FROM case_reasons), 2,"
		"        'Placements render blank ' || g, 'Blank placements since noon', 'Revenue lost',"
		"        '{4711}', 1001, '1. open the page', 'Firefox 128.0', 'Windows 11 23H2',"
		"        default_calendar_id(), 'premium', tt_now() + interval '2 hours', tt_now() + interval '1 day'"
		"   FROM customers c JOIN contacts ct ON ct.customer_id = c.id"
		"   JOIN request_types rt ON rt.key = 'ad_serving', generate_series(1, 3) g"
		"  WHERE c.member_id = 1001 ORDER BY g");
	char *v = testdb_value("SELECT min(id) FROM tickets", 0, NULL);
	fx->t1 = atoll(v);
	free(v);
	fx->t2 = fx->t1 + 1;
	fx->t3 = fx->t1 + 2;
}

/* The first value of a query as superuser, compared with `want`. */
static void esc_expect(const char *sql, const char *want)
{
	char *v = testdb_value(sql, 0, NULL);
	ck_assert_msg(v && !strcmp(v, want), "%s\n  gave %s, wanted %s", sql, v ? v : "NULL", want);
	free(v);
}

#endif
