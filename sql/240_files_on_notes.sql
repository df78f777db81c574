-- 240_files_on_notes.sql: files on an internal note. An engineer could
-- send the customer a file (220) but not keep one for the desk: the log
-- excerpt for the developers, the screenshot of an internal tool. Every
-- agent who writes a note (developers and product managers too) may now
-- attach files to it; they stay on the ticket and never go by mail (the
-- outbox only sends public messages' files). api_message_attach() (220,
-- replaced whole: see sql/README) takes the caller's own message of this
-- transaction, public or a note; a file with a public message still needs
-- a role that answers customers. A note's file is audited as file_noted.

SELECT set_config('search_path', 'ticketty', true);

