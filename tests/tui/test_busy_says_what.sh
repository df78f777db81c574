#!/bin/sh
# While a change waits on a row another session holds, the working mark
# says what waits and for how long: "take the ticket: working 2 s... Esc
# cancels" for t in the queue, "escalate one level: working N s" for the
# reason sent from the escalation prompt (the prompt's answer is the
# escalation the key started). Before, the line only said "working... Esc
# cancels", whatever it was doing. A refresh on the clock names nothing.
. "$(dirname "$0")/lib.sh"

tt_locked_ticket
id=$TT_LOCKED_ID
tt_sql "INSERT INTO agents (login, display_name, role) VALUES ('csm1', 'Cass Csm', 'csm');
        UPDATE customers SET csm_id = (SELECT id FROM agents WHERE login = 'csm1')"

tt_start
tt_wait_for 'Locked 0002'
tt_assert "#$id( |\$)"
tt_keys t
tt_wait_for 'take the ticket: working [0-9]+ s\.\.\. Esc cancels'
[ "$(tt_lock_waiters)" = 1 ] || tt_fail "the take is not waiting for the lock"
# the seconds go on
tt_wait_for 'take the ticket: working [1-9][0-9]* s'
tt_keys Escape
tt_wait_for 'cancelled'
tt_wait_gone 'working'

tt_keys Enter
tt_wait_for "#$id +Locked"
tt_keys e
tt_wait_for 'Reason to escalate:'
tt_keys -l "Still blank"
tt_keys Enter
tt_wait_for 'escalate one level: working [0-9]+ s\.\.\. Esc cancels'
[ "$(tt_lock_waiters)" = 1 ] || tt_fail "the escalation is not waiting for the lock"
tt_keys Escape
tt_wait_for 'cancelled'
tt_keys Q
tt_wait_for 'tt-exit=0'
exit 0
