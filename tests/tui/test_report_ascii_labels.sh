#!/bin/sh
# `ticketty report` under LANG=C, as a lead's SSH session often is: a
# customer's name outside ASCII is printed as escapes ("Ñandú Ads" as
# "<U+00D1>and<U+00FA> Ads"), but its column was measured on the UTF-8
# name (9 cells), so the label was cut to "<U+00D1>a~" and the customer
# could not be read. The column is now as wide as the name as printed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dashboard_lib.sh"

tt_db_create
dash_fixture
tt_sql "UPDATE customers SET name = 'Ñandú Ads' WHERE name = 'Zeta Ads'" >/dev/null

TT_LANG=C
tt_start report backlog --by customer
tt_wait_for 'tt-exit=0'
# #3, severity 1, created Wednesday: 2 days old
tt_assert '^<U\+00D1>and<U\+00FA> Ads {6}1 +0 +1 +0 +0 +0 '
tt_assert '^Acme Media {19}1 +0 +0 +1 +0 +0 '
tt_refute '~'

tt_shell "exec_tt report sla --by customer"
tt_wait_for 'tt-exit=0'
tt_assert '^<U\+00D1>and<U\+00FA> Ads .*100\.0% 1/1'
tt_refute '~'
