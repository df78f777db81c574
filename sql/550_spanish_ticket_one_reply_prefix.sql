-- 550_spanish_ticket_one_reply_prefix.sql: the Spanish mail says
-- "ticket", and an answer's subject has one reply prefix.
--   * The Spanish templates customers get said "vale" (resolution,
--     inbox_ask, inbox_refuse_spoc) while the rest of the Spanish
--     interface, and since 210 the mail agents get, say "ticket"
--     (po/es.avoid: "vale: ticket"). They now say "ticket" too; a
--     template an admin has edited is left alone.
--   * An answer to received mail ('Re: {{subject}}': inbox_ask and the
--     refusals) kept the customer's own prefixes: "Re: RE: Blank
--     placements", "Re: Re: Re: ..." down an asked conversation. A subject
--     that starts as an answer now has exactly one, "Re: ", before the
--     bare subject: the reply prefixes mail programs write (Re, AW, SV,
--     Antw, with a count as in "Re[2]:" or "RE(3):", any case, a space
--     before the colon or a full-width colon) go, and so do the forward
--     prefixes after them (Fwd, FW, RV, WG), as the inbox already drops
--     them from a ticket's title. mail_subject_bare and mail_reply_prefix
--     are new internal helpers; mail_queue (440) is replaced whole.

SELECT set_config('search_path', 'ticketty', true);

-- The Spanish words customers read: "ticket", as everywhere else.
UPDATE mail_templates
   SET body = E'Hola, {{contact}}:\n\nSu solicitud se ha resuelto.\n\n{{message}}\n\nSi el problema persiste, responda a este mensaje y el ticket se reabrirá.\n\n-- \n{{desk}}\n'
 WHERE kind = 'resolution' AND lang = 'es'
   AND body = E'Hola, {{contact}}:\n\nSu solicitud se ha resuelto.\n\n{{message}}\n\nSi el problema persiste, responda a este mensaje y el vale se reabrirá.\n\n-- \n{{desk}}\n';
UPDATE mail_templates
   SET body = E'Hola, {{contact}}:\n\nGracias por su mensaje. Para abrir un ticket necesitamos:\n\n{{missing}}\n\nResponda a este mensaje con estos datos.\n\n-- \n{{desk}}\n'
 WHERE kind = 'inbox_ask' AND lang = 'es'
   AND body = E'Hola, {{contact}}:\n\nGracias por su mensaje. Para abrir un vale necesitamos:\n\n{{missing}}\n\nResponda a este mensaje con estos datos.\n\n-- \n{{desk}}\n';
UPDATE mail_templates
   SET body = E'Hola, {{contact}}:\n\nSolo los contactos que {{customer}} ha autorizado pueden abrir tickets. Pida a {{spoc}} que nos escriba.\n\n-- \n{{desk}}\n'
 WHERE kind = 'inbox_refuse_spoc' AND lang = 'es'
   AND body = E'Hola, {{contact}}:\n\nSolo los contactos que {{customer}} ha autorizado pueden abrir vales. Pida a {{spoc}} que nos escriba.\n\n-- \n{{desk}}\n';

-- @function mail_reply_prefix (sql/functions/mail_out.sql)

-- @function mail_subject_bare (sql/functions/mail_out.sql)

