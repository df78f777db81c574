#!/bin/sh
# The layer check passes on the tree and fails on each planted violation
# (a copy of the tree in a temporary directory gets one wrong line at a time).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CHECK="$ROOT/scripts/check-layers.sh"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
failed=0

fresh() {
	rm -rf "$TMP/tree"
	mkdir -p "$TMP/tree"
	cp -r "$ROOT/src" "$ROOT/include" "$ROOT/sql" "$TMP/tree/"
}

sh "$CHECK" "$ROOT" >/dev/null 2>&1 || { echo "FAIL: the tree itself does not pass"; failed=1; }

# plant FILE LINE EXPECTED-MESSAGE
plant() {
	fresh
	printf '%s\n' "$2" >> "$TMP/tree/$1"
	if sh "$CHECK" "$TMP/tree" >"$TMP/out" 2>&1; then
		echo "FAIL: not caught: $2 in $1"
		failed=1
	elif ! grep -q "$3" "$TMP/out"; then
		echo "FAIL: wrong message for $2 in $1:"; cat "$TMP/out"
		failed=1
	elif ! grep -q "$1" "$TMP/out"; then
		echo "FAIL: the message does not name $1:"; cat "$TMP/out"
		failed=1
	fi
}

plant src/ui/view_queue.c '#include "db/conn.h"' 'db/ header'
plant include/ui/view.h '#include "db/conn.h"' 'db/ header'
plant src/cli/queue.c '#include <libpq-fe.h>' 'libpq-fe.h'
plant src/ui/screen.c '#include <libpq-fe.h>' 'libpq-fe.h'
plant src/util/text.c '#include <curses.h>' 'curses'
# indirectly: a header outside db/ and model/ pulls in db/conn.h, or a
# model header that does; app.c including a model header that brings it
plant src/app.c '#include "db/conn.h"' 'reached through'
plant src/cli/queue.c '#include "model/prepared.h"' 'include/model/prepared.h -> libpq-fe.h'
# a db/ header that main.c and app.c include starts to bring libpq-fe.h
plant include/db/migrate.h '#include "db/conn.h"' 'include/db/migrate.h -> include/db/conn.h -> libpq-fe.h'
plant src/ui/ticket_files.c '#include <gio/gio.h>' 'mail library'
plant src/util/file_read.c '#include <gmime/gmime.h>' 'mail library'
plant src/ui/view_ticket.c 'static const char *q = "SELECT id FROM tickets";' 'SQL text'
plant src/cli/ticket.c 'static const char *q = "UPDATE tickets SET title = $1";' 'SQL text'
plant src/model/queue.c 'static const char *q = "SELECT now() AS x";' 'now()'
plant sql/050_queue.sql 'SELECT now();' 'now()'
plant sql/050_queue.sql 'SELECT current_date;' 'current_date'

[ "$failed" = 0 ] && echo "100%: layer check: passed"
exit "$failed"
