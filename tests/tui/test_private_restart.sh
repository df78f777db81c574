#!/bin/sh
# The TUI on the private database (no database configured) starts that
# database's server again when it stopped under it (`ticketty local stop`
# from another shell, a crash): the screen comes back by itself. Before,
# it retried the stopped server for ever, with libpq's words ("No such
# file or directory") as the only hint.
. "$(dirname "$0")/lib.sh"

dir=$(mktemp -d "${TMPDIR:-/tmp}/tt-private.XXXXXX")
[ "$(id -u)" -eq 0 ] && chmod 755 "$dir"
private() {  # ticketty on the private database in $dir, nothing else configured
	env -u PGHOST -u PGHOSTADDR -u PGPORT -u PGUSER -u PGDATABASE -u PGSERVICE -u TICKETTY_CONFIG \
		TICKETTY_DATA_DIR="$dir/desk" "$TICKETTY_BIN" "$@"
}
trap 'private local stop >/dev/null 2>&1; rm -rf "$dir"; tt_cleanup' EXIT

tmux_ new-session -d -s tt -x "$TT_COLS" -y "$TT_ROWS" \
	"env -u PGHOST -u PGHOSTADDR -u PGPORT -u PGUSER -u PGDATABASE -u PGSERVICE -u TICKETTY_CONFIG \
	 TICKETTY_DATA_DIR='$dir/desk' TERM=$TT_TERM LANG=$TT_LANG LC_ALL=$TT_LANG TZ=UTC PS1='tt-shell\$ ' sh -i" ||
	tt_fail "cannot start tmux"
tmux_ set-option -t tt -g status off >/dev/null
tt_wait_for 'tt-shell\$'
tmux_ send-keys -t tt "clear; '$TICKETTY_BIN'; echo tt-exit=\$?" Enter
# the first start makes the desk (initdb, demo data): give it time
TT_TIMEOUT=$((TT_TIMEOUT * 6)) tt_wait_for '\[Queue\]'
tt_wait_for '^ +[0-9]+ '

# the server's process id before the stop; `local stop` waits until it
# has ended. The screen starts the server again as soon as it notices,
# which can be before a `local status` here runs (a loaded machine), so
# the stop is proved by the new process id once it is back.
pidfile="$dir/desk/pgdata/postmaster.pid"
before=$(head -n 1 "$pidfile" 2>/dev/null)
[ -n "$before" ] || tt_fail "no postmaster.pid in the private desk"
private local stop >/dev/null || tt_fail "local stop failed"
# the screen notices, starts the server again and reconnects
TT_TIMEOUT=$((TT_TIMEOUT * 3)) tt_wait_for 'reconnected|connected again|database is back'
private local status >/dev/null || tt_fail "the TUI did not start its private database again"
after=$(head -n 1 "$pidfile" 2>/dev/null)
[ -n "$after" ] && [ "$after" != "$before" ] ||
	tt_fail "the server was not stopped and started again (process $before, then ${after:-none})"
tt_refute 'No such file or directory'
tt_keys Q
tt_wait_for 'tt-exit=0'
