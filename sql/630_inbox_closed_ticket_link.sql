-- 630_inbox_closed_ticket_link.sql: a ticket made of a customer's answer
-- to a closed ticket is linked to that ticket.
--   * A reply to the mail of a closed ticket (In-Reply-To/References
--     naming its mail, or its [#ID] tag from a contact of its customer)
--     comes to the inbox, with the closed ticket in mail_inbound.ticket_id
--     (062, 430). Accepting it made a new ticket and overwrote that
--     ticket_id: the new ticket said nothing of the one it goes on from,
--     and the agent working it did not see the history the customer
--     answered.
--   * Now accepting it (api_inbox_accept) links the new ticket to each
--     closed ticket a mail of the conversation answers (a closed ticket is
--     only ever linked as related, 071), when it is the new ticket's
--     customer's (an engineer may give the ticket another customer; a
--     mail from a contact of another customer names no ticket of theirs).
--     The link is the accepting agent's, audited on both tickets as any
--     link is: the ticket view lists it and both timelines say it.
--   * 430's api_inbox_accept is replaced whole.

SELECT set_config('search_path', 'ticketty', true);

-- 430's api_inbox_accept, whole: the new ticket is linked (related) to
-- the closed tickets the conversation's mails answer (see the header).
-- Turns an inbox mail, with the mails it took over, into one ticket: the
-- payload's fields over the conversation's own (api_ticket_create checks
-- them all; a refusal changes nothing), the files of all on it, its thread
-- from the first mail's Message-ID to this one's (its first response
-- answers this mail), each mail accepted into it. Retried: the same ticket
-- (idempotency key mail:ID).
CREATE OR REPLACE FUNCTION api_inbox_accept(p_inbound bigint, p_payload jsonb) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    m       mail_inbound;
    v_id    bigint;
    v_mails bigint[];
    v_old   bigint;
BEGIN
    SELECT * INTO m FROM mail_inbound WHERE id = p_inbound;
    IF m.state = 'accepted' AND m.ticket_id IS NOT NULL THEN
        RETURN m.ticket_id;
    END IF;
    m := inbox_lock(p_inbound);
    IF p_payload IS NOT NULL AND jsonb_typeof(p_payload) <> 'object' THEN
        RAISE EXCEPTION 'the ticket fields must be a JSON object' USING ERRCODE = 'TT400',
            DETAIL = E'payload\tinvalid\tis not a JSON object';
    END IF;
    v_id := api_ticket_create(inbox_prefill(m.id) || coalesce(p_payload, '{}'));
    v_mails := inbox_conversation(m.id);   -- oldest first, m last
    -- the closed tickets the mails answer, the new ticket's customer's
    FOR v_old IN
        SELECT DISTINCT o.id FROM mail_inbound f
          JOIN tickets o ON o.id = f.ticket_id
          JOIN tickets n ON n.id = v_id
         WHERE f.id = ANY (v_mails) AND f.state IN ('inbox', 'asked', 'answered')
           AND o.status = 'closed' AND o.customer_id = n.customer_id
         ORDER BY o.id
    LOOP
        PERFORM api_ticket_link(v_id, v_old, 'related', NULL);
    END LOOP;
    UPDATE attachments SET ticket_id = v_id
     WHERE inbound_id = m.id OR (inbound_id = ANY (v_mails) AND ticket_id IS NULL);
    INSERT INTO mail_threads (ticket_id, root_message_id, last_message_id)
    VALUES (v_id, (SELECT f.message_id FROM mail_inbound f WHERE f.id = v_mails[1]), m.message_id)
    ON CONFLICT (ticket_id) DO NOTHING;
    UPDATE mail_inbound SET state = 'accepted', ticket_id = v_id,
           handled_by = current_agent_id(), handled_at = tt_now()
     WHERE id = ANY (v_mails) AND id <> m.id;
    PERFORM inbox_done(m, 'accepted', v_id);
    RETURN v_id;
END
$$;
