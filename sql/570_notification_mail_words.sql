-- 570_notification_mail_words.sql: an agent's notification by mail says
-- who did what, in the words of the notification in ticketty.
--   * A ticket.changed notification (540: the followers and the assignee
--     hear of an event on their ticket) was mailed as "ticket changed"
--     ("ticket modificado") while ticketty said "Ana Gil assigned the
--     ticket to you". Those words are the client's (the timeline's wording
--     of the event, src/model/notify_words.c, in the agent's language), so
--     the mail sender says them: before it first hands such a message to
--     the MTA it works out the words of the notification behind it, in the
--     mail's language, and api_mail_notification_words builds the
--     message's subject and body again from the template with them as
--     {{event}}. A message is still built before it is sent and never
--     after: only one not yet tried (attempts 1, the claim that holds it)
--     is built again, so a retry sends the text the first attempt did. A
--     sender that does not say the words leaves the words queued, as
--     before. Other kinds keep their words ("customer replied": what was
--     said follows in {{message}}).
--   * notification_mail_vars and mail_subject_built are the one way to
--     get a notification's variables and a subject line, shared by the
--     queue and the new build; notifications_mail (260) and mail_queue
--     (550) are replaced whole.

SELECT set_config('search_path', 'ticketty', true);

-- @function notification_mail_vars (sql/functions/mail_out.sql)

-- @function mail_subject_built (sql/functions/mail_out.sql)

-- @function api_mail_notification_words (sql/functions/mail_out.sql)

