#!/bin/sh
# `/` in the notifications view (`5`) at 80x24: the database keeps the
# notifications holding every word typed (any case) in the ticket's
# title, the name of who acted or what the step said (an escalation's
# reason); the status line says the words; an empty text or Esc at the
# prompt shows them all again; `M` while filtered marks read only the
# ones the filter keeps. Before, `/` said "not available in this view"
# while the view's help listed it, and `M` marked every one.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_sql "UPDATE agents SET role = 'csm' WHERE login = 'postgres'" >/dev/null
tt_csm_of postgres 'Acme Media'
tt_role olga engineer
tt_ticket_at 3 'Router down at HQ' '2026-11-18 13:00+00'
tt_ticket_at 3 'Login fails' '2026-11-18 13:01+00'
tt_ticket_at 3 'Router slow in Paris' '2026-11-18 13:02+00'
id_of() { tt_val "SELECT id FROM tickets WHERE title = '$1'"; }
down=$(id_of 'Router down at HQ')
login=$(id_of 'Login fails')
slow=$(id_of 'Router slow in Paris')
tt_sql "INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload, created_at)
        SELECT a.id, 'ticket.changed', t.id, '{}', t.created_at + interval '1 hour'
          FROM agents a, tickets t WHERE a.login = 'postgres'" >/dev/null
# another agent escalates one to the agent (its CSM): who and why in words
"$TICKETTY_BIN" --db "dbname=$TT_DB user=olga" escalate "$login" --reason "Customer is unhappy" >/dev/null ||
	tt_fail "ticketty escalate failed"

tt_start
tt_wait_for 'Router down'
tt_keys 5
tt_wait_for '^ ticketty . Notifications'
tt_wait_for 'Olga Other escalated'
tt_wait_for '4 unread'

# filter WORDS: types WORDS at the `/` prompt (its text cleared first)
filter() {
	tt_keys /
	tt_wait_for '^Filter \(words of the title or the text\):'
	tt_keys C-u
	tt_keys -l "$1"
	tt_keys Enter
}
rows() { tt_screen | grep -Ec "^2026-11-18 [0-9:]+ EST +#"; }

# a word of the titles: the two routers
filter router
tt_wait_for '4 unread, text "router"'
tt_wait_for "#$down +Router down at HQ"
tt_assert "#$slow +Router slow in Paris"
tt_refute 'Login fails'
[ "$(rows)" = 2 ] || tt_fail "router: $(rows) rows"
# every word must be there
filter 'router PARIS'
tt_wait_for '4 unread, text "router PARIS"'
tt_wait_gone 'Router down'
tt_assert "#$slow +Router slow in Paris"
[ "$(rows)" = 1 ] || tt_fail "router PARIS: $(rows) rows"
# the reason the step gave, and who acted: the escalation's notification
filter unhappy
tt_wait_for '4 unread, text "unhappy"'
tt_wait_for "#$login +Login fails"
tt_assert 'Olga Other escalated'
[ "$(rows)" = 1 ] || tt_fail "unhappy: $(rows) rows"
filter Olga
tt_wait_for 'text "Olga"'
tt_wait_for 'Olga Other escalated'
[ "$(rows)" = 1 ] || tt_fail "Olga: $(rows) rows"
# nothing matches
filter 'router login'
tt_wait_for 'No unread notification matches the filter\.'
# Esc at the prompt shows them all again; so does an empty text
tt_keys /
tt_wait_for '^Filter \(words of the title or the text\): router login'
tt_keys Escape
tt_wait_for '4 unread  mail: off'
tt_wait_for "#$down +Router down at HQ"
[ "$(rows)" = 4 ] || tt_fail "after Esc: $(rows) rows"
filter paris
tt_wait_for 'text "paris"'
tt_wait_gone 'Login fails'
filter ''
tt_wait_for '4 unread  mail: off'
tt_wait_for 'Login fails'
[ "$(rows)" = 4 ] || tt_fail "after an empty filter: $(rows) rows"
# M while filtered marks read the ones the filter keeps, not every one
# (it marked all four)
filter router
tt_wait_for 'text "router"'
tt_wait_gone 'Login fails'
tt_keys M
tt_wait_for '2 notifications marked read'
[ "$(tt_val "SELECT count(*) FROM notifications n JOIN agents a ON a.id = n.recipient_agent_id
             WHERE a.login = 'postgres' AND n.read_at IS NULL")" = 2 ] ||
	tt_fail "M with a filter left the wrong ones unread"
filter ''
tt_wait_for '2 unread  mail: off'
tt_wait_for 'Login fails'
tt_refute 'Router'
[ "$(rows)" = 2 ] || tt_fail "after M with a filter: $(rows) rows"
tt_keys Q
tt_wait_for 'tt-exit=0'
