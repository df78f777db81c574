# tmux harness for the TUI tests (sourced by tests/tui/test_*.sh).
#
# Each test gets its own tmux server (`tmux -L <unique socket> -f
# /dev/null`), a pinned size (TT_COLS x TT_ROWS, 80x24 by default), TERM
# (xterm-256color unless TT_TERM says otherwise), LANG=C.UTF-8 (TT_LANG
# picks another locale, e.g. es_ES.UTF-8) and TZ=UTC,
# and its own database copied from the migrated template that tests/run.sh
# prepares (PGHOST etc. come from there). Waiting is always polling with a
# deadline (TT_TIMEOUT seconds, 10 by default): no fixed sleeps. On any
# failure the screen is dumped; the session, server and database are
# removed on exit.
#
# Tests state their instants: `tt_clock INSTANT` pins the database's clock
# (tt_now()) and runs ticketty at the same instant (libfaketime), so
# nothing depends on the day, hour or zone the suite runs in.
set -u

: "${TICKETTY_BIN:?run through tests/run.sh}"
: "${TICKETTY_TEST_TEMPLATE:?run through tests/run.sh}"
TT_COLS=${TT_COLS:-80}
TT_ROWS=${TT_ROWS:-24}
TT_TERM=${TT_TERM:-xterm-256color}
TT_TIMEOUT=${TT_TIMEOUT:-10}
TT_LANG=${TT_LANG:-C.UTF-8}
TT_NAME=$(basename "$0" .sh)
TT_SOCK="tt-$TT_NAME-$$"
TT_DB="tui_$(echo "$TT_NAME" | tr -c 'a-z0-9_\n' '_')_$$"
TT_STARTED_DB=""
TT_CLOCK=""
TT_CLIENT=""
# texts kept as drafts (intake forms, unsent replies) go to a directory of
# the test's own, never to the home of whoever runs the suite
TT_STATE_DIR=$(mktemp -d "${TMPDIR:-/tmp}/tt-home-state.XXXXXX")
export XDG_STATE_HOME="$TT_STATE_DIR"

tmux_() {
	tmux -L "$TT_SOCK" -f /dev/null "$@"
}

# The test cluster (tests/lib/pgtmp.sh), stopped and started by the
# outage tests: tt_server_kill, tt_server_back.
TT_PGTMP="$(dirname "$0")/../lib/pgtmp.sh"
TT_PG_DOWN=""

# tt_cleanup: the test's processes and files go, and a server it left
# down comes back for the next test. Whole: a signal while it runs (a
# second Ctrl-C, the TERM a timeout sends the test's process group after
# the one that ended it) is ignored, here and in the programs it starts
# (pg_ctl), so it cannot cut it short. The terminal goes first, the
# slow server start last: a cleanup cut short during that start (it ran
# first) left the tmux server and ticketty of a test that failed during
# its outage running for good, and a cluster started after the suite's
# cleanup had stopped it.
tt_cleanup() {
	trap '' INT TERM HUP
	[ -n "${TT_HOLDER:-}" ] && kill "$TT_HOLDER" 2>/dev/null
	tmux_ kill-server >/dev/null 2>&1
	tt_reap
	[ -n "$TT_CLIENT" ] && rm -f "$TT_CLIENT"
	rm -rf "$TT_STATE_DIR"
	# a test that ended while the server was down leaves it running (a
	# test with a cleanup of its own may have started it already)
	if [ -n "$TT_PG_DOWN" ] && ! psql -qXAt -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
		sh "$TT_PGTMP" startagain "$PGTMP_DIR"
	fi
	if [ -n "$TT_STARTED_DB" ]; then
		psql -qX -d postgres -c "DROP DATABASE IF EXISTS $TT_DB WITH (FORCE)" >/dev/null 2>&1
	fi
}
trap tt_cleanup EXIT
# a signal ends the test; its cleanup (the EXIT trap) runs whole
trap 'trap "" INT TERM HUP; exit 1' INT TERM HUP

# tt_reap: the test's ticketty is gone once its terminal has gone (it
# exits on the hangup; TT_TIMEOUT seconds at most, then it is killed).
tt_reap() {
	tt_reap_until=$(( $(date +%s) + TT_TIMEOUT ))
	tt_reap_pid=$(tt_pid)
	while [ -n "$tt_reap_pid" ] && [ "$(date +%s)" -lt "$tt_reap_until" ]; do
		sleep 0.05
		tt_reap_pid=$(tt_pid)
	done
	[ -n "$tt_reap_pid" ] && kill -KILL "$tt_reap_pid" 2>/dev/null
	return 0
}

# tt_needs_cluster: the outage tests stop and start the suite's own
# cluster; run alone, without it, they say they are skipped.
tt_needs_cluster() {
	[ -n "${PGTMP_DIR:-}" ] || { echo "skipped: needs the test cluster (PGTMP_DIR)"; exit 0; }
}

# tt_server_kill: the database server dies without warning (what it wrote
# is flushed first: the cluster runs with synchronous_commit off).
tt_server_kill() {
	tt_sql "CHECKPOINT" >/dev/null
	TT_PG_DOWN=1
	sh "$TT_PGTMP" kill "$PGTMP_DIR"
}

# tt_server_back: the server starts again.
tt_server_back() {
	sh "$TT_PGTMP" startagain "$PGTMP_DIR" || tt_fail "cannot start the server again"
	TT_PG_DOWN=""
}

# tt_hold SQL: another session runs SQL (which takes a lock), then keeps
# its transaction open for two minutes; returns once it holds. tt_cleanup
# ends it.
tt_hold() {
	psql -qX -d "$TT_DB" -c "BEGIN; $1; SELECT pg_sleep(120); COMMIT" >/dev/null 2>&1 &
	TT_HOLDER=$!
	tt_hold_deadline=$(( $(date +%s) + TT_TIMEOUT ))
	until [ "$(tt_val "SELECT count(*) FROM pg_stat_activity
	                   WHERE datname = '$TT_DB' AND wait_event = 'PgSleep'")" -ge 1 ]; do
		[ "$(date +%s)" -ge "$tt_hold_deadline" ] && tt_fail "the holder never took the lock"
		sleep 0.1
	done
}

# tt_locked_ticket: the fixture of the lock tests. Two tickets "Locked
# 000N" on a Wednesday at 10:00 in New York, ticketty run with a
# two-minute lock_timeout (TT_ENV), and another session holding the first
# ticket's row (tt_hold). Sets TT_LOCKED_ID to that ticket's id.
tt_locked_ticket() {
	tt_db_create
	tt_fixture
	tt_clock '2026-11-18 15:00+00' running
	tt_tickets 2 3 "Locked"
	printf 'database = { lock_timeout_ms = 120000; };\n' >"$TT_STATE_DIR/locked.conf"
	TT_ENV="TICKETTY_CONFIG=$TT_STATE_DIR/locked.conf"
	TT_LOCKED_ID=$(tt_val "SELECT min(id) FROM tickets")
	tt_hold "SELECT id FROM ticketty.tickets WHERE id = $TT_LOCKED_ID FOR UPDATE"
}

# Ends the session tt_hold started (its transaction and its lock).
tt_release() {
	tt_sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
	         WHERE datname = '$TT_DB' AND wait_event = 'PgSleep'" >/dev/null
	kill "$TT_HOLDER" 2>/dev/null
	wait "$TT_HOLDER" 2>/dev/null
	TT_HOLDER=""
}

# Opens the message history (:messages); read it with tt_screen_text
# after. (In the test's own shell: a tt_fail inside `x=$(...)` would end
# only that subshell, and the test would go on.)
tt_messages_open() {
	tt_keys :
	tt_keys -l messages
	tt_keys Enter
	tt_wait_for 'Messages, newest first'
}

# Prints the screen as one line (runs of blanks and line ends as one
# space), for matching a message a wrapped line splits.
tt_screen_text() {
	tt_screen | tr -s ' \n' '  '
}

# How many sessions on the test database wait for a lock.
tt_lock_waiters() {
	tt_val "SELECT count(*) FROM pg_stat_activity WHERE datname = '$TT_DB' AND wait_event_type = 'Lock'"
}

tt_fail() {
	echo "FAIL ($TT_NAME): $*" >&2
	echo "---- screen ----" >&2
	tmux_ capture-pane -p -t tt >&2 2>/dev/null
	echo "----------------" >&2
	# what the program was doing (a long log may be cut above the screen)
	tt_failpid=$(tt_pid)
	if [ -n "$tt_failpid" ] && [ -r "/proc/$tt_failpid/stat" ]; then
		echo "ticketty $tt_failpid: state $(cut -d' ' -f3 "/proc/$tt_failpid/stat")," \
			"waiting in $(cat "/proc/$tt_failpid/wchan" 2>/dev/null || echo '?')" >&2
	fi
	echo "FAIL ($TT_NAME): $*" >&2
	trap '' INT TERM HUP   # the cleanup that follows runs whole
	exit 1
}

# The test database, copied from the template; psql as superuser on it.
tt_db_create() {
	# FILE_COPY: faster than WAL-logging a small template (tests/lib/testdb.c)
	psql -qX -d postgres -c "CREATE DATABASE $TT_DB TEMPLATE $TICKETTY_TEST_TEMPLATE STRATEGY FILE_COPY" >/dev/null ||
		tt_fail "cannot create database $TT_DB"
	TT_STARTED_DB=1
}

# Runs SQL as superuser on the test database, printing any result rows
# (unaligned, tuples only), so `x=$(tt_sql "SELECT ...")` works.
tt_sql() {
	psql -qXAt -v ON_ERROR_STOP=1 -d "$TT_DB" -c "SET search_path = ticketty" -c "$1" ||
		tt_fail "SQL failed: $1"
}

# The value of a query (same as tt_sql; reads better in `x=$(tt_val ...)`).
tt_val() {
	tt_sql "$1"
}

# tt_clock INSTANT [running|frozen]: the instant the test happens at.
# Pins the test database's clock (tt_now(): one row in clock_pin) at
# INSTANT (give the zone, e.g. '2026-11-23 16:00+00'); a running clock
# moves on from there at the real pace, a frozen one stands still. The
# ticketty that tt_start runs (and every restart through exec_tt) reads
# the same clock: the client draws dates and countdowns with its own
# time(), so it runs under libfaketime at the database's tt_now().
tt_clock() {
	case "${2:-running}" in
	running) tt_frozen=false ;;
	frozen) tt_frozen=true ;;
	*) tt_fail "tt_clock: running or frozen, not '$2'" ;;
	esac
	command -v faketime >/dev/null 2>&1 || tt_fail "faketime is not installed (make deps)"
	tt_sql "INSERT INTO clock_pin (pinned_at, set_at, frozen) VALUES ('$1', now(), $tt_frozen)
	        ON CONFLICT (only_row) DO UPDATE
	        SET pinned_at = EXCLUDED.pinned_at, set_at = EXCLUDED.set_at, frozen = EXCLUDED.frozen" >/dev/null
	TT_CLOCK=${2:-running}
}

# Base data: the login running the TUI (postgres) as an agent of the
# client services team, one premium customer and its SPOC contact.
tt_fixture() {
	tt_sql "
	INSERT INTO agents (login, display_name, role, team_id)
	     SELECT 'postgres', 'Pat Postgres', 'engineer', id FROM teams WHERE key = 'client_services';
	INSERT INTO agents (login, display_name, role, team_id)
	     SELECT 'olga', 'Olga Other', 'engineer', id FROM teams WHERE key = 'ad_quality';
	INSERT INTO customers (name, member_id, plan) VALUES ('Acme Media', 1001, 'premium'),
	                                                    ('Zeta Ads', 1002, 'basic');
	INSERT INTO contacts (customer_id, name, email, spoc)
	     SELECT id, 'Carla Contact', 'carla' || id || '@example.com', true FROM customers;"
}

# tt_role LOGIN ROLE: LOGIN as a server role that may log in, granted
# ticketty_ROLE. Roles belong to the cluster and outlive the test
# database, so it is made only when missing.
tt_role() {
	tt_sql "SET client_min_messages = warning;
	        DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$1')
	          THEN CREATE ROLE $1 LOGIN; END IF; END \$\$;
	        GRANT ticketty_$2 TO $1;" >/dev/null
}

# tt_agent LOGIN ROLE [DISPLAY_NAME] [TEAM_KEY]: an active agent of ROLE;
# the name defaults to the login in words ("esc_tui_csm": "Esc Tui Csm").
tt_agent() {
	tt_sql "INSERT INTO agents (login, display_name, role, team_id)
	        SELECT '$1', coalesce(nullif('${3:-}', ''), initcap(replace('$1', '_', ' '))), '$2',
	               (SELECT id FROM teams WHERE key = nullif('${4:-}', ''))" >/dev/null
}

# tt_csm_of LOGIN [CUSTOMER]: the agent LOGIN becomes the Customer Success
# Manager of CUSTOMER (by name), or of every customer when none is named.
tt_csm_of() {
	tt_sql "UPDATE customers SET csm_id = (SELECT id FROM agents WHERE login = '$1')
	         WHERE name = coalesce(nullif('${2:-}', ''), name)" >/dev/null
}

# tt_tickets N SEVERITY TITLE_PREFIX [AGE]: inserts N tickets for Acme
# Media with titles PREFIX 0001.., created one minute apart starting AGE
# before the pinned clock (an interval, default '1 day'), first response
# due one hour apart from then on (30 seconds past each hour: the client
# counts down from its read at the real pace even on a frozen clock, so
# a figure read a moment later still shows whole hours), resolution due
# 10 days on; the SLA triggers set the rest. Needs tt_clock first: every
# instant is stated.
tt_tickets() {
	[ -n "$TT_CLOCK" ] || tt_fail "tt_tickets: state the instant first (tt_clock)"
	tt_sql "
	INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity,
	                     title, description, impact, object_ids, member_id, repro_steps, browser, os,
	                     phone, calendar_id, plan, created_at, first_response_due, resolution_due)
	SELECT c.id, ct.id, rt.id, rt.team_id, 1, $2,
	       '$3 ' || lpad(g::text, 4, '0'), 'd', 'i', '{42}', 1001, 'r', 'Firefox 128', 'Linux 6',
	       '+1 555 0100', c.calendar_id, c.plan,
	       tt_now() - interval '${4:-1 day}' + g * interval '1 minute',
	       tt_now() - interval '${4:-1 day}' + interval '1 day' + g * interval '1 hour' + interval '30 seconds',
	       tt_now() + interval '10 days'
	  FROM generate_series(1, $1) g
	  JOIN customers c ON c.name = 'Acme Media'
	  JOIN contacts ct ON ct.customer_id = c.id
	  JOIN request_types rt ON rt.key = 'ad_serving';"
}

# tt_ticket_at SEVERITY TITLE CREATED_AT: one ticket for Acme Media created
# at a stated instant, every deadline computed by the SLA triggers.
tt_ticket_at() {
	tt_sql "
	INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity,
	                     title, description, impact, object_ids, member_id, repro_steps, browser, os,
	                     phone, calendar_id, plan, created_at)
	SELECT c.id, ct.id, rt.id, rt.team_id, 1, $1, '$2', 'd', 'i', '{42}', 1001, 'r', 'Firefox 128',
	       'Linux 6', '+1 555 0100', c.calendar_id, c.plan, timestamptz '$3'
	  FROM customers c
	  JOIN contacts ct ON ct.customer_id = c.id
	  JOIN request_types rt ON rt.key = 'ad_serving'
	 WHERE c.name = 'Acme Media';"
}

# The path of libfaketime.so.1 (Debian's multiarch directory first, then
# what the faketime wrapper preloads), looked up once.
tt_libfaketime() {
	if [ -z "${TT_LIBFAKETIME:-}" ]; then
		for f in /usr/lib/*/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1; do
			[ -f "$f" ] && { TT_LIBFAKETIME=$f; break; }
		done
	fi
	if [ -z "${TT_LIBFAKETIME:-}" ]; then
		TT_LIBFAKETIME=$(faketime -f +0s sh -c 'printf %s "$LD_PRELOAD"' 2>/dev/null | cut -d: -f1)
	fi
	printf %s "${TT_LIBFAKETIME:-}"
}

# Writes the script exec_tt runs: ticketty (after TICKETTY_WRAPPER, e.g.
# valgrind: tests/run.sh VALGRIND_BIN=1), under libfaketime at the
# database's tt_now() when the test pinned the clock (FAKETIME_SHARED of
# an outer faketime, as under tests/faketime.sh, would override the start).
tt_client_script() {
	TT_CLIENT="${TMPDIR:-/tmp}/tt-client-$TT_NAME-$$"
	tt_preload=""
	if [ -n "$TT_CLOCK" ]; then
		tt_preload=$(tt_libfaketime)
		[ -n "$tt_preload" ] || tt_fail "cannot find libfaketime (make deps)"
	fi
	cat >"$TT_CLIENT" <<EOF || tt_fail "cannot write $TT_CLIENT"
#!/bin/sh
# ticketty for $TT_NAME (tests/tui/lib.sh), at the database's clock
if [ -n '$TT_CLOCK' ]; then
	at=\$(psql -qXAt -d '$TT_DB' -c "SELECT CASE WHEN frozen THEN '' ELSE '@' END
	      || extract(epoch FROM ticketty.tt_now())::bigint FROM ticketty.clock_pin" 2>/dev/null)
	if [ -n "\$at" ]; then
		when=\$(date -d "@\${at#@}" '+%Y-%m-%d %H:%M:%S')
		case "\$at" in @*) when="@\$when" ;; esac
		unset FAKETIME_SHARED
		FAKETIME="\$when" FAKETIME_DONT_FAKE_MONOTONIC=1 LD_PRELOAD='$tt_preload'
		ASAN_OPTIONS="\${ASAN_OPTIONS:+\$ASAN_OPTIONS:}verify_asan_link_order=0"
		export FAKETIME FAKETIME_DONT_FAKE_MONOTONIC LD_PRELOAD ASAN_OPTIONS
	fi
fi
exec ${TICKETTY_WRAPPER:-} '$TICKETTY_BIN' "\$@"
EOF
	chmod +x "$TT_CLIENT"
}

# Starts ticketty (extra arguments appended) in a fresh tmux session "tt"
# running a shell, so the tests can see the shell again after it exits.
# TT_ENV may hold extra VAR=value words for that shell (e.g. EDITOR=...).
tt_start() {
	tt_client_script
	tmux_ new-session -d -s tt -x "$TT_COLS" -y "$TT_ROWS" \
		"env TERM=$TT_TERM LANG=$TT_LANG LC_ALL=$TT_LANG TZ=UTC PS1='tt-shell\$ ' ${TT_ENV:-} sh -i" ||
		tt_fail "cannot start tmux"
	tmux_ set-option -t tt -g status off >/dev/null
	tmux_ resize-window -t tt -x "$TT_COLS" -y "$TT_ROWS" >/dev/null 2>&1
	tt_wait_for 'tt-shell\$'
	tmux_ send-keys -t tt "exec_tt() { \"$TT_CLIENT\" --db \"dbname=$TT_DB\" \"\$@\"; echo \"tt-exit=\$?\"; }" Enter
	tmux_ send-keys -t tt "clear; exec_tt $*" Enter
}

tt_screen() {
	tmux_ capture-pane -p -t tt
}

# tt_screen_has ERE: the screen matches now (for tt_wait_until's
# conditions; the waits below use tt_wait instead).
tt_screen_has() {
	tmux -L "$TT_SOCK" -f /dev/null capture-pane -p -t tt 2>/dev/null | grep -Eq -- "$1"
}

# The waits: tests/tui/tt_wait.c looks at the screen through one tmux
# control-mode client, fifty times a second, until it is as asked or
# TT_TIMEOUT has passed (exit 1); the shell loop before it forked tmux,
# grep and sleep for every look. Exit 2: it could not run (message
# printed).
TT_WAIT="$(dirname "$TICKETTY_BIN")/tests/tui/tt_wait"
[ -x "$TT_WAIT" ] || { echo "$TT_WAIT is missing: make tests" >&2; exit 1; }

# tt_wait_run MODE ERE [LINE]: runs tt_wait; fails the test on anything
# but a timeout, which the caller reports in its own words.
tt_wait_run() {
	"$TT_WAIT" "$TT_SOCK" "$TT_TIMEOUT" "$@"
	tt_wait_rc=$?
	[ "$tt_wait_rc" -le 1 ] || tt_fail "tt_wait $1 /$2/ could not run (exit $tt_wait_rc)"
	return "$tt_wait_rc"
}

# tt_waited: true when the wait that set tt_deadline is over (for the
# loops that wait on something other than the screen). The clock is read
# every tenth poll only (half a second): one fork less each time.
tt_waited() {
	tt_polls=$((tt_polls + 1))
	[ $((tt_polls % 10)) -eq 0 ] && [ "$(date +%s)" -ge "$tt_deadline" ]
}

# Waits until the screen matches the extended regular expression.
tt_wait_for() {
	tt_wait_run for "$1" || tt_fail "timed out waiting for /$1/"
}

# tt_wait_until CONDITION WHAT: waits until the shell command CONDITION
# (eval'd) succeeds; after TT_TIMEOUT the test fails, saying WHAT.
tt_wait_until() {
	tt_deadline=$(( $(date +%s) + TT_TIMEOUT )) tt_polls=0
	until eval "$1"; do
		tt_waited && tt_fail "timed out: $2"
		sleep 0.05
	done
	return 0
}

# Waits until the screen no longer matches.
tt_wait_gone() {
	tt_wait_run gone "$1" || tt_fail "timed out waiting for /$1/ to go"
}

# tt_wait_line N ERE: waits until line N of the screen (1-based) matches.
# For a state that moves lines rather than adding text: after a scroll
# the row that comes first was on screen before too, so waiting for it
# anywhere on the screen returns at once, before the scroll is drawn.
tt_wait_line() {
	tt_wait_run line "$2" "$1" ||
		tt_fail "timed out waiting for line $1 to match /$2/ (it is: $(tt_screen | sed -n "$1p"))"
}

# Asserts the screen matches now (no waiting).
tt_assert() {
	tt_screen | grep -Eq -- "$1" || tt_fail "screen does not match /$1/"
}

tt_refute() {
	tt_screen | grep -Eq -- "$1" && tt_fail "screen unexpectedly matches /$1/"
	return 0
}

# tt_send [KEY]: answers the question asked once the editor closed on a
# text for the customer ("Send to Carla Contact <...>? y: send, e: edit,
# n: keep unsent", ui.confirm_reply): y sends it, KEY answers otherwise.
tt_send() {
	tt_wait_for '^(Send to |¿Enviar a ).*\? (y: send|s: sí), e: edit'
	tt_keys "${1:-y}"
}

# Sends tmux key names ("j", "Enter", "PageDown", "C-c" ...) or literal text with -l.
tt_keys() {
	tmux_ send-keys -t tt "$@"
}

# tt_shell COMMAND: runs a command line in the test's shell (after a
# ticketty run through exec_tt ended) on a cleared screen. The clear is
# waited for first, so that a wait for the command's "tt-exit=N" cannot
# find the line the one before it left; then the shell's prompt is, so
# that the command is not typed (and echoed) before the prompt comes and
# its output does not start on the prompt's line.
tt_shell() {
	tmux_ send-keys -t tt "clear" Enter
	tt_wait_gone 'tt-exit='
	tt_wait_for '^tt-shell\$'
	tmux_ send-keys -t tt "$1" Enter
}

# tt_hangup: the terminal goes away, as an SSH session drops: the tmux
# server is killed (ticketty gets SIGHUP), then waited for (bounded)
# until ticketty has exited and the server no longer answers, so that a
# tt_start after it starts afresh (a new-session while the old server
# exits fails, "server exited unexpectedly") and finds what the old
# session left, not what it may still be doing.
tt_hangup() {
	tmux_ kill-server >/dev/null 2>&1
	tt_deadline=$(( $(date +%s) + TT_TIMEOUT )) tt_polls=0
	until [ -z "$(tt_pid)" ] && tmux_ has-session 2>&1 | grep -q 'no server running'; do
		tt_waited && tt_fail "ticketty ($(tt_pid)) or its tmux server is still there after the hangup"
		sleep 0.05
	done
	return 0
}

tt_resize() {
	tmux_ resize-window -t tt -x "$1" -y "$2"
}

# The pid of the ticketty process in the session.
tt_pid() {
	pgrep -f -n -- "$TICKETTY_BIN --db dbname=$TT_DB" 2>/dev/null
}

# Line number (1-based) of the first screen line matching a regex, or "".
tt_line_of() {
	tt_screen | grep -En -- "$1" | head -n 1 | cut -d: -f1
}

tt_pane() {
	tmux_ display -p -t tt "$1"
}
