-- 890_contacts_to_support_only.sql: a contact's name and address reach
-- support staff only, through the API functions too.
--
-- Row-level security (049) shows a pm or developer no contact, and the API
-- functions that hand contacts out were to check the role themselves
-- (docs/access.md, "Who sees what"). Four did not, and a pm or developer
-- login read contacts through them from psql:
--   * api_canned_render filled {contact} in for any ticket: a canned reply
--     is a public reply, which they never write. It now refuses them as
--     api_ticket_reply does (TT403, ticket_require_support);
--   * api_inbox_refusal_names gave every inbox mail's customer's
--     authorised contacts, "Name <address>, ...", and api_inbox_missing
--     what a mail held by the inbox (support staff's only) lacks. Both
--     now need a support role, as the inbox's other functions do
--     (inbox_lock, api_mail_reader);
--   * api_ticket_check and api_ticket_create refused a contact of another
--     customer, a deactivated one or one that is no authorised contact by
--     naming them ("Ana Gil <ana@x.example> is a contact of X, not of Y"):
--     by trying contact ids one by one a pm listed every contact. For a
--     caller who may not read contacts such a refusal is now the one for
--     a contact that does not exist, as the table shows them none
--     (intake_problems_shown, new).
-- It replaces 101's api_canned_render, 062's api_inbox_missing and
-- api_inbox_refusal_names, 020's api_ticket_check and 760's
-- api_ticket_create.

SELECT set_config('search_path', 'ticketty', true);

-- @function intake_problems_shown (sql/functions/intake.sql)

