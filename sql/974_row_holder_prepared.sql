-- 974_row_holder_prepared.sql: the refusal on a row held too long names
-- a prepared transaction that holds it (PREPARE TRANSACTION: no session
-- at all, so no one was named), and an administrator's change of a
-- customer's CSM or an agent's role or state that waited on a ticket or
-- escalation row its triggers change names that ticket and its holder
-- (before, "another session is changing the same data"). The row holder
-- functions answer with the ticket found and the prepared transaction's
-- gid and time (OUT ticket, gid, since), and row_holder_named finds the
-- holders itself: the old ones are dropped for the function files to
-- define them with their new arguments and results.

SELECT set_config('search_path', 'ticketty', true);

DROP FUNCTION IF EXISTS api_ticket_row_holder(bigint);
DROP FUNCTION IF EXISTS api_admin_row_holder(text, text);
DROP FUNCTION IF EXISTS row_holder_named(text, int[]);
