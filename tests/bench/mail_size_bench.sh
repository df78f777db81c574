#!/bin/sh
# What `ticketty mail receive` costs for one mail larger than the desk's
# limit (max_message_bytes, 32 MiB by default), which it refuses (65, the
# MTA bounces it): wall time and peak resident memory from
# /usr/bin/time -v, each size RUNS times (default 3). The mail is a text
# part and a base64 attachment (random bytes) filling it to SIZES bytes
# (default 40 MiB and 200 MiB). tests/bench/README, "Mail over the limit".
#   BUILD=build-dev sh tests/bench/mail_size_bench.sh
#   BIN=/tmp/before/ticketty SIZES=41943040 RUNS=1 sh tests/bench/mail_size_bench.sh
# BIN is the ticketty to run (ticketty-mail beside it), default
# $BUILD/ticketty; it migrates the throwaway database itself.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
BIN=${BIN:-$ROOT/$BUILD/ticketty}
[ -x "$BIN" ] || { echo "build first: make BUILD=$BUILD" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (GNU time)" >&2; exit 1; }
SIZES=${SIZES:-41943040 209715200}
RUNS=${RUNS:-3}
T=$(mktemp -d "${TMPDIR:-/tmp}/ticketty-sizebench.XXXXXX")
chmod 755 "$T"
eval "$(sh "$ROOT/tests/lib/pgtmp.sh" start)"
trap 'sh "$ROOT/tests/lib/pgtmp.sh" stop "$PGTMP_DIR"; rm -rf "$T"' EXIT INT TERM
psql -qX -c "CREATE DATABASE bench" >/dev/null
"$BIN" --db "dbname=bench" db migrate >/dev/null
psql -qX -d bench >/dev/null <<'SQL'
SET search_path = ticketty;
CREATE ROLE bench_bot LOGIN; GRANT ticketty_admin TO bench_bot;
INSERT INTO agents (login, display_name, role) VALUES ('bench_bot', 'Bench bot', 'admin');
SQL
export PGUSER=bench_bot PGDATABASE=bench

# a mail of SIZE bytes (about) into $T/msg
message() {
	{
		printf 'From: Carla <carla@acme.test>\nTo: support@desk.test\nSubject: the logs\n'
		printf 'Message-ID: <big%s@acme.test>\nMIME-Version: 1.0\n' "$1"
		printf 'Content-Type: multipart/mixed; boundary=B\n\n--B\nContent-Type: text/plain\n\n'
		printf 'The logs you asked for.\n--B\nContent-Type: application/octet-stream; name=logs.bin\n'
		printf 'Content-Transfer-Encoding: base64\n\n'
		head -c $((($1 - 700) / 77 * 57)) /dev/urandom | base64 -w 76
		printf '\n--B--\n'
	} > "$T/msg"
}

echo "== mail receive of one mail over max_message_bytes ($BIN)"
echo "size (bytes)   exit  seconds  peak RSS (KiB)"
for size in $SIZES; do
	message "$size"
	bytes=$(wc -c < "$T/msg")
	r=0
	while [ "$r" -lt "$RUNS" ]; do
		rc=0
		/usr/bin/time -v -o "$T/time" "$BIN" mail receive < "$T/msg" > /dev/null 2> "$T/err" || rc=$?
		secs=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0;
			for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$T/time")
		rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$T/time")
		printf '%-13s  %4s  %7s  %14s\n' "$bytes" "$rc" "$secs" "$rss"
		r=$((r + 1))
	done
	sed 's/^/    stderr: /' "$T/err"
done
