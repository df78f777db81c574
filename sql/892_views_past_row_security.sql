-- 892_views_past_row_security.sql: the security self-check sees a view
-- that reads past row-level security, and a helper agents may call that
-- may write.
--
-- security_violations() (049) checked that row-level security stays on
-- for the tables it guards, but a view reads its tables with its owner's
-- rights: a view (or materialized view) over contacts, comments,
-- mail_inbound or any other table with row-level security, made by a
-- later migration, would show a pm or developer every contact and every
-- internal note while the check stayed empty. Such a view, readable by
-- agents, is now reported unless it runs with the reader's rights
-- (security_invoker; a materialized view never does).
-- And agent_callable_helpers() lists helpers agents may call by name, on
-- the promise that they do not write: an overload of one of those names,
-- or one made VOLATILE, passed unseen. A helper agents may execute that is
-- VOLATILE (it may write, which STABLE and IMMUTABLE functions may not) is
-- now reported.
-- It replaces 049's security_violations() whole; the rest is unchanged.

SELECT set_config('search_path', 'ticketty', true);

