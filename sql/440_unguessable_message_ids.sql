-- 440_unguessable_message_ids.sql: the desk's Message-IDs cannot be
-- guessed.
--   * mail_queue (061) named each message <ticketty.TICKET.N@domain>, N
--     the outbox row: anyone could write the IDs of any ticket's answers.
--     350 stopped strangers from threading onto a ticket with them, but a
--     forged delivery report naming a guessed ID (any sender may write
--     what a report's sender writes) still marked a real answer bounced,
--     told its author and the assignee the customer never got it, and
--     said so on the ticket. Each ID now ends in 64 random bits
--     (<ticketty.TICKET.N.RANDOM@domain>): only the mail's recipients
--     know it. Threading, bounces and the thread's References look IDs up
--     whole, as stored, so mail sent before keeps its IDs and its thread.
--   * mail_queue (061) is replaced whole; only the ID changes.

SELECT set_config('search_path', 'ticketty', true);

