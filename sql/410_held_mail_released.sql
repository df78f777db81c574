-- 410_held_mail_released.sql: mail held because its sender was unknown
-- is taken in once the sender is known.
--   * A mail held as unknown_sender stayed held for good: after an admin
--     added the sender as a contact, `inbox accept`, `ask` and `refuse`
--     said "inbox mail N is already held" with exit 75 (try again), which
--     could never succeed, and the mail could not even be discarded. Now
--     inbox_lock takes such a mail back into the inbox when its sender is
--     an active contact, with the contact and customer it lacked, so every
--     inbox step works on it. Any other held mail (automatic replies,
--     replies to staff copies, strangers in a ticket's thread) is refused
--     with TT400 naming why it is held and what can be done with it.
--   * Held mail can be discarded (api_inbox_discard).
--   * inbox_prefill names the customer of a sender known by now, so the
--     intake form opened on such a mail starts with it.
-- inbox_lock, api_inbox_discard and inbox_prefill (062) are replaced whole.

SELECT set_config('search_path', 'ticketty', true);

