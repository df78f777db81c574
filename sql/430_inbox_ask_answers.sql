-- 430_inbox_ask_answers.sql: the sender's answer to a request for the
-- missing items of an inbox mail goes on with that mail.
--   * `inbox ask` (api_inbox_ask) mails the sender the mandatory items a
--     mail cannot carry; their answer came back as a new, unrelated inbox
--     mail: the engineer found two mails from the same sender, the asked
--     one stayed "asked for details" for good, and a ticket accepted from
--     the answer lost the first mail's text, screenshots and thread.
--   * Now mail whose In-Reply-To or References names an inbox_ask message,
--     from the address it went to, records the mail it answers
--     (mail_inbound.answers_id). It takes that mail's place in the inbox:
--     the asked mail leaves it (state 'answered'; inbox_lock refuses it,
--     TT400, naming the answer to work on). The intake form of the answer
--     starts from the whole conversation (inbox_prefill: the first mail's
--     title, every mail's text oldest first, the screenshots of all), and
--     accepting it (api_inbox_accept) makes one ticket of all of them: their
--     files on it, its thread from the first mail's Message-ID to the
--     answer's, each mail accepted into it. When a ticket was made of the
--     asked mail meanwhile, the answer threads onto that ticket (the
--     usual checks of the thread apply). A second answer to the same ask
--     goes on from the newest mail of the conversation.
--   * api_mail_route (350), inbox_lock and inbox_prefill (410) and
--     api_inbox_accept (062) are replaced whole.

SELECT set_config('search_path', 'ticketty', true);

ALTER TABLE mail_inbound
    ADD COLUMN answers_id bigint REFERENCES mail_inbound,
    DROP CONSTRAINT mail_inbound_state_check,
    ADD CONSTRAINT mail_inbound_state_check
        CHECK (state IN ('threaded', 'inbox', 'held', 'accepted', 'asked', 'refused', 'discarded',
                         'answered'));
CREATE INDEX mail_inbound_answers_idx ON mail_inbound (answers_id) WHERE answers_id IS NOT NULL;
COMMENT ON COLUMN mail_inbound.answers_id IS
    'The inbox mail whose request for missing items (api_inbox_ask) this mail answers (430).';

-- The mails of the conversation that ends at p_inbound, oldest first: each
-- mail it took over (answers_id, state answered) one before the other (at
-- most 50), then p_inbound itself, last. NULL when there is no such mail.
CREATE FUNCTION inbox_conversation(p_inbound bigint) RETURNS bigint[]
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    WITH RECURSIVE c (id, answers_id, depth) AS (
        SELECT m.id, m.answers_id, 1 FROM mail_inbound m WHERE m.id = p_inbound
        UNION ALL
        SELECT a.id, a.answers_id, c.depth + 1
          FROM c JOIN mail_inbound a ON a.id = c.answers_id
         WHERE a.state = 'answered' AND c.depth < 50
    )
    SELECT array_agg(c.id ORDER BY c.depth DESC) FROM c
$$;
REVOKE ALL ON FUNCTION inbox_conversation(bigint) FROM ticketty_agent, PUBLIC;

-- 350's api_mail_route, whole: an answer to an inbox_ask message from the
-- address it went to records the mail it answers and takes its place in
-- the inbox, or threads onto the ticket made of it meanwhile.
CREATE OR REPLACE FUNCTION api_mail_route(p_inbound bigint, OUT state text, OUT ticket_id bigint)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    m        mail_inbound;
    ct       contacts;
    v_ticket bigint;
    v_tag    bigint;
    v_hold   text;
    v_on     bigint;
    v_own    boolean;
    v_asked  mail_inbound;
    v_next   mail_inbound;
BEGIN
    PERFORM require_role('admin');
    SELECT * INTO m FROM mail_inbound WHERE id = p_inbound FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no such mail: %', p_inbound USING ERRCODE = 'TT404';
    END IF;
    SELECT * INTO ct FROM contacts k
     WHERE lower(k.email) = m.from_address AND k.active
     ORDER BY k.spoc DESC, k.id LIMIT 1;

    -- a known thread: any Message-ID of a ticket's mail, newest reference first
    SELECT x.ticket_id INTO v_ticket
      FROM (SELECT m.in_reply_to AS id, 0::bigint AS n WHERE m.in_reply_to IS NOT NULL
            UNION ALL
            SELECT u.id, 1000000 - u.o FROM unnest(m.refs) WITH ORDINALITY AS u(id, o)) r
      JOIN LATERAL (SELECT o.ticket_id FROM mail_outbox o
                     WHERE o.message_id = r.id AND o.ticket_id IS NOT NULL AND o.comment_id IS NOT NULL
                       AND o.kind IN ('acknowledgement', 'reply', 'request_info', 'resolution')
                    UNION ALL
                    SELECT i.ticket_id FROM mail_inbound i
                     WHERE i.message_id = r.id AND i.ticket_id IS NOT NULL AND i.id <> m.id) x ON true
     ORDER BY r.n LIMIT 1;
    IF v_ticket IS NULL THEN
        -- [#ID] in the subject, from a contact of that ticket's customer
        v_tag := substring(m.subject FROM '\[#([0-9]{1,18})\]')::bigint;
        IF v_tag IS NOT NULL AND ct.id IS NOT NULL THEN
            SELECT t.id INTO v_ticket FROM tickets t
             WHERE t.id = v_tag
               AND EXISTS (SELECT 1 FROM contacts k WHERE k.customer_id = t.customer_id
                                                     AND lower(k.email) = m.from_address AND k.active);
        END IF;
    END IF;

    -- a ticket closed as a duplicate: its thread carries on in the ticket
    -- that survives it (ticket_surviving, 071), the same customer's
    IF v_ticket IS NOT NULL THEN
        SELECT s.id INTO v_on FROM tickets d JOIN tickets s ON s.id = ticket_surviving(d.id)
         WHERE d.id = v_ticket AND s.customer_id = d.customer_id;
        v_ticket := coalesce(v_on, v_ticket);
    END IF;

    -- the desk's own mail come back (a list that includes the desk's
    -- address, a copy resent to it): never the customer's word
    SELECT o.ticket_id INTO v_on FROM mail_outbox o WHERE o.message_id = m.message_id;
    v_own := FOUND OR m.from_address IN (SELECT lower(p.value) FROM mail_policy p
                                          WHERE p.key IN ('from_address', 'reply_to'));
    IF v_own THEN
        UPDATE mail_inbound SET ticket_id = coalesce(v_on, v_ticket) WHERE id = m.id;
        v_hold := 'own_mail';
        v_ticket := NULL;
    END IF;

    v_hold := coalesce(v_hold, m.auto_reason);
    -- an answer to the desk's request for the missing items of an inbox
    -- mail (api_inbox_ask), from the address it was sent to: it goes on
    -- with that mail, or onto the ticket made of it meanwhile
    IF v_hold IS NULL AND v_ticket IS NULL THEN
        SELECT a.* INTO v_asked
          FROM mail_outbox o JOIN mail_inbound a ON a.id = o.inbound_id
         WHERE o.message_id = ANY (m.in_reply_to || m.refs) AND o.kind = 'inbox_ask'
           AND a.from_address = m.from_address AND a.id <> m.id
         ORDER BY o.id DESC LIMIT 1;
        -- answered already (a second answer to the same ask): the
        -- conversation went on in the newest mail that took it over
        FOR i IN 1..50 LOOP
            EXIT WHEN v_asked.id IS NULL OR v_asked.state <> 'answered';
            SELECT b.* INTO v_next FROM mail_inbound b
             WHERE b.answers_id = v_asked.id AND b.id <> m.id ORDER BY b.id DESC LIMIT 1;
            EXIT WHEN v_next.id IS NULL;
            v_asked := v_next;
        END LOOP;
        IF v_asked.id IS NOT NULL THEN
            UPDATE mail_inbound SET answers_id = v_asked.id WHERE id = m.id;
            IF v_asked.state = 'accepted' AND v_asked.ticket_id IS NOT NULL THEN
                SELECT s.id INTO v_on FROM tickets d JOIN tickets s ON s.id = ticket_surviving(d.id)
                 WHERE d.id = v_asked.ticket_id AND s.customer_id = d.customer_id;
                v_ticket := coalesce(v_on, v_asked.ticket_id);
            END IF;
        END IF;
    END IF;
    IF v_hold IS NULL AND v_ticket IS NULL THEN
        -- a reply to a copy the desk sent its own people (emergency notices
        -- and updates to the CSM, the COO and the account representative,
        -- an agent's notification): not the customer's word, never threaded
        SELECT o.ticket_id INTO v_on
          FROM mail_outbox o
         WHERE o.message_id = ANY (m.in_reply_to || m.refs)
           AND o.kind IN ('emergency', 'emergency_update', 'notification')
         ORDER BY o.id DESC LIMIT 1;
        IF FOUND THEN
            v_hold := 'staff_reply';
            UPDATE mail_inbound SET ticket_id = v_on WHERE id = m.id;
        ELSIF ct.id IS NULL THEN
            v_hold := 'unknown_sender';
        END IF;
    END IF;
    IF v_hold IS NULL AND v_ticket IS NOT NULL
       AND (SELECT t.status FROM tickets t WHERE t.id = v_ticket) = 'closed' THEN
        IF ct.id IS NULL THEN
            v_hold := 'closed_ticket';
        END IF;
        UPDATE mail_inbound SET ticket_id = v_ticket WHERE id = m.id;
        v_ticket := NULL;
    END IF;
    -- the thread is the ticket's customer's: a reply in it from anyone
    -- else (a guessed Message-ID, a copy forwarded outside) is held
    IF v_hold IS NULL AND v_ticket IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM tickets t JOIN contacts k ON k.customer_id = t.customer_id
                        WHERE t.id = v_ticket AND k.active AND lower(k.email) = m.from_address) THEN
        v_hold := 'thread_stranger';
        UPDATE mail_inbound SET ticket_id = v_ticket WHERE id = m.id;
        v_ticket := NULL;
    END IF;

    IF v_hold IS NOT NULL THEN
        UPDATE mail_inbound SET state = 'held', hold_reason = v_hold,
               contact_id = ct.id, customer_id = ct.customer_id
         WHERE id = m.id;
        UPDATE attachments SET ticket_id = NULL WHERE inbound_id = m.id;
        state := 'held';
        RETURN;
    END IF;
    UPDATE mail_inbound SET contact_id = ct.id, customer_id = ct.customer_id WHERE id = m.id;
    IF v_ticket IS NOT NULL THEN
        PERFORM mail_thread_onto(m, v_ticket);
        state := 'threaded';
        ticket_id := v_ticket;
        RETURN;
    END IF;
    UPDATE mail_inbound SET state = 'inbox' WHERE id = m.id;
    PERFORM pg_notify('ticketty', json_build_object('inbox', m.id, 'kind', 'mail')::text);
    -- the mail it answers leaves the inbox: the work goes on with this one
    IF v_asked.state IN ('inbox', 'asked') THEN
        UPDATE mail_inbound SET state = 'answered' WHERE id = v_asked.id;
        PERFORM pg_notify('ticketty', json_build_object('inbox', v_asked.id, 'kind', 'mail')::text);
    END IF;
    state := 'inbox';
END
$$;

-- 410's inbox_lock, whole: a mail its sender answered (state answered) is
-- refused naming the answer to work on (TT400, code answered); what can
-- be done with held mail is said in one sentence each (translatable).
-- Locks an inbox mail that is still open (inbox or asked) for the caller,
-- an agent who owns conversations with customers; a mail held only
-- because its sender was unknown comes back into the inbox once the
-- sender is an active contact. TT404, TT400 (held, answered), TT409
-- otherwise.
CREATE OR REPLACE FUNCTION inbox_lock(p_inbound bigint) RETURNS mail_inbound
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    m    mail_inbound;
    ct   contacts;
    v_by bigint;
BEGIN
    PERFORM require_role('engineer', 'csm', 'coo', 'ceo', 'admin');
    SELECT * INTO m FROM mail_inbound WHERE id = p_inbound FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no such inbox mail: %', p_inbound USING ERRCODE = 'TT404';
    END IF;
    IF m.state = 'held' AND m.hold_reason = 'unknown_sender' THEN
        SELECT * INTO ct FROM contacts k
         WHERE lower(k.email) = m.from_address AND k.active
         ORDER BY k.spoc DESC, k.id LIMIT 1;
        IF ct.id IS NOT NULL THEN
            UPDATE mail_inbound SET state = 'inbox', hold_reason = NULL,
                   contact_id = ct.id, customer_id = ct.customer_id
             WHERE id = m.id
            RETURNING * INTO m;
        END IF;
    END IF;
    IF m.state = 'held' THEN
        RAISE EXCEPTION 'inbox mail % is held (%)', p_inbound, m.hold_reason USING ERRCODE = 'TT400',
            -- one whole sentence each, so that each is translated
            DETAIL = CASE
                WHEN m.hold_reason = 'unknown_sender'
                THEN format(E'mail\theld\tis held (%s): add its sender as a contact of their customer first (admin contact add), or discard it', m.hold_reason)
                WHEN m.ticket_id IS NOT NULL
                THEN format(E'mail\theld\tis held (%s): put it on its ticket as an internal note (inbox note) or discard it', m.hold_reason)
                ELSE format(E'mail\theld\tis held (%s): it is never answered or made a ticket; discard it', m.hold_reason) END;
    ELSIF m.state = 'answered' THEN
        SELECT b.id INTO v_by FROM mail_inbound b WHERE b.answers_id = m.id ORDER BY b.id DESC LIMIT 1;
        RAISE EXCEPTION 'inbox mail % was answered by mail %', p_inbound, v_by USING ERRCODE = 'TT400',
            DETAIL = format(E'mail\tanswered\tits sender answered the request for what was missing with mail %s: work on that one, which carries this one''s text', v_by);
    ELSIF m.state NOT IN ('inbox', 'asked') THEN
        RAISE EXCEPTION 'inbox mail % is already %', p_inbound, m.state USING ERRCODE = 'TT409';
    END IF;
    RETURN m;
END
$$;

-- 410's inbox_prefill, whole: what the conversation gives the intake form:
-- customer (the sender's, also when they became a contact after the mail
-- came), contact, the first mail's title, every mail's text oldest first,
-- the screenshots of all (image attachments), the idempotency key.
CREATE OR REPLACE FUNCTION inbox_prefill(p_inbound bigint) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    WITH c AS (SELECT f.*, u.n
                 FROM unnest(inbox_conversation(p_inbound)) WITH ORDINALITY AS u(id, n)
                 JOIN mail_inbound f ON f.id = u.id)
    SELECT jsonb_strip_nulls(jsonb_build_object(
        'customer', coalesce((SELECT cu.name FROM customers cu WHERE cu.id = m.customer_id),
                             (SELECT cu.name FROM contacts k JOIN customers cu ON cu.id = k.customer_id
                               WHERE lower(k.email) = m.from_address AND k.active
                               ORDER BY k.spoc DESC, k.id LIMIT 1)),
        'contact', m.from_address,
        'title', (SELECT nullif(left(btrim(regexp_replace(c.subject, '^\s*((re|fwd?|aw|rv)\s*:\s*)+', '', 'i')), 200), '')
                    FROM c ORDER BY c.n LIMIT 1),
        'description', (SELECT nullif(string_agg(btrim(c.body, E' \t\r\n'), E'\n\n---\n\n' ORDER BY c.n)
                                      FILTER (WHERE btrim(c.body, E' \t\r\n') <> ''), '')
                          FROM c),
        'screenshots', (SELECT jsonb_agg('attachment:' || a.id ORDER BY a.id) FROM attachments a
                         WHERE a.inbound_id IN (SELECT c.id FROM c)
                           AND a.content_type LIKE 'image/%'),
        'idempotency_key', 'mail:' || m.id))
      FROM mail_inbound m WHERE m.id = p_inbound
$$;

-- 062's api_inbox_accept, whole: turns an inbox mail, with the mails it
-- took over, into one ticket: the payload's fields over the conversation's
-- own (api_ticket_create checks them all; a refusal changes nothing), the
-- files of all on it, its thread from the first mail's Message-ID to this
-- one's (its first response answers this mail), each mail accepted into
-- it. Retried: the same ticket (idempotency key mail:ID).
CREATE OR REPLACE FUNCTION api_inbox_accept(p_inbound bigint, p_payload jsonb) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    m      mail_inbound;
    v_id   bigint;
    v_mails bigint[];
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
