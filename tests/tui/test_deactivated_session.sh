#!/bin/sh
# An agent deactivated while its ticketty is open (an administrator's
# `admin agent deactivate`: the login leaves the agents' group, so the
# schema is gone from under the session) is told so in words, with what
# to do, when the next reading fails: not an empty queue with
# 'relation "tickets" does not exist' on :messages, nor "permission
# denied for schema ticketty" in the escalations view.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_role deact_eng engineer
tt_agent deact_eng engineer
tt_tickets 3 3 "D"

tt_start "--db='dbname=$TT_DB user=deact_eng'"
tt_wait_for 'D 0001'
# what `admin agent deactivate` does to the login
tt_sql "UPDATE agents SET active = false WHERE login = 'deact_eng'; REVOKE ticketty_engineer FROM deact_eng" >/dev/null
tt_keys R
tt_wait_for 'you are no longer an active agent'
tt_keys 2
tt_wait_for 'you are no longer an active agent'
tt_refute 'permission denied'
tt_messages_open
joined=$(tt_screen_text)
case "$joined" in
*"you are no longer an active agent: database role \"deact_eng\" is not an active ticketty agent."*"active=yes"*) ;;
*) tt_fail "the message does not say who and what to do: $joined" ;;
esac
case "$joined" in
*"does not exist"*|*"permission denied"*) tt_fail "a raw error is still shown: $joined" ;;
esac
tt_keys q
tt_keys Q
tt_wait_for 'tt-exit=0'
