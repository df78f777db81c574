#!/bin/sh
# Keys typed while the first connection is still being made wait for it:
# `n` pressed before the database answers opens the intake form once it
# does (not "the intake form needs the database"), and the letters typed
# after it land in the form's first field, in order.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

tt_db_create
tt_fixture
# a relay that holds each new connection for 3 s before it reaches the server
slow=$(mktemp -d "${TMPDIR:-/tmp}/tt-slow.XXXXXX")
# (on the real clock: under libfaketime Python's sleep fails with EINVAL)
env -u LD_PRELOAD -u FAKETIME python3 "$(dirname "$0")/../lib/slow_socket.py" "$slow/.s.PGSQL.5432" "$PGHOST/.s.PGSQL.5432" 3 60 &
relay=$!
trap 'kill $relay 2>/dev/null; rm -rf "$slow"; intake_cleanup' EXIT
tt_wait_until '[ -S "$slow/.s.PGSQL.5432" ]' "the relay did not start"
TT_ENV="PGHOST=$slow" tt_start
tt_wait_for 'connecting to the database'
tt_keys n
tt_keys -l acme
tt_assert 'connecting to the database'
tt_wait_for 'New ticket'
tt_wait_for 'Customer \* +acme'
tt_wait_for 'Acme Media +premium'
tt_refute 'needs the database'
# Esc closes the list of customers, a second one asks about the draft
tt_keys Escape
tt_wait_gone 'Acme Media +premium'
tt_keys Escape
tt_wait_for 'Keep the draft'
tt_keys n   # one key answers
tt_wait_for 'draft discarded'
tt_keys Q
tt_wait_for 'tt-exit=0'
