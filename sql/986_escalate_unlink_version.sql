-- 986_escalate_unlink_version.sql: `ticketty escalate ID --version N` and
-- `ticketty ticket unlink ID OTHER --version N` refuse a ticket changed
-- since version N, as the other changes of a ticket do: api_escalate and
-- api_ticket_unlink take expected_version (last, NULL for no check); the
-- function files define them with their new argument after this drops
-- the old ones.

SELECT set_config('search_path', 'ticketty', true);

DROP FUNCTION IF EXISTS api_escalate(bigint, text);
DROP FUNCTION IF EXISTS api_ticket_unlink(bigint, bigint);
