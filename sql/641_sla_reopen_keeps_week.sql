-- 641_sla_reopen_keeps_week.sql: a reopen moved an earlier week's figure.
-- A ticket resolved in week 1 and reopened in week 3 lost its resolution
-- outcome (010 clears resolution_outcome with resolved_at) and the rollup
-- trigger (090) took the week-1 met or missed back out: a closed week's
-- share changed after the fact, two weeks later, with no trace of why.
--
-- Now a resolution, once counted, stays on its day: the reopen keeps it in
-- sla_resolution_outcomes (the resolution it took back, with its instant
-- and outcome) and the rollups keep counting it there. The reopen is an
-- event of the week it happens: from then on the ticket is open again
-- (its running deadline counts as past due when it passes, 640), and
-- resolving it again counts one more resolution outcome, on the day of
-- that resolution. The resolution figures thus count resolutions, as the
-- cadence counts update periods: a ticket resolved twice counts twice.
-- As every figure, kept ones follow the ticket's current team, customer,
-- severity and plan (re-triage moves them, history included).
-- dashboard_facts, tickets_dashboard and dashboard_rebuild (090) are
-- replaced whole.

SELECT set_config('search_path', 'ticketty', true);

CREATE TABLE sla_resolution_outcomes (
    id        bigserial PRIMARY KEY,
    ticket_id bigint NOT NULL REFERENCES tickets,
    at        timestamptz NOT NULL,
    outcome   sla_outcome NOT NULL
);
CREATE INDEX sla_resolution_outcomes_ticket_idx ON sla_resolution_outcomes (ticket_id);
COMMENT ON TABLE sla_resolution_outcomes IS
    'Each resolution a reopen took back (its resolved_at and outcome), still counted on its day. Written by a trigger (641).';

-- What one ticket contributes: SLA outcomes (kind, day, met, missed) and
-- its place in the backlog (kind NULL, day created, open = 1). Cadence
-- outcomes (sla_update_outcomes) and the resolutions reopens took back
-- (sla_resolution_outcomes, 641) come when `with_updates`.
CREATE OR REPLACE FUNCTION dashboard_facts(t tickets, z text, with_updates boolean)
    RETURNS TABLE (kind sla_kind, day date, met int, missed int, open int)
    LANGUAGE sql STABLE
    -- no SET clause, every name qualified: the trigger's query inlines it
    -- (a SET clause made it a function scan, planned again for every row)
AS $$
    SELECT 'first_response'::ticketty.sla_kind,
           (coalesce(t.acknowledged_at, t.first_response_due) AT TIME ZONE z)::date,
           (t.first_response_outcome = 'met')::int, (t.first_response_outcome = 'missed')::int, 0
     WHERE t.first_response_outcome IS NOT NULL
    UNION ALL
    SELECT 'resolution', (t.resolved_at AT TIME ZONE z)::date,
           (t.resolution_outcome = 'met')::int, (t.resolution_outcome = 'missed')::int, 0
     WHERE t.resolution_outcome IS NOT NULL AND t.resolved_at IS NOT NULL
    UNION ALL
    SELECT NULL, (t.created_at AT TIME ZONE z)::date, 0, 0, 1
     WHERE t.is_open
    UNION ALL
    SELECT 'update', (u.at AT TIME ZONE z)::date,
           (u.outcome = 'met')::int, (u.outcome = 'missed')::int, 0
      FROM ticketty.sla_update_outcomes u
     WHERE with_updates AND u.ticket_id = t.id
    UNION ALL
    SELECT 'resolution', (h.at AT TIME ZONE z)::date,
           (h.outcome = 'met')::int, (h.outcome = 'missed')::int, 0
      FROM ticketty.sla_resolution_outcomes h
     WHERE with_updates AND h.ticket_id = t.id
$$;

CREATE OR REPLACE FUNCTION tickets_dashboard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    -- report_zone(), read here: a call of it is planned anew in every
    -- transaction, and this runs for every ticket written
    z    text := coalesce((SELECT c.time_zone FROM calendars c WHERE c.is_default), 'UTC');
    f    record;
    c    record;
    moved boolean := TG_OP = 'UPDATE'
                     AND (OLD.team_id, OLD.customer_id, OLD.severity, OLD.plan)
                         IS DISTINCT FROM (NEW.team_id, NEW.customer_id, NEW.severity, NEW.plan);
BEGIN
    -- what changed, as signed facts per rollup key (no-ops dropped), in key order
    FOR f IN
        SELECT x.customer_id, x.team_id, x.severity, x.plan, x.kind, x.day,
               sum(x.met)::int AS met, sum(x.missed)::int AS missed, sum(x.open)::int AS open
          FROM (SELECT OLD.customer_id, OLD.team_id, OLD.severity, OLD.plan, d.kind, d.day,
                       -d.met AS met, -d.missed AS missed, -d.open AS open
                  FROM dashboard_facts(OLD, z, moved OR TG_OP = 'DELETE') d
                 WHERE TG_OP <> 'INSERT'
                UNION ALL
                SELECT NEW.customer_id, NEW.team_id, NEW.severity, NEW.plan, d.kind, d.day,
                       d.met, d.missed, d.open
                  FROM dashboard_facts(NEW, z, moved) d
                 WHERE TG_OP <> 'DELETE') x
         GROUP BY 1, 2, 3, 4, 5, 6
        HAVING sum(x.met) <> 0 OR sum(x.missed) <> 0 OR sum(x.open) <> 0
         ORDER BY 5 NULLS FIRST, 6, 2, 3, 4, 1
    LOOP
        PERFORM dashboard_add(f.customer_id, f.team_id, f.severity, f.plan, f.kind, f.day,
                              f.met, f.missed, f.open);
    END LOOP;
    -- a reopen: the resolution it takes back stays counted on its day
    -- (the loop above took it out with the ticket's outcome; it is kept
    -- and added back, under the ticket's keys as they are now)
    IF TG_OP = 'UPDATE' AND OLD.resolution_outcome IS NOT NULL AND OLD.resolved_at IS NOT NULL
       AND NEW.resolved_at IS NULL THEN
        INSERT INTO sla_resolution_outcomes (ticket_id, at, outcome)
        VALUES (NEW.id, OLD.resolved_at, OLD.resolution_outcome);
        PERFORM dashboard_add(NEW.customer_id, NEW.team_id, NEW.severity, NEW.plan, 'resolution',
                              (OLD.resolved_at AT TIME ZONE z)::date,
                              (OLD.resolution_outcome = 'met')::int, (OLD.resolution_outcome = 'missed')::int, 0);
    END IF;
    IF TG_OP = 'UPDATE' THEN
        c := dashboard_cadence(OLD, NEW);
        IF c.outcome IS NOT NULL THEN
            INSERT INTO sla_update_outcomes (ticket_id, at, outcome) VALUES (NEW.id, c.at, c.outcome);
            PERFORM dashboard_add(NEW.customer_id, NEW.team_id, NEW.severity, NEW.plan, 'update',
                                  (c.at AT TIME ZONE z)::date,
                                  (c.outcome = 'met')::int, (c.outcome = 'missed')::int, 0);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

-- Recounts every rollup from the tickets, the stored cadence outcomes and
-- the resolutions reopens took back
-- (set-based: used after bulk loads with triggers off, and when the
-- report zone changes). Owner only.
CREATE OR REPLACE FUNCTION dashboard_rebuild() RETURNS void
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    z text := report_zone();
BEGIN
    TRUNCATE sla_rollup, sla_rollup_customer, sla_rollup_customer_week, backlog_rollup,
             backlog_rollup_customer;
    CREATE TEMP TABLE dashboard_f ON COMMIT DROP AS
    SELECT t.customer_id, t.team_id, t.severity, t.plan, f.kind, f.day, f.met, f.missed
      FROM tickets t
     CROSS JOIN LATERAL (
            SELECT 'first_response'::sla_kind AS kind,
                   (coalesce(t.acknowledged_at, t.first_response_due) AT TIME ZONE z)::date AS day,
                   (t.first_response_outcome = 'met')::int AS met,
                   (t.first_response_outcome = 'missed')::int AS missed
             WHERE t.first_response_outcome IS NOT NULL
            UNION ALL
            SELECT 'resolution', (t.resolved_at AT TIME ZONE z)::date,
                   (t.resolution_outcome = 'met')::int, (t.resolution_outcome = 'missed')::int
             WHERE t.resolution_outcome IS NOT NULL AND t.resolved_at IS NOT NULL) f
    UNION ALL
    SELECT t.customer_id, t.team_id, t.severity, t.plan, 'update', (u.at AT TIME ZONE z)::date,
           (u.outcome = 'met')::int, (u.outcome = 'missed')::int
      FROM sla_update_outcomes u JOIN tickets t ON t.id = u.ticket_id
    UNION ALL
    SELECT t.customer_id, t.team_id, t.severity, t.plan, 'resolution', (h.at AT TIME ZONE z)::date,
           (h.outcome = 'met')::int, (h.outcome = 'missed')::int
      FROM sla_resolution_outcomes h JOIN tickets t ON t.id = h.ticket_id;
    INSERT INTO sla_rollup (day, team_id, severity, plan, kind, met, missed)
    SELECT day, team_id, severity, plan, kind, sum(met), sum(missed)
      FROM dashboard_f GROUP BY 1, 2, 3, 4, 5;
    INSERT INTO sla_rollup_customer (week, customer_id, team_id, severity, plan, kind, met, missed)
    SELECT date_trunc('week', day)::date, customer_id, team_id, severity, plan, kind, sum(met), sum(missed)
      FROM dashboard_f GROUP BY 1, 2, 3, 4, 5, 6;
    INSERT INTO sla_rollup_customer_week (week, customer_id, kind, met, missed)
    SELECT date_trunc('week', day)::date, customer_id, kind, sum(met), sum(missed)
      FROM dashboard_f GROUP BY 1, 2, 3;
    DROP TABLE dashboard_f;
    INSERT INTO backlog_rollup (day, team_id, severity, plan, open)
    SELECT (t.created_at AT TIME ZONE z)::date, t.team_id, t.severity, t.plan, count(*)
      FROM tickets t WHERE t.is_open GROUP BY 1, 2, 3, 4;
    INSERT INTO backlog_rollup_customer (customer_id, day, team_id, severity, plan, open)
    SELECT t.customer_id, (t.created_at AT TIME ZONE z)::date, t.team_id, t.severity, t.plan, count(*)
      FROM tickets t WHERE t.is_open GROUP BY 1, 2, 3, 4, 5;
    -- live escalations per level (160_escalation_rollup.sql)
    PERFORM escalation_rollup_rebuild();
END
$$;
