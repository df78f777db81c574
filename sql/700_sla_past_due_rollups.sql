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

DROP FUNCTION IF EXISTS dashboard_facts(tickets, text, boolean);
DROP FUNCTION IF EXISTS dashboard_add(int, smallint, smallint, plan_kind, sla_kind, date, int, int, int);

-- @function dashboard_facts (sql/functions/reports.sql)

-- @function dashboard_add (sql/functions/reports.sql)

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

-- the pending deadlines of the tickets there are
SELECT dashboard_rebuild();
