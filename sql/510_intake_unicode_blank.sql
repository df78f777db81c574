-- 510_intake_unicode_blank.sql: a mandatory field made only of a no-break
-- space (or another Unicode space: U+2000-U+200B, U+202F, U+3000, a BOM)
-- was taken as filled in: a ticket could be filed with a title and a
-- description that read blank. intake_blank (020) trimmed only space,
-- tab, CR and LF; it now trims those too. The client's own check
-- (text_blank_n, util/text.c) agrees. intake_blank (020) is replaced
-- whole; it stays an inlinable SQL function.

SELECT set_config('search_path', 'ticketty', true);

