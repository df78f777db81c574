-- 071_links.sql: links between tickets (related, duplicate of) and the
-- customer's history shown in the ticket view (DESIGN.md section 11).
--
-- Decisions:
-- * One link at most between two tickets. `related` is symmetric (stored
--   once, either way round); `duplicate_of` points from the duplicate
--   (ticket_id) to the ticket that carries on (other_id).
-- * Any agent may link tickets as related. Closing as a duplicate talks to
--   the customer, so it is for support staff (engineer, csm, coo, ceo,
--   admin), as public replies are. It adds a public message on the
--   duplicate naming the ticket that carries on (the customer's thread:
--   the mail channel follows ticket_surviving()), resolves and closes the
--   duplicate, makes its assignee and collaborators follow the surviving
--   ticket, re-points the tickets that were duplicates of it, and queues a
--   'ticket.duplicate' notification for its contact.
-- * The surviving ticket must be open and not itself a duplicate; a
--   closed ticket can only be linked as related (closed is final).
-- * Unlinking removes the link only: a ticket closed as a duplicate stays
--   closed.

SELECT set_config('search_path', 'ticketty', true);

CREATE TYPE link_kind AS ENUM ('related', 'duplicate_of');

CREATE TABLE ticket_links (
    ticket_id  bigint NOT NULL REFERENCES tickets,
    other_id   bigint NOT NULL REFERENCES tickets,
    kind       link_kind NOT NULL,
    created_by int REFERENCES agents,
    created_at timestamptz NOT NULL DEFAULT tt_now(),
    PRIMARY KEY (ticket_id, other_id),
    CHECK (ticket_id <> other_id)
);
COMMENT ON TABLE ticket_links IS
    'Links between tickets: related (symmetric) or duplicate_of (ticket_id duplicates other_id).';
CREATE UNIQUE INDEX ticket_links_pair_key
    ON ticket_links (least(ticket_id, other_id), greatest(ticket_id, other_id));
CREATE UNIQUE INDEX ticket_links_one_survivor
    ON ticket_links (ticket_id) WHERE kind = 'duplicate_of';
CREATE INDEX ticket_links_other_idx ON ticket_links (other_id);

-- @function ticket_surviving (sql/functions/links.sql)

-- @function ticket_links_of (sql/functions/links.sql)

-- @function api_ticket_link (sql/functions/links.sql)

-- @function api_ticket_unlink (sql/functions/links.sql)

-- ------------------------------------------------------------- history --

-- @function customer_history (sql/functions/links.sql)

-- ---------------------------------------------------------- privileges --

