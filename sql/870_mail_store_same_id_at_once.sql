-- 870_mail_store_same_id_at_once.sql: two different messages under one
-- Message-ID, stored at the same time (two MTA deliveries running side
-- by side), lost the second. Its INSERT waited for the first one's row,
-- found the ID taken and returned NULL, which mail receive reads as a
-- redelivery: exit 0, "already stored", and the second message, another
-- text, was in no table. Whether the ID was taken by another message is
-- now asked again once the INSERT finds it taken (a new statement sees
-- the row that was committed meanwhile): another message's, this one is
-- stored under its own ID as 470 does when the other was there first;
-- the same message's (one redelivery run twice at once), NULL as before.
-- And a redelivery of the very bytes stored is one whatever the digest
-- says: the digest is of what the parser made of the mail, and a parser
-- that reads it differently since (an upgrade of ticketty) made it a
-- second message. api_mail_store (470) is replaced whole.

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
    v_digest  bytea;
    v_own     text;
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
    v_digest := sha256(convert_to(concat_ws(E'\n', coalesce(v_from, ''), v_subject, v_body), 'UTF8'));
    -- the ID this message is stored under when its own is another's
    v_own := format('<%s@ticketty.reused-message-id>',
                    encode(sha256(convert_to(concat_ws(E'\n', v_msgid, v_from, v_subject, v_body),
                                             'UTF8')), 'hex'));
    -- twice at most: the second time when the ID was taken while this
    -- waited (another delivery stored under it and committed)
    FOR attempt IN 1..2 LOOP
        -- the ID is taken by another message: this one gets its own (a row
        -- stored before 470 has no digest: its fields are compared). The
        -- same bytes are the same message, whatever the parser of the day
        -- makes of them (a redelivery after an upgrade that reads some
        -- mail differently is no new message)
        IF v_msgid <> v_own AND EXISTS (
               SELECT 1 FROM mail_inbound i
                WHERE i.message_id = v_msgid AND i.raw <> p_raw
                  AND CASE WHEN i.received_digest IS NOT NULL THEN i.received_digest <> v_digest
                           ELSE i.from_address IS DISTINCT FROM v_from OR i.subject <> v_subject
                                OR i.body <> v_body END) THEN
            v_msgid := v_own;
        END IF;
        INSERT INTO mail_inbound (message_id, raw, from_address, from_name, subject, body,
                                  received_digest, in_reply_to, refs, auto_reason, state)
        VALUES (v_msgid, p_raw, v_from, left(p_from_name, 500), v_subject, v_body, v_digest,
                left(p_in_reply_to, 1000),
                coalesce((SELECT array_agg(left(r, 1000)) FROM unnest(p_refs) r WHERE r <> ''), '{}'),
                p_auto, 'inbox')
        ON CONFLICT (message_id) DO NOTHING
        RETURNING id INTO v_id;
        EXIT WHEN v_id IS NOT NULL OR v_msgid = v_own;
    END LOOP;
    RETURN v_id;
END
$$;
