-- 450_mail_delivery_once.sql: what became of a message is worked out in
-- one place, and a failed attempt is written once.
--   * The inbox (an answer to inbox mail) and the ticket's timeline (a
--     public reply) each spelled out how an outbox row reads: bounced,
--     failing and retried, or its state. The two copies had already drifted
--     (only the inbox's counted a given-up message as bounced; the
--     timeline got the same answer only because giving up also sets
--     bounced_at). mail_delivery() is that rule, once; it is plain SQL
--     and so is inlined into both statements (no call per row).
--   * api_mail_failed (420) wrote the row twice when it gave a message up
--     (the retry time, then the give-up), and returned NULL both for
--     "given up" and for "no longer queued", so `mail send` asked the row
--     again to tell them apart. It now gives up without writing a retry
--     first, and says which it was: next_attempt (NULL when there is
--     none) and given_up. Its result type changes, so it is dropped and
--     made again (only the mail bot calls it).
--   * agent_callable_helpers (049) is replaced whole to name mail_delivery.

SELECT set_config('search_path', 'ticketty', true);

-- How message o reads where it was written: 'bounced' (a delivery report
-- came back, or it was given up: mail_undelivered), 'failed' (the MTA
-- failed it for now; it is retried), else its state (queued, sent,
-- suppressed).
CREATE FUNCTION mail_delivery(o mail_outbox) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE WHEN o.bounced_at IS NOT NULL OR o.state = 'failed' THEN 'bounced'
                WHEN o.state = 'queued' AND o.last_error IS NOT NULL THEN 'failed'
                ELSE o.state::text END
$$;

-- 049's agent_callable_helpers, whole, with mail_delivery: the inbox's
-- and the timeline's statements call it as the agent.
CREATE OR REPLACE FUNCTION agent_callable_helpers() RETURNS name[]
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT ARRAY['clock_may_pin', 'tt_now', 'is_valid_time_zone', 'default_calendar_id',
                 'current_agent_id', 'current_agent_role', 'require_role', 'session_agent_id',
                 'session_agent_is_admin', 'session_agent_is_support', 'calendar_horizon_start', 'calendar_horizon_end',
                 'business_position', 'business_position_cached', 'business_at',
                 'business_seconds', 'business_add', 'clock_add', 'clock_between',
                 'sla_target', 'sla_due', 'sla_risk_at', 'iso_in_zone', 'ticket_sla',
                 'ticket_deadlines', 'ticket_sla_json', 'ticket_sla_state',
                 'policy_json', 'escalation_rank', 'escalation_is_mine', 'escalation_can_act',
                 'is_following', 'json_safe_text', 'calendar_holidays', 'queue_sla',
                 'report_zone', 'report_today', 'report_args', 'report_name', 'report_sla',
                 'report_backlog', 'report_escalations', 'report_oldest',
                 -- the intake and re-triage forms (020, 100): read-only
                 'intake_applies', 'intake_form', 'ticket_intake_payload',
                 -- search (070, 071): read-only, called by agents' queries
                 'search', 'search_json', 'search_partial', 'search_query',
                 'search_customer', 'search_window', 'search_doc', 'search_shared_doc',
                 'search_fields_doc', 'search_own_doc', 'search_party_doc', 'search_comment_doc',
                 'search_duplicates', 'tsvector_agg',
                 'customer_history', 'ticket_surviving', 'ticket_links_of', 'similarity',
                 'similarity_dist',
                 -- how a message reads in the inbox and the timeline (450)
                 'mail_delivery']::name[]
$$;

-- 420's api_mail_failed, whole, with a new result. The MTA refused or
-- failed for now (admin only): retried after 1, 2, 4 ... minutes (at most
-- one hour between attempts), the error kept for `mail status`; once
-- give_up_hours have passed since the message was written it is given up
-- instead (mail_give_up, cause 'expired'). Returns the next attempt (NULL:
-- none) and whether it was given up; both NULL/false when the message was
-- no longer queued (another sender settled it).
DROP FUNCTION api_mail_failed(bigint, text);
CREATE FUNCTION api_mail_failed(p_id bigint, p_error text, OUT next_attempt timestamptz, OUT given_up boolean)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_hours int;
BEGIN
    PERFORM require_role('admin');
    given_up := false;
    v_hours := mail_setting('give_up_hours')::int;
    UPDATE mail_outbox
       SET next_attempt_at = tt_now() + least(interval '1 minute' * power(2, least(attempts - 1, 10)),
                                              interval '1 hour'),
           last_error = left(coalesce(p_error, 'unknown error'), 1000)
     WHERE id = p_id AND state = 'queued' AND tt_now() < created_at + make_interval(hours => v_hours)
    RETURNING next_attempt_at INTO next_attempt;
    IF FOUND THEN
        RETURN;
    END IF;
    -- not retried: too old (give it up), or no longer queued
    PERFORM 1 FROM mail_outbox WHERE id = p_id AND state = 'queued' FOR UPDATE;
    IF FOUND THEN
        PERFORM mail_give_up(p_id, p_error, 'expired');
        given_up := true;
    END IF;
END
$$;
