#!/bin/sh
# Connecting never freezes the screen: the server accepts the connection
# and then never answers (a listener on a Unix socket that says nothing).
# The TUI still appears at once with the "connecting" banner, answers ?
# and q, gives up after the connect timeout and retries, and Q quits while
# the attempt is under way. A blocking connect would leave the terminal
# dead for the whole timeout (10 s).
TT_COLS=160   # room for the whole banner
. "$(dirname "$0")/lib.sh"

TT_HANG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/tt-hang.XXXXXX")
TT_HANG_PID=""
hang_cleanup() {
	[ -n "$TT_HANG_PID" ] && kill "$TT_HANG_PID" 2>/dev/null
	rm -rf "$TT_HANG_DIR"
	tt_cleanup
}
trap hang_cleanup EXIT
perl -MIO::Socket::UNIX -e '
	my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM(), Local => $ARGV[0], Listen => 16)
		or die "listen: $!";
	my @held;
	while (my $c = $s->accept) { push @held, $c }   # accepted, never answered
' "$TT_HANG_DIR/.s.PGSQL.5432" &
TT_HANG_PID=$!
i=0
while [ ! -S "$TT_HANG_DIR/.s.PGSQL.5432" ]; do
	i=$((i + 1))
	[ "$i" -gt 200 ] && tt_fail "the silent listener did not start"
	sleep 0.05
done

tt_db_create
tt_start --db "'host=$TT_HANG_DIR port=5432 dbname=nothing user=nobody'"
TT_TIMEOUT=3
tt_wait_for 'connecting to the database'
tt_keys ?
tt_wait_for 'Keys of the Queue view'
tt_keys q
tt_wait_gone 'Keys of the'
tt_wait_for 'connecting to the database'
# the attempt ends at the connect timeout and the loop tries again
TT_TIMEOUT=15 tt_wait_for 'database unavailable, retrying in [0-9]+s: .*timed out'
tt_wait_for 'database unavailable, connecting again: .*timed out'
# Q quits in the middle of an attempt
tt_keys Q
tt_wait_for 'tt-exit=0'
