-- 360_mail_template_checks.sql: a mail template is checked against what
-- its mail is built from, and the desk's mail settings take no control
-- characters.
--   * `admin template set` checked only that a subject and a body were
--     given. A reply template without {{message}} was accepted, and from
--     then on every answer reached the customer without the engineer's
--     text while the ticket said "(mail sent)"; an unknown placeholder
--     ({{bogus}}) vanished from the mail and a malformed one ({{message})
--     went out as it was. mail_template_placeholders holds, per template
--     kind, the placeholders its mail is built with (the variables
--     mail_queue (061), ticket_events_mail (270), notifications_mail (260)
--     and the inbox answers (062) pass to mail_render) and the ones it
--     cannot do without. mail_template_problems() reads a subject and a
--     body as mail_render does and names every unknown or malformed
--     placeholder and every required one missing from the body;
--     api_mail_template_set (330) is replaced whole and refuses such a
--     template (TT400, nothing saved, nothing audited).
--     Required: {{message}} (the words said to the customer) in the
--     acknowledgement, reply, request_info, resolution and
--     emergency_update templates; {{missing}} in inbox_ask; {{spoc}} in
--     inbox_refuse_spoc; {{rep_email}} in inbox_refuse_account_rep. The
--     notification's and the emergency notice's {{message}} (what was
--     said, often nothing) may be left out.
--   * Templates stored before are not rewritten. A mail that carries an
--     agent's public message (mail_outbox.comment_id, a kind that
--     requires {{message}}) but was built without its text gets the text
--     appended (mail_outbox_keep_message, BEFORE INSERT on mail_outbox),
--     so a template saved before this check still sends the answer.
--   * `mail policy KEY VALUE` took a from_name with a line break (CR/LF)
--     or another control character; GMime encoded it, but it is no name.
--     api_mail_policy_set (330) is replaced whole: a value with a control
--     character is refused for every key (TT400, code control_character,
--     the message names the key).

SELECT set_config('search_path', 'ticketty', true);

-- ------------------------------------------------------- placeholders --

CREATE TABLE mail_template_placeholders (
    kind     text NOT NULL,
    name     text NOT NULL CHECK (name ~ '^[a-z_]+$'),
    required boolean NOT NULL,
    carries  text NOT NULL,
    PRIMARY KEY (kind, name)
);
COMMENT ON TABLE mail_template_placeholders IS
    'Per mail template kind, the {{name}} placeholders its mail is built with (what mail_render is given) '
    'and whether the template must contain it; read by mail_template_problems() (360).';

-- From the code that builds each kind's mail: mail_queue adds desk and
-- ticket (empty for the inbox answers, which have no ticket); the
-- ticket's public messages and their emergency copies
-- (ticket_events_mail) give title, contact, customer, message, phone and
-- agent; emergency notices and notifications (notifications_mail) title,
-- customer, phone, event and message; the inbox answers (api_inbox_ask,
-- api_inbox_refuse) contact and subject, and missing, spoc or rep_name
-- and rep_email. A change there is a change here.
INSERT INTO mail_template_placeholders (kind, name, required, carries)
SELECT k, p.name, p.required, p.carries
  FROM (VALUES
    ('{acknowledgement,reply,request_info,resolution,emergency_update,emergency,notification,'
     'inbox_ask,inbox_refuse_spoc,inbox_refuse_account_rep}'::text[],
     'desk', false, 'the desk''s name (mail policy from_name)'),
    ('{acknowledgement,reply,request_info,resolution,emergency_update,emergency,notification}',
     'ticket', false, 'the ticket''s number'),
    ('{acknowledgement,reply,request_info,resolution,emergency_update,emergency,notification}',
     'title', false, 'the ticket''s title'),
    ('{acknowledgement,reply,request_info,resolution,emergency_update,emergency,notification,'
     'inbox_refuse_spoc}',
     'customer', false, 'the customer''s name'),
    ('{acknowledgement,reply,request_info,resolution,emergency_update,emergency,notification}',
     'phone', false, 'the ticket''s emergency phone'),
    ('{acknowledgement,reply,request_info,resolution,emergency_update,inbox_ask,inbox_refuse_spoc,'
     'inbox_refuse_account_rep}',
     'contact', false, 'the contact''s name'),
    ('{acknowledgement,reply,request_info,resolution,emergency_update}',
     'agent', false, 'the name of the agent who wrote the message'),
    ('{acknowledgement,reply,request_info,resolution,emergency_update}',
     'message', true, 'the text the engineer wrote to the customer'),
    ('{emergency,notification}',
     'message', false, 'what was said: the customer''s reply, or the reason given'),
    ('{emergency,notification}',
     'event', false, 'what happened, in words'),
    ('{inbox_ask,inbox_refuse_spoc,inbox_refuse_account_rep}',
     'subject', false, 'the subject of the customer''s mail'),
    ('{inbox_ask}',
     'missing', true, 'the list of what the customer must still tell us'),
    ('{inbox_refuse_spoc}',
     'spoc', true, 'the contacts who may open tickets'),
    ('{inbox_refuse_account_rep}',
     'rep_name', false, 'the account representative''s name'),
    ('{inbox_refuse_account_rep}',
     'rep_email', true, 'the account representative''s address')
  ) AS p(kinds, name, required, carries),
  unnest(p.kinds) AS k;

-- @function mail_template_problems (sql/functions/mail_out.sql)

-- ------------------------------------------------------ sending path --

-- @function mail_outbox_keep_message (sql/functions/mail_out.sql)

CREATE TRIGGER mail_outbox_keep_message
    BEFORE INSERT ON mail_outbox
    FOR EACH ROW EXECUTE FUNCTION mail_outbox_keep_message();

-- ------------------------------------------------------------- policy --

