-- 210_agent_settings.sql: an agent's record can be changed after it was
-- added, and the mail ticketty sends an agent is in the agent's language.
--
-- Until now an agent's name, e-mail address and team were fixed when the
-- agent was added (and a contact's language when the contact was), and a
-- deactivated agent could not come back: `mail notifications on` told an agent without an address that "an
-- administrator must set your e-mail address first", which no command
-- could do. api_admin_agent_set() changes name, email, team, lang
-- and active (each refused field named, audited like a contact's change);
-- api_admin_contact_set() (005, replaced whole) takes lang as well.
--
-- Every mail to an agent (an emergency notice to the CSM, a copy of an
-- emergency update, a notification) was in English. agents.lang is the
-- agent's language for mail; the agent sets it (api_agent_language) or an
-- admin does. notification_words() gains the language (the Spanish words
-- are the client's, po/es.po; test_notify holds them together), and the
-- two triggers that mail agents are replaced whole (061 and 190 have been
-- applied: see sql/README). The Spanish texts agents get say "ticket", as
-- the interface does; "vale" stays in what customers get.

SELECT set_config('search_path', 'ticketty', true);

ALTER TABLE agents ADD COLUMN lang text NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'es'));
COMMENT ON COLUMN agents.lang IS
    'The language of the mail ticketty sends the agent: notifications and emergency notices.';

CREATE OR REPLACE FUNCTION admin_agent_json(id int) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT jsonb_build_object('login', a.login, 'name', a.display_name, 'email', a.email,
                              'role', a.role, 'team', t.key, 'lang', a.lang, 'active', a.active)
      FROM agents a LEFT JOIN teams t ON t.id = a.team_id
     WHERE a.id = admin_agent_json.id
$$;

CREATE OR REPLACE FUNCTION api_admin_agent_list() RETURNS json
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT coalesce(json_agg(json_build_object(
               'id', a.id, 'login', a.login, 'name', a.display_name, 'email', a.email,
               'role', a.role, 'team', t.key, 'lang', a.lang, 'active', a.active,
               'mail_notifications', EXISTS (SELECT 1 FROM agent_mail_prefs p WHERE p.agent_id = a.id))
             ORDER BY a.role, a.login), '[]'::json)
      FROM agents a LEFT JOIN teams t ON t.id = a.team_id
$$;

-- The problem with a language code, or NULL when it is one mail is written in.
CREATE FUNCTION mail_language_problem(p_lang text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT CASE WHEN p_lang IN ('en', 'es') THEN NULL
                ELSE admin_problem('lang', 'not_a_language', 'one of en, es') END
$$;

-- Changes an agent (by login). `changes` is a JSON object of field ->
-- text: name, email ("" removes it, unless the agent gets notifications
-- by mail), team (a team key; "" removes it), lang (en, es), active
-- (yes: the agent may log in again; no: as api_admin_agent_deactivate).
-- The role is not changed here: it decides the customers an agent is CSM
-- of and the escalation levels it holds. Every refused field is named at
-- once (TT400); an unchanged agent writes no audit row. Returns the id.
CREATE FUNCTION api_admin_agent_set(p_login text, changes jsonb) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_problems text[] := '{}';
    c          agents;
    n          agents;
    v_before   jsonb;
    k          text;
    v          text;
    v_action   text := 'agent.set';
    v_group    text;
BEGIN
    PERFORM admin_caller();
    SELECT * INTO c FROM agents a WHERE a.login = p_login FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM admin_refuse_if(ARRAY[admin_problem('login', 'unknown', 'no agent has this login')],
                                'no such agent');
    END IF;
    IF changes IS NULL OR jsonb_typeof(changes) <> 'object' OR changes = '{}'::jsonb THEN
        PERFORM admin_refuse_if(ARRAY[admin_problem('changes', 'required',
                                'name at least one field to change (FIELD=VALUE)')], 'nothing to change');
    END IF;
    n := c;
    v_before := admin_agent_json(c.id);
    FOR k IN SELECT x FROM jsonb_object_keys(changes) AS x ORDER BY x LOOP
        v := changes ->> k;
        CASE k
        WHEN 'name' THEN
            v := btrim(v);
            IF v IS NULL OR v = '' THEN
                v_problems := v_problems || admin_problem('name', 'required', 'a display name is required');
            ELSIF char_length(v) > 200 THEN
                v_problems := v_problems || admin_problem('name', 'too_long', 'at most 200 characters');
            ELSE
                n.display_name := v;
            END IF;
        WHEN 'email' THEN
            v := nullif(btrim(v), '');
            IF v IS NULL AND EXISTS (SELECT 1 FROM agent_mail_prefs p WHERE p.agent_id = c.id) THEN
                v_problems := v_problems || admin_problem('email', 'required',
                    'this agent gets notifications by mail; they must turn that off first');
            ELSIF v IS NOT NULL AND NOT admin_email_ok(v) THEN
                v_problems := v_problems || admin_problem('email', 'malformed',
                                                          'expected an address like name@example.com');
            ELSE
                n.email := v;
            END IF;
        WHEN 'team' THEN
            v := nullif(btrim(v), '');
            n.team_id := (SELECT t.id FROM teams t WHERE t.key = v);
            IF v IS NOT NULL AND n.team_id IS NULL THEN
                v_problems := v_problems || admin_problem('team', 'unknown',
                    'one of ' || (SELECT string_agg(t.key, ', ' ORDER BY t.key) FROM teams t));
            END IF;
        WHEN 'lang' THEN
            v := lower(btrim(v));
            IF mail_language_problem(v) IS NOT NULL THEN
                v_problems := v_problems || mail_language_problem(v);
            ELSE
                n.lang := v;
            END IF;
        WHEN 'active' THEN
            IF admin_bool(changes -> k) IS NULL THEN
                v_problems := v_problems || admin_problem(k, 'malformed', 'must be yes or no');
            ELSIF NOT admin_bool(changes -> k) AND p_login = session_user THEN
                v_problems := v_problems || admin_problem('active', 'self', 'you cannot deactivate yourself');
            ELSE
                n.active := admin_bool(changes -> k);
            END IF;
        ELSE
            v_problems := v_problems || admin_problem(k, 'unknown',
                'an agent has no such field here (name, email, team, lang, active)');
        END CASE;
    END LOOP;
    PERFORM admin_refuse_if(v_problems, 'the agent was not changed');

    UPDATE agents a SET display_name = n.display_name, email = n.email, team_id = n.team_id,
                        lang = n.lang, active = n.active
     WHERE a.id = c.id;
    -- the login follows: back in its ticketty_<role> group, or out of it
    v_group := 'ticketty_' || c.role::text;
    IF n.active AND NOT c.active THEN
        PERFORM admin_ensure_login(p_login, c.role);
        v_action := 'agent.reactivate';
    ELSIF c.active AND NOT n.active THEN
        IF pg_catalog.pg_has_role(p_login, v_group, 'MEMBER') THEN
            EXECUTE format('REVOKE %I FROM %I', v_group, p_login);
        END IF;
        v_action := 'agent.deactivate';
    END IF;
    IF admin_agent_json(c.id) IS DISTINCT FROM v_before THEN
        PERFORM admin_audit(v_action, 'agent', c.id, p_login, v_before, admin_agent_json(c.id));
    END IF;
    RETURN c.id;
END
$$;

-- The calling agent's own mail settings: address, language and whether
-- notifications go by mail, as JSON.
CREATE FUNCTION api_my_mail() RETURNS json
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
    SELECT json_build_object('email', a.email, 'lang', a.lang,
                             'notifications', EXISTS (SELECT 1 FROM agent_mail_prefs p
                                                       WHERE p.agent_id = a.id))
      FROM agents a WHERE a.id = current_agent_id()
$$;

-- The calling agent chooses the language of the mail ticketty sends them.
CREATE FUNCTION api_agent_language(p_lang text) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_me   int := current_agent_id();
    v_lang text := lower(btrim(p_lang));
BEGIN
    IF mail_language_problem(v_lang) IS NOT NULL THEN
        PERFORM admin_refuse_if(ARRAY[mail_language_problem(v_lang)], 'the language was not changed');
    END IF;
    UPDATE agents SET lang = v_lang WHERE id = v_me;
END
$$;

-- A contact's language could only be chosen when it was added: `admin
-- contact set` now takes lang too (and the audit shows it).
CREATE OR REPLACE FUNCTION admin_contact_json(id int) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT jsonb_build_object('customer', c.name, 'name', k.name, 'email', k.email,
                              'phone', k.phone, 'lang', k.lang, 'spoc', k.spoc, 'active', k.active)
      FROM contacts k JOIN customers c ON c.id = k.customer_id
     WHERE k.id = admin_contact_json.id
$$;

-- Changes a contact (by id or e-mail address). `changes`: name, email,
-- phone ("" removes it), lang (en, es: the language of the mail it gets),
-- spoc (yes/no: grants or revokes the right to open tickets), active.
-- Returns the contact id.
CREATE OR REPLACE FUNCTION api_admin_contact_set(p_contact text, changes jsonb) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_problems text[] := '{}';
    v_id       int;
    c          contacts;
    n          contacts;
    v_before   jsonb;
    k          text;
    v          text;
    v_action   text := 'contact.set';
BEGIN
    PERFORM admin_caller();
    v_id := admin_find_contact(p_contact);
    IF changes IS NULL OR jsonb_typeof(changes) <> 'object' OR changes = '{}'::jsonb THEN
        PERFORM admin_refuse_if(ARRAY[admin_problem('changes', 'required',
                                'name at least one field to change (FIELD=VALUE)')], 'nothing to change');
    END IF;
    SELECT * INTO c FROM contacts x WHERE x.id = v_id FOR UPDATE;
    n := c;
    v_before := admin_contact_json(v_id);
    FOR k IN SELECT x FROM jsonb_object_keys(changes) AS x ORDER BY x LOOP
        v := changes ->> k;
        CASE k
        WHEN 'name' THEN
            v := btrim(v);
            IF v IS NULL OR v = '' THEN
                v_problems := v_problems || admin_problem('name', 'required', 'a contact name is required');
            ELSIF char_length(v) > 200 THEN
                v_problems := v_problems || admin_problem('name', 'too_long', 'at most 200 characters');
            ELSE
                n.name := v;
            END IF;
        WHEN 'email' THEN
            v := btrim(v);
            IF v IS NULL OR v = '' THEN
                v_problems := v_problems || admin_problem('email', 'required', 'an e-mail address is required');
            ELSIF NOT admin_email_ok(v) THEN
                v_problems := v_problems || admin_problem('email', 'malformed',
                                                          'expected an address like name@example.com');
            ELSIF EXISTS (SELECT 1 FROM contacts x WHERE x.customer_id = c.customer_id
                             AND lower(x.email) = lower(v) AND x.id <> v_id) THEN
                v_problems := v_problems || admin_problem('email', 'duplicate',
                                                          'this customer already has a contact with this address');
            ELSE
                n.email := v;
            END IF;
        WHEN 'phone' THEN
            v := nullif(btrim(v), '');
            IF v IS NOT NULL AND v !~ '^\+?[0-9][0-9 ().-]{2,40}$' THEN
                v_problems := v_problems || admin_problem('phone', 'malformed',
                                                          'digits, spaces and + ( ) . - only');
            ELSE
                n.phone := v;
            END IF;
        WHEN 'lang' THEN
            v := lower(btrim(v));
            IF mail_language_problem(v) IS NOT NULL THEN
                v_problems := v_problems || mail_language_problem(v);
            ELSE
                n.lang := v;
            END IF;
        WHEN 'spoc', 'active' THEN
            IF admin_bool(changes -> k) IS NULL THEN
                v_problems := v_problems || admin_problem(k, 'malformed', 'must be yes or no');
            ELSIF k = 'spoc' THEN
                n.spoc := admin_bool(changes -> k);
            ELSE
                n.active := admin_bool(changes -> k);
            END IF;
        ELSE
            v_problems := v_problems || admin_problem(k, 'unknown',
                'a contact has no such field (name, email, phone, lang, spoc, active)');
        END CASE;
    END LOOP;
    PERFORM admin_refuse_if(v_problems, 'the contact was not changed');

    UPDATE contacts x SET name = n.name, email = n.email, phone = n.phone, lang = n.lang,
                          spoc = n.spoc, active = n.active
     WHERE x.id = v_id;
    IF n.spoc AND NOT c.spoc THEN
        v_action := 'contact.spoc_granted';
    ELSIF c.spoc AND NOT n.spoc THEN
        v_action := 'contact.spoc_revoked';
    ELSIF c.active AND NOT n.active THEN
        v_action := 'contact.deactivate';
    END IF;
    IF admin_contact_json(v_id) IS DISTINCT FROM v_before THEN
        PERFORM admin_audit(v_action, 'contact', v_id, n.email, v_before, admin_contact_json(v_id));
    END IF;
    RETURN v_id;
END
$$;

-- The kind of a notification in words of `p_lang` (its own name when unknown).
DROP FUNCTION notification_words(text);
CREATE FUNCTION notification_words(p_kind text, p_lang text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT coalesce(CASE WHEN p_lang = 'es' THEN
        CASE p_kind
            WHEN 'emergency'               THEN 'emergencia'
            WHEN 'escalation.raised'       THEN 'nuevo escalado'
            WHEN 'escalation.passed_up'    THEN 'escalado elevado'
            WHEN 'escalation.acknowledged' THEN 'escalado confirmado'
            WHEN 'escalation.resolved'     THEN 'escalado resuelto'
            WHEN 'ticket.acknowledged'     THEN 'ticket confirmado'
            WHEN 'ticket.changed'          THEN 'ticket modificado'
            WHEN 'ticket.resolved'         THEN 'ticket resuelto'
            WHEN 'ticket.duplicate'        THEN 'cerrado como duplicado'
            WHEN 'ticket.customer_reply'   THEN 'el cliente respondió'
            WHEN 'ticket.retriaged'        THEN 'clasificación corregida'
            WHEN 'ticket.rerouted'         THEN 'enviado a su equipo'
            WHEN 'ticket.mail_bounced'     THEN 'respuesta no entregada'
        END
    ELSE
        CASE p_kind
            WHEN 'emergency'               THEN 'emergency'
            WHEN 'escalation.raised'       THEN 'escalation raised'
            WHEN 'escalation.passed_up'    THEN 'escalation passed up'
            WHEN 'escalation.acknowledged' THEN 'escalation acknowledged'
            WHEN 'escalation.resolved'     THEN 'escalation resolved'
            WHEN 'ticket.acknowledged'     THEN 'ticket acknowledged'
            WHEN 'ticket.changed'          THEN 'ticket changed'
            WHEN 'ticket.resolved'         THEN 'ticket resolved'
            WHEN 'ticket.duplicate'        THEN 'closed as a duplicate'
            WHEN 'ticket.customer_reply'   THEN 'customer replied'
            WHEN 'ticket.retriaged'        THEN 'triage corrected'
            WHEN 'ticket.rerouted'         THEN 'sent to your team'
            WHEN 'ticket.mail_bounced'     THEN 'answer not delivered'
        END
    END, p_kind)
$$;

-- An emergency notice (to the CSM, else the account representative) and
-- every notification of an agent who asked for mail, in the agent's language.
CREATE OR REPLACE FUNCTION notifications_mail() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    a    agents;
    t    tickets;
    v_said text;
    v_lang text;
    v_vars jsonb;
BEGIN
    SELECT * INTO a FROM agents WHERE id = NEW.recipient_agent_id AND active;
    SELECT * INTO t FROM tickets WHERE id = NEW.ticket_id;
    v_lang := coalesce(a.lang, 'en');
    -- what was said: the customer's reply (the comment mail_thread_onto
    -- has just written), else the step's reason or note
    IF NEW.kind = 'ticket.customer_reply' THEN
        SELECT c.body INTO v_said FROM comments c
         WHERE c.ticket_id = NEW.ticket_id AND c.kind = 'customer'
         ORDER BY c.id DESC LIMIT 1;
    END IF;
    v_said := btrim(coalesce(v_said, NEW.payload ->> 'reason', NEW.payload ->> 'note', ''), E' \t\r\n');
    v_vars := jsonb_build_object('title', coalesce(t.title, NEW.payload ->> 'title', ''),
                                 'customer', coalesce(NEW.payload ->> 'customer',
                                     (SELECT cu.name FROM customers cu WHERE cu.id = t.customer_id), ''),
                                 'phone', coalesce(t.phone, NEW.payload ->> 'phone', ''),
                                 'event', notification_words(NEW.kind, v_lang),
                                 'message', CASE WHEN v_said = '' THEN ''
                                                 ELSE left(v_said, 20000) || E'\n\n' END);
    IF NEW.kind = 'emergency' THEN
        PERFORM mail_queue('emergency', v_lang,
                           coalesce(a.display_name,
                                    (SELECT cu.account_rep_name FROM customers cu WHERE cu.id = t.customer_id)),
                           coalesce(a.email, NEW.recipient_email), v_vars, NEW.ticket_id, NULL,
                           NEW.id, NULL, false, 'auto-generated');
    ELSIF a.id IS NOT NULL AND EXISTS (SELECT 1 FROM agent_mail_prefs p WHERE p.agent_id = a.id) THEN
        PERFORM mail_queue('notification', v_lang, a.display_name, a.email, v_vars, NEW.ticket_id,
                           NULL, NEW.id, NULL, false, 'auto-generated');
    END IF;
    RETURN NULL;
END
$$;

-- A public message on a ticket goes to its requesting contact (and, on an
-- emergency ticket, a copy to the CSM in the CSM's language and to the
-- account representative).
CREATE OR REPLACE FUNCTION ticket_events_mail() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    c    comments;
    t    tickets;
    ct   contacts;
    cu   customers;
    v_kind text;
    v_vars jsonb;
    v_csm  agents;
BEGIN
    IF NEW.kind NOT IN ('ack', 'reply', 'resolve', 'status') OR NOT (NEW.details ? 'comment') THEN
        RETURN NULL;
    END IF;
    SELECT * INTO c FROM comments WHERE id = (NEW.details ->> 'comment')::bigint;
    IF c.kind IS DISTINCT FROM 'public' THEN
        RETURN NULL;
    END IF;
    SELECT * INTO t FROM tickets WHERE id = NEW.ticket_id;
    SELECT * INTO ct FROM contacts WHERE id = t.contact_id;
    SELECT * INTO cu FROM customers WHERE id = t.customer_id;
    v_kind := CASE NEW.kind WHEN 'ack' THEN 'acknowledgement'
                            WHEN 'resolve' THEN 'resolution'
                            ELSE CASE WHEN t.status = 'waiting_customer' THEN 'request_info'
                                      ELSE 'reply' END END;
    v_vars := jsonb_build_object('title', t.title, 'contact', ct.name, 'customer', cu.name,
                                 'message', c.body, 'phone', coalesce(t.phone, ''),
                                 'agent', (SELECT a.display_name FROM agents a WHERE a.id = c.author_id));
    PERFORM mail_queue(v_kind, ct.lang, ct.name, ct.email, v_vars, t.id, c.id, NULL, NULL, true, NULL);
    IF (SELECT s.emergency FROM severities s WHERE s.level = t.severity) THEN
        SELECT * INTO v_csm FROM agents WHERE id = cu.csm_id AND active;
        PERFORM mail_queue('emergency_update', coalesce(v_csm.lang, 'en'), v_csm.display_name,
                           v_csm.email, v_vars, t.id, c.id, NULL, NULL, false, 'auto-generated');
        PERFORM mail_queue('emergency_update', 'en', cu.account_rep_name, cu.account_rep_email,
                           v_vars, t.id, c.id, NULL, NULL, false, 'auto-generated');
    END IF;
    RETURN NULL;
END
$$;

-- The Spanish texts agents get say "ticket", as the interface does (an
-- admin's own edit is left alone).
UPDATE mail_templates
   SET body = E'Ticket n.º {{ticket}} ({{title}}): {{event}}.\n\n{{message}}-- \n{{desk}}\n'
 WHERE kind = 'notification' AND lang = 'es'
   AND body = E'Vale n.º {{ticket}} ({{title}}): {{event}}.\n\n{{message}}-- \n{{desk}}\n';
UPDATE mail_templates
   SET body = E'Se ha abierto el ticket de emergencia (gravedad 1) n.º {{ticket}} para {{customer}}.\n\nTítulo: {{title}}\nTeléfono de emergencia: {{phone}}\n\n-- \n{{desk}}\n'
 WHERE kind = 'emergency' AND lang = 'es'
   AND body = E'Se ha abierto el vale de emergencia (gravedad 1) n.º {{ticket}} para {{customer}}.\n\nTítulo: {{title}}\nTeléfono de emergencia: {{phone}}\n\n-- \n{{desk}}\n';
UPDATE mail_templates
   SET body = E'Se ha enviado al cliente {{customer}} esta novedad del ticket de emergencia n.º {{ticket}}:\n\n{{message}}\n\n-- \n{{desk}}\n'
 WHERE kind = 'emergency_update' AND lang = 'es'
   AND body = E'Se ha enviado al cliente {{customer}} esta novedad del vale de emergencia n.º {{ticket}}:\n\n{{message}}\n\n-- \n{{desk}}\n';

REVOKE ALL ON FUNCTION notification_words(text, text) FROM ticketty_agent, PUBLIC;
REVOKE ALL ON FUNCTION mail_language_problem(text) FROM ticketty_agent, PUBLIC;
