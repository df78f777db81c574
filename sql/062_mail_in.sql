-- 062_mail_in.sql: storing received mail, threading it, the inbox.
--
-- `ticketty mail receive` (an admin agent, run by the MTA) stores one
-- message in ONE transaction: api_mail_store (raw kept; a Message-ID seen
-- before returns NULL and nothing more happens), api_mail_attach per file,
-- api_mail_route. Routing:
--   * auto-replies, bounces, lists (the client names the reason) are held
--     and never answered;
--   * a reply in a known thread (In-Reply-To/References naming a message of
--     a ticket, or [#ID] in the subject from a contact of that ticket's
--     customer) becomes a `customer` comment: waiting_customer resumes
--     (in_progress), resolved reopens, the assignee is notified; a closed
--     ticket takes no more messages: the mail goes to the inbox;
--   * other mail from a known contact lands in the inbox; from anyone else
--     it is held (unknown sender), never answered.
-- The inbox is worked by engineers: accept (a ticket through intake, the
-- mail's own fields filled in; its first response answers the mail), ask
-- (a request for the missing mandatory items), refuse (not the SPOC, or an
-- account-representative matter) or discard.

SELECT set_config('search_path', 'ticketty', true);

-- @function api_mail_store (sql/functions/mail_in.sql)

-- @function api_mail_attach (sql/functions/mail_in.sql)

-- @function mail_thread_onto (sql/functions/mail_in.sql)

-- @function api_mail_route (sql/functions/mail_in.sql)

-- ----------------------------------------------------------- the inbox --

-- @function inbox_lock (sql/functions/mail_in.sql)

-- @function inbox_done (sql/functions/mail_in.sql)

-- @function inbox_prefill (sql/functions/mail_in.sql)

-- @function api_inbox_prefill (sql/functions/mail_in.sql)

-- @function api_inbox_accept (sql/functions/mail_in.sql)

-- The intake fields' labels and help in the other language customers
-- write in (intake_fields holds the English; a field without a row here,
-- e.g. one a deployment added, is named in English). They are the client's
-- own Spanish texts (po/es.po): tests/tui/test_inbox_ask_es.sh compares.
CREATE TABLE intake_field_texts (
    name  text REFERENCES intake_fields ON DELETE CASCADE ON UPDATE CASCADE,
    lang  text CHECK (lang IN ('es')),
    label text NOT NULL CHECK (btrim(label) <> ''),
    help  text NOT NULL CHECK (btrim(help) <> ''),
    PRIMARY KEY (name, lang)
);
COMMENT ON TABLE intake_field_texts IS
    'Labels and help of the intake fields in Spanish, for mail to customers who write in it.';

INSERT INTO intake_field_texts (name, lang, label, help) VALUES
('customer', 'es', 'Cliente',
 'La cuenta para la que se abre el ticket.'),
('contact', 'es', 'Contacto solicitante',
 'Quién pide ayuda. Solo pueden abrir tickets los contactos que el cliente ha autorizado como su punto único de contacto.'),
('request_type', 'es', 'Tipo de solicitud',
 'De qué trata la solicitud; decide qué equipo la recibe. Algunos tipos los atiende el representante de cuenta y no son tickets.'),
('reason', 'es', 'Motivo del caso',
 'Por qué se abre el caso: un error, una consulta de uso, una solicitud de personalización o una solicitud de funcionalidad.'),
('severity', 'es', 'Gravedad',
 'Cuánto perjudica el problema al negocio, de 1 Crítica (una emergencia) a 4 Media. Consulte las definiciones y los criterios de cada nivel.'),
('title', 'es', 'Título',
 'Una línea que resuma el problema.'),
('description', 'es', 'Descripción',
 'Qué falla, con todo el detalle posible: qué esperaba, qué ocurrió en su lugar y desde cuándo.'),
('impact', 'es', 'Impacto',
 'Qué le cuesta o le bloquea el problema al cliente ahora mismo (ingresos, campañas, plazos).'),
('object_ids', 'es', 'ID de objetos',
 'Todos los objetos implicados (líneas de pedido, campañas, ubicaciones, creatividades...), al menos uno, separados por comas o espacios.'),
('member_id', 'es', 'ID de miembro',
 'El ID de miembro de la cuenta en la que aparece el problema.'),
('bidder_id', 'es', 'ID de pujador',
 'El ID del pujador, si hay un pujador implicado.'),
('creative_id', 'es', 'ID de creatividad',
 'El ID de la creatividad, si hay una creatividad implicada.'),
('repro_steps', 'es', 'Cómo reproducirlo',
 'Pasos numerados que hacen aparecer el problema, con las páginas de prueba, URL o llamadas utilizadas.'),
('screenshots', 'es', 'Capturas de pantalla',
 'Rutas o URL de capturas de pantalla que muestren el problema; obligatorias siempre que la solicitud afecte a la interfaz de usuario.'),
('browser', 'es', 'Navegador',
 'Nombre del navegador y su versión exacta, p. ej., Firefox 128.0.'),
('os', 'es', 'Sistema operativo',
 'Nombre del sistema operativo y su versión, p. ej., Windows 11 23H2.'),
('phone', 'es', 'Tel. de emergencia',
 'Un número de teléfono en el que se pueda localizar de inmediato al contacto de emergencia; obligatorio para la gravedad 1.');

-- @function api_inbox_missing (sql/functions/mail_in.sql)

-- @function api_inbox_ask (sql/functions/mail_in.sql)

-- @function api_inbox_refusal_names (sql/functions/mail_in.sql)

-- @function api_inbox_refuse (sql/functions/mail_in.sql)

-- @function api_inbox_discard (sql/functions/mail_in.sql)

