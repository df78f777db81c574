-- 160_escalation_rollup.sql: how many escalations are live (open or
-- acknowledged) at each level, kept current by the database, so the
-- dashboard's escalations block and `ticketty report escalations` read
-- three rows instead of counting every live escalation on each paint
-- (issue 19: 5.7 ms at 1M tickets, growing with the desk).
--
--   escalation_rollup   level -> live   (one row per escalation level)
--
-- Owned by the triggers below; never written elsewhere. A row-level
-- trigger on escalations adds -1 for a row that stops being live at its
-- level and +1 for one that becomes live (raise, pass up, resolve, a new
-- round); updates that keep a row live at the same level (acknowledge,
-- the ticket's severity copied onto it) do not fire it. The rows exist
-- for every level from the start, so a change is one UPDATE of an
-- existing row (no upsert race). TRUNCATE of escalations zeroes it; a
-- bulk load with triggers off (the demo seeder) recounts it through
-- escalation_rollup_rebuild(), which dashboard_rebuild() (090) calls.
-- The oldest live escalation of a level is not kept here: it is the
-- first entry of escalations_live_level_idx (090), one index probe.

SELECT set_config('search_path', 'ticketty', true);

CREATE TABLE escalation_rollup (
    level smallint PRIMARY KEY REFERENCES escalation_levels,
    live  int NOT NULL DEFAULT 0 CHECK (live >= 0)
);
COMMENT ON TABLE escalation_rollup IS
    'Live (open or acknowledged) escalations per level; maintained by escalations_rollup_* triggers (160).';

-- @function escalation_rollup_rebuild (sql/functions/escalation.sql)

-- @function escalations_rollup (sql/functions/escalation.sql)

-- @function escalations_rollup_truncate (sql/functions/escalation.sql)

CREATE TRIGGER escalations_rollup_insert
    AFTER INSERT ON escalations
    FOR EACH ROW WHEN (NEW.state IN ('open', 'acknowledged'))
    EXECUTE FUNCTION escalations_rollup();
CREATE TRIGGER escalations_rollup_update
    AFTER UPDATE ON escalations
    FOR EACH ROW
    WHEN ((OLD.state IN ('open', 'acknowledged')) <> (NEW.state IN ('open', 'acknowledged'))
          OR (OLD.level <> NEW.level AND NEW.state IN ('open', 'acknowledged')))
    EXECUTE FUNCTION escalations_rollup();
CREATE TRIGGER escalations_rollup_delete
    AFTER DELETE ON escalations
    FOR EACH ROW WHEN (OLD.state IN ('open', 'acknowledged'))
    EXECUTE FUNCTION escalations_rollup();
CREATE TRIGGER escalations_rollup_truncate
    AFTER TRUNCATE ON escalations
    FOR EACH STATEMENT EXECUTE FUNCTION escalations_rollup_truncate();

SELECT escalation_rollup_rebuild();

