-- 840_notifications_newest_first.sql: an agent's unread notifications are
-- read a page at a time, newest first, by keyset on (created_at, id): the
-- notifications view (`5`) and `ticketty notify mine --limit N --after ID`
-- (src/model/notify.c). The index of 001 held (recipient_agent_id,
-- created_at) only, so notifications of the same instant (one step tells
-- several, a bulk insert) were sorted again by id on every page; this one
-- gives the whole order, read forwards or backwards, and still serves the
-- unread count of the status line.

SELECT set_config('search_path', 'ticketty', true);

CREATE INDEX notifications_unread_agent_order_idx
    ON notifications (recipient_agent_id, created_at, id) WHERE read_at IS NULL;
DROP INDEX notifications_unread_agent_idx;
