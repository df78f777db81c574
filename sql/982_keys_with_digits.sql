-- 982_keys_with_digits.sql: a team's or request type's key may hold
-- digits after its first letter ("tier2", "l2_support"), as desks name
-- their support tiers: each table's CHECK takes them (every key the old
-- one took still passes), and admin_key_problem in the function files
-- says the new rule.

SELECT set_config('search_path', 'ticketty', true);

ALTER TABLE teams DROP CONSTRAINT teams_key_check,
    ADD CONSTRAINT teams_key_check CHECK (key ~ '^[a-z_][a-z0-9_]*$');
ALTER TABLE request_types DROP CONSTRAINT request_types_key_check,
    ADD CONSTRAINT request_types_key_check CHECK (key ~ '^[a-z_][a-z0-9_]*$');
