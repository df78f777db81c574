-- 720_sla_update_past_due.sql: the update cadence of an emergency
-- (DESIGN.md §6: severity 1, while open, a public update due every 2 hours
-- after the last public reply) in the past-due figures, and the periods
-- that were lost.
--
-- PAST DUE. report_sla and the dashboard showed "+N past due" for the
-- first response and the resolution only (640, 700): an emergency whose
-- update was 5 hours overdue showed nothing until the next reply decided
-- the period. Its pending deadline is now a fact like theirs: an open
-- ticket with update_due set (and not resolved, as the others) has one
-- pending 'update' deadline on the day
-- and UTC hour update_due falls (dashboard_facts), kept in the same
-- rollups (sla_pending*, kind 'update') by the same triggers and
-- dashboard_rebuild; report_sla gains update_past_due (last column, the
-- others keep their places), read from them as the other two, with only
-- the hour running counted live on a new partial index over the open
-- tickets with an update due (the severity-1 ones, a few).
--
-- LOST PERIODS. A period ends, and is one cadence outcome (090), with a
-- public reply or the resolution; a move away from severity 1 also ended
-- it (update_due NULL, 660) but recorded nothing, so a period already
-- breached vanished from the reports and from update_missed_count. It is
-- now missed when the cadence stops on an open ticket after update_due,
-- at the instant it stopped: the same rule as a resolution while an
-- update was overdue (counted on the day it ended, not the day it fell
-- due), so every period is counted once, on the day it ended, and the
-- past-due figure (by the day due) hands over to it. A move away before
-- update_due owed nothing and counts nothing (no update was given: not a
-- met either). A resolution or closing while overdue already counted a
-- miss (dashboard_cadence of 090; tested here).
--
-- LOCK ORDER. tickets_dashboard added its facts in key order but the
-- cadence outcome and a reopen's kept resolution after the loop, so a
-- transaction could take an 'update' row of sla_rollup after the pending
-- rows another took in the other order; both are now facts of the one
-- sorted loop (the rows they write are unchanged).
--
-- Replaced whole: dashboard_facts (700), dashboard_cadence (090),
-- tickets_sla_update (661), tickets_dashboard (700) and its update
-- trigger, dashboard_rebuild (700), tickets_after_insert (700);
-- report_sla (700) is dropped and created (a new result column; agents
-- keep EXECUTE by the default privileges of 002, and it stays in
-- agent_callable_helpers).

SELECT set_config('search_path', 'ticketty', true);

CREATE INDEX tickets_update_past_due_idx
    ON tickets (update_due) INCLUDE (team_id, severity, plan, customer_id)
    WHERE is_open AND resolved_at IS NULL AND update_due IS NOT NULL;

-- The update trigger also fires on what the pending deadlines read
-- (resolution_due, waiting_since; update_due, 720).
DROP TRIGGER tickets_dashboard_update ON tickets;
CREATE TRIGGER tickets_dashboard_update
    AFTER UPDATE ON tickets
    FOR EACH ROW
    WHEN ((OLD.team_id, OLD.customer_id, OLD.severity, OLD.plan, OLD.created_at, OLD.is_open,
           OLD.first_response_outcome, OLD.acknowledged_at, OLD.first_response_due,
           OLD.resolution_outcome, OLD.resolved_at, OLD.last_public_reply_at,
           OLD.resolution_due, OLD.waiting_since, OLD.update_due)
          IS DISTINCT FROM
          (NEW.team_id, NEW.customer_id, NEW.severity, NEW.plan, NEW.created_at, NEW.is_open,
           NEW.first_response_outcome, NEW.acknowledged_at, NEW.first_response_due,
           NEW.resolution_outcome, NEW.resolved_at, NEW.last_public_reply_at,
           NEW.resolution_due, NEW.waiting_since, NEW.update_due))
    EXECUTE FUNCTION tickets_dashboard();

DROP FUNCTION IF EXISTS report_sla(date, date, text, text, text, int, text, int);

-- @function report_sla (sql/functions/reports.sql)

-- the pending updates of the tickets there are
SELECT dashboard_rebuild();
