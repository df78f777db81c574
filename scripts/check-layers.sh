#!/bin/sh
# The layer check (make check-layers, part of make check): fails, naming
# file and line, on
#   - libpq-fe.h included outside src/db, src/model (and their headers),
#     directly or through any chain of project headers (a ui/, cli/,
#     util/ file or app.c/main.c including model/x.h that includes
#     db/conn.h is caught, naming the chain);
#   - a db/ header included by src/ui or include/ui;
#   - curses included outside src/ui;
#   - GMime, GLib/GIO or libxml2 included outside src/mail, src/mailer
#     (and include/mail): ticketty links none of them, only ticketty-mail;
#   - an SQL statement in a string literal outside src/model and src/db;
#   - now(), current_date and the other real clocks in sql/ or src/model,
#     other than the real clock behind tt_now()
#     (lines marked "layer-check: real clock");
#   - a function defined in a migration (sql/NNN_*.sql): each function is
#     defined once, in sql/functions/ (a migration names the ones it needs
#     with "-- @function NAME").
# Usage: sh scripts/check-layers.sh [ROOT]   (default: the source tree)
ROOT=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$ROOT" || exit 2
bad=0
report() {
	# $1 = message, $2 = grep -n output
	[ -n "$2" ] || return 0
	echo "$2" | sed "s|^|layer check: |; s|\$|  <- $1|" >&2
	bad=1
}
files() {
	# C sources and headers under the given directories (if present)
	for d in "$@"; do
		[ -e "$d" ] && find "$d" -name '*.[ch]' -type f
	done | sort
}

out=$(files src include | grep -Ev '^(src|include)/(db|model)/' |
	xargs -r grep -nE '#[[:space:]]*include[[:space:]]*[<"]libpq-fe\.h[>"]')
report "libpq-fe.h outside db/ and model/" "$out"

# Indirectly: the project headers that bring libpq-fe.h, to a fixed point
# (a header is tainted when it includes libpq-fe.h or a tainted header);
# then every file outside db/ and model/ that includes a tainted header,
# with the chain from it to libpq-fe.h. One awk over the include lines
# (a shell loop forking per header took seconds, 16 times in the test).
out=$(files src include | xargs -r awk '
	FNR == 1 { nfiles++; name[nfiles] = FILENAME }
	/#[[:space:]]*include[[:space:]]*[<"]libpq-fe\.h[>"]/ { direct[FILENAME] = 1 }
	/^[[:space:]]*#[[:space:]]*include[[:space:]]*"/ {
		dep = $0
		sub(/^[[:space:]]*#[[:space:]]*include[[:space:]]*"/, "", dep)
		if (index(dep, "\"") == 0) next
		dep = substr(dep, 1, index(dep, "\"") - 1)
		n = ++ndeps[FILENAME]; deps[FILENAME, n] = dep; at[FILENAME, n] = FNR
	}
	function tainted(h) { return ("include/" h) in taint }
	END {
		for (f in direct) if (f ~ /^include\//) taint[f] = 1
		do {
			grew = 0
			for (i = 1; i <= nfiles; i++) {
				f = name[i]
				if (f !~ /^include\// || f in taint) continue
				for (n = 1; n <= ndeps[f]; n++)
					if (tainted(deps[f, n])) { taint[f] = 1; grew = 1; break }
			}
		} while (grew)
		for (i = 1; i <= nfiles; i++) {
			f = name[i]
			if (f ~ /^(src|include)\/(db|model)\//) continue
			for (n = 1; n <= ndeps[f]; n++) {
				if (!tainted(deps[f, n])) continue
				c = "include/" deps[f, n]; h = c
				while (!(h in direct)) {
					for (m = 1; m <= ndeps[h]; m++)
						if (tainted(deps[h, m])) { h = "include/" deps[h, m]; break }
					c = c " -> " h
				}
				print f ":" at[f, n] ": includes " c " -> libpq-fe.h"
			}
		}
	}')
report "libpq-fe.h reached through project headers outside db/ and model/" "$out"

out=$(files src/ui include/ui | xargs -r grep -nE '#[[:space:]]*include[[:space:]]*"db/')
report "the UI includes a db/ header (use model/)" "$out"

out=$(files src include | grep -Ev '^(src|include)/ui/' |
	xargs -r grep -nE '#[[:space:]]*include[[:space:]]*[<"](n?curses|ncursesw/curses)\.h[>"]')
report "curses outside the UI" "$out"

out=$(files src include | grep -Ev '^(src/mail|src/mailer|include/mail)/' |
	xargs -r grep -nE '#[[:space:]]*include[[:space:]]*[<"](gmime/|glib|gio/|libxml/)')
report "a mail library outside src/mail and src/mailer (ticketty links none)" "$out"

out=$(files src include | grep -Ev '^(src|include)/(db|model)/' |
	xargs -r grep -nE '"[[:space:]]*(SELECT|INSERT INTO|UPDATE [a-z_.]+ SET|DELETE FROM|CREATE (TABLE|FUNCTION|INDEX)|ALTER TABLE|LISTEN|NOTIFY|BEGIN;|COMMIT;|SET [a-z_]+ *(=|TO))[[:space:]]')
report "SQL text outside src/model and src/db" "$out"

out=$( { [ -d sql ] && find sql -name '*.sql' -type f; files src/model; } | sort |
	xargs -r grep -niE '(^|[^_a-z.])(now\(\)|current_date|current_timestamp|localtimestamp|clock_timestamp\(\)|transaction_timestamp\(\))' |
	grep -v 'layer-check: real clock' |
	grep -vE ':[0-9]+:[[:space:]]*(--|/?\*)')
report "the real clock (now(), current_date, ...) instead of tt_now()" "$out"

out=$( { [ -d sql ] && find sql -maxdepth 1 -name '[0-9][0-9][0-9]_*.sql' -type f; } | sort |
	xargs -r grep -niE '^[[:space:]]*CREATE[[:space:]]+(OR[[:space:]]+REPLACE[[:space:]]+)?(FUNCTION|PROCEDURE)[[:space:]]')
report "a function defined in a migration (it belongs in sql/functions/)" "$out"

[ "$bad" = 0 ] && echo "layer check: ok"
exit "$bad"
