-- 290_customer_add_rep_language.sql: the account representative's
-- language given when the customer is added (`admin customer add ...
-- --account-rep-lang es`), as 260 lets `admin customer set` change it;
-- it had to be set after the add. 005's api_admin_customer_add is
-- replaced whole with one more parameter (dropped first: its argument
-- list changes), audited with the record as before.

SELECT set_config('search_path', 'ticketty', true);

DROP FUNCTION api_admin_customer_add(text, text, text, text, text);

-- Adds a customer; returns its id. member_id is text so that a malformed
-- number is reported as a field like every other refusal. account_rep is
-- "Name <email>"; account_rep_lang en or es (en when not given).
CREATE FUNCTION api_admin_customer_add(p_name text, p_member_id text, p_plan text,
                                       p_csm text DEFAULT NULL,
                                       p_account_rep text DEFAULT NULL,
                                       p_account_rep_lang text DEFAULT NULL) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_problems text[] := '{}';
    v_name     text := btrim(p_name);
    v_member   bigint;
    v_csm      agents%ROWTYPE;
    v_rep      text[];
    v_id       int;
BEGIN
    PERFORM admin_caller();

    IF v_name IS NULL OR v_name = '' THEN
        v_problems := v_problems || admin_problem('name', 'required', 'a customer name is required');
    ELSIF char_length(v_name) > 200 THEN
        v_problems := v_problems || admin_problem('name', 'too_long', 'at most 200 characters');
    ELSIF EXISTS (SELECT 1 FROM customers c WHERE lower(c.name) = lower(v_name)) THEN
        v_problems := v_problems || admin_problem('name', 'duplicate',
                                                  'a customer with this name already exists');
    END IF;

    IF p_member_id IS NULL OR btrim(p_member_id) = '' THEN
        v_problems := v_problems || admin_problem('member_id', 'required', 'a member ID is required');
    ELSIF btrim(p_member_id) !~ '^[0-9]{1,18}$' OR btrim(p_member_id)::bigint = 0 THEN
        v_problems := v_problems || admin_problem('member_id', 'not_a_number',
                                                  'must be a positive whole number');
    ELSE
        v_member := btrim(p_member_id)::bigint;
        IF EXISTS (SELECT 1 FROM customers c WHERE c.member_id = v_member) THEN
            v_problems := v_problems || admin_problem('member_id', 'duplicate',
                                                      'another customer has this member ID');
        END IF;
    END IF;

    IF p_plan IS NULL OR btrim(p_plan) = '' THEN
        v_problems := v_problems || admin_problem('plan', 'required', 'premium or basic');
    ELSIF p_plan NOT IN ('premium', 'basic') THEN
        v_problems := v_problems || admin_problem('plan', 'unknown', 'must be premium or basic');
    END IF;

    IF p_csm IS NOT NULL THEN
        SELECT * INTO v_csm FROM agents a WHERE a.login = p_csm;
        IF NOT FOUND THEN
            v_problems := v_problems || admin_problem('csm', 'unknown', 'no agent has this login');
        ELSIF v_csm.role <> 'csm' THEN
            v_problems := v_problems || admin_problem('csm', 'not_csm',
                format('agent %s has role %s, not csm', v_csm.login, v_csm.role));
        ELSIF NOT v_csm.active THEN
            v_problems := v_problems || admin_problem('csm', 'inactive', 'this agent is deactivated');
        END IF;
    END IF;

    IF p_account_rep IS NOT NULL THEN
        v_rep := regexp_match(p_account_rep, '^\s*([^<>]*[^<>\s])\s*<([^<>]+)>\s*$');
        IF v_rep IS NULL OR NOT admin_email_ok(v_rep[2]) OR char_length(v_rep[1]) > 200 THEN
            v_problems := v_problems || admin_problem('account_rep', 'malformed',
                                                      'expected "Name <address@example.com>"');
        END IF;
    END IF;

    IF p_account_rep_lang IS NOT NULL AND btrim(p_account_rep_lang) NOT IN ('en', 'es') THEN
        v_problems := v_problems || admin_problem('account_rep_lang', 'not_a_language', 'must be en or es');
    END IF;

    PERFORM admin_refuse_if(v_problems, 'the customer was not added');

    INSERT INTO customers (name, member_id, plan, csm_id, account_rep_name, account_rep_email,
                           account_rep_lang)
    VALUES (v_name, v_member, p_plan::plan_kind, v_csm.id, v_rep[1], v_rep[2],
            coalesce(btrim(p_account_rep_lang), 'en'))
    RETURNING id INTO v_id;
    PERFORM admin_audit('customer.add', 'customer', v_id, v_name, NULL, admin_customer_json(v_id));
    RETURN v_id;
END
$$;

GRANT EXECUTE ON FUNCTION api_admin_customer_add(text, text, text, text, text, text) TO ticketty_agent;
