-- 390_inbox_mail_kept.sql: two inbox mends found by trying the customer's
-- channel as a desk would meet it.
--   * A message that reuses a Message-ID stored before, with other words
--     (a web form or a scanner that sends every mail under one ID, a
--     client that copies the ID of the mail it answers), was taken for a
--     redelivery and dropped whole, raw message included. A redelivery
--     repeats the sender, subject and text (the MTA may add its own
--     headers, so the raw bytes are not compared); when those differ the
--     message is stored under an ID of its own, made from them, so that
--     its own redelivery is still recognised. The Message-ID it came with
--     stays in its raw message. api_mail_store (062) is replaced whole.
--   * `inbox refuse ID not_spoc` answered an authorised contact that they
--     were not one, naming the others. It is refused (TT400, is_spoc):
--     such mail is accepted. api_inbox_refuse (062) is replaced whole.

SELECT set_config('search_path', 'ticketty', true);

-- Stores a received message; returns its id, or NULL when it was stored
-- before (a redelivery: the same Message-ID with the same sender,
-- subject and text). A message without a Message-ID is known by the
-- SHA-256 of its bytes. Too large: TT400 (never storable).
CREATE OR REPLACE FUNCTION api_mail_store(p_raw bytea, p_message_id text, p_from text, p_from_name text,
                                          p_subject text, p_in_reply_to text, p_refs text[],
                                          p_auto text, p_body text)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_id      bigint;
    v_max     bigint := mail_setting('max_message_bytes')::bigint;
    v_msgid   text := btrim(coalesce(p_message_id, ''));
    v_from    text := lower(btrim(p_from));
    v_subject text := left(coalesce(p_subject, ''), 1000);
    v_body    text := coalesce(p_body, '');
BEGIN
    PERFORM require_role('admin');
    IF p_raw IS NULL OR octet_length(p_raw) = 0 THEN
        RAISE EXCEPTION 'the message is empty' USING ERRCODE = 'TT400',
            DETAIL = E'message\trequired\tis empty';
    ELSIF octet_length(p_raw) > v_max THEN
        RAISE EXCEPTION 'the message is larger than the limit of % bytes', v_max USING ERRCODE = 'TT400',
            DETAIL = format(E'message\ttoo_large\tis %s bytes, more than the limit of %s',
                            octet_length(p_raw), v_max);
    END IF;
    IF v_msgid = '' OR length(v_msgid) > 1000 THEN
        v_msgid := format('<%s@ticketty.no-message-id>', encode(sha256(p_raw), 'hex'));
    END IF;
    IF v_from !~ '^[^@\s<>",;]+@[^@\s<>",;]+$' THEN
        v_from := NULL;
    END IF;
    -- the ID is taken by another message: this one gets its own
    IF EXISTS (SELECT 1 FROM mail_inbound i
                WHERE i.message_id = v_msgid
                  AND (i.from_address IS DISTINCT FROM v_from OR i.subject <> v_subject
                       OR i.body <> v_body)) THEN
        v_msgid := format('<%s@ticketty.reused-message-id>',
                          encode(sha256(convert_to(concat_ws(E'\n', v_msgid, v_from, v_subject, v_body),
                                                   'UTF8')), 'hex'));
    END IF;
    INSERT INTO mail_inbound (message_id, raw, from_address, from_name, subject, body,
                              in_reply_to, refs, auto_reason, state)
    VALUES (v_msgid, p_raw, v_from, left(p_from_name, 500), v_subject, v_body,
            left(p_in_reply_to, 1000),
            coalesce((SELECT array_agg(left(r, 1000)) FROM unnest(p_refs) r WHERE r <> ''), '{}'),
            p_auto, 'inbox')
    ON CONFLICT (message_id) DO NOTHING
    RETURNING id INTO v_id;
    RETURN v_id;
END
$$;

-- Refuses an inbox mail with a templated answer: reason not_spoc (naming
-- the customer's SPOCs; never to one of them) or account_rep (naming the
-- representative and their address). Returns the outbox id.
CREATE OR REPLACE FUNCTION api_inbox_refuse(p_inbound bigint, p_reason text) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    m      mail_inbound;
    ct     contacts;
    cu     customers;
    v_who  record;
    v_id   bigint;
BEGIN
    m := inbox_lock(p_inbound);
    SELECT * INTO ct FROM contacts WHERE id = m.contact_id;
    SELECT * INTO cu FROM customers WHERE id = m.customer_id;
    SELECT * INTO v_who FROM api_inbox_refusal_names(m.id);
    IF p_reason = 'not_spoc' THEN
        IF ct.spoc AND ct.active THEN
            RAISE EXCEPTION '% is an authorised contact of %', m.from_address, cu.name USING ERRCODE = 'TT400',
                DETAIL = format(E'reason\tis_spoc\t%s is an authorised single point of contact of %s: accept the mail instead',
                                m.from_address, cu.name);
        END IF;
        IF v_who.spoc IS NULL THEN
            RAISE EXCEPTION '% has no authorised contact to name', cu.name USING ERRCODE = 'TT400',
                DETAIL = format(E'reason\tno_spoc\t%s has no authorised single point of contact', cu.name);
        END IF;
        v_id := mail_queue('inbox_refuse_spoc', ct.lang, ct.name, m.from_address,
                           jsonb_build_object('contact', ct.name, 'subject', m.subject,
                                              'customer', cu.name, 'spoc', v_who.spoc),
                           NULL, NULL, NULL, m.id, false, NULL);
    ELSIF p_reason = 'account_rep' THEN
        IF v_who.rep_email IS NULL THEN
            RAISE EXCEPTION '% has no account representative to name', cu.name USING ERRCODE = 'TT400',
                DETAIL = format(E'reason\tno_account_rep\t%s has no account representative', cu.name);
        END IF;
        v_id := mail_queue('inbox_refuse_account_rep', ct.lang, ct.name, m.from_address,
                           jsonb_build_object('contact', ct.name, 'subject', m.subject,
                                              'rep_name', v_who.rep_name,
                                              'rep_email', v_who.rep_email),
                           NULL, NULL, NULL, m.id, false, NULL);
    ELSE
        RAISE EXCEPTION 'unknown refusal reason "%"', p_reason USING ERRCODE = 'TT400',
            DETAIL = format(E'reason\tunknown\tmust be not_spoc or account_rep, not "%s"', p_reason);
    END IF;
    PERFORM inbox_done(m, 'refused', NULL);
    RETURN v_id;
END
$$;
