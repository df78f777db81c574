#!/bin/sh
# The private database's directory removed while its server runs (a
# user "starting afresh" without `ticketty local stop` first): that server
# can serve nothing again. The TUI says so and names the way out, instead
# of PostgreSQL's raw 'could not open file "base/16384/18402"'; then
# `ticketty local stop` ends the orphaned server and the next start makes
# a new desk.
. "$(dirname "$0")/lib.sh"

dir=$(mktemp -d "${TMPDIR:-/tmp}/tt-private.XXXXXX")
[ "$(id -u)" -eq 0 ] && chmod 755 "$dir"
private() {  # ticketty on the private database in $dir, nothing else configured
	env -u PGHOST -u PGHOSTADDR -u PGPORT -u PGUSER -u PGDATABASE -u PGSERVICE -u TICKETTY_CONFIG \
		TICKETTY_DATA_DIR="$dir/desk" "$TICKETTY_BIN" "$@"
}
# the orphan runs from a removed directory: end it by its pid if the test
# failed before `local stop` did
pid=
# (the TUI goes first: it would start a new desk once the orphan is gone)
trap 'tt_cleanup; private local stop >/dev/null 2>&1; [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT

tmux_ new-session -d -s tt -x "$TT_COLS" -y "$TT_ROWS" \
	"env -u PGHOST -u PGHOSTADDR -u PGPORT -u PGUSER -u PGDATABASE -u PGSERVICE -u TICKETTY_CONFIG \
	 TICKETTY_DATA_DIR='$dir/desk' TERM=$TT_TERM TZ=UTC PS1='tt-shell\$ ' sh -i" ||
	tt_fail "cannot start tmux"
tmux_ set-option -t tt -g status off >/dev/null
tt_wait_for 'tt-shell\$'

# one round: a new desk in language $1, its directory removed under it,
# the words $2 on the screen, then `local stop` ends the orphan
round() {
	tmux_ send-keys -t tt "clear; LANG=$1 LC_ALL=$1 '$TICKETTY_BIN'; echo tt-exit=\$?" Enter
	# the first start makes the desk (initdb, demo data): give it time
	TT_TIMEOUT=$((TT_TIMEOUT * 6)) tt_wait_for '^ +[0-9]+ +[1-4] '
	pid=$(head -n 1 "$dir/desk/pgdata/postmaster.pid")
	rm -rf "$dir/desk"
	# the escalations view reads tables the session has not opened yet
	tt_keys 2
	tt_wait_for "$2"
	tt_refute 'could not open file "base'
	tt_keys Q
	tt_wait_for 'tt-exit='
	private local stop >/dev/null || tt_fail "local stop did not end the orphaned server"
	kill -0 "$pid" 2>/dev/null && tt_fail "the orphaned server $pid still runs after local stop"
	pid=
	tt_keys clear Enter
}
round C.UTF-8 "private database deleted: run 'ticketty local stop', restart"
# the next start makes a new desk, which works until it is removed too
round es_ES.UTF-8 'base de datos privada borrada: ejecute «ticketty local stop»'
exit 0
