#!/bin/sh
# Re-triage from the ticket view at 80x24: E opens the intake form on the
# ticket, prefilled with its values; sending with
# no change or with no reason is refused with the reason marked in place
# and nothing stored; an account-representative request type is refused on
# its field naming the representative, with everything typed kept; a new
# severity and request type are then stored (the team follows) with the
# reason audited, and the ticket view shows them.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/retriage_lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_sql "UPDATE customers SET account_rep_name = 'Rita Rep', account_rep_email = 'rita@example.com'
         WHERE name = 'Acme Media'"
tt_tickets 1 3 "Blank"
id=$(tt_val "SELECT id FROM tickets")
tt_start
tt_wait_for 'Blank 0001'
tt_keys Enter
tt_wait_for "^#$id +Blank 0001"

# E: the form, filled from the ticket; the cursor on the reason
tt_keys E
tt_wait_for "ticketty │ Re-triage"
tt_wait_for '^Reason for change \*'
tt_assert '^Customer \* +Acme Media'
tt_assert '^Request type \* +Ad serving issue +→ Client Services'
tt_assert '^Severity \* +3 High'
tt_assert '^Title \* +Blank 0001'
tt_assert "field 1/16 · #$id · 0 fields changed"
tt_refute 'Emergency phone'

# nothing changed: nothing to send
tt_keys C-s
tt_wait_for 'nothing changed'

# severity 2, then send without a reason: refused on the reason field
tt_keys Tab Tab Tab Tab Tab
tt_wait_for 'field 6/16'
tt_keys C-u
tt_keys -l 'urg'
tt_wait_for '2 Urgent'
tt_keys Enter
tt_wait_for '1 field changed'
tt_keys C-s
tt_wait_for '! is required'
tt_wait_for '1 field needs attention'
tt_assert '^Why the ticket is re-triaged'   # the cursor went to the reason
[ "$(tt_val "SELECT severity || ' ' || version FROM tickets")" = "3 1" ] ||
	tt_fail "a re-triage without a reason was stored"
tt_assert '^Severity \* +2 Urgent'

# the reason, and an account-representative request type: refused on the
# request type naming the representative; the severity and reason stay
tt_keys -l 'customer confirmed the outage'
tt_keys Tab Tab Tab
tt_wait_for 'field 4/16'
tt_keys C-u
tt_keys -l 'billing'
tt_wait_for 'Billing +→ account representative'
tt_keys Enter
tt_keys C-s
tt_wait_for '^Request type \* +Billing'
tt_wait_for '! goes to the account representative'
tt_wait_for '^ +account representative of Acme Media, Rita Rep$'
tt_assert '^ +<rita@example.com>\)$'
tt_assert '^Reason for change \* +customer confirmed the outage'
tt_assert '^Severity \* +2 Urgent'
[ "$(tt_val "SELECT severity || ' ' || version FROM tickets")" = "3 1" ] ||
	tt_fail "a refused re-triage was stored"

# a request type of another team: stored with the severity, team moved
tt_assert '^What the request is about'   # the cursor went to the refused field
tt_keys C-u
tt_keys -l 'creative aud'
tt_wait_for 'Creative audit +→ Ad Quality'
tt_keys Enter
tt_wait_for '2 fields changed'
tt_keys C-s
tt_wait_for "ticket #$id re-triaged$"
tt_refute "version [0-9]"
tt_wait_for "^#$id +Blank 0001"
retriage_assert_stored 'customer confirmed the outage'
tt_wait_for 'Urgent'
tt_keys Q
tt_wait_for 'tt-exit=0'
