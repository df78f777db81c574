-- 045_notify.sql: the notifications outbox.
--
-- Every event somebody must hear about becomes a notifications row; a mail
-- or chat bridge (an agent with role admin) lists the undelivered ones and
-- marks them sent; agents read their own in the TUI and mark them read.
-- Rows are written by:
--   * the escalation API (040): the new holder on raise / pass up, the
--     raiser on acknowledgement, raiser and assignee on resolution;
--   * intake (020, api_ticket_create): an emergency notifies the customer's
--     CSM and account representative (kind emergency);
--   * trigger tickets_notify_contact: acknowledged_at or resolved_at being
--     set notifies the requesting contact (ticket.acknowledged,
--     ticket.resolved), whichever API function sets them;
--   * trigger ticket_events_notify_collaborators: every audit event of a
--     ticket notifies its collaborators other than the actor (ticket.changed),
--     at most once per collaborator and transaction.
-- Row-level security: an agent sees only the notifications addressed to
-- them; admins (the bridge) see all.

SELECT set_config('search_path', 'ticketty', true);

-- True when the calling login is an active admin agent. Never raises.
CREATE FUNCTION session_agent_is_admin() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
    SELECT coalesce((SELECT a.role = 'admin' FROM agents a
                      WHERE a.id = session_agent_id()), false)
$$;

ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
CREATE POLICY notifications_visible ON notifications FOR SELECT TO ticketty_agent
    USING (recipient_agent_id = (SELECT session_agent_id()) OR (SELECT session_agent_is_admin()));

-- ------------------------------------------------------------- triggers --

-- The requesting contact hears when the ticket is acknowledged (first
-- response) and each time it is resolved.
CREATE FUNCTION tickets_notify_contact() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF NEW.acknowledged_at IS NOT NULL AND OLD.acknowledged_at IS NULL THEN
        INSERT INTO notifications (recipient_contact_id, kind, ticket_id, payload)
        VALUES (NEW.contact_id, 'ticket.acknowledged', NEW.id,
                jsonb_build_object('title', NEW.title, 'at', NEW.acknowledged_at));
    END IF;
    IF NEW.resolved_at IS NOT NULL AND NEW.resolved_at IS DISTINCT FROM OLD.resolved_at THEN
        INSERT INTO notifications (recipient_contact_id, kind, ticket_id, payload)
        VALUES (NEW.contact_id, 'ticket.resolved', NEW.id,
                jsonb_build_object('title', NEW.title, 'at', NEW.resolved_at));
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER tickets_notify_contact
    AFTER UPDATE OF acknowledged_at, resolved_at ON tickets
    FOR EACH ROW EXECUTE FUNCTION tickets_notify_contact();

-- Collaborators hear of every event on a ticket they follow, except their
-- own, once per transaction (one step may write several events; a
-- collaborator already notified by the step itself is not told twice).
CREATE FUNCTION ticket_events_notify_collaborators() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload)
    SELECT c.agent_id, 'ticket.changed', NEW.ticket_id,
           jsonb_build_object('event', NEW.kind, 'event_id', NEW.id,
                              'actor', (SELECT a.login FROM agents a WHERE a.id = NEW.actor_id))
      FROM ticket_collaborators c
      JOIN agents a ON a.id = c.agent_id AND a.active
     WHERE c.ticket_id = NEW.ticket_id
       AND c.agent_id IS DISTINCT FROM NEW.actor_id
       AND NOT EXISTS (SELECT 1 FROM notifications x
                        WHERE x.recipient_agent_id = c.agent_id AND x.ticket_id = NEW.ticket_id
                          AND x.created_at = tt_now() AND x.read_at IS NULL);
    RETURN NULL;
END
$$;
CREATE TRIGGER ticket_events_notify_collaborators
    AFTER INSERT ON ticket_events
    FOR EACH ROW EXECUTE FUNCTION ticket_events_notify_collaborators();

-- ------------------------------------------------------------------ API --

-- Undelivered notifications, oldest first, with the resolved address: for
-- the delivery bridge, which runs as an agent with role admin.
CREATE FUNCTION api_notifications_pending(max_rows int DEFAULT 1000)
    RETURNS TABLE (id bigint, kind text, ticket_id bigint, escalation_id bigint,
                   recipient_kind text, recipient text, address text,
                   payload jsonb, created_at timestamptz)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM require_role('admin');
    RETURN QUERY
    SELECT n.id, n.kind, n.ticket_id, n.escalation_id,
           CASE WHEN n.recipient_agent_id IS NOT NULL THEN 'agent'
                WHEN n.recipient_contact_id IS NOT NULL THEN 'contact'
                ELSE 'email' END,
           coalesce(a.login::text, ct.name, n.recipient_email),
           coalesce(a.email, ct.email, n.recipient_email),
           n.payload, n.created_at
      FROM notifications n
      LEFT JOIN agents a ON a.id = n.recipient_agent_id
      LEFT JOIN contacts ct ON ct.id = n.recipient_contact_id
     WHERE n.sent_at IS NULL
     ORDER BY n.created_at, n.id
     LIMIT greatest(coalesce(max_rows, 1000), 1);
END
$$;

-- Marks notifications delivered (admin only). Unknown ids are refused
-- (TT404) and nothing is marked; ids already sent are left alone. Returns
-- how many were marked now.
CREATE FUNCTION api_notifications_mark_sent(ids bigint[]) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_missing bigint[];
    v_count   int;
BEGIN
    PERFORM require_role('admin');
    SELECT array_agg(i ORDER BY i) INTO v_missing
      FROM unnest(ids) AS i
     WHERE NOT EXISTS (SELECT 1 FROM notifications n WHERE n.id = i);
    IF v_missing IS NOT NULL THEN
        RAISE EXCEPTION 'no such notification: %', array_to_string(v_missing, ', ')
            USING ERRCODE = 'TT404';
    END IF;
    UPDATE notifications n SET sent_at = tt_now()
     WHERE n.id = ANY (ids) AND n.sent_at IS NULL;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END
$$;

-- Marks the caller's own notifications read: the given ids, or all of them
-- when ids is NULL. Others' ids are ignored. Returns how many changed.
CREATE FUNCTION api_notifications_mark_read(ids bigint[] DEFAULT NULL) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    me      int := current_agent_id();
    v_count int;
BEGIN
    UPDATE notifications n SET read_at = tt_now()
     WHERE n.recipient_agent_id = me AND n.read_at IS NULL
       AND (ids IS NULL OR n.id = ANY (ids));
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END
$$;

REVOKE ALL ON FUNCTION
    tickets_notify_contact(),
    ticket_events_notify_collaborators()
FROM ticketty_agent, PUBLIC;
