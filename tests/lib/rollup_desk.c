/* The rollup tests' desk (rollup_desk.h). */
#include "rollup_desk.h"

#include <stdio.h>
#include <stdlib.h>

#include "testdb.h"

void rollup_desk(void)
{
	testdb_create();
	testdb_sql(
		"INSERT INTO clock_pin (pinned_at, frozen) VALUES ('2027-03-12 12:00 America/New_York', true);"
		"INSERT INTO customers (name, member_id, plan) VALUES ('Basic Co', 100, 'basic'), ('Premium Co', 200, 'premium');"
		"INSERT INTO contacts (customer_id, name, email, spoc) VALUES (1, 'Ann', 'ann@basic.test', true),"
		" (2, 'Bob', 'bob@premium.test', true);");
}

long long rollup_desk_ticket(const char *plan, int sev, int team, const char *created)
{
	char s[8], t[8];
	snprintf(s, sizeof(s), "%d", sev);
	snprintf(t, sizeof(t), "%d", team);
	const char *p[4] = { plan, s, created, t };
	char *id = testdb_value(
		"INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity,"
		"  title, description, impact, object_ids, member_id, repro_steps, browser, os, phone,"
		"  calendar_id, plan, created_at, updated_at)"
		" SELECT c.id, k.id, 1, $4::smallint, 1, $2::smallint, 'title', 'desc', 'impact', '{42}', c.member_id,"
		"  'steps', 'Firefox 128', 'Linux 6.1', '+1 555 0100', c.calendar_id, c.plan,"
		"  ($3::timestamp AT TIME ZONE 'America/New_York'), ($3::timestamp AT TIME ZONE 'America/New_York')"
		"  FROM customers c JOIN contacts k ON k.customer_id = c.id WHERE c.plan = $1::plan_kind"
		" RETURNING id", 4, p);
	long long v = atoll(id);
	free(id);
	return v;
}
