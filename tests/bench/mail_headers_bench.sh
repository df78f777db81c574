#!/bin/sh
# How long `ticketty mail receive` takes for one mail with a huge header
# (tests/bench/README, "Huge mail headers"): a Subject, a To or a
# part's Content-Type of SIZES bytes (default 65536 262144 1048576) made
# of one repeated unit, each shape a few runs (RUNS, default 3), the
# median wall time printed. A run that takes longer than LIMIT seconds
# (default 120) is stopped and printed as ">LIMIT".
#   BUILD=build-dev sh tests/bench/mail_headers_bench.sh
#   SHAPES="subject_open to_commas" SIZES=65536 sh tests/bench/mail_headers_bench.sh
# Shapes:
#   subject_eq     Subject: =?=?=?...                 (no encoded word at all)
#   subject_words  Subject: =?UTF-8?Q?a?= =?UTF-8?Q?a?= ...   (many short words)
#   subject_open   Subject: =?UTF-8?B?QUJD=?UTF-8?B?QUJD...  (words never closed)
#   to_commas      To: a,a,a,...                      (names with no address)
#   part_open      a part's Content-Type: text/plain; name="=?UTF-8?B?QUJD..."
# PARSE=1 also times the parse alone (tests/bench/mail_parse_bench.c, no
# database) of 32 MiB mails made of many such headers of 1,000 and 16,384
# bytes each: the bound on a whole mail.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
BIN=$ROOT/$BUILD/ticketty
[ -x "$BIN" ] || { echo "build first: make BUILD=$BUILD" >&2; exit 1; }
SIZES=${SIZES:-65536 262144 1048576}
SHAPES=${SHAPES:-subject_eq subject_words subject_open to_commas part_open}
RUNS=${RUNS:-3}
LIMIT=${LIMIT:-120}
T=$(mktemp -d "${TMPDIR:-/tmp}/ticketty-hdrbench.XXXXXX")
chmod 755 "$T"
eval "$(sh "$ROOT/tests/lib/pgtmp.sh" start)"
trap 'sh "$ROOT/tests/lib/pgtmp.sh" stop "$PGTMP_DIR"; rm -rf "$T"' EXIT INT TERM
psql -qX -c "CREATE DATABASE bench" >/dev/null
"$BIN" --db "dbname=bench" db migrate >/dev/null
psql -qX -d bench >/dev/null <<'SQL'
SET search_path = ticketty;
CREATE ROLE bench_bot LOGIN; GRANT ticketty_admin TO bench_bot;
INSERT INTO agents (login, display_name, role) VALUES ('bench_bot', 'Bench bot', 'admin');
UPDATE mail_policy SET value = 'support@desk.test' WHERE key IN ('from_address', 'reply_to');
UPDATE mail_policy SET value = '1000000' WHERE key = 'sender_daily_limit';
SQL
export PGUSER=bench_bot PGDATABASE=bench

# UNIT repeated to SIZE bytes (whole units only)
repeat() {
	awk -v u="$1" -v n="$2" 'BEGIN { k = int(n / length(u)); s = u;
		while (length(s) * 2 <= k * length(u)) s = s s;
		while (length(s) < k * length(u)) s = s substr(s, 1, k * length(u) - length(s));
		printf "%s", s }'
}

# the mail of SHAPE with a header of SIZE bytes, message id ID, into $T/msg
message() {
	shape=$1 size=$2 id=$3
	{
		printf 'From: Carla <carla@acme.test>\nMessage-ID: <%s@acme.test>\nMIME-Version: 1.0\n' "$id"
		case $shape in
		subject_eq)    printf 'Subject: '; repeat '=?' "$size"; printf '\n\nhi\n' ;;
		subject_words) printf 'Subject: '; repeat '=?UTF-8?Q?a?= ' "$size"; printf '\n\nhi\n' ;;
		subject_open)  printf 'Subject: '; repeat '=?UTF-8?B?QUJD' "$size"; printf '\n\nhi\n' ;;
		to_commas)     printf 'Subject: x\nTo: '; repeat 'a,' "$size"; printf '\n\nhi\n' ;;
		part_open)     printf 'Subject: x\nContent-Type: multipart/mixed; boundary=B\n\n--B\n'
			       printf 'Content-Type: text/plain; name="'; repeat '=?UTF-8?B?QUJD' "$size"
			       printf '"\n\nhi\n--B--\n' ;;
		esac
	} > "$T/msg"
}

now() { date +%s.%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "== mail receive of one mail with a huge header, median of $RUNS runs, seconds ($BUILD)"
n=0
for shape in $SHAPES; do
	for size in $SIZES; do
		: > "$T/times"
		over=
		r=0
		while [ "$r" -lt "$RUNS" ]; do
			n=$((n + 1))
			message "$shape" "$size" "b$n.$$"
			t0=$(now)
			if timeout "$LIMIT" "$BIN" mail receive < "$T/msg" > /dev/null; then
				t1=$(now)
				echo "$t0 $t1" | awk '{ printf "%.3f\n", $2 - $1 }' >> "$T/times"
			else
				rc=$?
				[ "$rc" -eq 124 ] || { echo "mail receive failed ($rc): $shape $size" >&2; exit 1; }
				over=">$LIMIT"
				break
			fi
			r=$((r + 1))
		done
		printf '%-14s %8d B  %s\n' "$shape" "$size" "${over:-$(median < "$T/times")}"
	done
done

if [ -n "${PARSE:-}" ]; then
	cd "$ROOT"
	make -s -j2 "$BUILD/libticketty.a"
	mkdir -p "$BUILD/bench"
	PKGS="gmime-3.0 libxml-2.0 ncursesw libpq libconfig"
	PKG_CFLAGS=$(for f in $(pkg-config --cflags $PKGS); do
		case "$f" in -D_XOPEN_SOURCE=*|-D_DEFAULT_SOURCE) ;; *) printf '%s ' "$f" ;; esac
	done)
	# shellcheck disable=SC2046,SC2086
	cc -std=c11 -O2 -Wall -Wextra -Werror -Iinclude -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE $PKG_CFLAGS \
		-o "$BUILD/bench/mail_parse_bench" tests/bench/mail_parse_bench.c "$BUILD/libticketty.a" \
		$(pkg-config --libs $PKGS)
	echo "== the parse alone of a 32 MiB mail of many such headers"
	for shape in to subject parts eml; do
		for each in 1000 16384; do
			timeout "$LIMIT" "$BUILD/bench/mail_parse_bench" "$shape" 33554432 "$each" ||
				echo "$shape $each: >$LIMIT s"
		done
	done
fi
