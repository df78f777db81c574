-- 310_search_customer_mail.sql: a product manager or developer finds what
-- the customer wrote. Row-level security (049) lets every agent read the
-- customer's mail on a ticket (comments of kind 'customer'), and the
-- ticket view shows it to them, but 070's shared search index,
-- ticket_search_shared, held the public replies only: a word only the
-- customer used found nothing for them, and no snippet came from their
-- mail. Now the shared vector holds every message but internal notes, as
-- docs/access.md says search should ("what they may read"). Replaces 070's
-- search_shared_doc, search_comments_changed, search_rebuild and
-- search_snippet whole; then rewrites the shared row of each ticket that
-- has customer mail (no other row changes, so the cost is that of those
-- tickets alone).

SELECT set_config('search_path', 'ticketty', true);

-- The tickets already holding customer mail get their shared vector anew.
UPDATE ticket_search_shared s
   SET doc = search_shared_doc(t)
  FROM tickets t
 WHERE t.id = s.ticket_id
   AND EXISTS (SELECT 1 FROM comments c WHERE c.ticket_id = t.id AND c.kind = 'customer');
