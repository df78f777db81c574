-- sql/functions/canned.sql: canned replies: kept, listed and rendered for a
-- ticket.
--
-- Each function here is defined once, in its final form (sql/README).
-- `db migrate` applies every function file again after the migrations
-- whenever these files changed; a migration that needs a function as it
-- runs names it on a "-- @function NAME" line. Each block starts with a
-- "--- NAME" line, which the build (scripts/embed-sql.sh) looks for.

SELECT set_config('search_path', 'ticketty', true);

--- canned_manager
-- The caller when it may manage canned replies (admin, coo, ceo, or a
-- session of a superuser or of the owner of the schema, as admin_caller());
-- TT403 else.
CREATE OR REPLACE FUNCTION canned_manager() RETURNS int
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = session_user), false)
       OR pg_catalog.pg_has_role(session_user, (SELECT n.nspowner FROM pg_catalog.pg_namespace n
                                                 WHERE n.nspname = 'ticketty'), 'MEMBER') THEN
        RETURN session_agent_id();
    END IF;
    RETURN require_role('admin', 'coo', 'ceo');
END
$$;
REVOKE ALL ON FUNCTION canned_manager() FROM ticketty_agent, PUBLIC;

--- canned_json
-- A canned reply (one key, one language) as the audit log keeps it: key,
-- language, title and body; NULL when there is none. Internal.
CREATE OR REPLACE FUNCTION canned_json(p_key text, p_lang text) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT jsonb_build_object('key', c.key, 'lang', c.lang, 'title', c.title, 'body', c.body)
      FROM canned_replies c WHERE c.key = p_key AND c.lang = p_lang
$$;
REVOKE ALL ON FUNCTION canned_json(text, text) FROM ticketty_agent, PUBLIC;

--- api_canned_set
-- Adds or replaces the canned reply `key` in language `lang` (two
-- letters, e.g. en, es). Every refused field is named (TT400).
CREATE OR REPLACE FUNCTION api_canned_set(p_key text, p_lang text, p_title text, p_body text) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_me      int := canned_manager();
    v_problems text[] := '{}';
    v_before  jsonb;
BEGIN
    IF p_key IS NULL OR p_key !~ '^[a-z0-9][a-z0-9_.-]{0,62}$' THEN
        v_problems := v_problems || admin_problem('key', 'malformed',
            'lower-case letters, digits and _ . -, at most 63, e.g. need_logs');
    END IF;
    IF p_lang IS NULL OR p_lang !~ '^[a-z]{2}$' THEN
        v_problems := v_problems || admin_problem('lang', 'malformed', 'a two-letter language code such as en or es');
    END IF;
    IF p_title IS NULL OR btrim(p_title) = '' THEN
        v_problems := v_problems || admin_problem('title', 'required', 'a title is required');
    ELSIF char_length(p_title) > 200 THEN
        v_problems := v_problems || admin_problem('title', 'too_long', 'at most 200 characters');
    ELSIF text_has_control(p_title) THEN
        v_problems := v_problems || admin_one_line_refusal('title');
    END IF;
    IF p_body IS NULL OR btrim(p_body) = '' THEN
        v_problems := v_problems || admin_problem('body', 'required', 'the reply text is required');
    ELSIF char_length(p_body) > 20000 THEN
        v_problems := v_problems || admin_problem('body', 'too_long', 'at most 20000 characters');
    END IF;
    PERFORM admin_refuse_if(v_problems, 'the canned reply was not saved');
    v_before := canned_json(p_key, p_lang);
    INSERT INTO canned_replies (key, lang, title, body, updated_by, updated_at)
    VALUES (p_key, p_lang, btrim(p_title), p_body, v_me, tt_now())
    ON CONFLICT (key, lang) DO UPDATE
       SET title = EXCLUDED.title, body = EXCLUDED.body,
           updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at;
    PERFORM admin_audit(CASE WHEN v_before IS NULL THEN 'canned.add' ELSE 'canned.set' END,
                        'canned_reply', NULL, p_key || '/' || p_lang, v_before, canned_json(p_key, p_lang));
END
$$;

--- api_canned_remove
-- Removes a canned reply (one language, or every language when p_lang is
-- NULL). Returns how many rows went; TT400 when there was none.
CREATE OR REPLACE FUNCTION api_canned_remove(p_key text, p_lang text DEFAULT NULL) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    r       canned_replies;
    v_count int := 0;
BEGIN
    PERFORM canned_manager();
    FOR r IN DELETE FROM canned_replies c
              WHERE c.key = p_key AND (p_lang IS NULL OR c.lang = p_lang) RETURNING * LOOP
        PERFORM admin_audit('canned.remove', 'canned_reply', NULL, r.key || '/' || r.lang,
                            jsonb_build_object('key', r.key, 'lang', r.lang, 'title', r.title,
                                               'body', r.body), NULL);
        v_count := v_count + 1;
    END LOOP;
    IF v_count = 0 THEN
        PERFORM admin_refuse_if(ARRAY[admin_problem('key', 'unknown', 'there is no such canned reply')],
                                'nothing removed');
    END IF;
    RETURN v_count;
END
$$;

--- api_canned_render
-- The canned reply `key` filled in for ticket `ticket` ({contact},
-- {ticket}, {customer}, {title}, {agent}), in language `lang`; NULL: the
-- language of the ticket's contact, the one the reply's mail is written in
-- (contacts.lang), never the replier's own; else English, else any
-- language it exists in. TT400 on `template` naming the keys there are
-- when `key` is unknown; TT404 for no ticket; TT403 for a pm or developer
-- (a public reply, naming the contact).
CREATE OR REPLACE FUNCTION api_canned_render(p_key text, ticket bigint, p_lang text DEFAULT NULL) RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_me   int := ticket_require_support('a public reply');
    v_body text;
    v_keys text;
    r      record;
BEGIN
    SELECT t.id, t.title, k.name AS contact, k.lang, c.name AS customer INTO r
      FROM tickets t JOIN contacts k ON k.id = t.contact_id JOIN customers c ON c.id = t.customer_id
     WHERE t.id = api_canned_render.ticket;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'ticket % not found', api_canned_render.ticket USING ERRCODE = 'TT404';
    END IF;
    SELECT c.body INTO v_body FROM canned_replies c
     WHERE c.key = p_key
     ORDER BY c.lang = coalesce(p_lang, r.lang, 'en') DESC, c.lang = 'en' DESC, c.lang
     LIMIT 1;
    IF v_body IS NULL THEN
        SELECT string_agg(DISTINCT c.key, ', ') INTO v_keys FROM canned_replies c;
        RAISE EXCEPTION 'there is no canned reply "%"', p_key
            USING ERRCODE = 'TT400',
                  DETAIL = format(E'template\tno_such_template\tthere is no canned reply "%s" (there are: %s)',
                                  p_key, coalesce(v_keys, 'none'));
    END IF;
    RETURN replace(replace(replace(replace(replace(v_body,
               '{contact}', r.contact), '{ticket}', r.id::text), '{customer}', r.customer),
               '{title}', r.title), '{agent}', (SELECT a.display_name FROM agents a WHERE a.id = v_me));
END
$$;
