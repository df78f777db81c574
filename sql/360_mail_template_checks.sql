-- 360_mail_template_checks.sql: a mail template is checked against what
-- its mail is built from, and the desk's mail settings take no control
-- characters.
--   * `admin template set` checked only that a subject and a body were
--     given. A reply template without {{message}} was accepted, and from
--     then on every answer reached the customer without the engineer's
--     text while the ticket said "(mail sent)"; an unknown placeholder
--     ({{bogus}}) vanished from the mail and a malformed one ({{message})
--     went out as it was. mail_template_placeholders holds, per template
--     kind, the placeholders its mail is built with (the variables
--     mail_queue (061), ticket_events_mail (270), notifications_mail (260)
--     and the inbox answers (062) pass to mail_render) and the ones it
--     cannot do without. mail_template_problems() reads a subject and a
--     body as mail_render does and names every unknown or malformed
--     placeholder and every required one missing from the body;
--     api_mail_template_set (330) is replaced whole and refuses such a
--     template (TT400, nothing saved, nothing audited).
--     Required: {{message}} (the words said to the customer) in the
--     acknowledgement, reply, request_info, resolution and
--     emergency_update templates; {{missing}} in inbox_ask; {{spoc}} in
--     inbox_refuse_spoc; {{rep_email}} in inbox_refuse_account_rep. The
--     notification's and the emergency notice's {{message}} (what was
--     said, often nothing) may be left out.
--   * Templates stored before are not rewritten. A mail that carries an
--     agent's public message (mail_outbox.comment_id, a kind that
--     requires {{message}}) but was built without its text gets the text
--     appended (mail_outbox_keep_message, BEFORE INSERT on mail_outbox),
--     so a template saved before this check still sends the answer.
--   * `mail policy KEY VALUE` took a from_name with a line break (CR/LF)
--     or another control character; GMime encoded it, but it is no name.
--     api_mail_policy_set (330) is replaced whole: a value with a control
--     character is refused for every key (TT400, code control_character,
--     the message names the key).

SELECT set_config('search_path', 'ticketty', true);

-- ------------------------------------------------------- placeholders --

CREATE TABLE mail_template_placeholders (
    kind     text NOT NULL,
    name     text NOT NULL CHECK (name ~ '^[a-z_]+$'),
    required boolean NOT NULL,
    carries  text NOT NULL,
    PRIMARY KEY (kind, name)
);
COMMENT ON TABLE mail_template_placeholders IS
    'Per mail template kind, the {{name}} placeholders its mail is built with (what mail_render is given) '
    'and whether the template must contain it; read by mail_template_problems() (360).';

-- From the code that builds each kind's mail: mail_queue adds desk and
-- ticket (empty for the inbox answers, which have no ticket); the
-- ticket's public messages and their emergency copies
-- (ticket_events_mail) give title, contact, customer, message, phone and
-- agent; emergency notices and notifications (notifications_mail) title,
-- customer, phone, event and message; the inbox answers (api_inbox_ask,
-- api_inbox_refuse) contact and subject, and missing, spoc or rep_name
-- and rep_email. A change there is a change here.
INSERT INTO mail_template_placeholders (kind, name, required, carries)
SELECT k, p.name, p.required, p.carries
  FROM (VALUES
    ('{acknowledgement,reply,request_info,resolution,emergency_update,emergency,notification,'
     'inbox_ask,inbox_refuse_spoc,inbox_refuse_account_rep}'::text[],
     'desk', false, 'the desk''s name (mail policy from_name)'),
    ('{acknowledgement,reply,request_info,resolution,emergency_update,emergency,notification}',
     'ticket', false, 'the ticket''s number'),
    ('{acknowledgement,reply,request_info,resolution,emergency_update,emergency,notification}',
     'title', false, 'the ticket''s title'),
    ('{acknowledgement,reply,request_info,resolution,emergency_update,emergency,notification,'
     'inbox_refuse_spoc}',
     'customer', false, 'the customer''s name'),
    ('{acknowledgement,reply,request_info,resolution,emergency_update,emergency,notification}',
     'phone', false, 'the ticket''s emergency phone'),
    ('{acknowledgement,reply,request_info,resolution,emergency_update,inbox_ask,inbox_refuse_spoc,'
     'inbox_refuse_account_rep}',
     'contact', false, 'the contact''s name'),
    ('{acknowledgement,reply,request_info,resolution,emergency_update}',
     'agent', false, 'the name of the agent who wrote the message'),
    ('{acknowledgement,reply,request_info,resolution,emergency_update}',
     'message', true, 'the text the engineer wrote to the customer'),
    ('{emergency,notification}',
     'message', false, 'what was said: the customer''s reply, or the reason given'),
    ('{emergency,notification}',
     'event', false, 'what happened, in words'),
    ('{inbox_ask,inbox_refuse_spoc,inbox_refuse_account_rep}',
     'subject', false, 'the subject of the customer''s mail'),
    ('{inbox_ask}',
     'missing', true, 'the list of what the customer must still tell us'),
    ('{inbox_refuse_spoc}',
     'spoc', true, 'the contacts who may open tickets'),
    ('{inbox_refuse_account_rep}',
     'rep_name', false, 'the account representative''s name'),
    ('{inbox_refuse_account_rep}',
     'rep_email', true, 'the account representative''s address')
  ) AS p(kinds, name, required, carries),
  unnest(p.kinds) AS k;

-- What is wrong with a template of kind p_kind in language p_lang: one
-- refusal line (field subject or body, code unknown_placeholder,
-- malformed_placeholder or missing_placeholder) per unknown or
-- malformed placeholder, read as mail_render (061) reads it (a "{{" then
-- a name of a-z and _ then "}}"; any other "{{", and a "}}" outside a
-- placeholder, is malformed), and per required placeholder missing from
-- the body. Empty for a good template and for a kind that has no
-- placeholders listed (the caller refuses an unknown kind). Internal.
CREATE FUNCTION mail_template_problems(p_kind text, p_lang text, p_subject text, p_body text)
    RETURNS text[]
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_known  text[];
    v_list   text;
    v_out    text[] := '{}';
    v_part   text;
    v_rest   text;
    v_lit    text;
    v_snip   text;
    v_seen   text[];
    v_found  text[] := '{}';
    i        int;
    j        int;
    k        text;
    r        record;
BEGIN
    SELECT array_agg(p.name ORDER BY p.name) INTO v_known
      FROM mail_template_placeholders p WHERE p.kind = p_kind;
    IF v_known IS NULL THEN
        RETURN v_out;
    END IF;
    v_list := (SELECT string_agg('{{' || n || '}}', ', ' ORDER BY n) FROM unnest(v_known) AS n);
    FOREACH v_part IN ARRAY ARRAY['subject', 'body'] LOOP
        v_rest := CASE v_part WHEN 'subject' THEN p_subject ELSE p_body END;
        CONTINUE WHEN v_rest IS NULL;
        v_lit := '';
        v_seen := '{}';
        LOOP
            i := strpos(v_rest, '{{');
            EXIT WHEN i = 0;
            v_lit := v_lit || substr(v_rest, 1, i - 1);
            j := strpos(substr(v_rest, i + 2), '}}');
            k := CASE WHEN j > 0 THEN substr(v_rest, i + 2, j - 1) END;
            IF k ~ '^[a-z_]+$' THEN
                IF v_part = 'body' THEN
                    v_found := v_found || k;
                END IF;
                IF NOT k = ANY (v_known) AND NOT k = ANY (v_seen) THEN
                    v_seen := v_seen || k;
                    v_out := v_out || admin_problem(v_part, 'unknown_placeholder',
                        format('unknown placeholder {{%s}}: the %s template (%s) knows %s',
                               k, p_kind, p_lang, v_list));
                END IF;
                v_lit := v_lit || ' ';
                v_rest := substr(v_rest, i + j + 3);
            ELSE
                -- the "{{" and what follows on its line, up to its "}}"
                v_snip := split_part(substr(v_rest, i, 60), E'\n', 1);
                IF strpos(substr(v_snip, 3), '{{') > 0 THEN
                    v_snip := left(v_snip, strpos(substr(v_snip, 3), '{{') + 1);
                END IF;
                v_snip := coalesce(substring(v_snip FROM '^.*?\}\}'), v_snip);
                IF NOT v_snip = ANY (v_seen) THEN
                    v_seen := v_seen || v_snip;
                    v_out := v_out || admin_problem(v_part, 'malformed_placeholder',
                        format('malformed placeholder "%s": a placeholder is a name between {{ and }}; the %s template (%s) knows %s',
                               translate(left(v_snip, 40), E'\t\r', '  '), p_kind, p_lang, v_list));
                END IF;
                v_lit := v_lit || ' ';
                v_rest := substr(v_rest, i + length(v_snip));
            END IF;
        END LOOP;
        v_lit := v_lit || v_rest;
        -- a "}}" that closes no placeholder
        FOR r IN SELECT DISTINCT m[1] AS snip
                   FROM regexp_matches(v_lit, '([^\s{}]{0,30}\}\})', 'g') AS m LOOP
            CONTINUE WHEN r.snip = ANY (v_seen);
            v_seen := v_seen || r.snip;
            v_out := v_out || admin_problem(v_part, 'malformed_placeholder',
                format('malformed placeholder "%s": a placeholder is a name between {{ and }}; the %s template (%s) knows %s',
                       r.snip, p_kind, p_lang, v_list));
        END LOOP;
    END LOOP;
    FOR r IN SELECT p.name, p.carries FROM mail_template_placeholders p
              WHERE p.kind = p_kind AND p.required AND NOT p.name = ANY (v_found)
              ORDER BY p.name LOOP
        v_out := v_out || admin_problem('body', 'missing_placeholder',
            format('the %s template (%s) must contain {{%s}} in its body: without it, %s would not be in the mail',
                   p_kind, p_lang, r.name, r.carries));
    END LOOP;
    RETURN v_out;
END
$$;
REVOKE ALL ON FUNCTION mail_template_problems(text, text, text, text) FROM ticketty_agent, PUBLIC;

-- 330's api_mail_template_set, whole: the placeholders are checked
-- (mail_template_problems); audited as template.set as before.
-- Sets a template (admin only). Unknown kind or language, a missing,
-- unknown or malformed placeholder: TT400, nothing saved.
CREATE OR REPLACE FUNCTION api_mail_template_set(p_kind text, p_lang text, p_subject text, p_body text)
    RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_problems text[] := '{}';
    v_before   jsonb;
BEGIN
    PERFORM require_role('admin');
    IF p_kind IS NULL OR NOT EXISTS (SELECT 1 FROM mail_templates WHERE kind = p_kind) THEN
        v_problems := v_problems || format(E'kind\tunknown\tthere is no template kind "%s"', p_kind);
    END IF;
    IF p_lang IS NULL OR p_lang NOT IN ('en', 'es') THEN
        v_problems := v_problems || format(E'lang\tunknown\tthe language must be en or es, not "%s"', p_lang);
    END IF;
    IF p_subject IS NULL OR btrim(p_subject) = '' THEN
        v_problems := v_problems || E'subject\trequired\tis required'::text;
    ELSIF length(p_subject) > 500 THEN
        v_problems := v_problems || E'subject\ttoo_long\tis longer than 500 characters'::text;
    END IF;
    IF p_body IS NULL OR btrim(p_body) = '' THEN
        v_problems := v_problems || E'body\trequired\tis required'::text;
    ELSIF length(p_body) > 100000 THEN
        v_problems := v_problems || E'body\ttoo_long\tis longer than 100000 characters'::text;
    END IF;
    IF cardinality(v_problems) = 0 THEN
        v_problems := mail_template_problems(p_kind, p_lang, p_subject, p_body);
    END IF;
    IF cardinality(v_problems) > 0 THEN
        RAISE EXCEPTION 'the template was refused' USING ERRCODE = 'TT400',
            DETAIL = array_to_string(v_problems, E'\n');
    END IF;
    PERFORM 1 FROM mail_templates m WHERE m.kind = p_kind AND m.lang = p_lang FOR UPDATE;
    v_before := admin_mail_template_json(p_kind, p_lang);
    INSERT INTO mail_templates (kind, lang, subject, body) VALUES (p_kind, p_lang, p_subject, p_body)
    ON CONFLICT (kind, lang) DO UPDATE SET subject = EXCLUDED.subject, body = EXCLUDED.body;
    IF admin_mail_template_json(p_kind, p_lang) IS DISTINCT FROM v_before THEN
        PERFORM admin_audit('template.set', 'mail_template', NULL, p_kind || '/' || p_lang,
                            v_before, admin_mail_template_json(p_kind, p_lang));
    END IF;
END
$$;

-- ------------------------------------------------------ sending path --

-- A mail carrying an agent's public message whose template lacks
-- {{message}} (one stored before 360 checked templates): the message's
-- text is appended, so the customer gets it all the same.
CREATE FUNCTION mail_outbox_keep_message() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_said text;
BEGIN
    IF NEW.comment_id IS NULL
       OR NOT EXISTS (SELECT 1 FROM mail_template_placeholders p
                       WHERE p.kind = NEW.kind AND p.name = 'message' AND p.required) THEN
        RETURN NEW;
    END IF;
    SELECT c.body INTO v_said FROM comments c WHERE c.id = NEW.comment_id;
    IF btrim(coalesce(v_said, ''), E' \t\r\n') <> '' AND strpos(NEW.body, v_said) = 0 THEN
        NEW.body := rtrim(NEW.body, E' \t\r\n') || E'\n\n' || v_said || E'\n';
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION mail_outbox_keep_message() FROM ticketty_agent, PUBLIC;
CREATE TRIGGER mail_outbox_keep_message
    BEFORE INSERT ON mail_outbox
    FOR EACH ROW EXECUTE FUNCTION mail_outbox_keep_message();

-- ------------------------------------------------------------- policy --

-- 330's api_mail_policy_set, whole: a value with a control character
-- (CR, LF, tab, ESC, DEL, C1, U+2028/2029) is refused for every key, named.
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
        RAISE EXCEPTION 'the value of % is not valid', p_key USING ERRCODE = 'TT400',
            DETAIL = format(E'value\tinvalid\t"%s" is not a valid %s', p_value, p_key);
    END;
    IF v_after IS DISTINCT FROM v_before THEN
        PERFORM admin_audit('mail_policy.set', 'mail_policy', NULL, p_key,
                            jsonb_build_object(p_key, v_before), jsonb_build_object(p_key, v_after));
    END IF;
END
$$;
