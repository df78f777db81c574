-- 420_mail_give_up.sql: mail that can never be sent stops being tried,
-- its ticket says so, and the thread behind it goes on.
--   * api_mail_failed (061) retried every failed message for ever, at
--     most an hour apart, and since 380 the later messages of the same
--     ticket to the same address wait behind it: one answer the mail
--     transfer agent would never take (a refused address, a message it
--     cannot carry) held every later answer of that thread back for good,
--     and the ticket still read "mail failed, retrying".
--   * Now a message is given up (state 'failed', failed_at) when the MTA
--     refuses it for good (api_mail_refused: the sendmail command exited
--     with a permanent status, src/mail/sendmail.c), or when it has not
--     been taken within the mail policy's give_up_hours (default 120,
--     five days, the queue lifetime of Exim and Postfix) of being written
--     (api_mail_failed, replaced whole). A given-up answer to the
--     customer is recorded on its ticket as a bounce is (the audit event
--     mail_bounced with cause 'refused' or 'expired', the public reply
--     reads "mail bounced", the author and the assignee are told), and
--     the next messages of its ticket to the same address are due at
--     once.
--   * api_mail_policy_set (360) is replaced whole: a refused value is
--     told what its setting takes (give_up_hours: hours from 1 to 2160).
--   * mail_undelivered() is what api_mail_bounced (200) did inline; that
--     function is replaced whole to call it. It also marks an answer to
--     inbox mail (`inbox ask`, `inbox refuse`) that bounced or was given
--     up, which 200 left unmarked: the inbox says the sender never got it.

SELECT set_config('search_path', 'ticketty', true);

ALTER TABLE mail_outbox
    DROP CONSTRAINT mail_outbox_state_check,
    ADD CONSTRAINT mail_outbox_state_check CHECK (state IN ('queued', 'sent', 'suppressed', 'failed')),
    ADD COLUMN failed_at timestamptz,
    ADD CONSTRAINT mail_outbox_failed_at CHECK ((state = 'failed') = (failed_at IS NOT NULL));
COMMENT ON TABLE mail_outbox IS
    'Every mail built for sending, fixed when built (Message-ID, threading, text); '
    'queued, sent, suppressed or failed (given up, 420).';

ALTER TABLE mail_policy
    DROP CONSTRAINT mail_policy_key_check,
    ADD CONSTRAINT mail_policy_key_check CHECK (key IN ('from_address', 'from_name', 'reply_to',
                                                        'message_id_domain', 'sender_daily_limit',
                                                        'max_attachment_bytes', 'max_message_bytes',
                                                        'give_up_hours')),
    DROP CONSTRAINT mail_policy_number,
    ADD CONSTRAINT mail_policy_number CHECK (key NOT IN ('sender_daily_limit', 'max_attachment_bytes',
                                                         'max_message_bytes', 'give_up_hours')
                                             OR (value ~ '^[0-9]{1,10}$' AND value::bigint > 0
                                                 AND value::bigint < 1073741824)),
    ADD CONSTRAINT mail_policy_give_up CHECK (key <> 'give_up_hours'
                                              OR (value ~ '^[0-9]{1,4}$' AND value::int BETWEEN 1 AND 2160));
-- a message not taken by the MTA within this many hours of being written
-- is given up (1 to 2160, 90 days)
INSERT INTO mail_policy (key, value) VALUES ('give_up_hours', '120');

-- Records that our message o never reached p_to (a delivery report
-- p_report came back, or ticketty gave the message up: p_cause 'refused'
-- or 'expired'): the outbox row says when and why (an answer to inbox
-- mail reads so in the inbox), the ticket gets the audit event
-- mail_bounced, and the answer's author and the ticket's assignee are
-- notified. Only the first time counts.
CREATE FUNCTION mail_undelivered(o mail_outbox, p_to text, p_reason text, p_report bigint, p_cause text)
    RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    t tickets;
BEGIN
    IF o.bounced_at IS NOT NULL THEN
        RETURN;
    END IF;
    UPDATE mail_outbox SET bounced_at = tt_now(), bounce_reason = left(nullif(p_reason, ''), 1000)
     WHERE id = o.id;
    IF o.ticket_id IS NULL THEN
        IF o.inbound_id IS NOT NULL THEN
            PERFORM pg_notify('ticketty', json_build_object('inbox', o.inbound_id, 'kind', 'mail')::text);
        END IF;
        RETURN;
    END IF;
    SELECT * INTO t FROM tickets WHERE id = o.ticket_id;
    PERFORM audit(t.id, 'mail_bounced',
                  jsonb_strip_nulls(jsonb_build_object(
                      'to', coalesce(nullif(btrim(p_to), ''), o.to_address),
                      'reason', nullif(left(p_reason, 1000), ''), 'mail', o.id,
                      'comment', o.comment_id, 'report', p_report, 'cause', p_cause)));
    INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload)
    SELECT DISTINCT w.agent, 'ticket.mail_bounced', t.id,
           jsonb_build_object('title', t.title, 'to', o.to_address, 'reason', nullif(left(p_reason, 1000), ''))
      FROM (SELECT t.assignee_id AS agent
            UNION ALL
            SELECT c.author_id FROM comments c WHERE c.id = o.comment_id) w
     WHERE w.agent IS NOT NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION mail_undelivered(mail_outbox, text, text, bigint, text) FROM ticketty_agent;

-- Gives the queued message p_id up (p_cause 'refused' or 'expired', the
-- MTA's last word in p_error): it is never tried again; an answer on a
-- ticket (one with a comment: to the customer, or its copy) is recorded
-- there as undelivered; the messages waiting behind it (same ticket, same
-- address) are due now.
CREATE FUNCTION mail_give_up(p_id bigint, p_error text, p_cause text) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    o mail_outbox;
BEGIN
    UPDATE mail_outbox
       SET state = 'failed', failed_at = tt_now(),
           last_error = left(coalesce(nullif(p_error, ''), last_error, 'unknown error'), 1000)
     WHERE id = p_id AND state = 'queued'
    RETURNING * INTO o;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    -- an answer (to the customer, its copy, or to inbox mail) says so
    -- where it was written; a notification to an agent only stops
    IF o.comment_id IS NOT NULL OR o.inbound_id IS NOT NULL THEN
        PERFORM mail_undelivered(o, o.to_address, o.last_error, NULL, p_cause);
    END IF;
    IF o.ticket_id IS NOT NULL THEN
        UPDATE mail_outbox n SET next_attempt_at = tt_now()
         WHERE n.ticket_id = o.ticket_id AND n.id > o.id AND n.state = 'queued'
           AND lower(n.to_address) = lower(o.to_address) AND n.next_attempt_at > tt_now();
    END IF;
END
$$;
REVOKE EXECUTE ON FUNCTION mail_give_up(bigint, text, text) FROM ticketty_agent;

-- 061's api_mail_failed, whole. The MTA refused or failed for now:
-- retried after 1, 2, 4 ... minutes (at most one hour between attempts),
-- the error kept for `mail status`; once give_up_hours have passed since
-- the message was written it is given up instead (mail_give_up, cause
-- 'expired') and NULL is returned: there is no next attempt.
CREATE OR REPLACE FUNCTION api_mail_failed(p_id bigint, p_error text) RETURNS timestamptz
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_next    timestamptz;
    v_created timestamptz;
BEGIN
    PERFORM require_role('admin');
    UPDATE mail_outbox
       SET next_attempt_at = tt_now() + least(interval '1 minute' * power(2, least(attempts - 1, 10)),
                                              interval '1 hour'),
           last_error = left(coalesce(p_error, 'unknown error'), 1000)
     WHERE id = p_id AND state = 'queued'
    RETURNING next_attempt_at, created_at INTO v_next, v_created;
    IF FOUND AND tt_now() >= v_created + make_interval(hours => mail_setting('give_up_hours')::int) THEN
        PERFORM mail_give_up(p_id, p_error, 'expired');
        RETURN NULL;
    END IF;
    RETURN v_next;
END
$$;

-- The MTA refused the message for good (admin only): it is given up at
-- once (mail_give_up, cause 'refused').
CREATE FUNCTION api_mail_refused(p_id bigint, p_error text) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM require_role('admin');
    PERFORM mail_give_up(p_id, coalesce(p_error, 'refused'), 'refused');
END
$$;

-- 200's api_mail_bounced, whole, the recording moved to
-- mail_undelivered. Records that the message p_message_id of ours could
-- not be delivered (the mail bot, an admin, calls it for the report
-- p_inbound it stored); returns the message's ticket, NULL when the
-- message is not ours or belongs to no ticket.
CREATE OR REPLACE FUNCTION api_mail_bounced(p_inbound bigint, p_message_id text, p_recipient text,
                                            p_status text, p_reason text) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    o mail_outbox;
BEGIN
    PERFORM require_role('admin');
    -- 'queued' too: a local MTA that delivers at once can return the
    -- report before `mail send` has recorded the message as sent
    SELECT * INTO o FROM mail_outbox WHERE message_id = p_message_id AND state <> 'suppressed' FOR UPDATE;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    UPDATE mail_inbound SET ticket_id = o.ticket_id WHERE id = p_inbound;
    PERFORM mail_undelivered(o, p_recipient,
                             left(concat_ws(' ', nullif(btrim(p_status), ''), nullif(btrim(p_reason), '')), 1000),
                             p_inbound, NULL);
    RETURN o.ticket_id;
END
$$;

-- 360's api_mail_policy_set, whole: a value a setting does not take is
-- refused saying what it takes (one address, a domain, a number of hours
-- from 1 to 2160 for give_up_hours, a whole number).
-- Audited as mail_policy.set (object KEY, {"KEY": value} before and after).
-- Sets one mail policy value (admin only); a bad key or value: TT400.
CREATE OR REPLACE FUNCTION api_mail_policy_set(p_key text, p_value text) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_before text;
    v_after  text;
BEGIN
    PERFORM require_role('admin');
    IF p_key IS NULL OR NOT EXISTS (SELECT 1 FROM mail_policy WHERE key = p_key) THEN
        RAISE EXCEPTION 'unknown mail setting "%"', p_key USING ERRCODE = 'TT400',
            DETAIL = format(E'key\tunknown\tthere is no mail setting "%s"', p_key);
    END IF;
    IF p_value ~ '[\u0001-\u001f\u007f-\u009f\u2028\u2029]' THEN
        RAISE EXCEPTION 'the value of % is not valid', p_key USING ERRCODE = 'TT400',
            DETAIL = admin_problem('value', 'control_character',
                format('the %s setting may not contain line breaks, tabs or other control characters', p_key));
    END IF;
    SELECT m.value INTO v_before FROM mail_policy m WHERE m.key = p_key FOR UPDATE;
    BEGIN
        UPDATE mail_policy SET value = btrim(p_value) WHERE key = p_key
        RETURNING value INTO v_after;
    EXCEPTION WHEN check_violation OR not_null_violation THEN
        -- what the setting takes, said with the refusal
        RAISE EXCEPTION 'the value of % is not valid', p_key USING ERRCODE = 'TT400',
            DETAIL = CASE
                WHEN p_key IN ('from_address', 'reply_to')
                THEN format(E'value\tnot_address\t"%s" is not one address, such as support@example.com', p_value)
                WHEN p_key = 'message_id_domain'
                THEN format(E'value\tnot_domain\t"%s" is not a domain of letters, digits, dots and hyphens', p_value)
                WHEN p_key = 'give_up_hours'
                THEN format(E'value\tnot_hours\t"%s" is not a whole number of hours from 1 to 2160', p_value)
                WHEN p_key IN ('sender_daily_limit', 'max_attachment_bytes', 'max_message_bytes')
                THEN format(E'value\tnot_number\t"%s" is not a whole number from 1 to 1073741823', p_value)
                ELSE format(E'value\tinvalid\t"%s" is not a valid %s', p_value, p_key) END;
    END;
    IF v_after IS DISTINCT FROM v_before THEN
        PERFORM admin_audit('mail_policy.set', 'mail_policy', NULL, p_key,
                            jsonb_build_object(p_key, v_before), jsonb_build_object(p_key, v_after));
    END IF;
END
$$;
