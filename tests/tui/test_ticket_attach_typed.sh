#!/bin/sh
# The file prompt (A) keeps a mistyped path, at 80x24, in English and in
# Spanish: a path that is no file is refused with the error on the status
# line (readable, no prompt over it); the next A offers the path typed
# again, to correct it (Ctrl-U, Backspace) rather than to type it all
# anew; once a file is taken, or the answer is empty, the prompt starts
# empty. Before, the second A showed an empty prompt: the path was lost.
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-23 17:00+00' frozen
tt_ticket_at 2 'Files 0001' '2026-11-23 16:00+00'

dir=$(mktemp -d "${TMPDIR:-/tmp}/tt-attach-typed.XXXXXX")
printf 'placement,impressions\n4313526,0\n' > "$dir/placements.csv"
trap 'rm -rf "$dir"; tt_cleanup' EXIT

# $1 the prompt's words, $2 the error's, $3 the words of a file taken
check_prompt() {
	tt_keys Enter
	tt_wait_for '^#[0-9]+ +Files 0001'
	tt_keys A
	tt_wait_for "$1"
	tt_keys -l "$dir/placement.csv"
	tt_keys Enter
	tt_wait_for "placement\\.csv: $2"
	tt_refute "$1"
	# the path typed is offered again, the cursor at its end
	tt_keys A
	tt_wait_for "$1.*placement\\.csv *\$"
	tt_keys BSpace BSpace BSpace BSpace
	tt_keys -l 's.csv'
	tt_keys Enter
	tt_wait_for "placements\\.csv \\(32 bytes\\) $3"
	# a file taken: the next prompt starts empty
	tt_keys A
	tt_wait_for "$1 *\$"
	tt_keys Escape
	tt_wait_gone "$1"
}

tt_start
tt_wait_for 'Files 0001'
check_prompt 'File for your next message, public or a note \(empty: none\):' \
	'No such file or directory' 'goes with your next message'
tt_keys Q
tt_wait_for 'tt-exit=0'

tt_keys "export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; clear; exec_tt" Enter
tt_wait_for 'Files 0001'
check_prompt 'Archivo para su próximo mensaje, público o nota \(vacío: ninguno\):' \
	'[^ ].*' 'irá con su próximo mensaje'
tt_keys Q
tt_wait_for 'tt-exit=0'
