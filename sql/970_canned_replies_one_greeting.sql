-- 970_canned_replies_one_greeting.sql: the canned replies shipped by 101
-- without a greeting of their own.
--
-- A canned reply is the engineer's text, which goes into the mail
-- template of its kind (reply, acknowledgement, resolution ...), and every
-- template greets the contact first ("Hello {{contact}}," / "Hola,
-- {{contact}}:"). The shipped replies greeted them again, so the customer
-- read "Hola, Carla:" over "Hola, Carla:" (or over "Hello Carla," when the
-- reply was filled in in another language). Only the texts still as 101
-- wrote them are changed: a reply an admin or lead has set since is theirs.

SELECT set_config('search_path', 'ticketty', true);

UPDATE canned_replies c
   SET body = n.body
  FROM (VALUES
    ('need_logs', 'en',
     E'Hello {contact},\n\nthank you for reporting this (ticket #{ticket}). To find the cause we need the browser console log and a HAR file recorded while the problem happens. Could you send them?\n\nBest regards,\n{agent}',
     E'Thank you for reporting this (ticket #{ticket}). To find the cause we need the browser console log and a HAR file recorded while the problem happens. Could you send them?\n\nBest regards,\n{agent}'),
    ('need_logs', 'es',
     E'Hola, {contact}:\n\ngracias por avisarnos (ticket n.º {ticket}). Para encontrar la causa necesitamos el registro de la consola del navegador y un archivo HAR grabado mientras ocurre el problema. ¿Nos los puede enviar?\n\nSaludos,\n{agent}',
     E'Gracias por avisarnos (ticket n.º {ticket}). Para encontrar la causa necesitamos el registro de la consola del navegador y un archivo HAR grabado mientras ocurre el problema. ¿Nos los puede enviar?\n\nSaludos,\n{agent}'),
    ('fixed', 'en',
     E'Hello {contact},\n\nthe problem reported in ticket #{ticket} ("{title}") is fixed. Please let us know if you still see it.\n\nBest regards,\n{agent}',
     E'The problem reported in ticket #{ticket} ("{title}") is fixed. Please let us know if you still see it.\n\nBest regards,\n{agent}'),
    ('fixed', 'es',
     E'Hola, {contact}:\n\nel problema del ticket n.º {ticket} («{title}») está resuelto. Díganos si lo sigue viendo.\n\nSaludos,\n{agent}',
     E'El problema del ticket n.º {ticket} («{title}») está resuelto. Díganos si lo sigue viendo.\n\nSaludos,\n{agent}')
  ) AS n(key, lang, old, body)
 WHERE c.key = n.key AND c.lang = n.lang AND c.body = n.old;
