#!/bin/sh
# The member ID follows the customer at 80x24: choosing a customer (from
# the list, or by its whole name typed) fills in its member ID, said on
# the status line, and another customer's replaces it; a member ID typed
# by hand stays whatever customer is chosen after, also once its draft
# comes back; emptied, the next customer's fills it again, and a value
# the form filled in still follows the customer after the draft comes
# back. A member ID other than the customer's is sent as typed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York

# back to the customer field (from field $1) and choose customer $2 by
# typing $3 and Enter
choose_customer() {
	from=$1
	while [ "$from" -gt 1 ]; do
		tt_keys BTab
		from=$((from - 1))
	done
	[ "$1" -eq 1 ] || tt_wait_for 'field 1/15'
	tt_keys C-u
	intake_type "$3" "^ +$2 +(premium|basic)"
	tt_keys Enter
	tt_wait_for "^Customer \\* +$2"
}

tt_start
tt_wait_for 'ticketty'
tt_keys n
tt_wait_for 'Customer \*'
tt_wait_for 'Zeta Ads'
tt_assert '^Member ID \* *$'

# chosen from the list: Acme Media's member ID, and where it came from
intake_type "acme" '^ +Acme Media +premium'
tt_keys Enter
tt_wait_for '^Member ID \* +1001 *$'
tt_assert 'member ID from Acme Media'

# another customer's replaces it
choose_customer 2 'Zeta Ads' zeta
tt_wait_for '^Member ID \* +1002 *$'
tt_assert 'member ID from Zeta Ads'

# the whole name typed, then Tab, chooses it too
tt_keys BTab
tt_wait_for 'field 1/15'
tt_keys C-u
intake_type "Acme Media" '^Customer \* +Acme Media *$'
tt_keys Tab
tt_wait_for '^Member ID \* +1001 *$'
tt_assert 'member ID from Acme Media'

# a member ID typed by hand stays
tt_keys Tab Tab Tab Tab Tab Tab Tab Tab
tt_wait_for 'field 10/15'
tt_keys C-u
intake_type "5150" '^Member ID \* +5150 *$'
choose_customer 10 'Zeta Ads' zeta
tt_assert '^Member ID \* +5150 *$'
tt_refute 'member ID from'

# and so it does once its draft comes back
close_list 'Carla Contact <carla'
tt_keys Escape
tt_wait_for 'Keep the draft for later'
tt_keys Enter
tt_wait_for 'draft kept'
tt_keys n
tt_wait_for 'restored the unsent draft'
tt_wait_for '^Member ID \* +5150 *$'
tt_assert '^Customer \* +Zeta Ads'
choose_customer 1 'Acme Media' acme
tt_assert '^Member ID \* +5150 *$'
tt_refute 'member ID from'

# emptied, the next customer's fills it again
tt_keys Tab Tab Tab Tab Tab Tab Tab Tab
tt_wait_for 'field 10/15'
tt_keys C-u
tt_wait_for '^Member ID \* *$'
choose_customer 10 'Zeta Ads' zeta
tt_wait_for '^Member ID \* +1002 *$'
tt_assert 'member ID from Zeta Ads'

# one the form filled in follows the customer after the draft comes back
close_list 'Carla Contact <carla'
tt_keys Escape
tt_wait_for 'Keep the draft for later'
tt_keys Enter
tt_wait_for 'draft kept'
tt_keys n
tt_wait_for 'restored the unsent draft'
tt_wait_for '^Member ID \* +1002 *$'
choose_customer 1 'Acme Media' acme
tt_wait_for '^Member ID \* +1001 *$'
tt_assert 'member ID from Acme Media'

# a ticket about another member: sent with the member ID typed
close_list 'Carla Contact <carla'
tt_keys Escape
tt_wait_for 'Keep the draft'
tt_keys n
tt_wait_for 'draft discarded'
tt_keys n
tt_wait_for 'Customer \*'
tt_refute 'restored'
intake_fill "Another member"
tt_keys BTab BTab BTab BTab BTab
tt_wait_for 'field 10/15'
tt_keys C-u
intake_type "5150" '^Member ID \* +5150 *$'
tt_keys C-s
tt_wait_for 'ticket #[0-9]+ created'
[ "$(intake_val "SELECT c.name || '|' || t.member_id FROM tickets t JOIN customers c ON c.id = t.customer_id
                  WHERE t.title = 'Another member'")" = 'Acme Media|5150' ] ||
	tt_fail "not stored with the member ID typed"
tt_keys Q
tt_wait_for 'tt-exit=0'
