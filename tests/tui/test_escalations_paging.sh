#!/bin/sh
# View 2 on a desk with more live escalations than it once read (its
# first 500; the rest could not be reached): 5 at the CEO, 607 at the COO
# and 8 at the CSM, raised at seven instants (ties, ordered by id). The
# view holds a window of a few screenfuls read by keyset, so j past the
# window, PgDn, G and g reach every one in the list's order; the level
# headers count the database's figures and stand only where a level
# starts, across the window's moves; G shows the last escalation in the
# pane under the CSM's header.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_agent cora_csm csm 'Cora Csm'
tt_agent coby_coo coo 'Coby Coo'
tt_agent cleo_ceo ceo 'Cleo Ceo'
tt_csm_of cora_csm
tt_tickets 620 3 "Pg"
# every ticket at the CSM; all but the last eight passed up to the COO,
# the first five on to the CEO
tt_sql "CREATE TABLE pg_at AS
          SELECT id, substr(title, 4)::int AS g,
                 tt_now() - interval '1 hour' + (substr(title, 4)::int % 7) * interval '1 minute' AS at
            FROM tickets;
        INSERT INTO escalations (ticket_id, level, holder_id, raised_by, reason, raised_at, state)
        SELECT p.id, 1, (SELECT id FROM agents WHERE login = 'cora_csm'),
               (SELECT id FROM agents WHERE login = 'postgres'), 'reason csm ' || p.g, p.at,
               CASE WHEN p.g <= 612 THEN 'passed_up' ELSE 'open' END::escalation_state
          FROM pg_at p ORDER BY p.g DESC;
        INSERT INTO escalations (ticket_id, level, holder_id, raised_by, reason, raised_at, state)
        SELECT p.id, 2, (SELECT id FROM agents WHERE login = 'coby_coo'),
               (SELECT id FROM agents WHERE login = 'cora_csm'), 'reason coo ' || p.g, p.at,
               CASE WHEN p.g <= 5 THEN 'passed_up' ELSE 'open' END::escalation_state
          FROM pg_at p WHERE p.g <= 612 ORDER BY p.g DESC;
        INSERT INTO escalations (ticket_id, level, holder_id, raised_by, reason, raised_at, state)
        SELECT p.id, 3, (SELECT id FROM agents WHERE login = 'cleo_ceo'),
               (SELECT id FROM agents WHERE login = 'coby_coo'), 'reason ceo ' || p.g, p.at, 'open'
          FROM pg_at p WHERE p.g <= 5" >/dev/null
# the n-th escalation of the list's order (0 the first), as "#ID Title"
nth() { tt_val "SELECT '#' || t.id || ' ' || t.title FROM escalations e JOIN tickets t ON t.id = e.ticket_id
                 WHERE e.state IN ('open', 'acknowledged')
                 ORDER BY e.level DESC, e.ticket_severity, e.raised_at, e.id OFFSET $1 LIMIT 1"; }
first=$(nth 0)
last=$(nth 619)
# the title line of the pane, under its rule
pane() { tt_wait_for "^$1( |$)"; }

tt_start
tt_wait_for 'Pg 0001'
tt_keys 2
tt_wait_for 'CEO \(5\)'
tt_assert '\[Escalations\] 620 open escalations$'
pane "$first"
# 60 times j: past the window read first, one at a time
tt_keys $(yes j | head -n 60)
pane "$(nth 60)"
# fifteen screenfuls down, far past the window read first: COO items
# only, no level header in the middle of the level
i=0
while [ "$i" -lt 15 ]; do
	tt_keys PageDown
	i=$((i + 1))
done
tt_wait_gone "^$(nth 60)( |$)"
tt_refute '(CEO|COO|CSM) \([0-9]+\)'
tt_assert '\[Escalations\] 620 open escalations'
# the end: the last escalation in the pane, the CSM's header above its
# eight, the COO's last one above that
tt_keys G
pane "$last"
tt_assert 'CSM \(8\)'
tt_screen | awk '/CSM \(8\)/ { h = NR } /^ *#?[0-9]+ +3 / && !h { coo = NR } END { exit !(h && coo && coo < h) }' ||
	tt_fail "the CSM's header does not stand between the COO's last rows and its own"
# k back over the CSM's header: the COO's last one
tt_keys $(yes k | head -n 8)
pane "$(nth 611)"
tt_assert 'CSM \(8\)'
# g: the first again
tt_keys g
pane "$first"
tt_assert 'CEO \(5\)'
tt_keys Q
tt_wait_for 'tt-exit=0'
