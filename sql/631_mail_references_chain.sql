-- 631_mail_references_chain.sql: the desk's mail carries the whole
-- thread in References.
--   * References of a message the desk sent in a ticket's thread named the
--     thread's root and the message it answered, nothing between: the
--     desk's own answers and the customer's earlier mails were missing,
--     and a mail program that threads by References (RFC 5322 3.6.4: the
--     parent's References, then the parent's Message-ID) split the
--     conversation, or hung the desk's answers under the wrong mail.
--   * mail_threads.chain is new: the thread's Message-IDs in order, the
--     customer's and the desk's, the root first and last_message_id last.
--     A trigger keeps it: each new last_message_id (a mail the desk
--     sends, a customer's mail threaded onto the ticket) is appended.
--     The desk's next message in the thread carries it as References.
--   * Very long threads are bounded as mail programs do: the root and the
--     20 most recent Message-IDs (mail_refs_bounded); so is the answer to
--     an inbox mail (its References and Message-ID), which had kept the
--     last nine and dropped the root.
--   * A ticket accepted from the inbox starts its chain with the whole
--     conversation: each mail, the desk's request for the missing items
--     after the mail it asked about, the accepted mail last.
--   * Threads stored before keep what they knew: the root and the latest.
--   * 570's mail_queue and 630's api_inbox_accept are replaced whole.

SELECT set_config('search_path', 'ticketty', true);

-- The Message-IDs p_ids as References: the root (first) and the 20 most
-- recent, in order.
CREATE FUNCTION mail_refs_bounded(p_ids text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT CASE WHEN coalesce(cardinality(p_ids), 0) <= 21 THEN coalesce(p_ids, '{}')
                ELSE p_ids[1:1] || p_ids[cardinality(p_ids) - 19:] END
$$;
REVOKE ALL ON FUNCTION mail_refs_bounded(text[]) FROM ticketty_agent, PUBLIC;

ALTER TABLE mail_threads ADD COLUMN chain text[];
UPDATE mail_threads
   SET chain = CASE WHEN last_message_id = root_message_id THEN ARRAY[root_message_id]
                    ELSE ARRAY[root_message_id, last_message_id] END;
ALTER TABLE mail_threads ALTER COLUMN chain SET NOT NULL;
COMMENT ON COLUMN mail_threads.chain IS
    'The thread''s Message-IDs in order, root first, last_message_id last: the References of the next message (bounded, 631).';

-- Keeps mail_threads.chain: a new thread starts with its root (and its
-- latest, when another) unless the chain is given; a new latest
-- Message-ID is appended, bounded (mail_refs_bounded).
CREATE FUNCTION mail_threads_chain() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.chain := coalesce(NEW.chain, CASE WHEN NEW.last_message_id = NEW.root_message_id
                                              THEN ARRAY[NEW.root_message_id]
                                              ELSE ARRAY[NEW.root_message_id, NEW.last_message_id] END);
    ELSIF NEW.last_message_id IS DISTINCT FROM OLD.last_message_id
          AND NEW.chain IS NOT DISTINCT FROM OLD.chain
          AND NEW.last_message_id IS DISTINCT FROM OLD.chain[cardinality(OLD.chain)] THEN
        NEW.chain := OLD.chain || NEW.last_message_id;
    END IF;
    NEW.chain := mail_refs_bounded(NEW.chain);
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION mail_threads_chain() FROM ticketty_agent, PUBLIC;
CREATE TRIGGER mail_threads_chain BEFORE INSERT OR UPDATE ON mail_threads
    FOR EACH ROW EXECUTE FUNCTION mail_threads_chain();

-- 570's mail_queue, whole: References are the thread's chain (or the
-- answered mail's References and Message-ID), bounded.
CREATE OR REPLACE FUNCTION mail_queue(p_kind text, p_lang text, p_to_name text, p_to text, p_vars jsonb,
                           p_ticket bigint, p_comment bigint, p_notification bigint,
                           p_inbound bigint, p_thread boolean, p_auto text)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_id     bigint;
    v_tpl    mail_templates;
    v_lang   text := CASE WHEN p_lang IN ('en', 'es') THEN p_lang ELSE 'en' END;
    v_vars   jsonb;
    v_msgid  text;
    v_irt    text;
    v_refs   text[] := '{}';
    v_th     mail_threads;
    v_in     mail_inbound;
    v_subj   text;
    v_state  text := 'queued';
    v_err    text;
    v_limit  int;
BEGIN
    IF p_to IS NULL OR p_to !~ '^[^@\s<>",;]+@[^@\s<>",;]+$' THEN
        RETURN NULL;
    END IF;
    SELECT * INTO v_tpl FROM mail_templates WHERE kind = p_kind AND lang = v_lang;
    IF NOT FOUND THEN
        SELECT * INTO v_tpl FROM mail_templates WHERE kind = p_kind AND lang = 'en';
    END IF;
    IF v_tpl.kind IS NULL THEN
        RAISE EXCEPTION 'no mail template "%"', p_kind USING ERRCODE = 'TT404';
    END IF;
    v_vars := jsonb_build_object('desk', mail_setting('from_name'), 'ticket', p_ticket)
              || coalesce(p_vars, '{}');
    v_id := nextval(pg_get_serial_sequence('ticketty.mail_outbox', 'id'));
    -- the ticket and the row for people reading headers, then 64 random
    -- bits: an ID no one outside the mail's recipients can name
    v_msgid := format('<ticketty.%s.%s.%s@%s>', coalesce(p_ticket, 0), v_id,
                      left(md5(gen_random_uuid()::text), 16), mail_setting('message_id_domain'));

    IF p_thread AND p_ticket IS NOT NULL THEN
        SELECT * INTO v_th FROM mail_threads WHERE ticket_id = p_ticket FOR UPDATE;
        IF FOUND THEN
            v_irt := v_th.last_message_id;
            v_refs := v_th.chain;   -- ends with last_message_id
            UPDATE mail_threads SET last_message_id = v_msgid WHERE ticket_id = p_ticket;
        ELSE
            INSERT INTO mail_threads (ticket_id, root_message_id, last_message_id)
            VALUES (p_ticket, v_msgid, v_msgid);
        END IF;
    ELSIF p_inbound IS NOT NULL THEN
        SELECT * INTO v_in FROM mail_inbound WHERE id = p_inbound;
        v_irt := v_in.message_id;
        v_refs := mail_refs_bounded(v_in.refs || v_in.message_id);
    END IF;

    v_subj := mail_subject_built(v_tpl.subject, v_vars, p_ticket);

    IF p_inbound IS NOT NULL THEN
        v_limit := mail_setting('sender_daily_limit')::int;
        IF (SELECT count(*) FROM mail_outbox o
             WHERE lower(o.to_address) = lower(p_to) AND o.inbound_id IS NOT NULL
               AND o.state <> 'suppressed'
               AND o.created_at > tt_now() - interval '1 day') >= v_limit THEN
            v_state := 'suppressed';
            v_err := format('not sent: %s already got %s answers to mail in 24 hours (the limit)',
                            p_to, v_limit);
        END IF;
    END IF;

    INSERT INTO mail_outbox (id, kind, ticket_id, comment_id, notification_id, inbound_id, lang,
                             to_name, to_address, from_name, from_address, reply_to, subject,
                             body, message_id, in_reply_to, refs, auto_submitted, state, last_error)
    VALUES (v_id, p_kind, p_ticket, p_comment, p_notification, p_inbound, v_lang,
            p_to_name, p_to, mail_setting('from_name'), mail_setting('from_address'),
            mail_setting('reply_to'), v_subj, mail_render(v_tpl.body, v_vars), v_msgid,
            v_irt, v_refs, p_auto, v_state, v_err);
    IF v_state = 'queued' THEN
        PERFORM pg_notify('ticketty_mail', v_id::text);
    END IF;
    RETURN v_id;
END
$$;

-- 630's api_inbox_accept, whole: the new ticket's thread starts with the
-- whole conversation (see the header).
-- Turns an inbox mail, with the mails it took over, into one ticket: the
-- payload's fields over the conversation's own (api_ticket_create checks
-- them all; a refusal changes nothing), the files of all on it, its thread
-- from the first mail's Message-ID to this one's (its first response
-- answers this mail), each mail accepted into it. Retried: the same ticket
-- (idempotency key mail:ID).
CREATE OR REPLACE FUNCTION api_inbox_accept(p_inbound bigint, p_payload jsonb) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    m       mail_inbound;
    v_id    bigint;
    v_mails bigint[];
    v_old   bigint;
BEGIN
    SELECT * INTO m FROM mail_inbound WHERE id = p_inbound;
    IF m.state = 'accepted' AND m.ticket_id IS NOT NULL THEN
        RETURN m.ticket_id;
    END IF;
    m := inbox_lock(p_inbound);
    IF p_payload IS NOT NULL AND jsonb_typeof(p_payload) <> 'object' THEN
        RAISE EXCEPTION 'the ticket fields must be a JSON object' USING ERRCODE = 'TT400',
            DETAIL = E'payload\tinvalid\tis not a JSON object';
    END IF;
    v_id := api_ticket_create(inbox_prefill(m.id) || coalesce(p_payload, '{}'));
    v_mails := inbox_conversation(m.id);   -- oldest first, m last
    -- the closed tickets the mails answer, the new ticket's customer's
    FOR v_old IN
        SELECT DISTINCT o.id FROM mail_inbound f
          JOIN tickets o ON o.id = f.ticket_id
          JOIN tickets n ON n.id = v_id
         WHERE f.id = ANY (v_mails) AND f.state IN ('inbox', 'asked', 'answered')
           AND o.status = 'closed' AND o.customer_id = n.customer_id
         ORDER BY o.id
    LOOP
        PERFORM api_ticket_link(v_id, v_old, 'related', NULL);
    END LOOP;
    UPDATE attachments SET ticket_id = v_id
     WHERE inbound_id = m.id OR (inbound_id = ANY (v_mails) AND ticket_id IS NULL);
    -- its thread: each mail of the conversation, the desk's requests for
    -- the missing items after the mail they asked about, this one last
    INSERT INTO mail_threads (ticket_id, root_message_id, last_message_id, chain)
    SELECT v_id, (SELECT f.message_id FROM mail_inbound f WHERE f.id = v_mails[1]), m.message_id,
           array_agg(x.message_id ORDER BY x.n, x.o)
      FROM (SELECT f.message_id, u.n, 0::bigint AS o
              FROM unnest(v_mails) WITH ORDINALITY AS u(id, n) JOIN mail_inbound f ON f.id = u.id
            UNION ALL
            SELECT o.message_id, u.n, o.id
              FROM unnest(v_mails) WITH ORDINALITY AS u(id, n)
              JOIN mail_outbox o ON o.inbound_id = u.id AND o.kind = 'inbox_ask'
                                 AND o.state <> 'suppressed'
             WHERE u.id <> m.id) x
    ON CONFLICT (ticket_id) DO NOTHING;
    UPDATE mail_inbound SET state = 'accepted', ticket_id = v_id,
           handled_by = current_agent_id(), handled_at = tt_now()
     WHERE id = ANY (v_mails) AND id <> m.id;
    PERFORM inbox_done(m, 'accepted', v_id);
    RETURN v_id;
END
$$;
