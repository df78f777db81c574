-- 742_escalation_held_since.sql: each step of an escalation's chain counts
-- how long its holder had it.
--   The chain (`ticketty escalations`, the escalations view's pane) gave
--   every step its age from its raise to now: a CSM level passed up after
--   an hour read "[12d 17h]" twelve days later, the escalation's own age,
--   and a level handed over an hour ago read as open for its holder since
--   it was reached. Each level already is its own row, reached when it is
--   inserted (raised_at): a finished step now counts to its end
--   (resolved_at, which a pass-up also sets), and every step from when it
--   came to its holder, held_since: the raise or the pass-up, or the last
--   hand-over. The list's row keeps the level's own age (raised_at), which
--   its order follows.
--   * escalations.held_since (new): the instant the level came to its
--     holder by a hand-over (NULL: at raised_at, so that rows written with
--     their own raised_at, as seeds do, need nothing); existing rows take
--     their last escalation.handed event.
--   * escalation_hand_to (250) is replaced whole: a hand-over sets it.

SELECT set_config('search_path', 'ticketty', true);

ALTER TABLE escalations ADD COLUMN held_since timestamptz;
UPDATE escalations e
   SET held_since = (SELECT max(v.at) FROM ticket_events v
                      WHERE v.ticket_id = e.ticket_id AND v.kind = 'escalation.handed'
                        AND v.details ->> 'escalation' = e.id::text)
 WHERE EXISTS (SELECT 1 FROM ticket_events v
                WHERE v.ticket_id = e.ticket_id AND v.kind = 'escalation.handed'
                  AND v.details ->> 'escalation' = e.id::text);
COMMENT ON COLUMN escalations.held_since IS
    'When the level came to its holder by a hand-over; NULL: when it was reached (raised_at).';

