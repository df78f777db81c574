# A primary and streaming standbys on Unix sockets in one temporary
# directory, for the tests of tests/ha (sourced). Every server listens on
# its own socket directory ($HA_DIR/<name>) and no TCP port; trust
# authentication; run as user postgres when we are root. The primary
# commits synchronously (synchronous_standby_names = '*' once a standby
# streams), so a commit the client saw is on the standby before the
# primary dies, however it dies.
#   ha_primary NAME            initdb + start a primary
#   ha_standby NAME FROM       pg_basebackup -R from FROM's socket, start it
#   ha_sync NAME               make NAME (a primary) wait for its standby
#   ha_wait_streaming NAME     until NAME has a synchronous standby streaming
#   ha_caught_up PRIMARY STANDBY   until the standby replayed everything
#   ha_stop NAME fast|immediate, ha_promote NAME
set -u
. "$(dirname "$0")/../lib/pgbin.sh"
HA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/ticketty-ha.XXXXXX")
chmod 755 "$HA_DIR"
[ "$(id -u)" -eq 0 ] && chown postgres "$HA_DIR"
HA_TIMEOUT=${HA_TIMEOUT:-60}
HA_SERVERS=""

ha_as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

ha_fail() {
	echo "FAIL ($(basename "$0" .sh)): $*" >&2
	for s in $HA_SERVERS; do
		echo "---- $s/server.log (tail) ----" >&2
		tail -n 15 "$HA_DIR/$s/server.log" >&2 2>/dev/null
	done
	exit 1
}

# Socket-only settings, the same for every server; the replication
# settings are PostgreSQL 15's defaults made explicit.
ha_options() {
	echo "-k $HA_DIR/$1 -c listen_addresses='' -c fsync=off -c full_page_writes=off" \
	     "-c max_connections=${HA_MAX_CONNECTIONS:-100} -c shared_buffers=32MB" \
	     "-c wal_level=replica -c max_wal_senders=4 -c hot_standby=on -c log_connections=on"
}

ha_start() {
	ha_as_owner "$PGBIN/pg_ctl" -D "$HA_DIR/$1/data" -l "$HA_DIR/$1/server.log" -w -t "$HA_TIMEOUT" \
		-o "$(ha_options "$1")" start >/dev/null || ha_fail "cannot start $1"
	case " $HA_SERVERS " in *" $1 "*) ;; *) HA_SERVERS="$HA_SERVERS $1" ;; esac
}

ha_mkdir() {
	mkdir -p "$HA_DIR/$1"
	[ "$(id -u)" -eq 0 ] && chown postgres "$HA_DIR/$1"
	return 0
}

ha_primary() {
	ha_mkdir "$1"
	ha_as_owner "$PGBIN/initdb" -D "$HA_DIR/$1/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
		>"$HA_DIR/$1/initdb.log" 2>&1 || ha_fail "initdb $1: $(cat "$HA_DIR/$1/initdb.log")"
	ha_start "$1"
}

ha_standby() {
	rm -rf "${HA_DIR:?}/$1"
	ha_mkdir "$1"
	ha_as_owner "$PGBIN/pg_basebackup" -h "$HA_DIR/$2" -U postgres -D "$HA_DIR/$1/data" \
		-R -X stream -c fast >"$HA_DIR/$1/basebackup.log" 2>&1 ||
		ha_fail "pg_basebackup $1 from $2: $(cat "$HA_DIR/$1/basebackup.log")"
	# a standby waits for nobody: it must not inherit the primary's
	# synchronous_standby_names (ALTER SYSTEM) or it would hang once promoted
	ha_as_owner sed -i '/^synchronous_standby_names/d' "$HA_DIR/$1/data/postgresql.auto.conf"
	ha_start "$1"
}

# psql on one server as the superuser: ha_psql NAME DB SQL
ha_psql() {
	psql -qXAt -v ON_ERROR_STOP=1 -h "$HA_DIR/$1" -p 5432 -U postgres -d "$2" -c "$3"
}

ha_sync() {
	ha_psql "$1" postgres "ALTER SYSTEM SET synchronous_standby_names = '*'" >/dev/null &&
		ha_psql "$1" postgres "SELECT pg_reload_conf()" >/dev/null || ha_fail "cannot make $1 synchronous"
}

ha_until() {
	ha_deadline=$(( $(date +%s) + HA_TIMEOUT ))
	until eval "$1"; do
		[ "$(date +%s)" -ge "$ha_deadline" ] && ha_fail "timed out waiting for: $2"
		sleep 0.1
	done
}

ha_wait_streaming() {
	ha_until "[ \"\$(ha_psql $1 postgres \"SELECT count(*) FROM pg_stat_replication
	                                      WHERE state = 'streaming' AND sync_state = 'sync'\")\" -ge 1 ]" \
		"a synchronous standby streaming from $1"
}

ha_caught_up() {
	lsn=$(ha_psql "$1" postgres "SELECT pg_current_wal_lsn()")
	ha_until "[ \"\$(ha_psql $2 postgres \"SELECT pg_last_wal_replay_lsn() >= '$lsn'\")\" = t ]" \
		"$2 to replay up to $lsn"
}

ha_stop() {
	ha_as_owner "$PGBIN/pg_ctl" -D "$HA_DIR/$1/data" -m "$2" -w -t "$HA_TIMEOUT" stop >/dev/null ||
		ha_fail "cannot stop $1 ($2)"
}

ha_promote() {
	ha_as_owner "$PGBIN/pg_ctl" -D "$HA_DIR/$1/data" -w -t "$HA_TIMEOUT" promote >/dev/null ||
		ha_fail "cannot promote $1"
}

ha_cleanup() {
	for s in $HA_SERVERS; do
		[ -f "$HA_DIR/$s/data/postmaster.pid" ] &&
			ha_as_owner "$PGBIN/pg_ctl" -D "$HA_DIR/$s/data" -m immediate -w stop >/dev/null 2>&1
	done
	rm -rf "$HA_DIR"
}

# The migrated template the tests copy their databases from (on NAME).
ha_template() {
	ha_psql "$1" postgres "CREATE DATABASE ticketty_template" >/dev/null &&
		"$TICKETTY_BIN" --db "host=$HA_DIR/$1 user=postgres dbname=ticketty_template" db migrate >/dev/null ||
		ha_fail "cannot migrate the template on $1"
}
