-- 220_files_to_customer.sql: files go out with a public message.
--
-- A customer could send files (they are stored from their mail, 060),
-- but an engineer could not send one back: a list of affected
-- placements, a screenshot of the setting to change, a log excerpt had
-- to leave ticketty by another way and left no trace on the ticket.
-- Now an agent attaches files to the public message (acknowledgement,
-- reply or resolution) they write, in the same transaction:
-- api_message_attach() stores each file beside the customer's own (the
-- attachments table, with the message it went with in comment_id), and
-- `ticketty mail send` puts every file of the message into its mail
-- (multipart/mixed). Each file is audited ('file_sent') and shown on the
-- timeline. Limits: each file at most max_attachment_bytes (the policy
-- row that also bounds what customers send); the files of one message
-- together at most three quarters of max_message_bytes (base64 makes
-- them a third larger in the mail); at most 20 files a message.

SELECT set_config('search_path', 'ticketty', true);

ALTER TABLE attachments ADD COLUMN comment_id bigint REFERENCES comments;
CREATE INDEX attachments_comment_idx ON attachments (comment_id) WHERE comment_id IS NOT NULL;
COMMENT ON COLUMN attachments.comment_id IS
    'The public message a file went out with (an agent''s file to the customer); NULL for files received by mail.';

-- @function api_message_attach (sql/functions/mail_out.sql)
