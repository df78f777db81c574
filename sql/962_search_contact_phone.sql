-- 962_search_contact_phone.sql: a contact's phone number and the parts of
-- its address find its tickets (DESIGN.md section 11: by customer or
-- contact). A ticket's vector holds its contact's name and address whole
-- and not the phone, so "+1 (617) 555-0100", "6175550100", the domain
-- "brightwavemedia.example" or the local part "pedro.oyelaran" found
-- nothing. search() now adds, for support staff, the addresses of the
-- contacts such a query names (search_contacts_query, sql/functions/
-- search.sql), read through these indexes: the last 7 digits of the
-- phone, the address's domain and its local part. No vector changes.

SELECT set_config('search_path', 'ticketty', true);

CREATE INDEX contacts_phone_tail_idx ON contacts (right(regexp_replace(phone, '[^0-9]', '', 'g'), 7));
CREATE INDEX contacts_email_domain_idx ON contacts (lower(split_part(email, '@', 2)));
CREATE INDEX contacts_email_local_idx ON contacts (lower(split_part(email, '@', 1)));
