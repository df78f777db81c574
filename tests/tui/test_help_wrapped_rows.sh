#!/bin/sh
# A key's description too long for its line at 80 columns goes on under
# its own text, not four cells in under the keys: in the escalations
# view's help "h  hand the escalation to another agent of its level (asks
# for a" continues with "reason)" in the description column (before, at
# column 4, where it read as a key of its own), in English and in Spanish
# ("traspasar ... (pide un" / "motivo)"), and again after the terminal
# is made narrower while the help is open (70 columns).
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_tickets 1 3 "Wrapped"

tt_start
tt_wait_for 'Wrapped 0001'
tt_keys 2
tt_wait_for '\[Escalations\]'
tt_keys '?'
tt_wait_for 'Keys of the Escalations view'
# the key column: two spaces and "PgDn, C-f, Space" (16 cells), a space
h=$(tt_line_of '^  h {16}hand the escalation to another agent of its level \(asks for a$')
[ -n "$h" ] || tt_fail "the row of h is not on the screen"
tt_wait_line $((h + 1)) '^ {19}reason\)$'
tt_keys q
tt_keys Q
tt_wait_for 'tt-exit=0'

tt_keys "export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; clear; exec_tt" Enter
tt_wait_for 'Wrapped 0001'
tt_keys 2
tt_wait_for '\[Escalados\]'
tt_keys '?'
tt_wait_for 'Teclas de la vista Escalados'
# "AvPág, C-f, Espacio": 19 cells
h=$(tt_line_of '^  h {19}traspasar el escalado a otro agente de su nivel \(pide un$')
[ -n "$h" ] || tt_fail "the row of h is not on the Spanish screen"
tt_wait_line $((h + 1)) '^ {22}motivo\)$'
l=$(tt_line_of '^  l {19}todos los niveles; luego solo Dir\. General, Operaciones,$')
[ -n "$l" ] || tt_fail "the row of l is not on the Spanish screen"
tt_wait_line $((l + 1)) '^ {22}Resp\. Éxito$'
# narrower: the text wraps again, still under itself
tt_resize 70 30
# the repaint after the resize comes in pieces: wait for the rows of l
# and h both in their new shape before reading where h is
tt_wait_for '^ {22}Operaciones, Resp\. Éxito$'
tt_wait_for '^ {22}\(pide un motivo\)$'
tt_wait_for '^  h {19}traspasar el escalado a otro agente de su nivel$'
h=$(tt_line_of '^  h {19}traspasar el escalado a otro agente de su nivel$')
tt_wait_line $((h + 1)) '^ {22}\(pide un motivo\)$'
tt_keys q
tt_keys Q
tt_wait_for 'tt-exit=0'
