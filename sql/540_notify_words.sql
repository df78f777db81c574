-- 540_notify_words.sql: the assignee hears of what others do to their
-- ticket, by the same rule as its collaborators.
--
-- ticket_events_notify_collaborators (045) told a ticket's collaborators
-- of each event but not its assignee: an engineer was not told when
-- somebody else assigned a ticket to them, changed its status or raised
-- its escalation. The one rule is now: the followers of a ticket, and its
-- assignee for the events below, hear of an event (ticket.changed, the
-- event's id in the payload, so the client can say it in the timeline's
-- words), except the actor, inactive agents, and anyone told of the
-- ticket already in this transaction (a step that notifies someone itself,
-- such as an escalation's new holder, is not repeated). The assignee's
-- events: assign (the new assignee, whom the ticket row already names when
-- the event is written), ack, status, resolve, close, reopen, and each
-- escalation step. A re-triage (retriaged) and a customer's reply
-- (customer_reply) are told to the assignee by their own steps (100/480,
-- 370), which write the event first, so they are left out here rather than
-- told twice. A created ticket (intake's hot path) costs what it did: one
-- lookup of its collaborators, none of its assignee.
-- ticket_events_notify_collaborators (045) is replaced whole.
-- Below, a refused duplicate link says its reason once (480's
-- api_ticket_link, replaced whole).

SELECT set_config('search_path', 'ticketty', true);

CREATE OR REPLACE FUNCTION ticket_events_notify_collaborators() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_assignee int;
BEGIN
    IF NEW.kind IN ('assign', 'ack', 'status', 'resolve', 'close', 'reopen',
                    'escalation.raised', 'escalation.passed_up', 'escalation.acknowledged',
                    'escalation.handed', 'escalation.resolved') THEN
        SELECT t.assignee_id INTO v_assignee FROM tickets t WHERE t.id = NEW.ticket_id;
    END IF;
    INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload)
    SELECT r.agent_id, 'ticket.changed', NEW.ticket_id,
           jsonb_build_object('event', NEW.kind, 'event_id', NEW.id,
                              'actor', (SELECT a.login FROM agents a WHERE a.id = NEW.actor_id))
      FROM (SELECT c.agent_id FROM ticket_collaborators c WHERE c.ticket_id = NEW.ticket_id
            UNION
            SELECT v_assignee WHERE v_assignee IS NOT NULL) r
      JOIN agents a ON a.id = r.agent_id AND a.active
     WHERE r.agent_id IS DISTINCT FROM NEW.actor_id
       AND NOT EXISTS (SELECT 1 FROM notifications x
                        WHERE x.recipient_agent_id = r.agent_id AND x.ticket_id = NEW.ticket_id
                          AND x.created_at = tt_now() AND x.read_at IS NULL);
    RETURN NULL;
END
$$;

REVOKE ALL ON FUNCTION ticket_events_notify_collaborators() FROM ticketty_agent, PUBLIC;

-- ----------------------------------------------------------- links --
-- A refused duplicate link says its reason once. The message said the
-- ticket and the rule ("ticket 4 is closed: a duplicate must point to an
-- open ticket") and the field's line said both again ("other: is closed:
-- a duplicate must point to an open ticket"; another customer's ticket
-- was named three times over, and a duplicate of a duplicate read "other:
-- is given twice", the client's words for the code duplicate). Now each
-- part says one thing: the message the rule ("a duplicate must point to
-- an open ticket"), the field's line what is the matter with that ticket
-- ("other: is not open", "other: belongs to another customer", "other:
-- is itself a duplicate", "ticket: is already a duplicate"), the hint
-- what to do (naming the ticket to use). Fields, codes and kinds of error
-- stay. 480's api_ticket_link, whole.
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
            USING ERRCODE = 'TT400',
                  DETAIL = format(E'other\tlinked\tis already linked to this ticket (%s)', v_have.kind),
                  HINT = 'Unlink them first.';
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
            USING ERRCODE = 'TT400', DETAIL = E'status\tclosed\tis closed, and a closed ticket is final';
    END IF;
    IF NOT o.is_open THEN
        RAISE EXCEPTION 'a duplicate must point to an open ticket'
            USING ERRCODE = 'TT400', DETAIL = E'other\tnot_open\tis not open';
    END IF;
    -- the notice tells the customer that ticket `other` carries on: it must
    -- be theirs (mail about it goes to its own contact)
    IF o.customer_id <> t.customer_id THEN
        RAISE EXCEPTION 'a duplicate must point to a ticket of the same customer'
            USING ERRCODE = 'TT400',
                  DETAIL = E'other\tother_customer\tbelongs to another customer',
                  HINT = 'Link them as related instead.';
    END IF;
    SELECT l.other_id INTO v_dup FROM ticket_links l WHERE l.ticket_id = o.id AND l.kind = 'duplicate_of';
    IF v_dup IS NOT NULL THEN
        RAISE EXCEPTION 'a duplicate must point to the ticket that carries on, not to another duplicate'
            USING ERRCODE = 'TT400',
                  DETAIL = E'other\tduplicate\tis itself a duplicate',
                  HINT = format('Link to ticket %s instead.', v_dup);
    END IF;
    SELECT l.other_id INTO v_dup FROM ticket_links l WHERE l.ticket_id = t.id AND l.kind = 'duplicate_of';
    IF v_dup IS NOT NULL THEN
        RAISE EXCEPTION 'a ticket is a duplicate of one ticket only'
            USING ERRCODE = 'TT400',
                  DETAIL = E'ticket\tduplicate\tis already a duplicate',
                  HINT = format('It duplicates ticket %s: unlink them first.', v_dup);
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
