-- 740_escalation_csm_assigned.sql: a customer given a CSM takes the live
-- CSM levels of its tickets.
--   * A ticket moved at re-triage to a customer without an active CSM
--     keeps its live CSM level with the old customer's CSM (710: there is
--     nobody to hand it to; that CSM, active, still holds and acts on it,
--     and the COO, who ranks above, may act on it too). When the customer
--     was later given a CSM, 250's rule moved only what the customer's
--     previous CSM held, so the level stayed for good with someone who had
--     nothing more to do with the customer. The same held for a customer
--     whose CSM was taken away and another given later. Now, when a customer
--     gets an active CSM (assigned or changed), every live CSM level of its
--     tickets goes to that CSM unless the new CSM holds it already or it
--     was handed by hand to its holder (its last hand-over had a reason,
--     not a cause: escalation_handed_by_hand); what the previous CSM held
--     goes as before (cause csm_changed), the rest with cause csm_assigned
--     ("the customer has a CSM now"), audited and notified as 250 and 710
--     do. 250's customers_csm_hand_over is replaced whole.
--   * Meanwhile the level shows the holder it has, the old customer's
--     CSM, who is active and still acts on it (nothing is lost). DESIGN
--     section 7 sends a CSM-less customer's emergencies to the COO: a
--     moved emergency already reaches every active COO at the move (661's
--     ticket_notify_emergency, role coo_for_csm; now tested). The rules
--     route nothing else there (escalating a customer without a CSM is
--     refused naming who must assign one, not sent to the COO), so a
--     moved non-emergency level is not announced to the COO.

SELECT set_config('search_path', 'ticketty', true);

-- True when live escalation `e` came to its holder by hand: its last
-- hand-over (escalation.handed) gave it to the agent holding it now with
-- a reason, not by a cause (a CSM change, a re-triage, a role change).
CREATE FUNCTION escalation_handed_by_hand(e escalations) RETURNS boolean
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_last jsonb;
BEGIN
    SELECT v.details INTO v_last FROM ticket_events v
     WHERE v.ticket_id = e.ticket_id AND v.kind = 'escalation.handed'
       AND v.details ->> 'escalation' = e.id::text
     ORDER BY v.id DESC LIMIT 1;
    RETURN v_last IS NOT NULL AND NOT v_last ? 'cause'
       AND v_last ->> 'holder' IS NOT DISTINCT FROM (SELECT a.login::text FROM agents a WHERE a.id = e.holder_id);
END
$$;

-- 250's customers_csm_hand_over, whole: a customer's new active CSM takes
-- the live CSM levels of its tickets that its previous CSM held (cause
-- csm_changed) and those held by anyone else who did not get them by hand
-- (cause csm_assigned). An inactive or missing new CSM takes nothing.
CREATE OR REPLACE FUNCTION customers_csm_hand_over() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    e escalations;
BEGIN
    IF NEW.csm_id IS NULL OR NOT EXISTS (SELECT 1 FROM agents a WHERE a.id = NEW.csm_id AND a.active) THEN
        RETURN NULL;
    END IF;
    FOR e IN SELECT x.* FROM escalations x JOIN tickets t ON t.id = x.ticket_id
              WHERE t.customer_id = NEW.id AND x.level = 1 AND x.state IN ('open', 'acknowledged')
                AND x.holder_id IS DISTINCT FROM NEW.csm_id
              ORDER BY x.ticket_id FOR UPDATE OF x LOOP
        IF e.holder_id IS NOT DISTINCT FROM OLD.csm_id THEN
            PERFORM escalation_hand_to(e, NEW.csm_id, NULL, 'csm_changed');
        ELSIF NOT escalation_handed_by_hand(e) THEN
            PERFORM escalation_hand_to(e, NEW.csm_id, NULL, 'csm_assigned');
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;

REVOKE ALL ON FUNCTION
    escalation_handed_by_hand(escalations),
    customers_csm_hand_over()
FROM ticketty_agent, PUBLIC;
