-- 980_intake_customer_asks.sql: the request for the missing items
-- (api_inbox_ask) speaks to the customer.
--
-- The inbox_ask mail listed each missing intake item as "- label: help",
-- with the help the intake form shows the engineer who files the ticket
-- ("What the problem costs or blocks for the customer right now", "Who
-- asks for help. Only contacts the customer has authorised ..."): the
-- customer read instructions written for the desk, about "the customer".
-- intake_field_asks holds, for each field and language the desk writes
-- in (en, es), the label and one sentence asking the customer for it, in
-- the customer's own terms ("your", "usted"). api_inbox_ask lists
-- "- label: ask" from it in the contact's language; a field without a row
-- here (one a deployment added) is listed by its label alone, never with
-- the form's help.

SELECT set_config('search_path', 'ticketty', true);

CREATE TABLE intake_field_asks (
    name  text NOT NULL REFERENCES intake_fields ON DELETE CASCADE ON UPDATE CASCADE,
    lang  text NOT NULL CHECK (lang IN ('en', 'es')),
    label text NOT NULL CHECK (btrim(label) <> ''),
    ask   text NOT NULL CHECK (btrim(ask) <> ''),
    PRIMARY KEY (name, lang)
);
COMMENT ON TABLE intake_field_asks IS
    'How the desk asks a customer by mail for a missing intake item (inbox_ask): the label and one sentence in the customer''s language.';

INSERT INTO intake_field_asks (name, lang, label, ask) VALUES
('customer', 'en', 'Customer',
 'The name of your company or of your account with us.'),
('customer', 'es', 'Cliente',
 'El nombre de su empresa o de su cuenta con nosotros.'),
('contact', 'en', 'Contact',
 'Who we should talk to about this request.'),
('contact', 'es', 'Contacto',
 'Con quién debemos tratar esta solicitud.'),
('request_type', 'en', 'Request type',
 'What your request is about, for example an app bug, a creative audit or inventory quality.'),
('request_type', 'es', 'Tipo de solicitud',
 'De qué trata su solicitud, por ejemplo un error de la aplicación, una auditoría de creatividades o la calidad del inventario.'),
('reason', 'en', 'Case reason',
 'Whether you are reporting an error, asking how to use the product, or asking for a customization or a new feature.'),
('reason', 'es', 'Motivo del caso',
 'Si nos informa de un error, nos pregunta cómo usar el producto o nos pide una personalización o una funcionalidad nueva.'),
('severity', 'en', 'Severity',
 'How badly the problem hurts your business: 1 Critical (an emergency), 2 Urgent, 3 High or 4 Medium.'),
('severity', 'es', 'Gravedad',
 'Cuánto perjudica el problema a su negocio: 1 Crítica (una emergencia), 2 Urgente, 3 Alta o 4 Media.'),
('title', 'en', 'Title',
 'One line summing up the problem.'),
('title', 'es', 'Título',
 'Una línea que resuma el problema.'),
('description', 'en', 'Description',
 'What goes wrong, in as much detail as you can: what you expected, what happened instead, and since when.'),
('description', 'es', 'Descripción',
 'Qué falla, con todo el detalle posible: qué esperaba, qué ocurrió en su lugar y desde cuándo.'),
('impact', 'en', 'Impact',
 'What the problem costs you or keeps you from doing right now (revenue, campaigns, deadlines).'),
('impact', 'es', 'Impacto',
 'Qué le cuesta el problema o qué le impide hacer ahora mismo (ingresos, campañas, plazos).'),
('object_ids', 'en', 'Object IDs',
 'The IDs of every object involved (line items, campaigns, placements, creatives ...), at least one.'),
('object_ids', 'es', 'ID de objetos',
 'Los ID de todos los objetos implicados (líneas de pedido, campañas, ubicaciones, creatividades...), al menos uno.'),
('member_id', 'en', 'Member ID',
 'The member ID of the account where you see the problem.'),
('member_id', 'es', 'ID de miembro',
 'El ID de miembro de la cuenta en la que ve el problema.'),
('bidder_id', 'en', 'Bidder ID',
 'The bidder ID, if a bidder is involved.'),
('bidder_id', 'es', 'ID de pujador',
 'El ID del pujador, si hay un pujador implicado.'),
('creative_id', 'en', 'Creative ID',
 'The creative ID, if a creative is involved.'),
('creative_id', 'es', 'ID de creatividad',
 'El ID de la creatividad, si hay una creatividad implicada.'),
('repro_steps', 'en', 'Steps to reproduce',
 'The steps that make the problem appear, numbered, with the test pages, URLs or calls you used.'),
('repro_steps', 'es', 'Cómo reproducirlo',
 'Los pasos, numerados, que hacen aparecer el problema, con las páginas de prueba, URL o llamadas que utilizó.'),
('screenshots', 'en', 'Screenshots',
 'Screenshots that show the problem; you can attach them to your reply.'),
('screenshots', 'es', 'Capturas de pantalla',
 'Capturas de pantalla que muestren el problema; puede adjuntarlas a su respuesta.'),
('browser', 'en', 'Browser',
 'Your browser and its exact version, e.g. Firefox 128.0.'),
('browser', 'es', 'Navegador',
 'Su navegador y su versión exacta, p. ej., Firefox 128.0.'),
('os', 'en', 'Operating system',
 'Your operating system and its version, e.g. Windows 11 23H2.'),
('os', 'es', 'Sistema operativo',
 'Su sistema operativo y su versión, p. ej., Windows 11 23H2.'),
('phone', 'en', 'Emergency phone',
 'A phone number where we can reach you at once while the emergency lasts.'),
('phone', 'es', 'Tel. de emergencia',
 'Un número de teléfono en el que podamos localizarle de inmediato mientras dure la emergencia.');
