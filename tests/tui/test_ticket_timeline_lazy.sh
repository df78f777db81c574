#!/bin/sh
# A ticket with a long timeline (1,200 notes) opens with one page of it
# (200 entries, said in the status line), reads further pages by keyset as
# the reader pages towards the end, `G` reaches the very last note, a
# search finds a note past what is loaded, and a live reload keeps what
# was loaded and the reading position.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 1 3 "Long story"
tt_sql "INSERT INTO comments (ticket_id, author_id, kind, body, created_at)
        SELECT t.id, a.id, 'internal', 'note number ' || lpad(g::text, 4, '0'),
               t.created_at + g * interval '1 second'
          FROM tickets t, agents a, generate_series(1, 1200) g
         WHERE t.title = 'Long story 0001' AND a.login = 'olga'" >/dev/null
id=$(tt_val "SELECT id FROM tickets WHERE title = 'Long story 0001'")
tt_start
tt_wait_for 'Long story 0001'
tt_keys Enter
tt_wait_for "^#$id +Long story 0001"
# one page loaded of the 1,200 notes
tt_wait_for 'timeline 200/1200'
# paging down through the first page reads the next one before the end
n=0
while ! tt_screen | grep -Eq 'timeline 400/1200'; do
	tt_keys PageDown
	n=$((n + 1))
	[ "$n" -gt 60 ] && tt_fail "no second page after $n pages down"
	tt_wait_for 'timeline [0-9]+/1200'
done
tt_refute 'timeline 600/1200'
# a live change reloads the ticket and keeps the 400 loaded entries
tt_sql "SELECT pg_notify('ticketty', '{\"ticket\":$id,\"kind\":\"note\"}')" >/dev/null
tt_wait_for 'timeline 400/1200'
# a search for a note far beyond what is loaded finds it
tt_keys /
tt_keys -l 'note number 1100'
tt_keys Enter
tt_wait_for 'note number 1100'
tt_wait_gone 'timeline [0-9]+/1200'
# G: the last note
tt_keys g G
tt_wait_for 'note number 1200'
tt_refute 'not found'
tt_keys Q
tt_wait_for 'tt-exit=0'
