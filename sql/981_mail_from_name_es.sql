-- 981_mail_from_name_es.sql: the desk's display name in Spanish mail.
--
-- The mail policy's from_name was one name for every message: a desk
-- whose Spanish-speaking customers know it as "Atención al Cliente" could
-- only write "Client Services" in the From of its Spanish mail and under
-- it ({{desk}}). The policy key from_name_es is the name of mail in
-- Spanish (its From and {{desk}}): empty, as it starts, it is from_name,
-- so nothing changes until an admin sets it (`ticketty mail policy
-- from_name_es 'Atención al Cliente'`; '' goes back to from_name).
-- mail_from_name(lang) is the one place that chooses (mail_queue,
-- api_mail_notification_words).

SELECT set_config('search_path', 'ticketty', true);

ALTER TABLE mail_policy
    DROP CONSTRAINT mail_policy_key_check,
    ADD CONSTRAINT mail_policy_key_check CHECK (key IN ('from_address', 'from_name', 'from_name_es', 'reply_to',
                                                        'message_id_domain', 'sender_daily_limit',
                                                        'max_attachment_bytes', 'max_message_bytes',
                                                        'give_up_hours')),
    -- every value but from_name_es's (empty: from_name) says something
    DROP CONSTRAINT mail_policy_value_check,
    ADD CONSTRAINT mail_policy_value_check CHECK (btrim(value) <> '' OR key = 'from_name_es');

INSERT INTO mail_policy (key, value) VALUES ('from_name_es', '');

COMMENT ON TABLE mail_policy IS
    'The desk''s mail settings: From (its display name, and in Spanish mail from_name_es when set) and Reply-To, the Message-ID domain, the per-sender daily answer limit, size limits and give_up_hours.';
