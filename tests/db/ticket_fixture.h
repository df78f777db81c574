/* Test fixture shared by the ticket suites: a customer with a SPOC
 * contact, and tickets inserted directly (as the superuser) in state
 * `new`, unassigned, routed to a team. The SLA columns are given explicit
 * values so the fixture works with or without the SLA triggers; every
 * instant is taken from tt_now() (pin it first: testdb_clock). */
#ifndef TICKETTY_TESTS_TICKET_FIXTURE_H
#define TICKETTY_TESTS_TICKET_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

#include "testdb.h"
#include "util/xalloc.h"

static inline void fixture_customer(void)
{
	testdb_sql(
		"INSERT INTO customers (name, member_id, plan, account_rep_name, account_rep_email)"
		" VALUES ('Acme Media', 4242, 'premium', 'Rita Rep', 'rita@example.com');"
		"INSERT INTO contacts (customer_id, name, email, phone, spoc)"
		" SELECT id, 'Carla Contact', 'carla@acme.example', '+1 555 0100', true"
		" FROM customers WHERE member_id = 4242;");
}

/* Inserts n tickets for team `team_key` (severity cycling 1..4); returns
 * the id of the first one (the others follow consecutively). */
static inline long long fixture_tickets(int n, const char *team_key)
{
	char nbuf[16];
	snprintf(nbuf, sizeof(nbuf), "%d", n);
	const char *p[2] = { nbuf, team_key };
	char *first = testdb_value(
		"WITH ins AS ("
		" INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id,"
		"  severity, title, description, impact, object_ids, member_id, repro_steps, browser, os,"
		"  phone, calendar_id, plan, created_at, first_response_due, resolution_due)"
		" SELECT c.id, ct.id, rt.id, tm.id, (SELECT min(id) FROM case_reasons),"
		"  1 + (g % 4), 'Ticket ' || g, 'Nothing renders', 'Campaign stopped', ARRAY['li-' || g],"
		"  4242, '1. open 2. look', 'Firefox 128.0', 'Windows 11 23H2', '+1 555 0100',"
		"  c.calendar_id, c.plan, tt_now() - interval '1 hour' + g * interval '1 ms',"
		"  tt_now() + interval '1 hour' + g * interval '1 second', tt_now() + interval '1 day'"
		" FROM generate_series(1, $1::int) g"
		" JOIN teams tm ON tm.key = $2"
		" JOIN LATERAL (SELECT id FROM request_types r WHERE r.team_id = tm.id ORDER BY position LIMIT 1) rt ON true"
		" CROSS JOIN customers c JOIN contacts ct ON ct.customer_id = c.id"
		" WHERE c.member_id = 4242"
		" ORDER BY g RETURNING id)"
		" SELECT min(id) FROM ins",
		2, p);
	long long id = first ? strtoll(first, NULL, 10) : 0;
	free(first);
	return id;
}

/* A single value as text for a ticket column expression: "status" etc. */
static inline char *fixture_col(long long id, const char *expr)
{
	char idbuf[24];
	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	const char *p[1] = { idbuf };
	char *sql = xasprintf("SELECT (%s)::text FROM tickets WHERE id = $1", expr);
	char *v = testdb_value(sql, 1, p);
	free(sql);
	return v;
}

#endif
