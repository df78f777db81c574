-- 500_search_ids.sql: two IDs a support engineer pastes were not found.
--   * A number that the ticket holds after a hyphen: a bug reference
--     "ENG-20691" or an object ID "li-98765" is parsed as a word and a
--     signed number ('-20691'), so searching "20691" found nothing.
--   * A link pasted whole: "https://jira.example.com/browse/ADX-991" as a
--     query became 'https' and a path starting with '/', while the ticket
--     stores the link as its host and path, so the bug reference's own
--     link did not find its ticket.
-- The query now matches a number with or without a hyphen before it, and
-- drops a link's scheme. search_query (070) is replaced whole.

SELECT set_config('search_path', 'ticketty', true);

