-- 930_schema_functions.sql: the functions live in sql/functions/, each
-- defined once.
--
-- From here on a migration changes tables, types, indexes, triggers and
-- data; a function is written in its file of sql/functions/ and nowhere
-- else. `db migrate` applies the migrations, then every function file
-- again in one transaction when a migration ran or the files changed,
-- and records the SHA-256 of their text in schema_functions (the runner
-- creates the table, as it does schema_migrations); a client whose files
-- have another digest asks for `db migrate`, as for a missing migration.
-- A migration that needs a function as it runs (a trigger, a column
-- default, a backfill) names it with a "-- @function NAME" line, which the
-- build replaces with the function's definition from its file.

SELECT set_config('search_path', 'ticketty', true);

CREATE TABLE IF NOT EXISTS schema_functions (
    digest     text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()  -- layer-check: real clock (bookkeeping)
);
COMMENT ON TABLE schema_functions IS
    'The SHA-256 of the sql/functions/ files db migrate applied last (one row).';

REVOKE ALL ON TABLE schema_functions FROM ticketty_agent, ticketty_engineer, ticketty_csm,
    ticketty_coo, ticketty_ceo, ticketty_pm, ticketty_developer, ticketty_admin, PUBLIC;
GRANT SELECT ON TABLE schema_functions TO ticketty_agent;
