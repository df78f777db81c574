-- 990_agent_add_lang.sql: `admin agent add LOGIN ... --lang xx` named
-- what was wrong as a change ("the agent was not changed"): the client
-- added the agent, then gave it its language with api_admin_agent_set.
-- api_admin_agent_add now takes the language (p_lang, last, NULL for
-- en) and checks it with the other fields; the function files define it
-- with its new argument after this drops the old one.

SELECT set_config('search_path', 'ticketty', true);

DROP FUNCTION IF EXISTS api_admin_agent_add(text, text, text, text, text, text);
