-- 600_inbox_answer_quote.sql: the intake form of an answer to `inbox ask`
-- starts from what the customer wrote, not from the desk's own request
-- quoted below it.
--   * A customer answering the desk's request for the missing items
--     replies to it, and their mail client quotes that request below the
--     answer ("On ... Client Services <desk> wrote:" and ">" lines, or
--     Outlook's "From: Client Services <desk> / Sent: ..." block). The
--     description inbox_prefill made of the conversation (430) took every
--     mail's text whole, so the ticket's description ended with the
--     desk's own list of mandatory items, field by field.
--   * Now the text of each answer (not the first mail: what a customer
--     forwards or quotes there is their request) ends before such a
--     quote (inbox_answer_text): a trailing run of ">" lines with the
--     line that introduces it, or an Outlook header block naming the
--     desk's From address, with the rule or "Original Message" line above
--     it. Answers written between the quoted lines are kept whole, and so
--     is an answer that is nothing but the quote. The mail itself is
--     kept as it came (inbox show, inbox raw).
--   * The title the form starts from carries no ticket tag: a customer
--     answering a mail of a closed ticket (that reply comes to the inbox)
--     or forwarding one wrote "RE: [#202] Reports", and the new ticket
--     was titled "[#202] Reports", its mail "[#203] [#202] Reports". The
--     tags go, and then every reply or forward prefix mail_subject_bare
--     knows (550: "AW:", "WG:", "RE(2):" too, as the desk's own answers).
--   * inbox_prefill (520) is replaced whole.

SELECT set_config('search_path', 'ticketty', true);

-- p_body without the desk's mail quoted at its end (see the header); the
-- body (blanks trimmed) when nothing of the customer's own is left.
CREATE FUNCTION inbox_answer_text(p_body text) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_lines text[] := string_to_array(p_body, E'\n');
    v_n     int := coalesce(array_length(v_lines, 1), 0);
    v_desk  text := lower(mail_setting('from_address'));
    v_cut   int;
    v_k     int;
    v_seen  boolean := false;
    v_out   text;
BEGIN
    v_cut := v_n + 1;
    -- a trailing run of ">" lines (blank lines among them)
    v_k := v_n;
    WHILE v_k >= 1 AND btrim(v_lines[v_k], E' \t\r') = '' LOOP
        v_k := v_k - 1;
    END LOOP;
    IF v_k >= 1 AND ltrim(v_lines[v_k], E' \t') LIKE '>%' THEN
        WHILE v_k >= 1 AND (ltrim(v_lines[v_k], E' \t') LIKE '>%' OR btrim(v_lines[v_k], E' \t\r') = '') LOOP
            v_k := v_k - 1;
        END LOOP;
        v_cut := v_k + 1;
        -- the line that introduces it ("... wrote:", "... escribió:"),
        -- and the line above when the client wrapped it
        IF v_k >= 1 AND btrim(v_lines[v_k], E' \t\r')
               ~* '(wrote|escribió|escribio|a écrit ?|schrieb|ha scritto|escreveu|skrev|schreef):$' THEN
            v_cut := v_k;
            IF v_k >= 2 AND btrim(v_lines[v_k], E' \t\r') !~ '^(On|El|Le|Am|Il|Em|Op|Den) '
               AND btrim(v_lines[v_k - 1], E' \t\r') ~ '^(On|El|Le|Am|Il|Em|Op|Den) ' THEN
                v_cut := v_k - 1;
            END IF;
        END IF;
    END IF;
    -- Outlook's header block of the desk's mail, below words of the
    -- customer's own
    FOR i IN 1 .. v_cut - 1 LOOP
        IF v_seen AND btrim(v_lines[i], E' \t\r') ~* '^\*?(from|de):\*?\s'
           AND strpos(lower(v_lines[i]), v_desk) > 0 THEN
            v_cut := i;
            IF i >= 2 AND (btrim(v_lines[i - 1], E' \t\r') ~ '^_{10,}$'
                           OR btrim(v_lines[i - 1], E' \t\r') ~* '^-----.*(original message|mensaje original)') THEN
                v_cut := i - 1;
            END IF;
            EXIT;
        END IF;
        v_seen := v_seen OR btrim(v_lines[i], E' \t\r') <> '';
    END LOOP;
    v_out := btrim(array_to_string(v_lines[1:v_cut - 1], E'\n'), E' \t\r\n');
    RETURN CASE WHEN v_out = '' THEN btrim(p_body, E' \t\r\n') ELSE v_out END;
END
$$;
REVOKE ALL ON FUNCTION inbox_answer_text(text) FROM ticketty_agent, PUBLIC;

-- 520's inbox_prefill, whole (each answer's text by inbox_answer_text):
-- what the conversation gives the intake form.
CREATE OR REPLACE FUNCTION inbox_prefill(p_inbound bigint) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    WITH c AS (SELECT f.*, u.n,
                      CASE WHEN u.n = 1 THEN btrim(f.body, E' \t\r\n')
                           ELSE inbox_answer_text(f.body) END AS text
                 FROM unnest(inbox_conversation(p_inbound)) WITH ORDINALITY AS u(id, n)
                 JOIN mail_inbound f ON f.id = u.id)
    SELECT jsonb_strip_nulls(jsonb_build_object(
        'customer', coalesce((SELECT cu.name FROM customers cu WHERE cu.id = m.customer_id),
                             (SELECT cu.name FROM contacts k JOIN customers cu ON cu.id = k.customer_id
                               WHERE lower(k.email) = m.from_address AND k.active
                               ORDER BY k.spoc DESC, k.id LIMIT 1)),
        'contact', m.from_address,
        -- one line (520): a control character the subject's encoded
        -- words decoded to (an escape, a bell) reads as a space, so the
        -- title the form starts from is one intake takes; without the
        -- tags of tickets ("[#202]") and the reply prefixes (600)
        'title', (SELECT nullif(left(mail_subject_bare(regexp_replace(
                             regexp_replace(c.subject, '[\x01-\x1f\x7f-\x9f\u2028\u2029]+', ' ', 'g'),
                             '\s*\[#[0-9]+\]\s*', ' ', 'g')), 200), '')
                    FROM c ORDER BY c.n LIMIT 1),
        'description', (SELECT nullif(string_agg(c.text, E'\n\n---\n\n' ORDER BY c.n)
                                      FILTER (WHERE c.text <> ''), '')
                          FROM c),
        'screenshots', (SELECT jsonb_agg('attachment:' || a.id ORDER BY a.id) FROM attachments a
                         WHERE a.inbound_id IN (SELECT c.id FROM c)
                           AND a.content_type LIKE 'image/%'),
        'idempotency_key', 'mail:' || m.id))
      FROM mail_inbound m WHERE m.id = p_inbound
$$;
