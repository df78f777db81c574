-- 260_account_rep_language.sql: the account representative reads mail in
-- its own language. The representative is no agent (a name and an address
-- on the customer), so its copies of emergency mail (the notice at intake,
-- every public update on an emergency ticket) were always in English,
-- while the CSM's and the customer's followed their language.
-- customers.account_rep_lang (en, es; en by default) says which; admins
-- set it as `admin customer set CUSTOMER account_rep_lang=es`. Replaced
-- whole, as sql/README requires: 005's admin_customer_json (the record as
-- the audit keeps it), api_admin_customer_set (the new field) and
-- api_admin_customer_list, 210's notifications_mail and ticket_events_mail
-- (the representative's language instead of 'en').

SELECT set_config('search_path', 'ticketty', true);

ALTER TABLE customers
    ADD COLUMN account_rep_lang text NOT NULL DEFAULT 'en' CHECK (account_rep_lang IN ('en', 'es'));
COMMENT ON COLUMN customers.account_rep_lang IS
    'The language of the mail ticketty sends the account representative (emergency notices and updates).';

-- 005's admin_customer_json, whole, with the representative's language.
CREATE OR REPLACE FUNCTION admin_customer_json(id int) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT jsonb_build_object('name', c.name, 'member_id', c.member_id, 'plan', c.plan,
                              'csm', a.login, 'account_rep_name', c.account_rep_name,
                              'account_rep_email', c.account_rep_email, 'account_rep_lang', c.account_rep_lang,
                              'active', c.active)
      FROM customers c LEFT JOIN agents a ON a.id = c.csm_id
     WHERE c.id = admin_customer_json.id
$$;

-- 005's api_admin_customer_set, whole, with account_rep_lang.
-- Changes a customer (by id or name). `changes` is a JSON object of
-- field -> text: name, member_id, plan, csm (a login of an active csm; ""
-- removes it), account_rep ("Name <address>"; "" removes it),
-- account_rep_lang (en, es), active.
-- Every refused field is named at once (TT400); an unchanged record writes
-- no audit row. A new plan applies to tickets filed from now on. Returns
-- the customer id.
CREATE OR REPLACE FUNCTION api_admin_customer_set(p_customer text, changes jsonb) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_problems text[] := '{}';
    v_id       int;
    c          customers;
    n          customers;
    v_before   jsonb;
    k          text;
    v          text;
    v_csm      agents%ROWTYPE;
    v_rep      text[];
BEGIN
    PERFORM admin_caller();
    v_id := admin_find_customer(p_customer);
    IF v_id IS NULL THEN
        PERFORM admin_refuse_if(ARRAY[admin_problem('customer', 'unknown',
                                'no customer has this name or id')], 'no such customer');
    END IF;
    IF changes IS NULL OR jsonb_typeof(changes) <> 'object' OR changes = '{}'::jsonb THEN
        PERFORM admin_refuse_if(ARRAY[admin_problem('changes', 'required',
                                'name at least one field to change (FIELD=VALUE)')], 'nothing to change');
    END IF;
    SELECT * INTO c FROM customers x WHERE x.id = v_id FOR UPDATE;
    n := c;
    v_before := admin_customer_json(v_id);
    FOR k IN SELECT x FROM jsonb_object_keys(changes) AS x ORDER BY x LOOP
        v := changes ->> k;
        CASE k
        WHEN 'name' THEN
            v := btrim(v);
            IF v IS NULL OR v = '' THEN
                v_problems := v_problems || admin_problem('name', 'required', 'a customer name is required');
            ELSIF char_length(v) > 200 THEN
                v_problems := v_problems || admin_problem('name', 'too_long', 'at most 200 characters');
            ELSIF EXISTS (SELECT 1 FROM customers x WHERE lower(x.name) = lower(v) AND x.id <> v_id) THEN
                v_problems := v_problems || admin_problem('name', 'duplicate',
                                                          'a customer with this name already exists');
            ELSE
                n.name := v;
            END IF;
        WHEN 'member_id' THEN
            IF v IS NULL OR btrim(v) !~ '^[0-9]{1,18}$' OR btrim(v)::bigint = 0 THEN
                v_problems := v_problems || admin_problem('member_id', 'not_a_number',
                                                          'must be a positive whole number');
            ELSIF EXISTS (SELECT 1 FROM customers x WHERE x.member_id = btrim(v)::bigint AND x.id <> v_id) THEN
                v_problems := v_problems || admin_problem('member_id', 'duplicate',
                                                          'another customer has this member ID');
            ELSE
                n.member_id := btrim(v)::bigint;
            END IF;
        WHEN 'plan' THEN
            IF v IS NULL OR btrim(v) NOT IN ('premium', 'basic') THEN
                v_problems := v_problems || admin_problem('plan', 'unknown', 'must be premium or basic');
            ELSE
                n.plan := btrim(v)::plan_kind;
            END IF;
        WHEN 'csm' THEN
            IF v IS NULL OR btrim(v) = '' THEN
                n.csm_id := NULL;
            ELSE
                SELECT * INTO v_csm FROM agents a WHERE a.login = btrim(v);
                IF NOT FOUND THEN
                    v_problems := v_problems || admin_problem('csm', 'unknown', 'no agent has this login');
                ELSIF v_csm.role <> 'csm' THEN
                    v_problems := v_problems || admin_problem('csm', 'not_csm',
                        format('agent %s has role %s, not csm', v_csm.login, v_csm.role));
                ELSIF NOT v_csm.active THEN
                    v_problems := v_problems || admin_problem('csm', 'inactive', 'this agent is deactivated');
                ELSE
                    n.csm_id := v_csm.id;
                END IF;
            END IF;
        WHEN 'account_rep' THEN
            IF v IS NULL OR btrim(v) = '' THEN
                n.account_rep_name := NULL;
                n.account_rep_email := NULL;
            ELSE
                v_rep := regexp_match(v, '^\s*([^<>]*[^<>\s])\s*<([^<>]+)>\s*$');
                IF v_rep IS NULL OR NOT admin_email_ok(v_rep[2]) OR char_length(v_rep[1]) > 200 THEN
                    v_problems := v_problems || admin_problem('account_rep', 'malformed',
                                                              'expected "Name <address@example.com>"');
                ELSE
                    n.account_rep_name := v_rep[1];
                    n.account_rep_email := v_rep[2];
                END IF;
            END IF;
        WHEN 'account_rep_lang' THEN
            IF v IS NULL OR btrim(v) NOT IN ('en', 'es') THEN
                v_problems := v_problems || admin_problem('account_rep_lang', 'not_a_language',
                                                          'must be en or es');
            ELSE
                n.account_rep_lang := btrim(v);
            END IF;
        WHEN 'active' THEN
            IF admin_bool(changes -> k) IS NULL THEN
                v_problems := v_problems || admin_problem('active', 'malformed', 'must be yes or no');
            ELSE
                n.active := admin_bool(changes -> k);
            END IF;
        ELSE
            v_problems := v_problems || admin_problem(k, 'unknown',
                'a customer has no such field (name, member_id, plan, csm, account_rep, account_rep_lang, active)');
        END CASE;
    END LOOP;
    PERFORM admin_refuse_if(v_problems, 'the customer was not changed');

    UPDATE customers x
       SET name = n.name, member_id = n.member_id, plan = n.plan, csm_id = n.csm_id,
           account_rep_name = n.account_rep_name, account_rep_email = n.account_rep_email,
           account_rep_lang = n.account_rep_lang, active = n.active
     WHERE x.id = v_id;
    IF admin_customer_json(v_id) IS DISTINCT FROM v_before THEN
        PERFORM admin_audit('customer.set', 'customer', v_id, n.name, v_before, admin_customer_json(v_id));
    END IF;
    RETURN v_id;
END
$$;

-- 005's api_admin_customer_list, whole, with account_rep_lang.
CREATE OR REPLACE FUNCTION api_admin_customer_list() RETURNS json
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT coalesce(json_agg(json_build_object(
               'id', c.id, 'name', c.name, 'member_id', c.member_id, 'plan', c.plan,
               'csm', a.login, 'account_rep_name', c.account_rep_name,
               'account_rep_email', c.account_rep_email, 'account_rep_lang', c.account_rep_lang,
               'active', c.active,
               'contacts', (SELECT count(*) FROM contacts k WHERE k.customer_id = c.id),
               'spocs', (SELECT count(*) FROM contacts k WHERE k.customer_id = c.id AND k.spoc))
             ORDER BY c.name, c.id), '[]'::json)
      FROM customers c LEFT JOIN agents a ON a.id = c.csm_id
$$;

-- 210's notifications_mail, whole: the account representative's notice
-- in its language.
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
    -- an agent's own language; the account representative's (no agent)
    -- for its emergency notice
    v_lang := coalesce(a.lang, CASE WHEN NEW.kind = 'emergency' THEN
                                   (SELECT cu.account_rep_lang FROM customers cu WHERE cu.id = t.customer_id) END,
                       'en');
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

-- 210's ticket_events_mail, whole: the account representative's copy in
-- its language.
-- A public message on a ticket goes to its requesting contact (and, on an
-- emergency ticket, a copy to the CSM in the CSM's language and to the
-- account representative in its own).
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
        PERFORM mail_queue('emergency_update', cu.account_rep_lang, cu.account_rep_name, cu.account_rep_email,
                           v_vars, t.id, c.id, NULL, NULL, false, 'auto-generated');
    END IF;
    RETURN NULL;
END
$$;
