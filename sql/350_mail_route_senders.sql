-- 350_mail_route_senders.sql: a reply in a ticket's thread is taken as the
-- customer's only from the customer (DESIGN.md section 10).
-- * A mail was threaded onto a ticket as the customer's word whenever its
--   In-Reply-To or References named one of the ticket's Message-IDs,
--   whoever sent it. The desk's IDs are <ticketty.TICKET.N@domain>, N a
--   global sequence (061's mail_queue): anyone could guess them, put text
--   "FROM THE CUSTOMER" on any ticket and reopen it when resolved. A thread
--   found by Message-ID now asks what the [#ID] tag always asked: the
--   sender is an active contact of that ticket's customer. Anyone else's
--   mail is held ('thread_stranger') with its ticket recorded, so that
--   support staff may still put it on the ticket as an internal note
--   (300's api_inbox_note). There is no other address allowed on a
--   ticket: an earlier mail of the same address threaded onto it is no
--   admission (the mail threaded before this check, forged or not, would
--   admit its sender for good, and a deactivated contact would keep
--   writing as the customer); a colleague the customer copies in is added
--   as a contact by an admin, and writes as one from then on.
--   A reply naming a closed ticket is held as 'closed_ticket', or goes to
--   the inbox from a known contact, as before.
-- * The desk's own mail coming back (a customer's list address that
--   includes the desk's, a copy resent to it) was filed as the customer's
--   reply and reopened the ticket it answered: a loop. A mail whose
--   Message-ID is one of the outbox's, or whose From is the desk's own
--   From or Reply-To address (mail_policy), is held ('own_mail'), never
--   threaded, never answered; its ticket is recorded when known.
-- * A forged delivery report (any sender naming a guessed Message-ID of
--   ours) can still mark an answer bounced: a report's senders (the null
--   envelope sender, MAILER-DAEMON@) are what any sender may write, and
--   mail_inbound keeps no envelope. The sound fix is a Message-ID that
--   cannot be guessed (061's mail_queue), not a check here.
-- Replaced whole, as sql/README requires: 270's api_mail_route.

SELECT set_config('search_path', 'ticketty', true);

ALTER TABLE mail_inbound DROP CONSTRAINT mail_inbound_hold_reason_check;
ALTER TABLE mail_inbound ADD CONSTRAINT mail_inbound_hold_reason_check
    CHECK (hold_reason IN ('auto_submitted', 'precedence', 'list', 'null_sender', 'daemon',
                           'unknown_sender', 'closed_ticket', 'staff_reply',
                           'thread_stranger', 'own_mail'));

-- 270's api_mail_route, whole: a thread found by Message-ID takes mail
-- from the ticket customer's contacts only; the desk's own mail is held.
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
    state := 'inbox';
END
$$;
