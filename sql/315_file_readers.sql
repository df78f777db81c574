-- 315_file_readers.sql: files are read as their message is. The
-- attachments table (060, 220) had no row-level security, so a product
-- manager or developer could list and fetch (`attachment list|get`, the
-- ticket view's files) what docs/access.md keeps from them: the files of
-- internal notes on tickets they do not collaborate on (240, 300) and
-- the files of mail not on any ticket (the inbox, held mail). Now an agent
-- sees a file when it is support staff, or when the file is on a ticket
-- and either belongs to no message (the customer's files, received by
-- mail or at intake: as readable as the customer's mail on the ticket) or
-- belongs to a message the agent may read (comments' own policy, 049,
-- decides: the subquery is filtered by it). rls_tables() (049) is
-- replaced whole to name the table, so the self-check reports it if
-- row-level security is ever turned off.

SELECT set_config('search_path', 'ticketty', true);

ALTER TABLE attachments ENABLE ROW LEVEL SECURITY;
CREATE POLICY attachments_visible ON attachments FOR SELECT TO ticketty_agent
    USING ((SELECT session_agent_is_support())
           OR (ticket_id IS NOT NULL
               AND (comment_id IS NULL
                    OR EXISTS (SELECT 1 FROM comments c WHERE c.id = attachments.comment_id))));

