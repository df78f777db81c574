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

-- @function mail_language_problem (sql/functions/admin.sql)

-- @function api_admin_agent_set (sql/functions/admin.sql)

-- @function api_my_mail (sql/functions/admin.sql)

-- @function api_agent_language (sql/functions/admin.sql)

-- The kind of a notification in words of `p_lang` (its own name when unknown).
DROP FUNCTION IF EXISTS notification_words(text);
-- @function notification_words (sql/functions/admin.sql)

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

