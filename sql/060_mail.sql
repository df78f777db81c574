-- 060_mail.sql: the mail channel's tables (DESIGN.md section 10).
--
--   mail_policy     the desk's mail settings as rows (From, Reply-To, the
--                   Message-ID domain, limits), edited by admins;
--   mail_templates  one row per kind x language (en, es), edited by admins;
--   mail_outbox     every message built for sending: built ONCE when the
--                   event happens (subject, body, Message-ID, threading
--                   headers fixed then), delivered by `ticketty mail send`;
--   mail_threads    per ticket, the customer thread's first and latest
--                   Message-ID (what the next message answers);
--   mail_inbound    every message `ticketty mail receive` stored, raw, with
--                   what became of it (threaded onto a ticket, in the inbox,
--                   held, accepted, asked, refused, discarded);
--   attachments     files from mail, in the database (type, size, SHA-256);
--   agent_mail_prefs agents who want their notifications by mail.
-- Agents may read all of them (default grants) and write none: the API
-- functions of 061/062 do the writing.

SELECT set_config('search_path', 'ticketty', true);

-- ------------------------------------------------------------- policy --

CREATE TABLE mail_policy (
    key   text PRIMARY KEY CHECK (key IN ('from_address', 'from_name', 'reply_to',
                                          'message_id_domain', 'sender_daily_limit',
                                          'max_attachment_bytes', 'max_message_bytes')),
    value text NOT NULL CHECK (btrim(value) <> ''),
    CONSTRAINT mail_policy_address CHECK (key NOT IN ('from_address', 'reply_to')
                                          OR value ~ '^[^@\s<>",;]+@[^@\s<>",;]+$'),
    CONSTRAINT mail_policy_number CHECK (key NOT IN ('sender_daily_limit', 'max_attachment_bytes',
                                                     'max_message_bytes')
                                         OR (value ~ '^[0-9]{1,10}$' AND value::bigint > 0
                                             AND value::bigint < 1073741824)),
    CONSTRAINT mail_policy_domain CHECK (key <> 'message_id_domain'
                                         OR value ~ '^[A-Za-z0-9.-]+$')
);
COMMENT ON TABLE mail_policy IS
    'The desk''s mail settings: From and Reply-To, the Message-ID domain, the per-sender daily answer limit and size limits.';

INSERT INTO mail_policy (key, value) VALUES
    ('from_address',         'support@ticketty.invalid'),
    ('from_name',            'Client Services'),
    ('reply_to',             'support@ticketty.invalid'),
    ('message_id_domain',    'ticketty.invalid'),
    -- answers to incoming mail (inbox requests for information, refusals)
    -- one address receives in 24 hours at most; more are kept, not sent
    ('sender_daily_limit',   '5'),
    ('max_attachment_bytes', '10485760'),   -- 10 MiB per attachment
    ('max_message_bytes',    '33554432');   -- 32 MiB per raw message

-- @function mail_setting (sql/functions/mail.sql)

-- ---------------------------------------------------------- templates --

CREATE TABLE mail_templates (
    kind    text CHECK (kind IN ('acknowledgement', 'reply', 'request_info', 'resolution',
                                 'emergency', 'emergency_update', 'notification',
                                 'inbox_ask', 'inbox_refuse_spoc', 'inbox_refuse_account_rep')),
    lang    text CHECK (lang IN ('en', 'es')),
    subject text NOT NULL CHECK (btrim(subject) <> '' AND length(subject) <= 500),
    body    text NOT NULL CHECK (btrim(body) <> '' AND length(body) <= 100000),
    PRIMARY KEY (kind, lang)
);
COMMENT ON TABLE mail_templates IS
    'Mail texts per kind and language; {{name}} placeholders are filled when a message is built.';

INSERT INTO mail_templates (kind, lang, subject, body) VALUES
('acknowledgement', 'en', '{{title}}',
 E'Hello {{contact}},\n\nwe have received your request and are working on it.\n\n{{message}}\n\n-- \n{{desk}}\nPlease keep [#{{ticket}}] in the subject when you reply.\n'),
('acknowledgement', 'es', '{{title}}',
 E'Hola, {{contact}}:\n\nHemos recibido su solicitud y estamos trabajando en ella.\n\n{{message}}\n\n-- \n{{desk}}\nConserve [#{{ticket}}] en el asunto cuando responda.\n'),
('reply', 'en', '{{title}}',
 E'Hello {{contact}},\n\n{{message}}\n\n-- \n{{desk}}\nPlease keep [#{{ticket}}] in the subject when you reply.\n'),
('reply', 'es', '{{title}}',
 E'Hola, {{contact}}:\n\n{{message}}\n\n-- \n{{desk}}\nConserve [#{{ticket}}] en el asunto cuando responda.\n'),
('request_info', 'en', 'Information needed: {{title}}',
 E'Hello {{contact}},\n\nto go on with your request we need some information from you:\n\n{{message}}\n\nJust reply to this message.\n\n-- \n{{desk}}\n'),
('request_info', 'es', 'Necesitamos información: {{title}}',
 E'Hola, {{contact}}:\n\nPara seguir con su solicitud necesitamos información:\n\n{{message}}\n\nBasta con responder a este mensaje.\n\n-- \n{{desk}}\n'),
('resolution', 'en', 'Resolved: {{title}}',
 E'Hello {{contact}},\n\nyour request has been resolved.\n\n{{message}}\n\nIf the problem is still there, reply to this message and the ticket reopens.\n\n-- \n{{desk}}\n'),
('resolution', 'es', 'Resuelto: {{title}}',
 E'Hola, {{contact}}:\n\nSu solicitud se ha resuelto.\n\n{{message}}\n\nSi el problema persiste, responda a este mensaje y el vale se reabrirá.\n\n-- \n{{desk}}\n'),
('emergency', 'en', 'EMERGENCY for {{customer}}: {{title}}',
 E'An emergency (severity 1) ticket #{{ticket}} was opened for {{customer}}.\n\nTitle: {{title}}\nEmergency phone: {{phone}}\n\n-- \n{{desk}}\n'),
('emergency', 'es', 'EMERGENCIA de {{customer}}: {{title}}',
 E'Se ha abierto el vale de emergencia (gravedad 1) n.º {{ticket}} para {{customer}}.\n\nTítulo: {{title}}\nTeléfono de emergencia: {{phone}}\n\n-- \n{{desk}}\n'),
('emergency_update', 'en', 'Emergency update for {{customer}}: {{title}}',
 E'The customer {{customer}} was sent this update on emergency ticket #{{ticket}}:\n\n{{message}}\n\n-- \n{{desk}}\n'),
('emergency_update', 'es', 'Novedad de la emergencia de {{customer}}: {{title}}',
 E'Se ha enviado al cliente {{customer}} esta novedad del vale de emergencia n.º {{ticket}}:\n\n{{message}}\n\n-- \n{{desk}}\n'),
('notification', 'en', '{{event}}: {{title}}',
 E'Ticket #{{ticket}} ({{title}}): {{event}}.\n\n-- \n{{desk}}\n'),
('notification', 'es', '{{event}}: {{title}}',
 E'Vale n.º {{ticket}} ({{title}}): {{event}}.\n\n-- \n{{desk}}\n'),
('inbox_ask', 'en', 'Re: {{subject}}',
 E'Hello {{contact}},\n\nthank you for your message. Before we can open a ticket we need:\n\n{{missing}}\n\nPlease reply to this message with these details.\n\n-- \n{{desk}}\n'),
('inbox_ask', 'es', 'Re: {{subject}}',
 E'Hola, {{contact}}:\n\nGracias por su mensaje. Para abrir un vale necesitamos:\n\n{{missing}}\n\nResponda a este mensaje con estos datos.\n\n-- \n{{desk}}\n'),
('inbox_refuse_spoc', 'en', 'Re: {{subject}}',
 E'Hello {{contact}},\n\nonly the contacts {{customer}} has authorised may open tickets with us. Please ask {{spoc}} to write to us.\n\n-- \n{{desk}}\n'),
('inbox_refuse_spoc', 'es', 'Re: {{subject}}',
 E'Hola, {{contact}}:\n\nSolo los contactos que {{customer}} ha autorizado pueden abrir vales. Pida a {{spoc}} que nos escriba.\n\n-- \n{{desk}}\n'),
('inbox_refuse_account_rep', 'en', 'Re: {{subject}}',
 E'Hello {{contact}},\n\nthis kind of request is handled by your account representative, {{rep_name}} <{{rep_email}}>. Please write to them directly.\n\n-- \n{{desk}}\n'),
('inbox_refuse_account_rep', 'es', 'Re: {{subject}}',
 E'Hola, {{contact}}:\n\nDe este tipo de solicitudes se ocupa su representante de cuenta, {{rep_name}} <{{rep_email}}>. Escríbale directamente.\n\n-- \n{{desk}}\n');

-- ------------------------------------------------------------- threads --

CREATE TABLE mail_threads (
    ticket_id       bigint PRIMARY KEY REFERENCES tickets,
    root_message_id text NOT NULL,
    last_message_id text NOT NULL
);
COMMENT ON TABLE mail_threads IS
    'The customer mail thread of a ticket: its first Message-ID and the latest one the next message answers.';

-- ------------------------------------------------------------- inbound --

CREATE TABLE mail_inbound (
    id           bigserial PRIMARY KEY,
    message_id   text NOT NULL UNIQUE CHECK (length(message_id) BETWEEN 3 AND 1000),
    raw          bytea NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT tt_now(),
    from_address text,
    from_name    text,
    subject      text NOT NULL DEFAULT '',
    body         text NOT NULL DEFAULT '',
    in_reply_to  text,
    refs         text[] NOT NULL DEFAULT '{}',
    auto_reason  text CHECK (auto_reason IN ('auto_submitted', 'precedence', 'list',
                                             'null_sender', 'daemon')),
    contact_id   int REFERENCES contacts,
    customer_id  int REFERENCES customers,
    ticket_id    bigint REFERENCES tickets,
    comment_id   bigint REFERENCES comments,
    state        text NOT NULL DEFAULT 'inbox'
                 CHECK (state IN ('threaded', 'inbox', 'held', 'accepted', 'asked',
                                  'refused', 'discarded')),
    hold_reason  text CHECK (hold_reason IN ('auto_submitted', 'precedence', 'list',
                                             'null_sender', 'daemon', 'unknown_sender',
                                             'closed_ticket')),
    handled_by   int REFERENCES agents,
    handled_at   timestamptz,
    CHECK ((state = 'held') = (hold_reason IS NOT NULL))
);
CREATE INDEX mail_inbound_inbox_idx ON mail_inbound (received_at, id)
    WHERE state IN ('inbox', 'asked');
CREATE INDEX mail_inbound_ticket_idx ON mail_inbound (ticket_id) WHERE ticket_id IS NOT NULL;
CREATE INDEX mail_inbound_comment_idx ON mail_inbound (comment_id) WHERE comment_id IS NOT NULL;
COMMENT ON TABLE mail_inbound IS
    'Every message received (raw kept), stored once per Message-ID, and what became of it.';

-- ---------------------------------------------------------- attachments --

CREATE TABLE attachments (
    id           bigserial PRIMARY KEY,
    inbound_id   bigint REFERENCES mail_inbound,
    ticket_id    bigint REFERENCES tickets,
    filename     text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
    content_type text NOT NULL CHECK (content_type ~ '^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+$'),
    size         bigint NOT NULL CHECK (size >= 0),
    sha256       bytea NOT NULL CHECK (octet_length(sha256) = 32),
    data         bytea NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT tt_now(),
    CHECK (size = octet_length(data)),
    CHECK (inbound_id IS NOT NULL OR ticket_id IS NOT NULL)
);
CREATE INDEX attachments_ticket_idx ON attachments (ticket_id, id) WHERE ticket_id IS NOT NULL;
CREATE INDEX attachments_inbound_idx ON attachments (inbound_id) WHERE inbound_id IS NOT NULL;
COMMENT ON TABLE attachments IS
    'Files received by mail, with their type, size and SHA-256; linked to the mail and to its ticket.';

-- -------------------------------------------------------------- outbox --

CREATE TABLE mail_outbox (
    id              bigserial PRIMARY KEY,
    kind            text NOT NULL,
    ticket_id       bigint REFERENCES tickets,
    comment_id      bigint REFERENCES comments,
    notification_id bigint REFERENCES notifications,
    inbound_id      bigint REFERENCES mail_inbound,
    lang            text NOT NULL CHECK (lang IN ('en', 'es')),
    to_name         text,
    to_address      text NOT NULL CHECK (to_address ~ '^[^@\s<>",;]+@[^@\s<>",;]+$'),
    from_name       text NOT NULL,
    from_address    text NOT NULL,
    reply_to        text,
    subject         text NOT NULL,
    body            text NOT NULL,
    message_id      text NOT NULL UNIQUE,
    in_reply_to     text,
    refs            text[] NOT NULL DEFAULT '{}',
    auto_submitted  text CHECK (auto_submitted IN ('auto-generated', 'auto-replied')),
    created_at      timestamptz NOT NULL DEFAULT tt_now(),
    state           text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'suppressed')),
    attempts        int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL DEFAULT tt_now(),
    last_error      text,
    sent_at         timestamptz,
    CHECK ((state = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at, id) WHERE state = 'queued';
CREATE INDEX mail_outbox_ticket_idx ON mail_outbox (ticket_id, id);
CREATE INDEX mail_outbox_comment_idx ON mail_outbox (comment_id) WHERE comment_id IS NOT NULL;
CREATE INDEX mail_outbox_answers_idx ON mail_outbox (lower(to_address), created_at)
    WHERE inbound_id IS NOT NULL;
COMMENT ON TABLE mail_outbox IS
    'Every mail built for sending, fixed when built (Message-ID, threading, text); queued, sent or suppressed.';

-- Mail in and out carries the contacts' addresses: support staff only
-- (pm and developer see none; 049 and docs/access.md say who sees what).
ALTER TABLE mail_inbound ENABLE ROW LEVEL SECURITY;
CREATE POLICY mail_inbound_visible ON mail_inbound FOR SELECT TO ticketty_agent
    USING ((SELECT session_agent_is_support()));
ALTER TABLE mail_outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY mail_outbox_visible ON mail_outbox FOR SELECT TO ticketty_agent
    USING ((SELECT session_agent_is_support()));

-- ------------------------------------------------------ agent settings --

CREATE TABLE agent_mail_prefs (
    agent_id int PRIMARY KEY REFERENCES agents
);
COMMENT ON TABLE agent_mail_prefs IS
    'Agents who get their notifications by mail as well.';

