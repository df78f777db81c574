-- 971_agent_role_mail.sql: the role `mail`, the mail gateway's (`mail
-- send` and `mail receive`, run by the MTA and a service), which until
-- now ran as an admin: whoever read its credentials on the mail host
-- owned the desk. The value alone, in a migration of its own: PostgreSQL
-- lets a value added by ALTER TYPE ... ADD VALUE be used only once its
-- transaction has committed, and the runner gives each migration its own
-- (src/db/migrate.c); 972 and the function files use it after.

SELECT set_config('search_path', 'ticketty', true);

ALTER TYPE agent_role ADD VALUE IF NOT EXISTS 'mail';
