-- 660_update_cadence_start.sql: the emergency update cadence starts when
-- the ticket becomes an emergency (DESIGN.md §6: "while open, a public
-- update is due every 2 hours round the clock after the last public
-- reply").
--   * A re-triage from severity 2-4 to 1 took the cadence from the last
--     public reply (or the acknowledgement), sent while the ticket was no
--     emergency: a ticket answered at 09:30 and made severity 1 at 14:00
--     had its update due at 11:30, read breached on the queue the moment
--     it became one, and its next reply counted a missed update. Nobody
--     owed an emergency update before the ticket was one: the next update
--     is now due one cadence after the move (14:00 + 2 h = 16:00), and
--     from then on the cadence runs from each public reply as before. The
--     same holds for a move back to severity 1 after a move away (each
--     move is audited with its reason and notifies like an emergency).
--   * A move away from severity 1 stops the cadence (update_due NULL, as
--     before); the queue's deadline (queue_due) follows both ways.
--   * tickets.update_from (new, trigger-owned) keeps the instant the
--     cadence last started over: the move to severity 1, or a reopen
--     (010 restarted the cadence at a reopen, but only in the statement
--     that reopened: the next status change fell back to the resolution
--     message and the update read overdue). The cadence base is the last
--     public reply, or the acknowledgement before any reply, but not
--     before update_from; still none before the first response.
--   * 490's tickets_sla_update and 011's ticket_deadlines (its update
--     row's started_at) are replaced whole. Existing tickets keep
--     update_from NULL: their deadlines do not move.

SELECT set_config('search_path', 'ticketty', true);

ALTER TABLE tickets ADD COLUMN update_from timestamptz;
COMMENT ON COLUMN tickets.update_from IS
    'The instant the severity-1 update cadence last started over (the move to severity 1, a reopen): '
    'the cadence runs from the last public reply or the acknowledgement, not before it. '
    'Kept by tickets_sla_update() (660).';

