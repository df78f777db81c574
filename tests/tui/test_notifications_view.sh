#!/bin/sh
# The notifications view (`5`): the agent's unread notifications, newest
# first, the ticket and its title, what happened in words under them; a
# new one arrives live (NOTIFY) on top without a key press, the cursor
# staying on the notification it was on; `m` marks the selected one read, Enter
# marks it read and opens its ticket, `M` marks every one read; `E` turns
# notifications by mail on and off, refused without an address, and `L`
# switches the language of that mail (English and Spanish screens).
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_sql "UPDATE agents SET role = 'csm' WHERE login = 'postgres'" >/dev/null
tt_csm_of postgres 'Acme Media'
tt_role olga engineer
tt_tickets 3 3 "Note"
tt_sql "INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload, created_at)
        SELECT a.id, 'ticket.changed', t.id, '{}',
               timestamptz '2026-11-18 14:00+00' + (t.title = 'Note 0002')::int * interval '30 seconds'
          FROM agents a, tickets t WHERE a.login = 'postgres' AND t.title IN ('Note 0001', 'Note 0002')" >/dev/null
n1=$(tt_val "SELECT id FROM tickets WHERE title = 'Note 0001'")
n2=$(tt_val "SELECT id FROM tickets WHERE title = 'Note 0002'")
n3=$(tt_val "SELECT id FROM tickets WHERE title = 'Note 0003'")
unread() { tt_val "SELECT count(*) FROM notifications n JOIN agents a ON a.id = n.recipient_agent_id
                    WHERE a.login = 'postgres' AND n.read_at IS NULL"; }
tt_start
tt_wait_for 'Note 0003'
tt_keys 5
tt_wait_for '^ ticketty . Notifications'
# 14:00 UTC in the desk's zone, named (it showed the server's 14:00 as the desk's time)
tt_wait_for "^2026-11-18 09:00 EST +#$n1 +Note 0001"
tt_assert "^2026-11-18 09:00 EST +#$n2 +Note 0002"
# newest first: Note 0002's came half a minute after Note 0001's
[ "$(tt_line_of "#$n2 +Note 0002")" -lt "$(tt_line_of "#$n1 +Note 0001")" ] ||
	tt_fail "the newest notification is not on top"
# a notification without its event says its kind in words
tt_assert "^    ticket changed"
tt_wait_for '2 unread'
# narrower than 80 columns the zone gives way, the title keeps its room
tt_resize 70 24
tt_wait_for "^2026-11-18 09:00 +#$n1 +Note 0001"
tt_refute 'EST'
tt_resize 80 24
tt_wait_for "^2026-11-18 09:00 EST +#$n1 "

# live: another agent (olga) escalates Note 0003 to the agent (the CSM)
# from another process (escalating to oneself tells nobody)
"$TICKETTY_BIN" --db "dbname=$TT_DB user=olga" escalate "$n3" --reason "Customer is unhappy" >/dev/null ||
	tt_fail "ticketty escalate failed"
tt_wait_for "#$n3 +Note 0003"
tt_wait_for "^    Olga Other escalated to L1 Customer Success Manager \(you\): Customer is$"
tt_assert "^    unhappy$"
tt_wait_for '3 unread'
[ "$(tt_line_of "#$n3 +Note 0003")" -lt "$(tt_line_of "#$n2 +Note 0002")" ] ||
	tt_fail "the new notification did not come on top"

# m marks the selected one read (still Note 0002's, the first before the
# new one came): it leaves the list
tt_keys m
tt_wait_for '1 notification marked read'
tt_wait_gone "#$n2 +Note 0002"
[ "$(unread)" = 2 ] || tt_fail "m did not mark one read ($(unread) unread)"

# Enter opens the selected ticket (the cursor stayed in its place: Note
# 0001's) and marks it read
tt_wait_for "^2026-11-18 09:00 EST +#$n1 "
tt_keys Enter
tt_wait_for "^#$n1 +Note 0001"
[ "$(unread)" = 1 ] || tt_fail "Enter did not mark it read ($(unread) unread)"
tt_keys q
tt_wait_for '^ ticketty . Notifications'
tt_wait_gone "#$n1 +Note 0001"
tt_assert "#$n3 +Note 0003"

# M marks the rest read
tt_keys M
tt_wait_for 'No unread notifications'
[ "$(unread)" = 0 ] || tt_fail "M left $(unread) unread"

# E: notifications by mail. Without an address the database refuses and
# says why; with one they go by mail (in the agent's language), and E
# again stops them; the status line says which.
mail_on() { tt_val "SELECT count(*) FROM agent_mail_prefs p JOIN agents a ON a.id = p.agent_id
                    WHERE a.login = 'postgres'"; }
tt_keys j
tt_wait_for '0 unread  mail: off'
tt_keys E
tt_wait_for 'you have no e-mail address'
[ "$(mail_on)" = 0 ] || tt_fail "mail turned on without an address"
tt_sql "UPDATE agents SET email = 'pat@desk.example', lang = 'es' WHERE login = 'postgres'" >/dev/null
tt_keys E
tt_wait_for 'notifications by mail: to pat@desk\.example, in Spanish'
[ "$(mail_on)" = 1 ] || tt_fail "E did not turn mail on"
tt_keys j
tt_wait_for '0 unread  mail: on, Spanish'
# L: the language of that mail, English and Spanish in turn; the status
# line follows
mail_lang() { tt_val "SELECT lang FROM agents WHERE login = 'postgres'"; }
tt_keys L
tt_wait_for 'mail to you is written in English'
[ "$(mail_lang)" = en ] || tt_fail "L did not switch the mail to English"
tt_keys j
tt_wait_for '0 unread  mail: on, English'
tt_keys L
tt_wait_for 'mail to you is written in Spanish'
[ "$(mail_lang)" = es ] || tt_fail "L did not switch the mail to Spanish"
tt_keys E
tt_wait_for 'notifications by mail: off'
[ "$(mail_on)" = 0 ] || tt_fail "E did not turn mail off"
tt_keys Q
tt_wait_for 'tt-exit=0'

# in Spanish, the same keys say the same in Spanish
tt_keys "clear; (LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; export LANG LC_ALL; exec_tt)" Enter
tt_wait_for 'Note 000'
tt_keys 5
tt_wait_for 'correo: no'
tt_keys L
tt_wait_for 'el correo para usted se escribe en inglés'
[ "$(mail_lang)" = en ] || tt_fail "L (Spanish screen) did not switch the mail to English"
tt_keys Q
tt_wait_for 'tt-exit=0'
