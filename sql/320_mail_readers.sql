-- 320_mail_readers.sql: who may read mail in and out is said, not hidden.
-- Row-level security (060) shows a product manager or developer no row
-- of mail_inbound or mail_outbox (the senders' and recipients'
-- addresses: docs/access.md, "Who sees what"), so the client's readings
-- of them (`inbox list`, `inbox show`, `mail status`, the inbox view)
-- found nothing and presented that as the desk's state: "the inbox is
-- empty", "queued: 0". They now ask this function first, which refuses
-- those roles the way api_contacts_list and api_inbox_prefill do (TT403,
-- exit 77, require_role's message naming the roles that may).

SELECT set_config('search_path', 'ticketty', true);

-- @function api_mail_reader (sql/functions/mail.sql)
