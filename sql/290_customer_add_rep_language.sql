-- 290_customer_add_rep_language.sql: the account representative's
-- language given when the customer is added (`admin customer add ...
-- --account-rep-lang es`), as 260 lets `admin customer set` change it;
-- it had to be set after the add. 005's api_admin_customer_add is
-- replaced whole with one more parameter (dropped first: its argument
-- list changes), audited with the record as before.

SELECT set_config('search_path', 'ticketty', true);

DROP FUNCTION IF EXISTS api_admin_customer_add(text, text, text, text, text);

-- @function api_admin_customer_add (sql/functions/admin.sql)

