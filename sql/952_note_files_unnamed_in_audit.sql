-- 952_note_files_unnamed_in_audit.sql: the audit log no longer names a
-- file kept with an internal note.
--
-- A note's file is read as its note is (row-level security on
-- attachments, 315): a pm or developer who may not read the note does
-- not see the file. But api_message_attach (220, 240) wrote the file's
-- name, size and type into its file_noted event, and ticket_events,
-- which every agent reads, has no row-level security: a pm or developer
-- read "customer-takeover-plan.xlsx" off any ticket's audit log. The
-- event now keeps the attachment's and the note's ids only (the timeline
-- shows a note's files from attachments, with the note); this strips the
-- name, size and type from the events written before. file_sent events,
-- of files sent to the customer, which every agent may read, keep them.
-- The migration runs as the owner, whom the append-only trigger lets
-- change the log.

SELECT set_config('search_path', 'ticketty', true);

UPDATE ticket_events
   SET details = details - 'filename' - 'size' - 'type'
 WHERE kind = 'file_noted' AND details ?| ARRAY['filename', 'size', 'type'];
