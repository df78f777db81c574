#!/bin/sh
# The help's key column is as wide as the view's widest key list, so
# every text starts in the same column: in Spanish "AvPág, C-f, Espacio"
# (19 cells) no longer starts its text one column right of the others,
# as it did with the fixed 18 cells; in English the column is no wider
# than "PgDn, C-f, Space" needs. Both sections (the view's keys and
# every view's) share the column.
TT_ROWS=60   # the whole help on one screen
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_tickets 1 3 "Columns"

tt_start
tt_wait_for 'Columns 0001'
tt_keys '?'
tt_wait_for 'Keys of the Queue view'
# the widest list and the others: one column, two spaces plus 16 cells
tt_assert '^  PgDn, C-f, Space next page$'
tt_assert '^  j, Down {10}move down one line$'
tt_assert '^  m {16}toggle filter: assigned to me$'
# the line of q fits the 80 columns now
tt_assert '^  q, Esc {11}back to the previous view; on the first view, quit \(not Esc\)$'
tt_keys q
tt_wait_gone 'Keys of every view'
tt_keys Q
tt_wait_for 'tt-exit=0'

# in Spanish: 19 cells
tt_keys "export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; clear; exec_tt" Enter
tt_wait_for 'Columns 0001'
tt_keys '?'
tt_wait_for 'Teclas de la vista Cola'
tt_assert '^  AvPág, C-f, Espacio página siguiente$'
tt_assert '^  j, Abajo {12}bajar una línea$'
tt_assert '^  m {19}'
# every text starts in the same column (the key rows follow the
# introduction's blank line): no key row is left of it
rows=$(tt_screen | sed '1,/^$/d' | grep -E '^  [^ ]' | grep -Ev '^  .{19} [^ ]' | grep -v '^  AvPág' || true)
[ -z "$rows" ] || tt_fail "key rows out of the column: $rows"
# and no line is wider than the screen
width=$(tt_screen | LC_ALL=C.UTF-8 wc -L)
[ "$width" -le 80 ] || tt_fail "a help line is $width cells wide"
tt_keys q
tt_wait_gone 'Teclas de todas las vistas'
tt_keys Q
tt_wait_for 'tt-exit=0'
