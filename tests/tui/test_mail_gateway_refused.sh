#!/bin/sh
# The mail gateway's login (an agent of role mail, sql/971-972) runs
# `mail send` and `mail receive` only: the full-screen interface ends at
# once, the terminal given back, saying so in words on stderr, exit 77
# (not a screen retrying the connection, nor "permission denied").
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_role gw_tui mail
tt_agent gw_tui mail 'Mail Gateway'
tt_tickets 2 3 "G"

tt_start "--db='dbname=$TT_DB user=gw_tui'"
tt_wait_for 'tt-exit=77'
tt_wait_for 'agent "gw_tui" has the role mail'
tt_refute 'permission denied'
tt_refute 'G 0001'
