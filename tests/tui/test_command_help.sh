#!/bin/sh
# `ticketty COMMAND --help` (and -h, and `ticketty help COMMAND`) prints
# every form of that command, one a line, and what it does, within 80
# columns, and exits 0, in English, Spanish and under LANG=C; a usage
# error prints the same forms within 80 columns on stderr and exits 64. A
# form breaks only between options, never inside "[--phone P]".
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
out="${TMPDIR:-/tmp}/tt-cmdhelp-$$"
trap 'rm -f "$out" "$out.2"; tt_cleanup' EXIT
T=$TICKETTY_BIN

# `ticketty --help` says where the forms of one command are
$T --help | grep -q '^Every form of one command, and what it does: ticketty COMMAND --help\.$' ||
	tt_fail "--help does not point to COMMAND --help"
# the commands, as `ticketty --help` lists them
commands=$($T --help | sed -n 's/^  ticketty \([a-z]*\).*/\1/p' | sort -u)
[ "$(echo "$commands" | wc -w)" -ge 18 ] || tt_fail "--help lists too few commands: $commands"

fits() {   # fits FILE WHAT: no line over 80 display cells
	widest=$(LC_ALL=C.UTF-8 wc -L <"$1")
	[ "$widest" -le 80 ] || tt_fail "$2 is $widest columns wide: $(LC_ALL=C.UTF-8 awk 'length > 80' "$1" | head -2)"
}

for lang in C.UTF-8 es_ES.UTF-8 C; do
	for c in $commands; do
		LANG=$lang LC_ALL=$lang $T "$c" --help >"$out" 2>"$out.2" || tt_fail "$c --help under $lang exits $?: $(cat "$out.2")"
		[ ! -s "$out.2" ] || tt_fail "$c --help under $lang wrote to stderr: $(cat "$out.2")"
		fits "$out" "$c --help under $lang"
		head -1 "$out" | grep -q "^[A-Za-z]*: ticketty $c\b" || tt_fail "$c --help under $lang starts: $(head -1 "$out")"
		# every form line names the command; a continuation hangs deeper
		awk -v c="$c" 'NR > 1 && /^$/ { exit } NR > 1 && $1 != "ticketty" && $0 !~ /^           / { bad = 1 }
			NR > 1 && $1 == "ticketty" && $2 != c { bad = 1 } END { exit bad }' "$out" ||
			tt_fail "$c --help under $lang has a line that is no form of $c: $(cat "$out")"
		# what it does, after a blank line
		[ "$(sed -n '/^$/,$p' "$out" | grep -c .)" -ge 1 ] || tt_fail "$c --help under $lang says not what it does"
	done
done

# the ticket command: every form on a line of its own
LANG=C.UTF-8 LC_ALL=C.UTF-8 $T ticket --help >"$out"
[ "$(grep -c '^ *\(Usage: \)\{0,1\}ticketty ticket ' "$out")" -eq 19 ] ||
	tt_fail "ticket --help gives $(grep -c 'ticketty ticket ' "$out") forms, not 19: $(cat "$out")"
grep -q '^       ticketty ticket import \[FILE|-\] \[--refused FILE\]$' "$out" || tt_fail "ticket --help has no import form"
grep -q '^Usage: ticketty ticket new --json FILE|-$' "$out" || tt_fail "ticket --help: first form: $(head -1 "$out")"
grep -q '^       ticketty ticket history ID \[--limit N\] \[--json\]$' "$out" || tt_fail "ticket --help has no history form"
# -h, a subcommand's --help and `help COMMAND` say the same
for args in "ticket -h" "ticket new --help" "ticket show 5 --help" "help ticket"; do
	# shellcheck disable=SC2086
	LANG=C.UTF-8 LC_ALL=C.UTF-8 $T $args >"$out.2" || tt_fail "'$args' exits $?"
	cmp -s "$out" "$out.2" || tt_fail "'$args' differs from ticket --help: $(head -2 "$out.2")"
done
# an option stays whole with its value
LANG=C.UTF-8 LC_ALL=C.UTF-8 $T admin --help >"$out"
grep -q '\[--phone P\]' "$out" && grep -q '\[--account-rep "Name <email>"\]' "$out" ||
	tt_fail "admin --help breaks an option from its value: $(grep -A1 'contact add' "$out")"
LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 $T admin --help >"$out"
grep -q '^Uso: ticketty admin' "$out" && grep -q '\[--phone TELÉFONO\]' "$out" ||
	tt_fail "admin --help in Spanish: $(head -5 "$out")"

# a usage error: the message, then the forms within 80 columns, exit 64
LANG=C.UTF-8 LC_ALL=C.UTF-8 $T ticket frobnicate >"$out.2" 2>"$out"
[ $? -eq 64 ] || tt_fail "ticket frobnicate did not exit 64"
head -1 "$out" | grep -q "^ticketty: unknown ticket command 'frobnicate'" || tt_fail "ticket frobnicate says: $(head -1 "$out")"
fits "$out" "the usage of ticket frobnicate"
grep -q '^       ticketty ticket similar ' "$out" || tt_fail "the usage of ticket frobnicate lacks forms: $(cat "$out")"
LANG=C.UTF-8 LC_ALL=C.UTF-8 $T help frobnicate >/dev/null 2>"$out"
[ $? -eq 64 ] || tt_fail "help frobnicate did not exit 64"
grep -q "unknown command 'frobnicate'" "$out" || tt_fail "help frobnicate says: $(tail -1 "$out")"
exit 0
