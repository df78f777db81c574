-- 390_inbox_mail_kept.sql: two inbox mends found by trying the customer's
-- channel as a desk would meet it.
--   * A message that reuses a Message-ID stored before, with other words
--     (a web form or a scanner that sends every mail under one ID, a
--     client that copies the ID of the mail it answers), was taken for a
--     redelivery and dropped whole, raw message included. A redelivery
--     repeats the sender, subject and text (the MTA may add its own
--     headers, so the raw bytes are not compared); when those differ the
--     message is stored under an ID of its own, made from them, so that
--     its own redelivery is still recognised. The Message-ID it came with
--     stays in its raw message. api_mail_store (062) is replaced whole.
--   * `inbox refuse ID not_spoc` answered an authorised contact that they
--     were not one, naming the others. It is refused (TT400, is_spoc):
--     such mail is accepted. api_inbox_refuse (062) is replaced whole.

SELECT set_config('search_path', 'ticketty', true);

