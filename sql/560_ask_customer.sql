-- 560_ask_customer.sql: waiting on the customer with a question to them.
--   * Setting a ticket to waiting_customer changed the status silently:
--     the customer was asked nothing, and the engineer had to remember to
--     send a reply afterwards. api_ticket_ask moves the ticket to
--     waiting_customer WITH a public question, in one transaction: one
--     version bump, one 'status' event carrying the comment, and the
--     request_info mail ("Information needed: {{title}}", in the
--     contact's language) queued by ticket_events_mail (270) as for any
--     public comment on a status change. The question is required and
--     checked as a reply's (ticket_check_text: TT400 on "message"); the
--     permission rule is the status change's (ticket_require_support:
--     TT403 for a product manager or developer, before anything else).
--     A bare change to waiting_customer (api_ticket_set_status) stays
--     allowed: an engineer may have asked by phone.
--   * api_ticket_transitions (030) says the change to waiting_customer
--     takes an optional public question: its message column is
--     'question' there, so the interface offers to ask one. It is
--     replaced whole.

SELECT set_config('search_path', 'ticketty', true);

-- Moves ticket `id` to waiting_customer and asks the customer `message`
-- (required, a public comment mailed as request_info). Returns the new
-- version.
CREATE FUNCTION api_ticket_ask(id bigint, expected_version int, message text) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM ticket_require_support('changing the status');
    PERFORM ticket_check_text('message', message);
    RETURN ticket_apply_status(api_ticket_ask.id, expected_version, 'waiting_customer', NULL,
                               message, NULL, 'status');
END
$$;
GRANT EXECUTE ON FUNCTION api_ticket_ask(bigint, int, text) TO ticketty_agent;

-- 030's api_ticket_transitions, whole: the status changes the caller may
-- make to ticket `id` now, read from ticket_transitions (the TUI's status
-- picker): the target, the action that performs it (ack, status,
-- resolve, close, reopen), whether a bug reference must be asked for
-- (waiting_engineering on a ticket without one) and which message it
-- takes: 'public' (required: acknowledging, resolving), 'question'
-- (optional, public: waiting on the customer, api_ticket_ask),
-- 'internal' (optional: reopening) or 'none'. Empty for a product
-- manager or developer (notes only) and for a closed ticket.
CREATE OR REPLACE FUNCTION api_ticket_transitions(id bigint)
    RETURNS TABLE (to_status text, action text, needs_bug_ref boolean, message text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_me int := current_agent_id();
    t    tickets;
BEGIN
    SELECT * INTO t FROM tickets x WHERE x.id = api_ticket_transitions.id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'ticket % not found', api_ticket_transitions.id USING ERRCODE = 'TT404';
    END IF;
    IF (SELECT a.role FROM agents a WHERE a.id = v_me) IN ('pm', 'developer') THEN
        RETURN;
    END IF;
    RETURN QUERY
        SELECT tr.to_status::text, tr.action,
               tr.to_status = 'waiting_engineering' AND coalesce(btrim(t.bug_ref), '') = '',
               CASE WHEN tr.action IN ('ack', 'resolve') THEN 'public'
                    WHEN tr.to_status = 'waiting_customer' THEN 'question'
                    WHEN tr.action = 'reopen' THEN 'internal' ELSE 'none' END
          FROM ticket_transitions tr
         WHERE tr.from_status = t.status
         ORDER BY array_position(enum_range(NULL::ticket_status), tr.to_status);
END
$$;
