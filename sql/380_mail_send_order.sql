-- 380_mail_send_order.sql: a ticket's mail to one address goes out in the
-- order it was written, also when one message fails or hangs.
--   * 061's api_mail_claim took every due message, and a failed one waits
--     for its retry (1, 2, 4 ... minutes) or its lease (a sender that hung
--     or died): the next message of the same ticket to the same address
--     went out before it, and the customer read the answers out of order
--     (the second one's In-Reply-To names a message not yet there).
--   * Now only the first queued message of a (ticket, address) is
--     claimed; those behind it wait until it is sent. A later one that is
--     due while the first is leased or waiting for its retry takes the
--     first one's next_attempt_at, so the sender's "next due" (the
--     earliest next_attempt_at, model/mail.c) does not name a message it
--     may not claim (`mail send --watch` would wake again at once).
--   * api_mail_sent makes the next ones of that ticket and address due at
--     once, so one `mail send` run sends a thread's messages one after the
--     other. Mail without a ticket is not held by anything.
-- Both functions are replaced whole (061).

SELECT set_config('search_path', 'ticketty', true);

-- Claims up to max_rows due messages for delivery (admin only): each gets
-- one more attempt and a lease of lease_seconds during which no other
-- sender takes it. Concurrent senders never claim the same row. Only the
-- first queued message of a ticket to one address is claimed.
CREATE OR REPLACE FUNCTION api_mail_claim(max_rows int DEFAULT 100, lease_seconds int DEFAULT 300)
    RETURNS SETOF mail_outbox
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM require_role('admin');
    RETURN QUERY
    UPDATE mail_outbox o
       SET attempts = o.attempts + 1,
           next_attempt_at = tt_now() + make_interval(secs => greatest(coalesce(lease_seconds, 300), 1))
     WHERE o.id IN (SELECT d.id FROM mail_outbox d
                     WHERE d.state = 'queued' AND d.next_attempt_at <= tt_now()
                       AND NOT EXISTS (SELECT 1 FROM mail_outbox e
                                        WHERE e.ticket_id = d.ticket_id AND e.id < d.id
                                          AND e.state = 'queued'
                                          AND lower(e.to_address) = lower(d.to_address))
                     ORDER BY d.next_attempt_at, d.id
                     LIMIT greatest(coalesce(max_rows, 100), 1)
                       FOR UPDATE SKIP LOCKED)
    RETURNING o.*;
    -- held back: due, behind a message of their ticket and address that
    -- is not (in a sender's hands, or waiting for its retry)
    UPDATE mail_outbox h
       SET next_attempt_at = w.until
      FROM (SELECT d.id,
                   (SELECT max(e.next_attempt_at) FROM mail_outbox e
                     WHERE e.ticket_id = d.ticket_id AND e.id < d.id AND e.state = 'queued'
                       AND lower(e.to_address) = lower(d.to_address)) AS until
              FROM mail_outbox d
             WHERE d.state = 'queued' AND d.next_attempt_at <= tt_now() AND d.ticket_id IS NOT NULL
               FOR UPDATE SKIP LOCKED) w
     WHERE h.id = w.id AND w.until > tt_now();
END
$$;

-- The MTA took the message (admin only); the next ones of its ticket to
-- the same address, held back behind it, are due now.
CREATE OR REPLACE FUNCTION api_mail_sent(p_id bigint) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    o mail_outbox;
BEGIN
    PERFORM require_role('admin');
    UPDATE mail_outbox SET state = 'sent', sent_at = tt_now(), last_error = NULL
     WHERE id = p_id AND state = 'queued'
    RETURNING * INTO o;
    IF o.ticket_id IS NOT NULL THEN
        UPDATE mail_outbox n SET next_attempt_at = tt_now()
         WHERE n.ticket_id = o.ticket_id AND n.id > o.id AND n.state = 'queued'
           AND lower(n.to_address) = lower(o.to_address) AND n.next_attempt_at > tt_now();
    END IF;
END
$$;
