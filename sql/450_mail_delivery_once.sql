-- 450_mail_delivery_once.sql: what became of a message is worked out in
-- one place, and a failed attempt is written once.
--   * The inbox (an answer to inbox mail) and the ticket's timeline (a
--     public reply) each spelled out how an outbox row reads: bounced,
--     failing and retried, or its state. The two copies had already drifted
--     (only the inbox's counted a given-up message as bounced; the
--     timeline got the same answer only because giving up also sets
--     bounced_at). mail_delivery() is that rule, once; it is plain SQL
--     and so is inlined into both statements (no call per row).
--   * api_mail_failed (420) wrote the row twice when it gave a message up
--     (the retry time, then the give-up), and returned NULL both for
--     "given up" and for "no longer queued", so `mail send` asked the row
--     again to tell them apart. It now gives up without writing a retry
--     first, and says which it was: next_attempt (NULL when there is
--     none) and given_up. Its result type changes, so it is dropped and
--     made again (only the mail bot calls it).
--   * agent_callable_helpers (049) is replaced whole to name mail_delivery.

SELECT set_config('search_path', 'ticketty', true);

-- @function mail_delivery (sql/functions/mail_out.sql)

-- 420's api_mail_failed, whole, with a new result. The MTA refused or
-- failed for now (admin only): retried after 1, 2, 4 ... minutes (at most
-- one hour between attempts), the error kept for `mail status`; once
-- give_up_hours have passed since the message was written it is given up
-- instead (mail_give_up, cause 'expired'). Returns the next attempt (NULL:
-- none) and whether it was given up; both NULL/false when the message was
-- no longer queued (another sender settled it).
DROP FUNCTION IF EXISTS api_mail_failed(bigint, text);
-- @function api_mail_failed (sql/functions/mail_out.sql)
