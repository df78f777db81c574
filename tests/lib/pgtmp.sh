#!/bin/sh
# A throwaway PostgreSQL cluster for the test suites: Unix socket only (no
# TCP), trust authentication, run as user postgres when we are root.
#   eval "$(sh tests/lib/pgtmp.sh start)"   -> exports PGHOST, PGUSER, PGTMP_DIR
#   sh tests/lib/pgtmp.sh stop DIR          -> stops it and removes DIR
set -eu
. "$(dirname "$0")/pgbin.sh"

as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# The same socket-only server settings for every start.
server_options() {
	echo "-k $1 -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100 -c max_prepared_transactions=10"
}

case "${1:-}" in
start)
	dir=$(mktemp -d "${TMPDIR:-/tmp}/ticketty-pg.XXXXXX")
	chmod 755 "$dir"
	[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
	as_owner "$PGBIN/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
		>"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
	as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "$(server_options "$dir")" start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
	echo "export PGHOST='$dir' PGUSER=postgres PGDATABASE=postgres PGTMP_DIR='$dir'"
	;;
stop)
	dir=${2:?directory}
	[ -d "$dir/data" ] && as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
	rm -rf "$dir"
	;;
restart)
	dir=${2:?directory}
	as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -m fast restart >/dev/null
	;;
kill)
	# an immediate stop (a server already down is fine); fails, saying
	# so, when the server still runs afterwards. What was committed stays,
	# as on a server with synchronous_commit on: this one runs with it off
	# (speed), and a commit less than wal_writer_delay old would be lost
	# with the WAL buffers (a mail marked sent came back queued); so the
	# WAL is written out first.
	dir=${2:?directory}
	as_owner "$PGBIN/psql" -h "$dir" -U postgres -d postgres -Xqc 'CHECKPOINT' >/dev/null 2>&1 || true
	as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >"$dir/kill.log" 2>&1 || true
	if as_owner "$PGBIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
		echo "pgtmp.sh kill: the server in $dir still runs after an immediate stop:" >&2
		cat "$dir/kill.log" >&2
		exit 1
	fi
	;;
startagain)
	dir=${2:?directory}
	as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "$(server_options "$dir")" start >/dev/null
	;;
*)
	echo "usage: pgtmp.sh start | stop DIR | restart DIR | kill DIR | startagain DIR" >&2
	exit 64
	;;
esac
