-- 700_sla_past_due_rollups.sql: the past-due figures of `report sla` and
-- the dashboard (640) through the rollups. 640 counted them live, one
-- range scan of the overdue deadlines per week of the period: their cost
-- grew with the overdue tickets (~670,000 in 12 weeks at 10 million at
-- the demo's proportion, ~0.5 s against issue 19's 100 ms).
--
-- A PENDING deadline is a fact of one ticket, as its outcomes are, on the
-- day (report zone) the deadline falls due:
--   first response: open, first_response_outcome NULL, not acknowledged,
--     not resolved, first_response_due set;
--   resolution: open, not resolved, resolution_due set, and not waiting
--     on the customer, or waiting since the deadline or after (the clock is
--     frozen at waiting_since: a waiting ticket not yet overdue is not
--     pending; when it stops waiting its resolution_due moves, and the
--     trigger sees the new one).
-- It is kept in tables of their own, sla_pending (day x team x severity
-- x plan x clock) and sla_pending_customer (the same by customer, by DAY,
-- not week: today's deadlines must be told from the rest of the week's),
-- and the same per UTC hour due (sla_pending_hour,
-- sla_pending_customer_hour: whole UTC hours are whole hours of every
-- zone's day but a half-hour zone's first). They hold only the open,
-- undecided tickets, so they stay the size of the backlog's tables, and
-- the outcome tables (and whatever reads them whole) are left as they were.
--
-- report_sla then counts as past due, for each day of the period before
-- today, the pending deadlines of that day (a deadline of an earlier day
-- has passed), and for today those of its whole hours past; only the hour
-- running (and a half-hour zone's first half hour) is counted live, up to
-- now, on 640's partial indexes. Today's overdue deadlines are many where
-- the queue is the newest tickets (3,111 of 13,425 in the demo), so they
-- are not counted live whole. Same figures as 640's.
--
-- dashboard_facts and dashboard_add (090, 641) gain the pending column
-- (dropped and created), tickets_dashboard (641) passes it on, its update
-- trigger also fires on resolution_due and waiting_since,
-- dashboard_rebuild (641) recounts the new tables, tickets_after_insert
-- (650) writes a new ticket's pending deadlines inline (one upsert per
-- table) and report_sla (640) reads them. All replaced whole.

SELECT set_config('search_path', 'ticketty', true);

CREATE TABLE sla_pending (
    day      date NOT NULL,
    team_id  smallint NOT NULL,
    severity smallint NOT NULL,
    plan     plan_kind NOT NULL,
    kind     sla_kind NOT NULL,
    pending  int NOT NULL DEFAULT 0,
    PRIMARY KEY (day, team_id, severity, plan, kind)
);
CREATE TABLE sla_pending_customer (
    customer_id int NOT NULL,
    day         date NOT NULL,
    team_id     smallint NOT NULL,
    severity    smallint NOT NULL,
    plan        plan_kind NOT NULL,
    kind        sla_kind NOT NULL,
    pending     int NOT NULL DEFAULT 0,
    PRIMARY KEY (customer_id, day, team_id, severity, plan, kind)
);
CREATE INDEX sla_pending_customer_day_idx ON sla_pending_customer (day) INCLUDE (customer_id, kind, pending);
-- the same per hour (UTC hours: whole hours are the same instants in every
-- zone), for today's: report_sla reads today's whole hours past from them
CREATE TABLE sla_pending_hour (
    hour     timestamptz NOT NULL,
    team_id  smallint NOT NULL,
    severity smallint NOT NULL,
    plan     plan_kind NOT NULL,
    kind     sla_kind NOT NULL,
    pending  int NOT NULL DEFAULT 0,
    PRIMARY KEY (hour, team_id, severity, plan, kind)
);
CREATE TABLE sla_pending_customer_hour (
    hour        timestamptz NOT NULL,
    customer_id int NOT NULL,
    team_id     smallint NOT NULL,
    severity    smallint NOT NULL,
    plan        plan_kind NOT NULL,
    kind        sla_kind NOT NULL,
    pending     int NOT NULL DEFAULT 0,
    PRIMARY KEY (hour, customer_id, team_id, severity, plan, kind)
);
COMMENT ON TABLE sla_pending IS
    'Deadlines not yet decided of open tickets, per day they fall due; maintained by triggers (700).';
COMMENT ON TABLE sla_pending_customer IS
    'Deadlines not yet decided of open tickets, per customer and day they fall due; maintained by triggers (700).';
COMMENT ON TABLE sla_pending_hour IS
    'Deadlines not yet decided of open tickets, per (UTC) hour they fall due; maintained by triggers (700).';
COMMENT ON TABLE sla_pending_customer_hour IS
    'Deadlines not yet decided of open tickets, per (UTC) hour and customer; maintained by triggers (700).';

DROP FUNCTION dashboard_facts(tickets, text, boolean);
DROP FUNCTION dashboard_add(int, smallint, smallint, plan_kind, sla_kind, date, int, int, int);

-- What one ticket contributes: SLA outcomes (kind, day, met, missed), its
-- place in the backlog (kind NULL, day created, open = 1) and its pending
-- deadlines (kind, day due, pending = 1, and the UTC hour due; see above). Cadence outcomes
-- (sla_update_outcomes) and the resolutions reopens took back
-- (sla_resolution_outcomes, 641) come when `with_updates`.
CREATE FUNCTION dashboard_facts(t tickets, z text, with_updates boolean)
    RETURNS TABLE (kind sla_kind, day date, met int, missed int, open int, pending int, hour timestamptz)
    LANGUAGE sql STABLE
    -- no SET clause, every name qualified: the trigger's query inlines it
    -- (a SET clause made it a function scan, planned again for every row)
AS $$
    SELECT 'first_response'::ticketty.sla_kind,
           (coalesce(t.acknowledged_at, t.first_response_due) AT TIME ZONE z)::date,
           (t.first_response_outcome = 'met')::int, (t.first_response_outcome = 'missed')::int, 0, 0,
           NULL::timestamptz
     WHERE t.first_response_outcome IS NOT NULL
    UNION ALL
    SELECT 'resolution', (t.resolved_at AT TIME ZONE z)::date,
           (t.resolution_outcome = 'met')::int, (t.resolution_outcome = 'missed')::int, 0, 0, NULL
     WHERE t.resolution_outcome IS NOT NULL AND t.resolved_at IS NOT NULL
    UNION ALL
    SELECT NULL, (t.created_at AT TIME ZONE z)::date, 0, 0, 1, 0, NULL
     WHERE t.is_open
    UNION ALL
    SELECT 'first_response', (t.first_response_due AT TIME ZONE z)::date, 0, 0, 0, 1,
           date_bin('1 hour', t.first_response_due, timestamptz '2000-01-01 00:00+00')
     WHERE t.is_open AND t.first_response_outcome IS NULL AND t.acknowledged_at IS NULL
       AND t.resolved_at IS NULL AND t.first_response_due IS NOT NULL
    UNION ALL
    SELECT 'resolution', (t.resolution_due AT TIME ZONE z)::date, 0, 0, 0, 1,
           date_bin('1 hour', t.resolution_due, timestamptz '2000-01-01 00:00+00')
     WHERE t.is_open AND t.resolved_at IS NULL AND t.resolution_due IS NOT NULL
       AND (t.waiting_since IS NULL OR t.waiting_since >= t.resolution_due)
    UNION ALL
    SELECT 'update', (u.at AT TIME ZONE z)::date,
           (u.outcome = 'met')::int, (u.outcome = 'missed')::int, 0, 0, NULL
      FROM ticketty.sla_update_outcomes u
     WHERE with_updates AND u.ticket_id = t.id
    UNION ALL
    SELECT 'resolution', (h.at AT TIME ZONE z)::date,
           (h.outcome = 'met')::int, (h.outcome = 'missed')::int, 0, 0, NULL
      FROM ticketty.sla_resolution_outcomes h
     WHERE with_updates AND h.ticket_id = t.id
$$;

-- Adds facts (signed) to the rollups: the backlog's two, or the outcome
-- tables (met, missed) then the pending ones (p_hour: the UTC hour due),
-- each in key order.
CREATE FUNCTION dashboard_add(p_customer int, p_team smallint, p_sev smallint, p_plan plan_kind,
                              p_kind sla_kind, p_day date, p_met int, p_missed int, p_open int,
                              p_pending int, p_hour timestamptz)
    RETURNS void
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_week date := date_trunc('week', p_day)::date;   -- the customer tables' key
BEGIN
    IF p_kind IS NULL THEN
        INSERT INTO backlog_rollup AS r (day, team_id, severity, plan, open)
        VALUES (p_day, p_team, p_sev, p_plan, p_open)
        ON CONFLICT (day, team_id, severity, plan) DO UPDATE SET open = r.open + EXCLUDED.open;
        INSERT INTO backlog_rollup_customer AS r (customer_id, day, team_id, severity, plan, open)
        VALUES (p_customer, p_day, p_team, p_sev, p_plan, p_open)
        ON CONFLICT (customer_id, day, team_id, severity, plan) DO UPDATE SET open = r.open + EXCLUDED.open;
        RETURN;
    END IF;
    IF p_met <> 0 OR p_missed <> 0 THEN
        INSERT INTO sla_rollup AS r (day, team_id, severity, plan, kind, met, missed)
        VALUES (p_day, p_team, p_sev, p_plan, p_kind, p_met, p_missed)
        ON CONFLICT (day, team_id, severity, plan, kind)
        DO UPDATE SET met = r.met + EXCLUDED.met, missed = r.missed + EXCLUDED.missed;
        INSERT INTO sla_rollup_customer AS r (week, customer_id, team_id, severity, plan, kind, met, missed)
        VALUES (v_week, p_customer, p_team, p_sev, p_plan, p_kind, p_met, p_missed)
        ON CONFLICT (customer_id, week, team_id, severity, plan, kind)
        DO UPDATE SET met = r.met + EXCLUDED.met, missed = r.missed + EXCLUDED.missed;
        INSERT INTO sla_rollup_customer_week AS r (week, customer_id, kind, met, missed)
        VALUES (v_week, p_customer, p_kind, p_met, p_missed)
        ON CONFLICT (week, customer_id, kind)
        DO UPDATE SET met = r.met + EXCLUDED.met, missed = r.missed + EXCLUDED.missed;
    END IF;
    IF p_pending <> 0 THEN
        INSERT INTO sla_pending AS r (day, team_id, severity, plan, kind, pending)
        VALUES (p_day, p_team, p_sev, p_plan, p_kind, p_pending)
        ON CONFLICT (day, team_id, severity, plan, kind) DO UPDATE SET pending = r.pending + EXCLUDED.pending;
        INSERT INTO sla_pending_customer AS r (customer_id, day, team_id, severity, plan, kind, pending)
        VALUES (p_customer, p_day, p_team, p_sev, p_plan, p_kind, p_pending)
        ON CONFLICT (customer_id, day, team_id, severity, plan, kind)
        DO UPDATE SET pending = r.pending + EXCLUDED.pending;
        INSERT INTO sla_pending_hour AS r (hour, team_id, severity, plan, kind, pending)
        VALUES (p_hour, p_team, p_sev, p_plan, p_kind, p_pending)
        ON CONFLICT (hour, team_id, severity, plan, kind) DO UPDATE SET pending = r.pending + EXCLUDED.pending;
        INSERT INTO sla_pending_customer_hour AS r (hour, customer_id, team_id, severity, plan, kind, pending)
        VALUES (p_hour, p_customer, p_team, p_sev, p_plan, p_kind, p_pending)
        ON CONFLICT (hour, customer_id, team_id, severity, plan, kind)
        DO UPDATE SET pending = r.pending + EXCLUDED.pending;
    END IF;
END
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
    -- what changed, as signed facts per rollup key (no-ops dropped), in key
    -- order: outcomes and pending deadlines alike (700)
    FOR f IN
        SELECT x.customer_id, x.team_id, x.severity, x.plan, x.kind, x.day, x.hour,
               sum(x.met)::int AS met, sum(x.missed)::int AS missed, sum(x.open)::int AS open,
               sum(x.pending)::int AS pending
          FROM (SELECT OLD.customer_id, OLD.team_id, OLD.severity, OLD.plan, d.kind, d.day,
                       -d.met AS met, -d.missed AS missed, -d.open AS open, -d.pending AS pending, d.hour
                  FROM dashboard_facts(OLD, z, moved OR TG_OP = 'DELETE') d
                 WHERE TG_OP <> 'INSERT'
                UNION ALL
                SELECT NEW.customer_id, NEW.team_id, NEW.severity, NEW.plan, d.kind, d.day,
                       d.met, d.missed, d.open, d.pending, d.hour
                  FROM dashboard_facts(NEW, z, moved) d
                 WHERE TG_OP <> 'DELETE') x
         GROUP BY 1, 2, 3, 4, 5, 6, 7
        HAVING sum(x.met) <> 0 OR sum(x.missed) <> 0 OR sum(x.open) <> 0 OR sum(x.pending) <> 0
         ORDER BY 5 NULLS FIRST, 6, 7, 2, 3, 4, 1
    LOOP
        PERFORM dashboard_add(f.customer_id, f.team_id, f.severity, f.plan, f.kind, f.day,
                              f.met, f.missed, f.open, f.pending, f.hour);
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
                              (OLD.resolution_outcome = 'met')::int, (OLD.resolution_outcome = 'missed')::int, 0, 0, NULL);
    END IF;
    IF TG_OP = 'UPDATE' THEN
        c := dashboard_cadence(OLD, NEW);
        IF c.outcome IS NOT NULL THEN
            INSERT INTO sla_update_outcomes (ticket_id, at, outcome) VALUES (NEW.id, c.at, c.outcome);
            PERFORM dashboard_add(NEW.customer_id, NEW.team_id, NEW.severity, NEW.plan, 'update',
                                  (c.at AT TIME ZONE z)::date,
                                  (c.outcome = 'met')::int, (c.outcome = 'missed')::int, 0, 0, NULL);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

-- The update trigger also fires on what the pending deadlines read
-- (resolution_due, waiting_since).
DROP TRIGGER tickets_dashboard_update ON tickets;
CREATE TRIGGER tickets_dashboard_update
    AFTER UPDATE ON tickets
    FOR EACH ROW
    WHEN ((OLD.team_id, OLD.customer_id, OLD.severity, OLD.plan, OLD.created_at, OLD.is_open,
           OLD.first_response_outcome, OLD.acknowledged_at, OLD.first_response_due,
           OLD.resolution_outcome, OLD.resolved_at, OLD.last_public_reply_at,
           OLD.resolution_due, OLD.waiting_since)
          IS DISTINCT FROM
          (NEW.team_id, NEW.customer_id, NEW.severity, NEW.plan, NEW.created_at, NEW.is_open,
           NEW.first_response_outcome, NEW.acknowledged_at, NEW.first_response_due,
           NEW.resolution_outcome, NEW.resolved_at, NEW.last_public_reply_at,
           NEW.resolution_due, NEW.waiting_since))
    EXECUTE FUNCTION tickets_dashboard();

-- Recounts every rollup from the tickets, the stored cadence outcomes and
-- the resolutions reopens took back, and the pending deadlines
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
             backlog_rollup_customer, sla_pending, sla_pending_customer, sla_pending_hour,
             sla_pending_customer_hour;
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
    -- the pending deadlines (700), by the rule of dashboard_facts
    CREATE TEMP TABLE dashboard_p ON COMMIT DROP AS
    SELECT t.customer_id, (p.due AT TIME ZONE z)::date AS day,
           date_bin('1 hour', p.due, timestamptz '2000-01-01 00:00+00') AS hour,
           t.team_id, t.severity, t.plan, p.kind, count(*)::int AS pending
      FROM tickets t
     CROSS JOIN LATERAL (
            SELECT 'first_response'::sla_kind AS kind, t.first_response_due AS due
             WHERE t.first_response_outcome IS NULL AND t.acknowledged_at IS NULL
               AND t.first_response_due IS NOT NULL
            UNION ALL
            SELECT 'resolution', t.resolution_due
             WHERE t.resolution_due IS NOT NULL
               AND (t.waiting_since IS NULL OR t.waiting_since >= t.resolution_due)) p
     WHERE t.is_open AND t.resolved_at IS NULL
     GROUP BY 1, 2, 3, 4, 5, 6, 7;
    INSERT INTO sla_pending_customer (customer_id, day, team_id, severity, plan, kind, pending)
    SELECT customer_id, day, team_id, severity, plan, kind, sum(pending)
      FROM dashboard_p GROUP BY 1, 2, 3, 4, 5, 6;
    INSERT INTO sla_pending (day, team_id, severity, plan, kind, pending)
    SELECT day, team_id, severity, plan, kind, sum(pending)
      FROM dashboard_p GROUP BY 1, 2, 3, 4, 5;
    INSERT INTO sla_pending_customer_hour (hour, customer_id, team_id, severity, plan, kind, pending)
    SELECT hour, customer_id, team_id, severity, plan, kind, sum(pending)
      FROM dashboard_p GROUP BY 1, 2, 3, 4, 5, 6;
    INSERT INTO sla_pending_hour (hour, team_id, severity, plan, kind, pending)
    SELECT hour, team_id, severity, plan, kind, sum(pending)
      FROM dashboard_p GROUP BY 1, 2, 3, 4, 5;
    DROP TABLE dashboard_p;
    -- live escalations per level (160_escalation_rollup.sql)
    PERFORM escalation_rollup_rebuild();
END
$$;

CREATE OR REPLACE FUNCTION tickets_after_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_ab       tsvector;
    v_customer text;
    v_contact  text;
    z          text;
    v_fr_due   timestamptz;
    v_res_due  timestamptz;
BEGIN
    -- search (070, 650): a new ticket has no message yet, so its two
    -- vectors are its fields (search_fields_doc(NEW) and
    -- search_fields_doc(NEW, false), the same words at the same
    -- positions), each part parsed once for both rows (search_refresh()
    -- plans its chain of SQL functions on every call)
    v_ab := setweight(search_words(
                          concat_ws(' ', NEW.id, NEW.title, array_to_string(NEW.object_ids, ' '),
                                    NEW.member_id, NEW.bidder_id, NEW.creative_id, NEW.bug_ref)), 'A')
         || setweight(search_words(concat_ws(' ', NEW.description, NEW.impact, NEW.repro_steps)), 'B');
    SELECT cu.name, (SELECT concat_ws(' ', co.name, co.email) FROM contacts co WHERE co.id = NEW.contact_id)
      INTO v_customer, v_contact
      FROM customers cu WHERE cu.id = NEW.customer_id;
    INSERT INTO ticket_search (ticket_id, customer_id, is_open, created_at, doc)
    VALUES (NEW.id, NEW.customer_id, NEW.is_open, NEW.created_at,
            v_ab || setweight(search_words(concat_ws(' ', v_customer, v_contact)), 'C'));
    INSERT INTO ticket_search_shared (ticket_id, customer_id, is_open, created_at, doc)
    VALUES (NEW.id, NEW.customer_id, NEW.is_open, NEW.created_at,
            v_ab || setweight(search_words(concat_ws(' ', v_customer)), 'C'));

    -- dashboard (090, 700): the facts of dashboard_facts(NEW, zone, false),
    -- the backlog (kind NULL) first. Each is one met, one missed, one open
    -- or one pending, never zero. The backlog and the pending deadlines,
    -- the common case, are written here; the rare outcomes of a ticket
    -- inserted already decided go through dashboard_add.
    IF NEW.is_open OR NEW.first_response_outcome IS NOT NULL OR NEW.resolution_outcome IS NOT NULL THEN
        -- report_zone(), read inline (a call of it is planned per transaction)
        z := coalesce((SELECT c.time_zone FROM calendars c WHERE c.is_default), 'UTC');
    END IF;
    IF NEW.is_open THEN
        INSERT INTO backlog_rollup AS r (day, team_id, severity, plan, open)
        VALUES ((NEW.created_at AT TIME ZONE z)::date, NEW.team_id, NEW.severity, NEW.plan, 1)
        ON CONFLICT (day, team_id, severity, plan) DO UPDATE SET open = r.open + EXCLUDED.open;
        INSERT INTO backlog_rollup_customer AS r (customer_id, day, team_id, severity, plan, open)
        VALUES (NEW.customer_id, (NEW.created_at AT TIME ZONE z)::date, NEW.team_id, NEW.severity, NEW.plan, 1)
        ON CONFLICT (customer_id, day, team_id, severity, plan) DO UPDATE SET open = r.open + EXCLUDED.open;
    END IF;
    -- the pending deadlines (700), as dashboard_facts counts them: one
    -- upsert per table, both clocks in it (kinds apart, so no row twice)
    IF NEW.is_open AND NEW.resolved_at IS NULL THEN
        v_fr_due := CASE WHEN NEW.first_response_outcome IS NULL AND NEW.acknowledged_at IS NULL
                         THEN NEW.first_response_due END;
        v_res_due := CASE WHEN NEW.waiting_since IS NULL OR NEW.waiting_since >= NEW.resolution_due
                          THEN NEW.resolution_due END;
        INSERT INTO sla_pending AS r (day, team_id, severity, plan, kind, pending)
        SELECT (d.due AT TIME ZONE z)::date, NEW.team_id, NEW.severity, NEW.plan, d.kind, 1
          FROM (VALUES ('first_response'::sla_kind, v_fr_due), ('resolution'::sla_kind, v_res_due)) d (kind, due)
         WHERE d.due IS NOT NULL
        ON CONFLICT (day, team_id, severity, plan, kind) DO UPDATE SET pending = r.pending + EXCLUDED.pending;
        INSERT INTO sla_pending_customer AS r (customer_id, day, team_id, severity, plan, kind, pending)
        SELECT NEW.customer_id, (d.due AT TIME ZONE z)::date, NEW.team_id, NEW.severity, NEW.plan, d.kind, 1
          FROM (VALUES ('first_response'::sla_kind, v_fr_due), ('resolution'::sla_kind, v_res_due)) d (kind, due)
         WHERE d.due IS NOT NULL
        ON CONFLICT (customer_id, day, team_id, severity, plan, kind)
        DO UPDATE SET pending = r.pending + EXCLUDED.pending;
        INSERT INTO sla_pending_hour AS r (hour, team_id, severity, plan, kind, pending)
        SELECT date_bin('1 hour', d.due, timestamptz '2000-01-01 00:00+00'), NEW.team_id, NEW.severity, NEW.plan,
               d.kind, 1
          FROM (VALUES ('first_response'::sla_kind, v_fr_due), ('resolution'::sla_kind, v_res_due)) d (kind, due)
         WHERE d.due IS NOT NULL
        ON CONFLICT (hour, team_id, severity, plan, kind) DO UPDATE SET pending = r.pending + EXCLUDED.pending;
        INSERT INTO sla_pending_customer_hour AS r (hour, customer_id, team_id, severity, plan, kind, pending)
        SELECT date_bin('1 hour', d.due, timestamptz '2000-01-01 00:00+00'), NEW.customer_id, NEW.team_id,
               NEW.severity, NEW.plan, d.kind, 1
          FROM (VALUES ('first_response'::sla_kind, v_fr_due), ('resolution'::sla_kind, v_res_due)) d (kind, due)
         WHERE d.due IS NOT NULL
        ON CONFLICT (hour, customer_id, team_id, severity, plan, kind)
        DO UPDATE SET pending = r.pending + EXCLUDED.pending;
    END IF;
    IF NEW.first_response_outcome IS NOT NULL THEN
        PERFORM dashboard_add(NEW.customer_id, NEW.team_id, NEW.severity, NEW.plan, 'first_response',
                              (coalesce(NEW.acknowledged_at, NEW.first_response_due) AT TIME ZONE z)::date,
                              (NEW.first_response_outcome = 'met')::int,
                              (NEW.first_response_outcome = 'missed')::int, 0, 0, NULL);
    END IF;
    IF NEW.resolution_outcome IS NOT NULL AND NEW.resolved_at IS NOT NULL THEN
        PERFORM dashboard_add(NEW.customer_id, NEW.team_id, NEW.severity, NEW.plan, 'resolution',
                              (NEW.resolved_at AT TIME ZONE z)::date,
                              (NEW.resolution_outcome = 'met')::int,
                              (NEW.resolution_outcome = 'missed')::int, 0, 0, NULL);
    END IF;

    -- SLA (010): a ticket inserted already waiting on the customer gets its
    -- pause row
    IF NEW.waiting_since IS NOT NULL THEN
        INSERT INTO sla_pauses (ticket_id, started_at, clock)
        VALUES (NEW.id, NEW.waiting_since, coalesce(NEW.resolution_clock, 'wall'));
    END IF;
    RETURN NULL;
END
$$;

-- SLA attainment per group: met and missed of each clock, and the share met
-- (percent, one decimal; NULL when nothing was decided). For severity rows,
-- `clock` is the clock of its first-response target (wall = round the
-- clock, business, or mixed when the plans differ). Groups by team and
-- customer come most breaches first (then by key); `max_rows` keeps the first ones.
-- first_response_past_due and resolution_past_due: the deadlines of that
-- clock past due now and not decided, on the day each passed (see 640):
-- the pending deadlines (700) of the period's days before today and of
-- today's whole hours past, and the rest of today counted live up to now.
CREATE OR REPLACE FUNCTION report_sla(p_from date, p_to date, p_by text, p_team text DEFAULT NULL,
                           p_plan text DEFAULT NULL, p_severity int DEFAULT NULL,
                           p_customer text DEFAULT NULL, max_rows int DEFAULT NULL)
    RETURNS TABLE (key text, name text, clock text,
                   first_response_met bigint, first_response_missed bigint, first_response_pct numeric,
                   update_met bigint, update_missed bigint, update_pct numeric,
                   resolution_met bigint, resolution_missed bigint, resolution_pct numeric,
                   first_response_past_due bigint, resolution_past_due bigint)
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    f      report_filter := report_args(p_from, p_to, p_by, p_team, p_plan, p_severity, p_customer);
    v_cust boolean := f.customer_id IS NOT NULL OR p_by = 'customer';
    -- by customer (or for one) with no team, plan or severity filter and
    -- no grouping by them: the narrow weekly table does
    v_narrow boolean := v_cust AND p_by IN ('customer', 'week', 'total')
                        AND f.team_id IS NULL AND f.plan IS NULL AND f.severity IS NULL;
    z      text := report_zone();
    v_now  timestamptz := tt_now();
    -- the instants the period covers (a customer's: whole weeks)
    v_lo   timestamptz := (CASE WHEN v_cust THEN date_trunc('week', f.date_from)::date ELSE f.date_from END)
                          ::timestamp AT TIME ZONE z;
    v_hi   timestamptz := (CASE WHEN v_cust THEN date_trunc('week', f.date_to)::date + 7 ELSE f.date_to + 1 END)
                          ::timestamp AT TIME ZONE z;
    -- today (report zone): the deadlines of the days before, all passed,
    -- are the daily pending rollups'; today's, from its start (or the
    -- period's) to now, are the hourly ones' for the whole (UTC) hours
    -- past, and counted live for the rest: the hour now running, and in a
    -- zone off by a half hour the part of today before its first whole hour
    v_today date := (v_now AT TIME ZONE z)::date;
    v_l    timestamptz := greatest(v_today::timestamp AT TIME ZONE z, v_lo);
    v_h    timestamptz := least(v_hi, v_now + interval '1 microsecond');
    v_cl   timestamptz := date_bin('1 hour', v_l - interval '1 microsecond', timestamptz '2000-01-01 00:00+00')
                          + interval '1 hour';     -- the first whole hour's start
    v_fl   timestamptz := date_bin('1 hour', v_h, timestamptz '2000-01-01 00:00+00');   -- the hour running
BEGIN
    RETURN QUERY
    WITH spans AS (
        -- where the past-due deadlines are counted live: today's part of
        -- the period before its first whole hour, and the hour running up
        -- to now (none when the period does not hold today)
        SELECT v_l AS lo, least(v_cl, v_h) AS hi WHERE v_l < least(v_cl, v_h)
        UNION ALL
        SELECT greatest(v_fl, v_cl), v_h WHERE greatest(v_fl, v_cl) < v_h
    ), src AS (
        SELECT r.day, r.team_id, r.severity, r.plan, NULL::int AS customer_id, r.kind, r.met, r.missed,
               0 AS due
          FROM sla_rollup r
         WHERE NOT v_cust AND r.day BETWEEN f.date_from AND f.date_to
        UNION ALL
        SELECT r.week, r.team_id, r.severity, r.plan, r.customer_id, r.kind, r.met, r.missed, 0
          FROM sla_rollup_customer r
         WHERE v_cust AND NOT v_narrow
           AND r.week BETWEEN date_trunc('week', f.date_from)::date AND f.date_to
           AND (f.customer_id IS NULL OR r.customer_id = f.customer_id)
        UNION ALL
        SELECT r.week, NULL, NULL, NULL, r.customer_id, r.kind, r.met, r.missed, 0
          FROM sla_rollup_customer_week r
         WHERE v_narrow AND r.week BETWEEN date_trunc('week', f.date_from)::date AND f.date_to
           AND (f.customer_id IS NULL OR r.customer_id = f.customer_id)
        UNION ALL
        -- past due, the days before today: the pending deadlines of those
        -- days (700), by day, not by customer
        SELECT r.day, r.team_id, r.severity, r.plan, NULL::int, r.kind, 0, 0, r.pending
          FROM sla_pending r
         WHERE NOT v_cust AND r.day >= f.date_from AND r.day <= f.date_to AND r.day < v_today
        UNION ALL
        -- ... by customer (whole weeks)
        SELECT r.day, r.team_id, r.severity, r.plan, r.customer_id, r.kind, 0, 0, r.pending
          FROM sla_pending_customer r
         WHERE v_cust AND r.day >= date_trunc('week', f.date_from)::date
           AND r.day < date_trunc('week', f.date_to)::date + 7 AND r.day < v_today
           AND (f.customer_id IS NULL OR r.customer_id = f.customer_id)
        UNION ALL
        -- past due today, the whole hours past: the hourly pending rollups
        SELECT v_today, r.team_id, r.severity, r.plan, NULL::int, r.kind, 0, 0, r.pending
          FROM sla_pending_hour r
         WHERE NOT v_cust AND r.hour >= v_cl AND r.hour < v_fl
        UNION ALL
        SELECT v_today, r.team_id, r.severity, r.plan, r.customer_id, r.kind, 0, 0, r.pending
          FROM sla_pending_customer_hour r
         WHERE v_cust AND r.hour >= v_cl AND r.hour < v_fl
           AND (f.customer_id IS NULL OR r.customer_id = f.customer_id)
        UNION ALL
        -- past due today, the rest, not answered: tickets_first_response_past_due_idx,
        -- one range scan per span, counted per key here
        SELECT v_today, d.team_id, d.severity, d.plan, d.customer_id, 'first_response', 0, 0, d.n
          FROM spans p
         CROSS JOIN LATERAL (
                SELECT t.team_id, t.severity, t.plan, CASE WHEN v_cust THEN t.customer_id END AS customer_id,
                       count(*)::int AS n
                  FROM tickets t
                 WHERE t.is_open AND t.first_response_outcome IS NULL AND t.acknowledged_at IS NULL
                   AND t.resolved_at IS NULL
                   AND t.first_response_due >= p.lo AND t.first_response_due < p.hi
                   AND (f.customer_id IS NULL OR t.customer_id = f.customer_id)
                   AND (f.team_id IS NULL OR t.team_id = f.team_id)
                   AND (f.plan IS NULL OR t.plan = f.plan)
                   AND (f.severity IS NULL OR t.severity = f.severity)
                 GROUP BY 1, 2, 3, 4) d
        UNION ALL
        -- past due today, not resolved (the clock frozen while waiting on
        -- the customer): tickets_resolution_past_due_idx
        SELECT v_today, d.team_id, d.severity, d.plan, d.customer_id, 'resolution', 0, 0, d.n
          FROM spans p
         CROSS JOIN LATERAL (
                SELECT t.team_id, t.severity, t.plan, CASE WHEN v_cust THEN t.customer_id END AS customer_id,
                       count(*)::int AS n
                  FROM tickets t
                 WHERE t.is_open AND t.resolved_at IS NULL
                   AND t.resolution_due >= p.lo AND t.resolution_due < p.hi
                   AND (t.waiting_since IS NULL OR t.waiting_since >= t.resolution_due)
                   AND (f.customer_id IS NULL OR t.customer_id = f.customer_id)
                   AND (f.team_id IS NULL OR t.team_id = f.team_id)
                   AND (f.plan IS NULL OR t.plan = f.plan)
                   AND (f.severity IS NULL OR t.severity = f.severity)
                 GROUP BY 1, 2, 3, 4) d
    ), n AS (
        -- summed first by the group's own value (a date, an id: cheap to
        -- hash), then keyed and named per group, not per rollup row
        -- (12 weeks are ~5,700 rollup rows; the Monday is date arithmetic,
        -- equal to date_trunc('week', day)::date without a zone conversion)
        SELECT CASE WHEN p_by = 'week' THEN s.day - ((s.day - date '2000-01-03') % 7 + 7) % 7 END AS w,
               CASE WHEN p_by = 'team' THEN s.team_id END AS team_id,
               CASE WHEN p_by = 'customer' THEN s.customer_id END AS customer_id,
               CASE WHEN p_by = 'severity' THEN s.severity END AS severity,
               CASE WHEN p_by = 'plan' THEN s.plan END AS plan,
               sum(s.met) FILTER (WHERE s.kind = 'first_response') AS fm,
               sum(s.missed) FILTER (WHERE s.kind = 'first_response') AS fx,
               sum(s.met) FILTER (WHERE s.kind = 'update') AS um,
               sum(s.missed) FILTER (WHERE s.kind = 'update') AS ux,
               sum(s.met) FILTER (WHERE s.kind = 'resolution') AS rm,
               sum(s.missed) FILTER (WHERE s.kind = 'resolution') AS rx,
               sum(s.due) FILTER (WHERE s.kind = 'first_response') AS fd,
               sum(s.due) FILTER (WHERE s.kind = 'resolution') AS rd
          FROM src s
         WHERE (f.team_id IS NULL OR s.team_id = f.team_id)
           AND (f.plan IS NULL OR s.plan = f.plan)
           AND (f.severity IS NULL OR s.severity = f.severity)
         GROUP BY 1, 2, 3, 4, 5
    ), g AS (
        SELECT CASE p_by WHEN 'week' THEN n.w::text
                         WHEN 'team' THEN (SELECT t.key FROM teams t WHERE t.id = n.team_id)
                         WHEN 'customer' THEN n.customer_id::text
                         WHEN 'severity' THEN n.severity::text
                         WHEN 'plan' THEN n.plan::text
                         ELSE '' END AS k,
               sum(n.fm) AS fm, sum(n.fx) AS fx, sum(n.um) AS um, sum(n.ux) AS ux,
               sum(n.rm) AS rm, sum(n.rx) AS rx, sum(n.fd) AS fd, sum(n.rd) AS rd
          FROM n
         GROUP BY 1
    ), keys AS (
        -- every week of the period and every severity, even without figures
        SELECT w.w::date::text AS k
          FROM generate_series(date_trunc('week', f.date_from), f.date_to, interval '1 week') AS w(w)
         WHERE p_by = 'week'
        UNION
        SELECT s.level::text FROM severities s WHERE p_by = 'severity'
        UNION
        SELECT '' WHERE p_by = 'total'
        UNION
        SELECT g.k FROM g WHERE p_by NOT IN ('week', 'severity', 'total')
    ), rows AS (
        SELECT k.k, coalesce(g.fm, 0)::bigint AS fm, coalesce(g.fx, 0)::bigint AS fx,
               coalesce(g.um, 0)::bigint AS um, coalesce(g.ux, 0)::bigint AS ux,
               coalesce(g.rm, 0)::bigint AS rm, coalesce(g.rx, 0)::bigint AS rx,
               coalesce(g.fd, 0)::bigint AS fd, coalesce(g.rd, 0)::bigint AS rd
          FROM keys k LEFT JOIN g ON g.k = k.k
    )
    , top AS (
        -- the kept groups first, named afterwards (one lookup per kept row)
        SELECT r.*, row_number() OVER (
                   ORDER BY CASE WHEN p_by IN ('team', 'customer') THEN -(r.fx + r.ux + r.rx + r.fd + r.rd) END,
                            CASE WHEN p_by = 'severity' THEN r.k::int END,
                            CASE WHEN p_by = 'customer' THEN lpad(r.k, 12, '0') ELSE r.k END) AS pos
          FROM rows r
         ORDER BY pos
         LIMIT max_rows
    )
    SELECT r.k, report_name(p_by, r.k),
           CASE WHEN p_by = 'severity' THEN
                (SELECT CASE WHEN bool_and(t.clock = 'wall') THEN 'wall'
                             WHEN bool_and(t.clock = 'business') THEN 'business' ELSE 'mixed' END
                   FROM sla_targets t
                  WHERE t.kind = 'first_response' AND t.severity::text = r.k
                    AND (f.plan IS NULL OR t.plan = f.plan)) END,
           r.fm, r.fx, round(100.0 * r.fm / nullif(r.fm + r.fx, 0), 1),
           r.um, r.ux, round(100.0 * r.um / nullif(r.um + r.ux, 0), 1),
           r.rm, r.rx, round(100.0 * r.rm / nullif(r.rm + r.rx, 0), 1),
           r.fd, r.rd
      FROM top r
     ORDER BY r.pos;
END
$$;

REVOKE ALL ON FUNCTION dashboard_facts(tickets, text, boolean) FROM ticketty_agent, PUBLIC;
REVOKE ALL ON FUNCTION dashboard_add(int, smallint, smallint, plan_kind, sla_kind, date, int, int, int, int,
                                      timestamptz)
    FROM ticketty_agent, PUBLIC;

-- the pending deadlines of the tickets there are
SELECT dashboard_rebuild();
