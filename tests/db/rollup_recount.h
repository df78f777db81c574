/* The dashboard's rollups (sql/090_dashboard_rollups.sql) against a full
 * recount from the tickets: recount_diff returns "a/b/c/d of n/m", the
 * rows that differ in sla_rollup, sla_rollup_customer (with
 * sla_rollup_customer_week), backlog_rollup_customer and backlog_rollup,
 * then the sizes of the recounts. Resolutions a reopen took back count on
 * their day (sql/641). The pending deadlines (sql/700: open, undecided,
 * on the day each falls due; the resolution clock frozen while waiting;
 * an open emergency's update, sql/720) count with the first two:
 * sla_pending and sla_pending_hour (by UTC hour) with sla_rollup,
 * sla_pending_customer and sla_pending_customer_hour with the customer
 * tables. Used by test_dashboard (after a mixed
 * workload) and test_seed (after a bulk load). */
#ifndef TICKETTY_TESTS_ROLLUP_RECOUNT_H
#define TICKETTY_TESTS_ROLLUP_RECOUNT_H

static const char recount_diff[] =
	"WITH z AS (SELECT report_zone() AS tz),"
	" f AS ("
	"  SELECT t.customer_id, t.team_id, t.severity, t.plan, 'first_response'::sla_kind AS kind,"
	"         (coalesce(t.acknowledged_at, t.first_response_due) AT TIME ZONE z.tz)::date AS day,"
	"         (t.first_response_outcome = 'met')::int AS met, (t.first_response_outcome = 'missed')::int AS missed"
	"    FROM tickets t, z WHERE t.first_response_outcome IS NOT NULL"
	"  UNION ALL"
	"  SELECT t.customer_id, t.team_id, t.severity, t.plan, 'resolution', (t.resolved_at AT TIME ZONE z.tz)::date,"
	"         (t.resolution_outcome = 'met')::int, (t.resolution_outcome = 'missed')::int"
	"    FROM tickets t, z WHERE t.resolution_outcome IS NOT NULL"
	"  UNION ALL"
	"  SELECT t.customer_id, t.team_id, t.severity, t.plan, 'resolution', (h.at AT TIME ZONE z.tz)::date,"
	"         (h.outcome = 'met')::int, (h.outcome = 'missed')::int"
	"    FROM sla_resolution_outcomes h JOIN tickets t ON t.id = h.ticket_id, z"
	"  UNION ALL"
	"  SELECT t.customer_id, t.team_id, t.severity, t.plan, 'update', (u.at AT TIME ZONE z.tz)::date,"
	"         (u.outcome = 'met')::int, (u.outcome = 'missed')::int"
	"    FROM sla_update_outcomes u JOIN tickets t ON t.id = u.ticket_id, z),"
	" p0 AS ("
	"  SELECT t.customer_id, t.first_response_due AS due, t.team_id, t.severity, t.plan,"
	"         'first_response'::sla_kind AS kind"
	"    FROM tickets t WHERE t.is_open AND t.first_response_outcome IS NULL AND t.acknowledged_at IS NULL"
	"     AND t.resolved_at IS NULL AND t.first_response_due IS NOT NULL"
	"  UNION ALL"
	"  SELECT t.customer_id, t.resolution_due, t.team_id, t.severity, t.plan, 'resolution'"
	"    FROM tickets t WHERE t.is_open AND t.resolved_at IS NULL AND t.resolution_due IS NOT NULL"
	"     AND (t.waiting_since IS NULL OR t.waiting_since >= t.resolution_due)"
	"  UNION ALL"
	"  SELECT t.customer_id, t.update_due, t.team_id, t.severity, t.plan, 'update'"
	"    FROM tickets t WHERE t.is_open AND t.resolved_at IS NULL AND t.update_due IS NOT NULL),"
	" p AS (SELECT p0.*, (p0.due AT TIME ZONE z.tz)::date AS day,"
	"              date_trunc('hour', p0.due AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour FROM p0, z),"
	" want_pc AS (SELECT customer_id, day, team_id, severity, plan, kind, count(*)::int AS pending"
	"              FROM p GROUP BY 1, 2, 3, 4, 5, 6),"
	" have_pch AS (SELECT hour, customer_id, team_id, severity, plan, kind, pending FROM sla_pending_customer_hour"
	"               WHERE pending <> 0),"
	" want_pch AS (SELECT hour, customer_id, team_id, severity, plan, kind, count(*)::int AS pending"
	"               FROM p GROUP BY 1, 2, 3, 4, 5, 6),"
	" have_ph AS (SELECT hour, team_id, severity, plan, kind, pending FROM sla_pending_hour WHERE pending <> 0),"
	" want_ph AS (SELECT hour, team_id, severity, plan, kind, count(*)::int AS pending FROM p GROUP BY 1, 2, 3, 4, 5),"
	" have_pc AS (SELECT customer_id, day, team_id, severity, plan, kind, pending FROM sla_pending_customer"
	"              WHERE pending <> 0),"
	" want_p AS (SELECT day, team_id, severity, plan, kind, sum(pending)::int AS pending FROM want_pc"
	"             GROUP BY 1, 2, 3, 4, 5),"
	" have_p AS (SELECT day, team_id, severity, plan, kind, pending FROM sla_pending WHERE pending <> 0),"
	" want_sla AS (SELECT day, team_id, severity, plan, kind, sum(met)::int AS met, sum(missed)::int AS missed"
	"               FROM f GROUP BY 1, 2, 3, 4, 5),"
	" have_sla AS (SELECT day, team_id, severity, plan, kind, met, missed FROM sla_rollup"
	"               WHERE met <> 0 OR missed <> 0),"
	" want_cust AS (SELECT date_trunc('week', day)::date AS week, customer_id, team_id, severity, plan, kind,"
	"                      sum(met)::int AS met, sum(missed)::int AS missed FROM f GROUP BY 1, 2, 3, 4, 5, 6),"
	" have_cust AS (SELECT week, customer_id, team_id, severity, plan, kind, met, missed FROM sla_rollup_customer"
	"                WHERE met <> 0 OR missed <> 0),"
	" want_cw AS (SELECT week, customer_id, kind, sum(met)::int AS met, sum(missed)::int AS missed"
	"              FROM want_cust GROUP BY 1, 2, 3),"
	" have_cw AS (SELECT week, customer_id, kind, met, missed FROM sla_rollup_customer_week"
	"              WHERE met <> 0 OR missed <> 0),"
	" want_bl AS (SELECT t.customer_id, (t.created_at AT TIME ZONE z.tz)::date AS day, t.team_id, t.severity,"
	"                    t.plan, count(*)::int AS open FROM tickets t, z WHERE t.is_open GROUP BY 1, 2, 3, 4, 5),"
	" have_bl AS (SELECT customer_id, day, team_id, severity, plan, open FROM backlog_rollup_customer WHERE open <> 0),"
	" want_bl2 AS (SELECT day, team_id, severity, plan, sum(open)::int AS open FROM want_bl GROUP BY 1, 2, 3, 4),"
	" have_bl2 AS (SELECT day, team_id, severity, plan, open FROM backlog_rollup WHERE open <> 0)"
	" SELECT ((SELECT count(*) FROM (TABLE want_sla EXCEPT TABLE have_sla) a)"
	"       + (SELECT count(*) FROM (TABLE have_sla EXCEPT TABLE want_sla) a)"
	"       + (SELECT count(*) FROM (TABLE want_p EXCEPT TABLE have_p) a)"
	"       + (SELECT count(*) FROM (TABLE have_p EXCEPT TABLE want_p) a)"
	"       + (SELECT count(*) FROM (TABLE want_ph EXCEPT TABLE have_ph) a)"
	"       + (SELECT count(*) FROM (TABLE have_ph EXCEPT TABLE want_ph) a)) || '/' ||"
	"        ((SELECT count(*) FROM (TABLE want_cust EXCEPT TABLE have_cust) a)"
	"       + (SELECT count(*) FROM (TABLE have_cust EXCEPT TABLE want_cust) a)"
	"       + (SELECT count(*) FROM (TABLE want_cw EXCEPT TABLE have_cw) a)"
	"       + (SELECT count(*) FROM (TABLE have_cw EXCEPT TABLE want_cw) a)"
	"       + (SELECT count(*) FROM (TABLE want_pc EXCEPT TABLE have_pc) a)"
	"       + (SELECT count(*) FROM (TABLE have_pc EXCEPT TABLE want_pc) a)"
	"       + (SELECT count(*) FROM (TABLE want_pch EXCEPT TABLE have_pch) a)"
	"       + (SELECT count(*) FROM (TABLE have_pch EXCEPT TABLE want_pch) a)) || '/' ||"
	"        ((SELECT count(*) FROM (TABLE want_bl EXCEPT TABLE have_bl) a)"
	"       + (SELECT count(*) FROM (TABLE have_bl EXCEPT TABLE want_bl) a)) || '/' ||"
	"        ((SELECT count(*) FROM (TABLE want_bl2 EXCEPT TABLE have_bl2) a)"
	"       + (SELECT count(*) FROM (TABLE have_bl2 EXCEPT TABLE want_bl2) a)) || ' of ' ||"
	"        (SELECT count(*) FROM want_sla) || '/' || (SELECT count(*) FROM want_bl)";

#endif
