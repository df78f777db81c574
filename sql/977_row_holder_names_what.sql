-- 977_row_holder_names_what.sql: a refusal on a row another session
-- holds named that session only for the ticket's own row; an
-- escalation's step that waited on the escalation's row said "being
-- changed in another session". api_ticket_row_holder now looks at the
-- live escalation's row too and says which it found (OUT what, and later
-- others), so the function files define it with its new result after
-- this drops the old one.

SELECT set_config('search_path', 'ticketty', true);

DROP FUNCTION IF EXISTS api_ticket_row_holder(bigint);
