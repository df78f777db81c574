-- 270_duplicate_threads.sql: the customer's thread, mended where it went
-- astray (DESIGN.md sections 7, 10 and 11).
-- * A reply to the mail of a ticket closed as a duplicate goes on in the
--   ticket that survives it (ticket_surviving, 071), as the notice told
--   the customer; it went to the inbox.
-- * A duplicate must point to a ticket of the same customer: the notice
--   says every further update comes from the surviving ticket, and that
--   ticket's mail goes to its own contact. Another customer's ticket is
--   linked as related.
-- * The notice is in the contact's language, and it is mailed when the
--   duplicate was already resolved (it is then said on the closing, which
--   sent no mail).
-- * A reply to a copy the desk sent its own people (emergency notices and
--   updates, agents' notifications) is not the customer's word: it is held
--   ('staff_reply'), never threaded onto the ticket as the customer's.
-- * An emergency update on a customer without a CSM goes to the COO, as
--   the notice at intake does; it went nowhere.
-- Replaced whole, as sql/README requires: 071's api_ticket_link, 062's
-- api_mail_route and 260's ticket_events_mail.

SELECT set_config('search_path', 'ticketty', true);

ALTER TABLE mail_inbound DROP CONSTRAINT mail_inbound_hold_reason_check;
ALTER TABLE mail_inbound ADD CONSTRAINT mail_inbound_hold_reason_check
    CHECK (hold_reason IN ('auto_submitted', 'precedence', 'list', 'null_sender', 'daemon',
                           'unknown_sender', 'closed_ticket', 'staff_reply'));

-- 071's api_ticket_link, whole: the same customer's ticket for a duplicate,
-- the notice in the contact's language.
CREATE OR REPLACE FUNCTION api_ticket_link(id bigint, other bigint, kind text, expected_version int DEFAULT NULL)
    RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    me      int := current_agent_id();
    v_kind  link_kind;
    t       tickets;
    o       tickets;
    v_have  ticket_links;
    v_dup   bigint;
    v_msg   text;
BEGIN
    IF kind IS NULL OR kind NOT IN ('related', 'duplicate_of') THEN
        RAISE EXCEPTION 'unknown link kind "%"', kind
            USING ERRCODE = 'TT400', DETAIL = E'kind\tunknown\tmust be related or duplicate_of';
    END IF;
    v_kind := kind::link_kind;
    IF other IS NULL THEN
        RAISE EXCEPTION 'the other ticket is required'
            USING ERRCODE = 'TT400', DETAIL = E'other\trequired\tis required';
    ELSIF other = id THEN
        RAISE EXCEPTION 'a ticket cannot be linked to itself'
            USING ERRCODE = 'TT400', DETAIL = E'other\tself\tis the ticket itself';
    END IF;
    IF v_kind = 'duplicate_of' THEN
        PERFORM require_role('engineer', 'csm', 'coo', 'ceo', 'admin');
    END IF;
    -- lock both rows, lower id first (no deadlock with a link the other way)
    IF id < other THEN
        t := ticket_lock(api_ticket_link.id, expected_version);
        o := ticket_lock(other, NULL);
    ELSE
        o := ticket_lock(other, NULL);
        t := ticket_lock(api_ticket_link.id, expected_version);
    END IF;

    SELECT * INTO v_have FROM ticket_links l
     WHERE (l.ticket_id = t.id AND l.other_id = o.id) OR (l.ticket_id = o.id AND l.other_id = t.id);
    IF FOUND THEN
        IF v_have.kind = v_kind AND (v_kind = 'related' OR v_have.ticket_id = t.id) THEN
            RETURN t.version;
        END IF;
        RAISE EXCEPTION 'tickets % and % are already linked (%)', t.id, o.id, v_have.kind
            USING ERRCODE = 'TT409', HINT = 'Unlink them first.';
    END IF;

    IF v_kind = 'related' THEN
        INSERT INTO ticket_links (ticket_id, other_id, kind, created_by) VALUES (t.id, o.id, v_kind, me);
        PERFORM audit(t.id, 'link', jsonb_build_object('kind', 'related', 'other', o.id));
        PERFORM audit(o.id, 'link', jsonb_build_object('kind', 'related', 'other', t.id));
        RETURN t.version;
    END IF;

    -- duplicate_of
    IF t.status = 'closed' THEN
        RAISE EXCEPTION 'ticket % is closed: it can only be linked as related', t.id
            USING ERRCODE = 'TT409';
    END IF;
    IF NOT o.is_open THEN
        RAISE EXCEPTION 'ticket % is %: a duplicate must point to an open ticket', o.id, o.status
            USING ERRCODE = 'TT409';
    END IF;
    -- the notice tells the customer that ticket `other` carries on: it must
    -- be theirs (mail about it goes to its own contact)
    IF o.customer_id <> t.customer_id THEN
        RAISE EXCEPTION 'ticket % is another customer''s: a duplicate must point to a ticket of the same customer', o.id
            USING ERRCODE = 'TT409', HINT = 'Link them as related instead.';
    END IF;
    SELECT l.other_id INTO v_dup FROM ticket_links l WHERE l.ticket_id = o.id AND l.kind = 'duplicate_of';
    IF v_dup IS NOT NULL THEN
        RAISE EXCEPTION 'ticket % is itself a duplicate of ticket %', o.id, v_dup
            USING ERRCODE = 'TT409', HINT = format('Link to ticket %s instead.', v_dup);
    END IF;
    SELECT l.other_id INTO v_dup FROM ticket_links l WHERE l.ticket_id = t.id AND l.kind = 'duplicate_of';
    IF v_dup IS NOT NULL THEN
        RAISE EXCEPTION 'ticket % is already a duplicate of ticket %', t.id, v_dup
            USING ERRCODE = 'TT409', HINT = 'Unlink them first.';
    END IF;

    INSERT INTO ticket_links (ticket_id, other_id, kind, created_by) VALUES (t.id, o.id, v_kind, me);
    -- the tickets that duplicated this one now carry on in `other` too
    UPDATE ticket_links l SET other_id = o.id
     WHERE l.other_id = t.id AND l.kind = 'duplicate_of'
       AND NOT EXISTS (SELECT 1 FROM ticket_links x
                        WHERE least(x.ticket_id, x.other_id) = least(l.ticket_id, o.id)
                          AND greatest(x.ticket_id, x.other_id) = greatest(l.ticket_id, o.id));
    -- its people follow the surviving ticket
    INSERT INTO ticket_collaborators (ticket_id, agent_id, added_by)
    SELECT o.id, f.agent_id, me
      FROM (SELECT c.agent_id FROM ticket_collaborators c WHERE c.ticket_id = t.id
            UNION SELECT t.assignee_id WHERE t.assignee_id IS NOT NULL) f
     WHERE f.agent_id IS DISTINCT FROM o.assignee_id
    ON CONFLICT DO NOTHING;

    -- in the contact's language, as the mail that carries it
    v_msg := CASE (SELECT k.lang FROM contacts k WHERE k.id = t.contact_id)
             WHEN 'es' THEN format('Esta solicitud duplica el ticket #%s («%s»). Seguimos allí: cada '
                                   'novedad sobre ella le llegará desde el ticket #%s.', o.id, o.title, o.id)
             ELSE format('This request duplicates ticket #%s ("%s"). We carry on there: every further '
                         'update about it will come from ticket #%s.', o.id, o.title, o.id) END;
    IF t.is_open THEN
        PERFORM ticket_apply_status(t.id, NULL, 'resolved', NULL, v_msg, NULL, 'resolve');
        PERFORM ticket_apply_status(t.id, NULL, 'closed', NULL, NULL, NULL, 'close');
    ELSE
        PERFORM ticket_apply_status(t.id, NULL, 'closed', NULL, v_msg, NULL, 'close');
    END IF;
    INSERT INTO notifications (recipient_contact_id, kind, ticket_id, payload)
    VALUES (t.contact_id, 'ticket.duplicate', t.id,
            jsonb_build_object('title', t.title, 'surviving', o.id, 'surviving_title', o.title));
    PERFORM audit(t.id, 'link', jsonb_build_object('kind', 'duplicate_of', 'other', o.id));
    PERFORM audit(o.id, 'link', jsonb_build_object('kind', 'duplicated_by', 'other', t.id));
    RETURN (SELECT x.version FROM tickets x WHERE x.id = t.id);
END
$$;

-- 062's api_mail_route, whole: a duplicate's thread goes on in the ticket
-- that survives it; a reply to a staff copy is held.
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

    v_hold := m.auto_reason;
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

-- 260's ticket_events_mail, whole: the notice said on closing a resolved
-- duplicate is mailed; with no CSM the COO gets the emergency updates.
CREATE OR REPLACE FUNCTION ticket_events_mail() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    c    comments;
    t    tickets;
    ct   contacts;
    cu   customers;
    v_kind text;
    v_vars jsonb;
    v_csm  agents;
BEGIN
    IF NEW.kind NOT IN ('ack', 'reply', 'resolve', 'status', 'close') OR NOT (NEW.details ? 'comment') THEN
        RETURN NULL;
    END IF;
    SELECT * INTO c FROM comments WHERE id = (NEW.details ->> 'comment')::bigint;
    IF c.kind IS DISTINCT FROM 'public' THEN
        RETURN NULL;
    END IF;
    SELECT * INTO t FROM tickets WHERE id = NEW.ticket_id;
    SELECT * INTO ct FROM contacts WHERE id = t.contact_id;
    SELECT * INTO cu FROM customers WHERE id = t.customer_id;
    v_kind := CASE NEW.kind WHEN 'ack' THEN 'acknowledgement'
                            WHEN 'resolve' THEN 'resolution'
                            ELSE CASE WHEN t.status = 'waiting_customer' THEN 'request_info'
                                      ELSE 'reply' END END;
    v_vars := jsonb_build_object('title', t.title, 'contact', ct.name, 'customer', cu.name,
                                 'message', c.body, 'phone', coalesce(t.phone, ''),
                                 'agent', (SELECT a.display_name FROM agents a WHERE a.id = c.author_id));
    PERFORM mail_queue(v_kind, ct.lang, ct.name, ct.email, v_vars, t.id, c.id, NULL, NULL, true, NULL);
    IF (SELECT s.emergency FROM severities s WHERE s.level = t.severity) THEN
        SELECT * INTO v_csm FROM agents WHERE id = cu.csm_id AND active;
        IF FOUND THEN
            PERFORM mail_queue('emergency_update', v_csm.lang, v_csm.display_name,
                               v_csm.email, v_vars, t.id, c.id, NULL, NULL, false, 'auto-generated');
        ELSE
            -- no CSM: the COO (every active one) has the emergency, as at intake
            PERFORM mail_queue('emergency_update', a.lang, a.display_name, a.email,
                               v_vars, t.id, c.id, NULL, NULL, false, 'auto-generated')
               FROM agents a WHERE a.role = 'coo' AND a.active AND a.email IS NOT NULL
              ORDER BY a.id;
        END IF;
        PERFORM mail_queue('emergency_update', cu.account_rep_lang, cu.account_rep_name, cu.account_rep_email,
                           v_vars, t.id, c.id, NULL, NULL, false, 'auto-generated');
    END IF;
    RETURN NULL;
END
$$;
