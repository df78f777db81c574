-- 520_intake_rules.sql: intake refuses what DESIGN.md §4 and the Client
-- Services guide do not accept ("Browser and Operating System used
-- (including version numbers)").
--   * The browser and the OS must carry a version number: at least one
--     digit ("Firefox 133", "Windows 11", "macOS 14.2", "Ubuntu 24.04 LTS");
--     "Firefox", "Windows" or "latest" is refused (code no_version).
--     Re-triage (api_ticket_retriage, 480) reports only the fields it
--     changes (and those a change makes required), so an older ticket
--     without a version is re-triaged as before unless browser or os is
--     what changes. Mail does not fill either field (inbox_prefill): what
--     the customer wrote stays in the description, and a refused accept
--     leaves the mail in the inbox to be accepted with the versions.
--   * A phone is plausible (intake_phone_ok, one definition for the
--     emergency phone at intake and for a contact's phone, admin contact
--     add/set): digits, spaces, a leading +, hyphens, dots and paired
--     (not nested) parentheses, optionally an extension ("ext 12", "x12",
--     up to 6 digits), and 7 to 15 digits in the number itself (E.164
--     allows 15; the extension is not part of it). "(((((123456" and
--     "call me" are refused.
--   * A one-line field (kind text, phone, id: title, browser, os, phone,
--     member id ...) holding a line break, a tab or another control
--     character (C0, DEL, C1, U+2028, U+2029) is refused (code
--     not_one_line); multi-line fields keep their line breaks. The title
--     a mail's subject gives (inbox_prefill) has its control characters
--     made spaces, so accepting a mail is not refused for them.
-- intake_resolve (020), api_admin_contact_add (005),
-- api_admin_contact_set (210) and inbox_prefill (430) are replaced whole.
-- The checks are expressions in the statements that were there
-- (intake_phone_ok is an inlinable SQL function): no new query at intake.

SELECT set_config('search_path', 'ticketty', true);

-- @function intake_phone_ok (sql/functions/intake.sql)

