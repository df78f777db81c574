-- 956_english_mail_sentences.sql: the English mail templates 060 shipped
-- begin their first sentence with a capital letter.
--
-- Every English template greets the contact on a line of its own
-- ("Hello {{contact}},") and then began its text in lower case ("we have
-- received your request", "your request has been resolved", "thank you
-- for your message"): the customer read "Hello Carla,\n\nwe have
-- received ...", which in English is a slip, not a style (the Spanish
-- templates, "Hola, {{contact}}:\n\nHemos recibido ...", and the canned
-- replies since 970 begin with a capital). Only the texts still as 060
-- wrote them are changed: a template an admin has set since is theirs.

SELECT set_config('search_path', 'ticketty', true);

UPDATE mail_templates m
   SET body = n.body
  FROM (VALUES
    ('acknowledgement',
     E'Hello {{contact}},\n\nwe have received your request and are working on it.\n\n{{message}}\n\n-- \n{{desk}}\nPlease keep [#{{ticket}}] in the subject when you reply.\n',
     E'Hello {{contact}},\n\nWe have received your request and are working on it.\n\n{{message}}\n\n-- \n{{desk}}\nPlease keep [#{{ticket}}] in the subject when you reply.\n'),
    ('request_info',
     E'Hello {{contact}},\n\nto go on with your request we need some information from you:\n\n{{message}}\n\nJust reply to this message.\n\n-- \n{{desk}}\n',
     E'Hello {{contact}},\n\nTo go on with your request we need some information from you:\n\n{{message}}\n\nJust reply to this message.\n\n-- \n{{desk}}\n'),
    ('resolution',
     E'Hello {{contact}},\n\nyour request has been resolved.\n\n{{message}}\n\nIf the problem is still there, reply to this message and the ticket reopens.\n\n-- \n{{desk}}\n',
     E'Hello {{contact}},\n\nYour request has been resolved.\n\n{{message}}\n\nIf the problem is still there, reply to this message and the ticket reopens.\n\n-- \n{{desk}}\n'),
    ('inbox_ask',
     E'Hello {{contact}},\n\nthank you for your message. Before we can open a ticket we need:\n\n{{missing}}\n\nPlease reply to this message with these details.\n\n-- \n{{desk}}\n',
     E'Hello {{contact}},\n\nThank you for your message. Before we can open a ticket we need:\n\n{{missing}}\n\nPlease reply to this message with these details.\n\n-- \n{{desk}}\n'),
    ('inbox_refuse_spoc',
     E'Hello {{contact}},\n\nonly the contacts {{customer}} has authorised may open tickets with us. Please ask {{spoc}} to write to us.\n\n-- \n{{desk}}\n',
     E'Hello {{contact}},\n\nOnly the contacts {{customer}} has authorised may open tickets with us. Please ask {{spoc}} to write to us.\n\n-- \n{{desk}}\n'),
    ('inbox_refuse_account_rep',
     E'Hello {{contact}},\n\nthis kind of request is handled by your account representative, {{rep_name}} <{{rep_email}}>. Please write to them directly.\n\n-- \n{{desk}}\n',
     E'Hello {{contact}},\n\nThis kind of request is handled by your account representative, {{rep_name}} <{{rep_email}}>. Please write to them directly.\n\n-- \n{{desk}}\n')
  ) AS n(kind, old, body)
 WHERE m.kind = n.kind AND m.lang = 'en' AND m.body = n.old;
