-- 410_held_mail_released.sql: mail held because its sender was unknown
-- is taken in once the sender is known.
--   * A mail held as unknown_sender stayed held for good: after an admin
--     added the sender as a contact, `inbox accept`, `ask` and `refuse`
--     said "inbox mail N is already held" with exit 75 (try again), which
--     could never succeed, and the mail could not even be discarded. Now
--     inbox_lock takes such a mail back into the inbox when its sender is
--     an active contact, with the contact and customer it lacked, so every
--     inbox step works on it. Any other held mail (automatic replies,
--     replies to staff copies, strangers in a ticket's thread) is refused
--     with TT400 naming why it is held and what can be done with it.
--   * Held mail can be discarded (api_inbox_discard).
--   * inbox_prefill names the customer of a sender known by now, so the
--     intake form opened on such a mail starts with it.
-- inbox_lock, api_inbox_discard and inbox_prefill (062) are replaced whole.

SELECT set_config('search_path', 'ticketty', true);

-- Locks an inbox mail that is still open (inbox or asked) for the caller,
-- an agent who owns conversations with customers; a mail held only
-- because its sender was unknown comes back into the inbox once the
-- sender is an active contact. TT404, TT400 (held), TT409 otherwise.
CREATE OR REPLACE FUNCTION inbox_lock(p_inbound bigint) RETURNS mail_inbound
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    m  mail_inbound;
    ct contacts;
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
            DETAIL = format(E'mail\theld\tis held (%s): %s', m.hold_reason,
                            CASE WHEN m.hold_reason = 'unknown_sender'
                                 THEN 'add its sender as a contact of their customer first (admin contact add), or discard it'
                                 WHEN m.ticket_id IS NOT NULL
                                 THEN 'put it on its ticket as an internal note (inbox note) or discard it'
                                 ELSE 'it is never answered or made a ticket; discard it' END);
    ELSIF m.state NOT IN ('inbox', 'asked') THEN
        RAISE EXCEPTION 'inbox mail % is already %', p_inbound, m.state USING ERRCODE = 'TT409';
    END IF;
    RETURN m;
END
$$;

-- Drops an inbox or held mail without answering (it stays stored, state
-- discarded).
CREATE OR REPLACE FUNCTION api_inbox_discard(p_inbound bigint) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    m mail_inbound;
BEGIN
    PERFORM require_role('engineer', 'csm', 'coo', 'ceo', 'admin');
    SELECT * INTO m FROM mail_inbound WHERE id = p_inbound FOR UPDATE;
    IF FOUND AND m.state = 'held' THEN
        UPDATE mail_inbound SET hold_reason = NULL, state = 'discarded',
               handled_by = current_agent_id(), handled_at = tt_now()
         WHERE id = m.id;
        PERFORM pg_notify('ticketty', json_build_object('inbox', m.id, 'kind', 'mail')::text);
        RETURN;
    END IF;
    PERFORM inbox_done(inbox_lock(p_inbound), 'discarded', NULL);
END
$$;

-- What the mail itself gives the intake form: customer (the sender's,
-- also when they became a contact after it came), contact, title,
-- description, screenshots (its image attachments), the idempotency key.
CREATE OR REPLACE FUNCTION inbox_prefill(p_inbound bigint) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT jsonb_strip_nulls(jsonb_build_object(
        'customer', coalesce((SELECT cu.name FROM customers cu WHERE cu.id = m.customer_id),
                             (SELECT cu.name FROM contacts k JOIN customers cu ON cu.id = k.customer_id
                               WHERE lower(k.email) = m.from_address AND k.active
                               ORDER BY k.spoc DESC, k.id LIMIT 1)),
        'contact', m.from_address,
        'title', nullif(left(btrim(regexp_replace(m.subject, '^\s*((re|fwd?|aw|rv)\s*:\s*)+', '', 'i')), 200), ''),
        'description', nullif(btrim(m.body, E' \t\r\n'), ''),
        'screenshots', (SELECT jsonb_agg('attachment:' || a.id ORDER BY a.id) FROM attachments a
                         WHERE a.inbound_id = m.id AND a.content_type LIKE 'image/%'),
        'idempotency_key', 'mail:' || m.id))
      FROM mail_inbound m WHERE m.id = p_inbound
$$;
