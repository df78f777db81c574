-- 101_canned_replies.sql: canned replies (DESIGN.md §5 "working comforts").
--
-- A canned reply is a row per key and language: a title for the picker and
-- a body with placeholders filled from the ticket when it is used:
--   {contact}  the requesting contact's name     {ticket}   the ticket number
--   {customer} the customer's name               {title}    the ticket title
--   {agent}    the display name of whoever replies
-- Unknown placeholders stay as written. Admins and leads (roles admin, coo,
-- ceo) manage them; every change is in the admin audit log (005_admin.sql).
-- Any agent reads the table and renders one with api_canned_render(); the
-- text is then sent by the ordinary reply API, so nothing about replies
-- changes.

SELECT set_config('search_path', 'ticketty', true);

CREATE TABLE canned_replies (
    key        text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9_.-]{0,62}$'),
    lang       text NOT NULL CHECK (lang ~ '^[a-z]{2}$'),
    title      text NOT NULL CHECK (btrim(title) <> '' AND char_length(title) <= 200),
    body       text NOT NULL CHECK (btrim(body) <> '' AND char_length(body) <= 20000),
    updated_by int REFERENCES agents,
    updated_at timestamptz NOT NULL DEFAULT tt_now(),
    PRIMARY KEY (key, lang)
);
COMMENT ON TABLE canned_replies IS
    'Reply templates per key and language, with {contact} {ticket} {customer} {title} {agent} placeholders.';

-- @function canned_manager (sql/functions/canned.sql)

-- @function canned_json (sql/functions/canned.sql)

-- @function api_canned_set (sql/functions/canned.sql)

-- @function api_canned_remove (sql/functions/canned.sql)

-- @function api_canned_render (sql/functions/canned.sql)

INSERT INTO canned_replies (key, lang, title, body) VALUES
('need_logs', 'en', 'Ask for logs and a HAR file',
 E'Hello {contact},\n\nthank you for reporting this (ticket #{ticket}). To find the cause we need the browser console log and a HAR file recorded while the problem happens. Could you send them?\n\nBest regards,\n{agent}'),
('need_logs', 'es', 'Pedir registros y un archivo HAR',
 E'Hola, {contact}:\n\ngracias por avisarnos (ticket n.º {ticket}). Para encontrar la causa necesitamos el registro de la consola del navegador y un archivo HAR grabado mientras ocurre el problema. ¿Nos los puede enviar?\n\nSaludos,\n{agent}'),
('fixed', 'en', 'Fixed: please confirm',
 E'Hello {contact},\n\nthe problem reported in ticket #{ticket} ("{title}") is fixed. Please let us know if you still see it.\n\nBest regards,\n{agent}'),
('fixed', 'es', 'Resuelto: por favor, confirme',
 E'Hola, {contact}:\n\nel problema del ticket n.º {ticket} («{title}») está resuelto. Díganos si lo sigue viendo.\n\nSaludos,\n{agent}');
