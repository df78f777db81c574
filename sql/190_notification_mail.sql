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

UPDATE mail_templates
   SET body = E'Ticket #{{ticket}} ({{title}}): {{event}}.\n\n{{message}}-- \n{{desk}}\n'
 WHERE kind = 'notification' AND lang = 'en'
   AND body = E'Ticket #{{ticket}} ({{title}}): {{event}}.\n\n-- \n{{desk}}\n';
UPDATE mail_templates
   SET body = E'Vale n.º {{ticket}} ({{title}}): {{event}}.\n\n{{message}}-- \n{{desk}}\n'
 WHERE kind = 'notification' AND lang = 'es'
   AND body = E'Vale n.º {{ticket}} ({{title}}): {{event}}.\n\n-- \n{{desk}}\n';

