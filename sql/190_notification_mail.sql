-- 190_notification_mail.sql: an agent's notification by mail says what
-- happened in words, and what was said.
--
-- notifications_mail() (061) put the notification's kind into the mail
-- as it is stored: "ticket.customer_reply: Campaign 8655847 ..." in the
-- subject, and the body named the kind again with nothing else, so an
-- engineer told of a customer's reply had to open ticketty to read it.
-- Now {{event}} is the kind in words (notification_words(), the same
-- English words the client shows; test_notify holds the two lists
-- together) and {{message}} is what was said: the customer's reply, or
-- the reason or note of an escalation step or a re-triage. The default
-- notification templates gain {{message}}; a template an admin has
-- edited is left as it is.
-- notifications_mail() is replaced whole (061 has been applied: see
-- sql/README).

SELECT set_config('search_path', 'ticketty', true);

-- The kind of a notification in English words (its own name when unknown).
CREATE FUNCTION notification_words(p_kind text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT CASE p_kind
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
        ELSE p_kind
    END
$$;

CREATE OR REPLACE FUNCTION notifications_mail() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    a    agents;
    t    tickets;
    v_said text;
    v_vars jsonb;
BEGIN
    SELECT * INTO a FROM agents WHERE id = NEW.recipient_agent_id AND active;
    SELECT * INTO t FROM tickets WHERE id = NEW.ticket_id;
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
                                 'event', notification_words(NEW.kind),
                                 'message', CASE WHEN v_said = '' THEN ''
                                                 ELSE left(v_said, 20000) || E'\n\n' END);
    IF NEW.kind = 'emergency' THEN
        PERFORM mail_queue('emergency', 'en',
                           coalesce(a.display_name,
                                    (SELECT cu.account_rep_name FROM customers cu WHERE cu.id = t.customer_id)),
                           coalesce(a.email, NEW.recipient_email), v_vars, NEW.ticket_id, NULL,
                           NEW.id, NULL, false, 'auto-generated');
    ELSIF a.id IS NOT NULL AND EXISTS (SELECT 1 FROM agent_mail_prefs p WHERE p.agent_id = a.id) THEN
        PERFORM mail_queue('notification', 'en', a.display_name, a.email, v_vars, NEW.ticket_id,
                           NULL, NEW.id, NULL, false, 'auto-generated');
    END IF;
    RETURN NULL;
END
$$;

UPDATE mail_templates
   SET body = E'Ticket #{{ticket}} ({{title}}): {{event}}.\n\n{{message}}-- \n{{desk}}\n'
 WHERE kind = 'notification' AND lang = 'en'
   AND body = E'Ticket #{{ticket}} ({{title}}): {{event}}.\n\n-- \n{{desk}}\n';
UPDATE mail_templates
   SET body = E'Vale n.º {{ticket}} ({{title}}): {{event}}.\n\n{{message}}-- \n{{desk}}\n'
 WHERE kind = 'notification' AND lang = 'es'
   AND body = E'Vale n.º {{ticket}} ({{title}}): {{event}}.\n\n-- \n{{desk}}\n';

REVOKE ALL ON FUNCTION notification_words(text) FROM ticketty_agent, PUBLIC;
