#!/bin/sh
# The search view: F (any view) asks what to look for; hits come ranked,
# open tickets first, each with its snippet (matched words highlighted,
# hostile text shown as escapes); accents do not matter; Enter opens the
# ticket and q comes back to the results; / searches again ("phrase",
# -excluded); A ranks closed tickets with the open ones; F3 works from
# the ticket view too.
TT_COLS=100
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00' running   # a Wednesday, 10:00 in New York
tt_tickets 3 2 "Queue ticket"
tt_sql "UPDATE tickets SET title = 'Facturación duplicada',
                           description = E'La facturación de marzo \\x1b[2J sale dos veces' WHERE id = 1;
        UPDATE tickets SET title = 'Placements render blank', description = 'The leaderboard stays white'
         WHERE id = 2;
        UPDATE tickets SET title = 'Blank then render', description = 'blank frames render late',
                           status = 'closed', resolved_at = created_at, closed_at = created_at
         WHERE id = 3;" >/dev/null

tt_start
tt_wait_for 'Queue ticket|Facturaci'
tt_keys F
tt_wait_for 'Search:'
tt_keys -l 'facturacion'
tt_keys Enter
tt_wait_for '#1  new  2 Urgent  Acme Media  Facturación duplicada'
tt_assert '    facturación de marzo \^\[\[2J sale dos veces'
tt_wait_for '1 ticket for "facturacion"'

# Enter opens the ticket, q comes back to the same results
tt_keys Enter
tt_wait_for '#1  Facturación duplicada'
tt_keys q
tt_wait_for '1 ticket for "facturacion"'

# again: words; the closed ticket comes after the open one
tt_keys /
tt_wait_for 'Search: facturacion'
tt_keys C-u
tt_keys -l 'blank render'
tt_keys Enter
tt_wait_for '2 tickets for "blank render"'
open_line=$(tt_line_of '#2  ')
closed_line=$(tt_line_of '#3  ')
[ -n "$open_line" ] && [ -n "$closed_line" ] && [ "$open_line" -lt "$closed_line" ] ||
	tt_fail "open ticket #2 not above closed #3 ($open_line, $closed_line)"
# A: one ranking (the closed ticket says it twice)
tt_keys A
tt_wait_for 'open and closed together'
open_line=$(tt_line_of '#2  ')
closed_line=$(tt_line_of '#3  ')
[ "$closed_line" -lt "$open_line" ] || tt_fail "with A, #3 should rank first ($open_line, $closed_line)"

# a phrase and an exclusion
tt_keys /
tt_keys C-u
tt_keys -l '"render blank" -video'
tt_keys Enter
tt_wait_for '1 ticket for "\\"render blank\\" -video"|1 ticket for ""render blank" -video"'
tt_assert '#2  '
tt_refute '#3  '

# a query that only excludes is refused with the reason
tt_keys /
tt_keys C-u
tt_keys -l -- '-blank'
tt_keys Enter
# (one sentence, test_search_refused)
tt_wait_for 'the search text needs at least one word that must appear, not only -excluded ones'

# from the ticket view, F3
tt_keys 1
tt_wait_for 'Queue'
tt_keys Enter
tt_wait_for '#[0-9]+  '
tt_keys F3
tt_wait_for 'Search:'
tt_keys -l 'leaderboard'
tt_keys Enter
tt_wait_for '#2  new  2 Urgent  Acme Media  Placements render blank'
tt_keys Q
tt_wait_for 'tt-exit=0'
