#!/bin/sh
# The two programs (make check): ticketty loads no mail library (GMime,
# GLib, GIO, libxml2: their loading cost every command's start), while
# ticketty-mail, beside it, does the mail transport; `ticketty mail send`
# and `mail receive` hand over to it with their options, stdin and exit
# code, and say so when it is missing (75 for receive: the MTA retries).
#   BUILD=build sh tests/pkg/check-programs.sh
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
BIN="$ROOT/$BUILD/ticketty"
MAILER="$ROOT/$BUILD/ticketty-mail"
TMP=$(mktemp -d /tmp/tt-programs-XXXXXX)
trap 'rm -rf "$TMP"' EXIT
bad=0
fail() { echo "FAIL (programs): $*" >&2; bad=1; }

needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }
heavy=$(needed "$BIN" | grep -E 'gmime|glib|gio|gobject|xml2|icu')
[ -z "$heavy" ] || fail "ticketty links $(echo $heavy)"
needed "$MAILER" | grep -q gmime || fail "ticketty-mail does not link GMime"

# options and stdin reach the helper: a server that is not there is its
# own error, and receive defers (75)
printf 'From: a@b.example\n\nhello\n' >"$TMP/msg"
"$BIN" --db "host=$TMP/nowhere dbname=x connect_timeout=2" mail receive <"$TMP/msg" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" = 75 ] || fail "mail receive without its server: exit $rc, not 75"
grep -q "$TMP/nowhere" "$TMP/err" || fail "--db did not reach ticketty-mail: $(cat "$TMP/err")"
# every global option at once goes through (an empty config file)
: >"$TMP/empty.conf"
"$BIN" --config "$TMP/empty.conf" --db "host=$TMP/nowhere" --no-color mail receive <"$TMP/msg" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" = 75 ] && grep -q "$TMP/nowhere" "$TMP/err" || fail "all global options: exit $rc, $(cat "$TMP/err")"
# with no database named, receive defers before reading, naming itself (it
# reads the mail against the desk's size limit, asked of the database
# first): the MTA keeps the mail rather than bounce it for the desk's setup
"$BIN" mail receive </dev/null >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" = 75 ] && grep -q 'no database is configured for mail receive' "$TMP/err" ||
	fail "mail receive with no database: exit $rc, $(cat "$TMP/err")"

# ticketty-mail run wrong by an MTA's transport: receive still defers
"$MAILER" --bogus mail receive <"$TMP/msg" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" = 75 ] || fail "ticketty-mail --bogus mail receive: exit $rc, not 75"
grep -q "unknown option '--bogus'" "$TMP/err" || fail "ticketty-mail --bogus says: $(cat "$TMP/err")"
"$MAILER" --db >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" = 64 ] || fail "ticketty-mail --db: exit $rc, not 64"

# without the helper: said, and the MTA keeps the message (75); send 69
mkdir "$TMP/alone"
cp "$BIN" "$TMP/alone/ticketty"
"$TMP/alone/ticketty" --db "host=$TMP/nowhere" mail receive <"$TMP/msg" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" = 75 ] || fail "receive without ticketty-mail: exit $rc, not 75"
grep -q "$TMP/alone/ticketty-mail" "$TMP/err" || fail "receive without ticketty-mail says: $(cat "$TMP/err")"
"$TMP/alone/ticketty" --db "host=$TMP/nowhere" mail send --once >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" = 69 ] || fail "send without ticketty-mail: exit $rc, not 69"
# the other mail commands stay in ticketty
"$TMP/alone/ticketty" mail bogus >"$TMP/out" 2>"$TMP/err"
grep -q "unknown mail command" "$TMP/err" || fail "mail bogus: $(cat "$TMP/err")"

[ "$bad" = 0 ] && echo "programs: ticketty links no mail library; ticketty-mail takes mail send and receive"
exit "$bad"
