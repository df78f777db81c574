-- 620_refusal_names_or.sql: a refusal names the contacts to ask as a
-- choice.
--   * "Please ask Ana Gil <ana@x>, Bo Li <bo@x> to write to us" read as if
--     both had to write; the not-SPOC refusal now names them "Ana Gil
--     <ana@x> or Bo Li <bo@x>" ("A, B or C"), in the contact's language
--     (es "o", "u" before a word that sounds o: "Ana u Olga").
--     names_or(names, lang) is new; 390's api_inbox_refuse is replaced
--     whole. The agent's preview (api_inbox_refusal_names) keeps its list.

SELECT set_config('search_path', 'ticketty', true);

-- The names as a choice in language lang: NULL for none, the one name,
-- "A or B", "A, B or C" (es "A, B o C"; "u" before an o sound).
CREATE FUNCTION names_or(p_names text[], p_lang text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT CASE coalesce(cardinality(p_names), 0)
        WHEN 0 THEN NULL
        WHEN 1 THEN p_names[1]
        ELSE array_to_string(p_names[1:cardinality(p_names) - 1], ', ')
             || CASE WHEN p_lang = 'es' AND p_names[cardinality(p_names)] ~* '^h?[oó]' THEN ' u '
                     WHEN p_lang = 'es' THEN ' o '
                     ELSE ' or ' END
             || p_names[cardinality(p_names)]
    END
$$;
REVOKE ALL ON FUNCTION names_or(text[], text) FROM ticketty_agent, PUBLIC;

-- 390's api_inbox_refuse, whole: the SPOCs named as a choice.
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
                                              'customer', cu.name,
                                              'spoc', names_or(ARRAY(
                                                  SELECT k.name || ' <' || k.email || '>' FROM contacts k
                                                   WHERE k.customer_id = cu.id AND k.spoc AND k.active
                                                   ORDER BY k.name), ct.lang)),
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
