-- 600_inbox_answer_quote.sql: the intake form of an answer to `inbox ask`
-- starts from what the customer wrote, not from the desk's own request
-- quoted below it.
--   * A customer answering the desk's request for the missing items
--     replies to it, and their mail client quotes that request below the
--     answer ("On ... Client Services <desk> wrote:" and ">" lines, or
--     Outlook's "From: Client Services <desk> / Sent: ..." block). The
--     description inbox_prefill made of the conversation (430) took every
--     mail's text whole, so the ticket's description ended with the
--     desk's own list of mandatory items, field by field.
--   * Now the text of each answer (not the first mail: what a customer
--     forwards or quotes there is their request) ends before such a
--     quote (inbox_answer_text): a trailing run of ">" lines with the
--     line that introduces it, or an Outlook header block naming the
--     desk's From address, with the rule or "Original Message" line above
--     it. Answers written between the quoted lines are kept whole, and so
--     is an answer that is nothing but the quote. The mail itself is
--     kept as it came (inbox show, inbox raw).
--   * The title the form starts from carries no ticket tag: a customer
--     answering a mail of a closed ticket (that reply comes to the inbox)
--     or forwarding one wrote "RE: [#202] Reports", and the new ticket
--     was titled "[#202] Reports", its mail "[#203] [#202] Reports". The
--     tags go, and then every reply or forward prefix mail_subject_bare
--     knows (550: "AW:", "WG:", "RE(2):" too, as the desk's own answers).
--   * inbox_prefill (520) is replaced whole.

SELECT set_config('search_path', 'ticketty', true);

-- @function inbox_answer_text (sql/functions/mail_in.sql)

