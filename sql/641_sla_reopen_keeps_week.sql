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

