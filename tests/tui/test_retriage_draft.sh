#!/bin/sh
# A re-triage survives a crash (DESIGN §1.3) at 80x24: the reason typed and
# the severity changed in the re-triage form of one ticket come back when
# the client, killed without warning, re-triages the same ticket again;
# another ticket's form shows its own values, nothing of that draft. Esc
# asks whether to keep the draft, as the intake form does. The ticket
# changed meanwhile: the restored re-triage is refused as stale with
# everything kept, the next send stores it (the other change stays), and
# the draft is gone once it is sent. While a draft waits, the ticket
# view's status line says so (only on that ticket).
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 2 3 "Blank"
drafts="$TT_STATE_DIR/ticketty/drafts"

open_ticket() {
	tt_keys :
	tt_keys -l "$1"
	tt_keys Enter
	tt_wait_for "^#$1 +Blank 000$1"
	tt_keys E
	tt_wait_for "ticketty │ Re-triage"
	tt_wait_for '^Reason for change \*'
}

tt_start
tt_wait_for 'Blank 0001'
open_ticket 1
tt_keys -l 'customer confirmed the outage'
tt_keys Tab Tab Tab Tab Tab
tt_wait_for 'field 6/16'
tt_keys C-u
tt_keys -l 'urg'
tt_wait_for '2 Urgent'
tt_keys Enter
tt_wait_for '1 field changed'
tt_wait_for '^Severity \* +2 Urgent'

# kill the client without warning
pid=$(tt_pid)
[ -n "$pid" ] || tt_fail "no ticketty process"
kill -KILL "$pid"
deadline=$(( $(date +%s) + TT_TIMEOUT ))
while [ -n "$(tt_pid)" ]; do
	[ "$(date +%s)" -ge "$deadline" ] && tt_fail "the killed client is still there"
	sleep 0.05
done
tt_wait_for 'tt-shell'
# meanwhile someone else changes the ticket
tt_sql "UPDATE tickets SET impact = 'i2', version = version + 1 WHERE id = 1"
tt_keys "stty sane; clear; exec_tt" C-j
# the killed client's form stays on the screen until clear runs, its
# title with it: wait for the new client's queue before typing
tt_wait_for '\[Queue\]'
tt_wait_for 'Blank 0001'

# the other ticket's re-triage holds nothing of it
open_ticket 2
tt_assert '^Severity \* +3 High'
tt_assert 'field 1/16 · #2 · 0 fields changed'
tt_refute 'customer confirmed'
tt_refute 'restored'
tt_keys Escape   # nothing changed: it just leaves
tt_wait_for '^#2 +Blank 0002'
tt_wait_for '^\[Ticket\] #2 '
tt_refute 'unsent re-triage'   # ticket 1's draft is not ticket 2's

# the same ticket's: everything typed is back, and it says the ticket changed
open_ticket 1
tt_wait_for 're-triage restored; ticket changed since'
tt_wait_for '^Reason for change \* +customer confirmed the outage'   # the fields may follow the status line
tt_assert '^Severity \* +2 Urgent'
tt_assert '^Impact \* +i2'   # the ticket's value now, where the draft changed nothing

# Esc asks whether to keep it; kept, E brings it back
tt_keys Escape
tt_wait_for 'Keep the draft for later\? \[Y/n\]'
tt_keys Enter
tt_wait_for 'draft kept: E brings it back'
tt_wait_for '^#1 +Blank 0001'
# the ticket view's status line says a re-triage waits, and with what key
tt_keys j k   # a move (and back) clears the message
tt_wait_for '^\[Ticket\] #1 .*\(unsent re-triage: E\)'
tt_keys E
tt_wait_for '^Reason for change \* +customer confirmed the outage'
tt_assert '^Severity \* +2 Urgent'

# sent: refused as stale (made on the version before), everything kept;
# sent again: stored over the other change, and the draft is gone
tt_keys C-s
tt_wait_for 'your changes are kept'
[ "$(tt_val "SELECT severity || ' ' || version FROM tickets WHERE id = 1")" = "3 2" ] ||
	tt_fail "a stale re-triage was stored"
tt_assert '^Severity \* +2 Urgent'
tt_assert '^Reason for change \* +customer confirmed the outage'
# the draft, still there, now goes to the current version
[ "$(sed -n '/^field version /{n;p;}' "$drafts/retriage-1.draft" 2>/dev/null)" = 2 ] ||
	tt_fail "the unsent re-triage's draft: $(cat "$drafts/retriage-1.draft" 2>&1)"
tt_keys C-s
tt_wait_for 're-triaged$'
row=$(tt_val "SELECT severity || '|' || impact FROM tickets WHERE id = 1")
[ "$row" = "2|i2" ] || tt_fail "stored: $row"
why=$(tt_val "SELECT details->>'reason' FROM ticket_events WHERE kind = 'retriage'")
[ "$why" = "customer confirmed the outage" ] || tt_fail "audited reason: $why"
[ -z "$(ls "$drafts" 2>/dev/null | grep retriage)" ] || tt_fail "the sent re-triage's draft is still on disk"

# a new re-triage of it starts from the ticket's values
tt_wait_for '^#1 +Blank 0001'
tt_keys E
tt_wait_for '^Severity \* +2 Urgent'
tt_assert '0 fields changed'
tt_refute 'restored'
tt_keys Escape
tt_wait_for '^#1 +Blank 0001'
tt_keys j k   # a move (and back) clears the message
tt_wait_for '^\[Ticket\] #1 '
tt_refute 'unsent re-triage'   # sent: nothing waits
tt_keys Q
tt_wait_for 'tt-exit=0'
