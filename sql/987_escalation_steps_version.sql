-- 987_escalation_steps_version.sql: `ticketty escalation ack|resolve|up|hand
-- ID --version N` refuse a ticket changed since version N, as escalate and
-- the other changes of a ticket do (986): the four step functions take
-- expected_version (last, NULL for no check); the function files define
-- them with it after this drops the old ones.

SELECT set_config('search_path', 'ticketty', true);

DROP FUNCTION IF EXISTS api_escalation_ack(bigint);
DROP FUNCTION IF EXISTS api_escalation_resolve(bigint, text);
DROP FUNCTION IF EXISTS api_escalation_up(bigint, text);
DROP FUNCTION IF EXISTS api_escalation_hand(bigint, text, text);
