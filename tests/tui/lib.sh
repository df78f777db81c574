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

tmux_() {
	tmux -L "$TT_SOCK" -f /dev/null "$@"
}

tt_cleanup() {
	tmux_ kill-server >/dev/null 2>&1
	if [ -n "$TT_STARTED_DB" ]; then
		psql -qX -d postgres -c "DROP DATABASE IF EXISTS $TT_DB WITH (FORCE)" >/dev/null 2>&1
	fi
}
trap tt_cleanup EXIT
trap 'exit 1' INT TERM HUP

tt_fail() {
	echo "FAIL ($TT_NAME): $*" >&2
	echo "---- screen ----" >&2
	tmux_ capture-pane -p -t tt >&2 2>/dev/null
	echo "----------------" >&2
	exit 1
}

# The test database, copied from the template; psql as superuser on it.
tt_db_create() {
	psql -qX -d postgres -c "CREATE DATABASE $TT_DB TEMPLATE $TICKETTY_TEST_TEMPLATE" >/dev/null ||
		tt_fail "cannot create database $TT_DB"
	TT_STARTED_DB=1
}

# Runs SQL as superuser on the test database, printing any result rows
# (unaligned, tuples only), so `x=$(tt_sql "SELECT ...")` works.
tt_sql() {
	psql -qXAt -v ON_ERROR_STOP=1 -d "$TT_DB" -c "SET search_path = ticketty" -c "$1" ||
		tt_fail "SQL failed: $1"
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

# tt_tickets N SEVERITY TITLE_PREFIX [extra SQL column assignments as
# \"col\" = value pairs are not needed: use tt_sql for special rows].
# Inserts N tickets for Acme Media with titles PREFIX 0001.., created one
# minute apart, due by severity.
tt_tickets() {
	tt_sql "
	INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity,
	                     title, description, impact, object_ids, member_id, repro_steps, browser, os,
	                     phone, calendar_id, plan, created_at, first_response_due, resolution_due)
	SELECT c.id, ct.id, rt.id, rt.team_id, 1, $2,
	       '$3 ' || lpad(g::text, 4, '0'), 'd', 'i', '{42}', 1001, 'r', 'Firefox 128', 'Linux 6',
	       '+1 555 0100', c.calendar_id, c.plan,
	       now() - interval '1 day' + g * interval '1 minute',
	       now() + g * interval '1 hour', now() + interval '10 days'
	  FROM generate_series(1, $1) g
	  JOIN customers c ON c.name = 'Acme Media'
	  JOIN contacts ct ON ct.customer_id = c.id
	  JOIN request_types rt ON rt.key = 'ad_serving';"
}

# Starts ticketty (extra arguments appended) in a fresh tmux session "tt"
# running a shell, so the tests can see the shell again after it exits.
# TT_ENV may hold extra VAR=value words for that shell (e.g. EDITOR=...).
tt_start() {
	tmux_ new-session -d -s tt -x "$TT_COLS" -y "$TT_ROWS" \
		"env TERM=$TT_TERM LANG=$TT_LANG LC_ALL=$TT_LANG TZ=UTC PS1='tt-shell\$ ' ${TT_ENV:-} sh -i" ||
		tt_fail "cannot start tmux"
	tmux_ set-option -t tt -g status off >/dev/null
	tmux_ resize-window -t tt -x "$TT_COLS" -y "$TT_ROWS" >/dev/null 2>&1
	tt_wait_for 'tt-shell\$'
	tmux_ send-keys -t tt "exec_tt() { \"$TICKETTY_BIN\" --db \"dbname=$TT_DB\" \"\$@\"; echo \"tt-exit=\$?\"; }" Enter
	tmux_ send-keys -t tt "clear; exec_tt $*" Enter
}

tt_screen() {
	tmux_ capture-pane -p -t tt
}

# Waits until the screen matches the extended regular expression.
tt_wait_for() {
	tt_deadline=$(( $(date +%s) + TT_TIMEOUT ))
	while :; do
		if tt_screen 2>/dev/null | grep -Eq -- "$1"; then
			return 0
		fi
		[ "$(date +%s)" -ge "$tt_deadline" ] && tt_fail "timed out waiting for /$1/"
		sleep 0.05
	done
}

# Waits until the screen no longer matches.
tt_wait_gone() {
	tt_deadline=$(( $(date +%s) + TT_TIMEOUT ))
	while tt_screen 2>/dev/null | grep -Eq -- "$1"; do
		[ "$(date +%s)" -ge "$tt_deadline" ] && tt_fail "timed out waiting for /$1/ to go"
		sleep 0.05
	done
}

# Asserts the screen matches now (no waiting).
tt_assert() {
	tt_screen | grep -Eq -- "$1" || tt_fail "screen does not match /$1/"
}

tt_refute() {
	tt_screen | grep -Eq -- "$1" && tt_fail "screen unexpectedly matches /$1/"
	return 0
}

# Sends tmux key names ("j", "Enter", "PageDown", "C-c" ...) or literal text with -l.
tt_keys() {
	tmux_ send-keys -t tt "$@"
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
