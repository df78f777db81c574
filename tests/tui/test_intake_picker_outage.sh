#!/bin/sh
# The intake form's customer picker while the database is unavailable
# (80x24): the customers matching what is typed cannot be read, and the
# list says so, "(not connected to the database)", beside the outage
# banner. Before, it said "no matching choice" for a customer that
# exists, and the engineer retyped the name. What was typed stays, and
# once the server is back the list shows the customer, chosen with
# Enter. The server is always started again, even when this test fails
# midway (other tests share the cluster).
. "$(dirname "$0")/lib.sh"

tt_needs_cluster

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_start
tt_wait_for '\(no open tickets\)'
tt_keys n
tt_wait_for '^Customer \*'
tt_wait_for 'Zeta Ads'

tt_server_kill
tt_wait_for 'database unavailable'
tt_keys -l 'Acm'
tt_wait_for '^Customer \* +Acm'
tt_wait_for '^ +\(not connected to the database\)'
tt_refute 'no matching choice'

tt_server_back
TT_TIMEOUT=20 tt_wait_for '^ +Acme Media +premium'
tt_assert '^Customer \* +Acm'
tt_keys Enter
tt_wait_for '^Customer \* +Acme Media'
tt_wait_for '^Requesting contact \*'
