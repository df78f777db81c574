-- 260_account_rep_language.sql: the account representative reads mail in
-- its own language. The representative is no agent (a name and an address
-- on the customer), so its copies of emergency mail (the notice at intake,
-- every public update on an emergency ticket) were always in English,
-- while the CSM's and the customer's followed their language.
-- customers.account_rep_lang (en, es; en by default) says which; admins
-- set it as `admin customer set CUSTOMER account_rep_lang=es`. Replaced
-- whole, as sql/README requires: 005's admin_customer_json (the record as
-- the audit keeps it), api_admin_customer_set (the new field) and
-- api_admin_customer_list, 210's notifications_mail and ticket_events_mail
-- (the representative's language instead of 'en').

SELECT set_config('search_path', 'ticketty', true);

ALTER TABLE customers
    ADD COLUMN account_rep_lang text NOT NULL DEFAULT 'en' CHECK (account_rep_lang IN ('en', 'es'));
COMMENT ON COLUMN customers.account_rep_lang IS
    'The language of the mail ticketty sends the account representative (emergency notices and updates).';

