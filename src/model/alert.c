/* The query behind the emergency alert (see model/alert.h). */
#include "model/alert.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "util/xalloc.h"

/* The ticket's latest creation or re-triage event: by someone else, and
 * either the creation or a re-triage that changed the severity or the
 * team; the ticket now open, an emergency, in the caller's team. */
static const char check_sql[] =
	"SELECT t.title, c.name"
	"  FROM ticketty.tickets t"
	"  JOIN ticketty.severities s ON s.level = t.severity AND s.emergency"
	"  JOIN ticketty.customers c ON c.id = t.customer_id"
	"  JOIN LATERAL (SELECT e.kind, e.actor_id, e.details FROM ticketty.ticket_events e"
	"                 WHERE e.ticket_id = t.id AND e.kind IN ('created', 'retriage')"
	"                 ORDER BY e.id DESC LIMIT 1) ev ON true"
	" WHERE t.id = $1::bigint AND t.is_open"
	"   AND t.team_id = (SELECT a.team_id FROM ticketty.agents a"
	"                     WHERE a.id = ticketty.session_agent_id())"
	"   AND ev.actor_id IS DISTINCT FROM ticketty.session_agent_id()"
	"   AND (ev.kind = 'created' OR ev.details -> 'changes' ?| ARRAY['severity', 'team'])";

/* The newest event's id, and the tickets of the creation and re-triage
 * events after $1 (the latest $2 of them, oldest first); one row with
 * the id alone when there is none. ticket_events.id is the primary key:
 * the events after the mark are an index range. */
static const char since_sql[] =
	"SELECT (SELECT coalesce(max(id), 0) FROM ticketty.ticket_events), t.ticket_id"
	"  FROM (SELECT 1) one"
	"  LEFT JOIN LATERAL ("
	"    SELECT ev.ticket_id, max(ev.id) AS last FROM ticketty.ticket_events ev"
	"     WHERE $1::bigint >= 0 AND ev.id > $1::bigint AND ev.kind IN ('created', 'retriage')"
	"     GROUP BY ev.ticket_id ORDER BY last DESC LIMIT $2::int) t ON true"
	" ORDER BY t.last NULLS FIRST";

void alert_emergency_init(struct alert_emergency *a)
{
	memset(a, 0, sizeof(*a));
}

void alert_emergency_done(struct alert_emergency *a)
{
	free(a->title);
	free(a->customer);
	alert_emergency_init(a);
}

bool alert_kind_may_alert(const char *kind)
{
	return kind && (!strcmp(kind, "created") || !strcmp(kind, "retriage"));
}

int alert_emergency_check(struct db *db, long long ticket, bool *found, struct alert_emergency *out,
			  struct tt_error *err)
{
	char id[24];
	const char *params[1] = { id };

	*found = false;
	snprintf(id, sizeof(id), "%lld", ticket);
	PGresult *res = db_query(db, check_sql, 1, params, err);
	if (!res)
		return err->code ? err->code : EX_SOFTWARE;
	if (PQntuples(res) > 0) {
		*found = true;
		alert_emergency_done(out);
		out->ticket = ticket;
		out->title = xstrdup(PQgetvalue(res, 0, 0));
		out->customer = xstrdup(PQgetvalue(res, 0, 1));
	}
	PQclear(res);
	return 0;
}

int alert_events_since(struct db *db, long long *mark, long long *ids, int max, struct tt_error *err)
{
	char from[24], limit[16];
	const char *params[2] = { from, limit };

	snprintf(from, sizeof(from), "%lld", *mark);
	snprintf(limit, sizeof(limit), "%d", max);
	PGresult *res = db_query(db, since_sql, 2, params, err);
	if (!res)
		return -1;
	int n = 0;
	for (int i = 0; i < PQntuples(res); i++)
		if (!PQgetisnull(res, i, 1) && n < max)
			ids[n++] = strtoll(PQgetvalue(res, i, 1), NULL, 10);
	if (PQntuples(res) > 0)
		*mark = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return n;
}
