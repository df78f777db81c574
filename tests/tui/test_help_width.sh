#!/bin/sh
# `ticketty --help` fits an 80-column terminal in English and in Spanish
# (and under LANG=C): long usage lines and summaries wrap at word
# boundaries with a hanging indent (a word longer than the line after
# one of its '|'), nothing of them lost.
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
out="${TMPDIR:-/tmp}/tt-help-$$"
trap 'rm -f "$out"; tt_cleanup' EXIT
for lang in C.UTF-8 es_ES.UTF-8 C; do
	LANG=$lang LC_ALL=$lang "$TICKETTY_BIN" --help >"$out" 2>&1 || tt_fail "--help failed under $lang"
	# display cells, counted in a UTF-8 locale
	widest=$(LC_ALL=C.UTF-8 wc -L <"$out")
	[ "$widest" -le 80 ] || tt_fail "--help under $lang is $widest columns wide: $(LC_ALL=C.UTF-8 awk 'length > 80' "$out" | head -3)"
	# the longest usage still says every alternative, once the lines are joined
	tr '\n' ' ' <"$out" | tr -s ' ' | grep -q 'admin template show|set \.\.\.' ||
		tt_fail "--help under $lang lost the end of the admin usage"
	# a usage word longer than the line breaks after one of its '|', never
	# inside a name ("reopen|lin" / "k|unlink")
	grep -q 'reopen|link|unlink' "$out" || grep -q 'reopen|$' "$out" || grep -q 'link|$' "$out" ||
		tt_fail "--help under $lang breaks the ticket usage inside a word: $(grep -A1 'reopen' "$out" | head -2)"
	[ "$(grep -c '^  ticketty ' "$out")" -ge 10 ] || tt_fail "--help under $lang lists too few commands"
done
LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 "$TICKETTY_BIN" --help | grep -q '^Órdenes:\|^Comandos:' ||
	tt_fail "--help is not in Spanish under es_ES.UTF-8"
exit 0
