#!/bin/sh
# The parse alone (mime_parse, no database) of pathological mails of
# many shapes, each about max_message_bytes (32 MiB) unless SIZE says a
# fraction of it (tests/bench/mime_shapes_bench.c says each shape;
# tests/bench/README, "Pathological MIME, timing pass"). A parse longer
# than LIMIT seconds (default 120) is stopped and printed as ">LIMIT".
#   BUILD=build-dev sh tests/bench/mime_shapes_bench.sh
#   SHAPES="deep htmldeep" SIZE=4 sh tests/bench/mime_shapes_bench.sh   (a quarter of the size)
#   PROG=/tmp/before/mime_shapes_bench sh tests/bench/mime_shapes_bench.sh
# PROG is a mime_shapes_bench already built (say against an older
# libticketty.a, for the figures before a change); else it is built
# here against $BUILD/libticketty.a.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
LIMIT=${LIMIT:-120}
SIZE=${SIZE:-1}
SHAPES=${SHAPES:-sections sectparts parts files deep deepeml subject from line boundary qpsoft b64junk received params htmldeep dsnblocks dsnreason}
cd "$ROOT"
if [ -z "${PROG:-}" ]; then
	make -s -j2 BUILD="$BUILD" "$BUILD/libticketty.a"
	mkdir -p "$BUILD/bench"
	PKGS="gmime-3.0 libxml-2.0 ncursesw libpq libconfig"
	PKG_CFLAGS=$(for f in $(pkg-config --cflags $PKGS); do
		case "$f" in -D_XOPEN_SOURCE=*|-D_DEFAULT_SOURCE) ;; *) printf '%s ' "$f" ;; esac
	done)
	PROG=$BUILD/bench/mime_shapes_bench
	# shellcheck disable=SC2046,SC2086
	cc -std=c11 -O2 -Wall -Wextra -Werror -Iinclude -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE $PKG_CFLAGS \
		-o "$PROG" tests/bench/mime_shapes_bench.c "$BUILD/libticketty.a" $(pkg-config --libs $PKGS)
fi
# N for a mail of about 32 MiB of each shape
count() {
	case "$1" in
	sections|line|qpsoft|b64junk|dsnreason) echo 32000 ;;
	sectparts) echo 29000 ;;
	parts) echo 780000 ;;
	files) echo 600000 ;;
	deep) echo 460000 ;;
	deepeml) echo 580000 ;;
	subject|from) echo 1900000 ;;
	boundary) echo 460000 ;;
	received) echo 410000 ;;
	params) echo 39000 ;;
	htmldeep) echo 2700000 ;;
	dsnblocks) echo 480000 ;;
	esac
}
echo "== the parse alone of one mail of each shape ($PROG)"
for shape in $SHAPES; do
	n=$(( $(count "$shape") / SIZE ))
	timeout "$LIMIT" "$PROG" "$shape" "$n" || echo "$shape $n: >$LIMIT s"
done
