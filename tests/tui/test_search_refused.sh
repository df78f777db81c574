#!/bin/sh
# A search refused for its text says why in one sentence at 80x24, in
# English and in Spanish: "the" alone is "the search text has no word to
# look for (only very common words such as "the")", "-blank" alone says
# it needs a word that must appear. Before, the status line said the
# refusal twice ("...has no word to look for; query: has no word to look
# for"), named the field "query" in English on a Spanish screen, and the
# 80 columns cut off the part that says why.
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 2 3 "Refused"

search() {
	tt_keys F
	tt_wait_for "$1"
	tt_keys C-u
	tt_keys -l -- "$2"
	tt_keys Enter
}

tt_start
tt_wait_for 'Refused 0002'
search 'Search:' 'the'
tt_wait_for '^the search text has no word to look for \(only very common words such as "the"\) *$'
tt_refute 'query'
search 'Search:' '-blank'
tt_wait_for '^the search text needs at least one word that must appear'
tt_refute 'query'
tt_keys Q
tt_wait_for 'tt-exit=0'

tt_keys "clear; (LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; export LANG LC_ALL; exec_tt)" Enter
tt_wait_for 'Refused 0002'
search 'Buscar:' 'the'
tt_wait_for '^la búsqueda no tiene ninguna palabra que buscar'
tt_refute 'query|the search text'
search 'Buscar:' '-blank'
tt_wait_for '^la búsqueda necesita al menos una palabra'
tt_refute 'query|the search text'
tt_keys Q
tt_wait_for 'tt-exit=0'
