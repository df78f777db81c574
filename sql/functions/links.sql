-- sql/functions/links.sql: links between tickets (related, duplicate of) and
-- a customer's history.
--
-- Each function here is defined once, in its final form (sql/README).
-- `db migrate` applies every function file again after the migrations
-- whenever these files changed; a migration that needs a function as it
-- runs names it on a "-- @function NAME" line. Each block starts with a
-- "--- NAME" line, which the build (scripts/embed-sql.sh) looks for.

SELECT set_config('search_path', 'ticketty', true);

--- ticket_surviving
-- The ticket a duplicate's thread carries on in (following duplicate_of
-- links); the ticket itself when it is no duplicate.
CREATE OR REPLACE FUNCTION ticket_surviving(ticket bigint) RETURNS bigint
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    WITH RECURSIVE chain(id, depth) AS (
        SELECT ticket_surviving.ticket, 0
        UNION ALL
        SELECT l.other_id, c.depth + 1 FROM chain c
          JOIN ticket_links l ON l.ticket_id = c.id AND l.kind = 'duplicate_of'
         WHERE c.depth < 100)
    SELECT id FROM chain ORDER BY depth DESC LIMIT 1
$$;
GRANT EXECUTE ON FUNCTION ticket_surviving(bigint) TO ticketty_agent;

--- ticket_links_of
-- The links of a ticket, seen from it: kind 'related', 'duplicate_of'
-- (this ticket duplicates other) or 'duplicated_by' (other duplicates it).
CREATE OR REPLACE FUNCTION ticket_links_of(ticket bigint)
    RETURNS TABLE (other_id bigint, kind text, title text, status ticket_status,
                   created_at timestamptz)
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT o.id, x.kind, o.title, o.status, x.created_at
      FROM (SELECT l.other_id AS id, l.kind::text AS kind, l.created_at FROM ticket_links l
             WHERE l.ticket_id = ticket_links_of.ticket
            UNION ALL
            SELECT l.ticket_id, CASE WHEN l.kind = 'duplicate_of' THEN 'duplicated_by' ELSE 'related' END,
                   l.created_at FROM ticket_links l
             WHERE l.other_id = ticket_links_of.ticket) x
      JOIN tickets o ON o.id = x.id
     ORDER BY x.created_at, o.id
$$;
GRANT EXECUTE ON FUNCTION ticket_links_of(bigint) TO ticketty_agent;

--- api_ticket_link
-- Links ticket `id` to `other` as kind 'related' or 'duplicate_of'.
-- expected_version (of `id`, NULL = no check). Returns the version of
-- `id` afterwards. Linking again the same way changes nothing.
-- A duplicate (engineer, csm, coo, ceo or admin: TT403 for others)
-- points to an open ticket of the same customer that is no duplicate
-- itself, where the customer's thread carries on: `id` is resolved and
-- closed (a resolved one closed) with a notice in its contact's
-- language, the tickets that duplicated `id` now duplicate `other`, and
-- `id`'s assignee and collaborators follow `other`.
-- Every refusal of the link itself is TT400 naming the field (kind,
-- other, ticket or status), each part saying one thing: the message the
-- rule ("a duplicate must point to an open ticket"), the field's line
-- what is the matter with that ticket ("other: is not open", "other:
-- belongs to another customer", "other: is itself a duplicate", "ticket:
-- is already a duplicate"), the hint what to do (naming the ticket to
-- use).
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
GRANT EXECUTE ON FUNCTION api_ticket_link(bigint, bigint, text, int) TO ticketty_agent;

--- api_ticket_unlink
-- Removes the link between two tickets (either way round). True when a
-- link was removed. A ticket closed as a duplicate stays closed.
-- expected_version (of `id`, NULL = no check): a ticket changed since
-- the caller looked is TT409 naming the changes (ticket_lock).
CREATE OR REPLACE FUNCTION api_ticket_unlink(id bigint, other bigint, expected_version int DEFAULT NULL)
    RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_link ticket_links;
BEGIN
    PERFORM current_agent_id();
    -- lower id first (no deadlock with a link or unlink the other way)
    IF id < other THEN
        PERFORM ticket_lock(id, expected_version);
        PERFORM ticket_lock(other, NULL);
    ELSE
        PERFORM ticket_lock(other, NULL);
        PERFORM ticket_lock(id, expected_version);
    END IF;
    DELETE FROM ticket_links l
     WHERE (l.ticket_id = id AND l.other_id = other) OR (l.ticket_id = other AND l.other_id = id)
    RETURNING * INTO v_link;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    IF v_link.kind = 'duplicate_of' THEN
        PERFORM require_role('engineer', 'csm', 'coo', 'ceo', 'admin');
    END IF;
    PERFORM audit(id, 'unlink', jsonb_build_object('kind', v_link.kind, 'other', other));
    PERFORM audit(other, 'unlink', jsonb_build_object('kind', v_link.kind, 'other', id));
    RETURN true;
END
$$;
GRANT EXECUTE ON FUNCTION api_ticket_unlink(bigint, bigint, int) TO ticketty_agent;

--- customer_history
-- The customer's other tickets for the ticket view: open ones first, then
-- closed ones, newest first; at most max_rows (1-200).
CREATE OR REPLACE FUNCTION customer_history(ticket bigint, max_rows int DEFAULT 50)
    RETURNS TABLE (ticket_id bigint, is_open boolean, status ticket_status, severity smallint,
                   title text, created_at timestamptz, resolved_at timestamptz, relation text)
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT h.id, h.is_open, h.status, h.severity, h.title, h.created_at, h.resolved_at,
           (SELECT l.kind::text FROM ticket_links l
             WHERE (l.ticket_id = customer_history.ticket AND l.other_id = h.id)
                OR (l.other_id = customer_history.ticket AND l.ticket_id = h.id)
             LIMIT 1)
      FROM tickets me
      CROSS JOIN LATERAL (
          (SELECT t.* FROM tickets t
            WHERE t.customer_id = me.customer_id AND t.is_open AND t.id <> me.id
            ORDER BY t.is_open DESC, t.created_at DESC, t.id DESC LIMIT least(greatest(max_rows, 1), 200))
          UNION ALL
          (SELECT t.* FROM tickets t
            WHERE t.customer_id = me.customer_id AND NOT t.is_open AND t.id <> me.id
            ORDER BY t.is_open DESC, t.created_at DESC, t.id DESC LIMIT least(greatest(max_rows, 1), 200))
      ) h
     WHERE me.id = customer_history.ticket
     ORDER BY h.is_open DESC, h.created_at DESC, h.id DESC
     LIMIT least(greatest(max_rows, 1), 200)
$$;
GRANT EXECUTE ON FUNCTION customer_history(bigint, int) TO ticketty_agent;
