#!/bin/sh
# Leaving the intake form asks "Keep the draft for later? [Y/n]" and one
# key answers it: y (s in Spanish) or Enter keeps, n discards, Esc goes
# back to the form; any other key is ignored and nothing is typed into
# the question. Before, the question took free text and any answer but
# n was a yes: M-b in a field (tmux sends Esc, then b) opened it with "b"
# typed in. In English, then in Spanish ([S/n]).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
q='Keep the draft for later\? \[Y/n\]'

tt_start
tt_wait_for '\[Queue\]'
tt_keys n
tt_wait_for 'New ticket'
# the title, a field of plain text (no choices for Esc to close first)
tt_keys Tab Tab Tab Tab Tab
tt_wait_for 'field 6/15'
intake_type "Banner blank" 'Title \* +Banner blank'
# Esc, then b (what M-b sends when the two bytes come apart): Esc asks,
# the b is no answer and is not typed, nor are x, 1 or Space; n alone
# discards
tt_keys Escape
tt_wait_for "^$q *$"
tt_keys b x 1 Space n
tt_wait_for 'draft discarded'
tt_wait_for '\[Queue\]'
[ -z "$(ls "$TT_DRAFTS" 2>/dev/null)" ] || tt_fail "the discarded draft is still on disk"
# Esc: back to the form, the text as it was
tt_keys n
tt_wait_for 'New ticket'
tt_keys Tab Tab Tab Tab Tab
tt_wait_for 'field 6/15'
intake_type "Banner blank" 'Title \* +Banner blank'
tt_keys Escape
tt_wait_for "^$q *$"
tt_keys Escape
tt_wait_gone "$q"
tt_assert '^Title \* +Banner blank *$'
tt_refute '\[Queue\]'
# Enter keeps (the default), as y does
tt_keys Escape
tt_wait_for "^$q *$"
tt_keys Enter
tt_wait_for 'draft kept: n brings it back'
[ -n "$(ls "$TT_DRAFTS" 2>/dev/null)" ] || tt_fail "the kept draft is not on disk"
tt_keys n
tt_wait_for 'restored the unsent draft'
tt_keys Escape
tt_wait_for "^$q *$"
tt_keys y
tt_wait_for 'draft kept: n brings it back'
tt_keys Q
tt_wait_for 'tt-exit=0'

# in Spanish: s keeps, N discards
q='¿Guardar el borrador para más tarde\? \[S/n\]'
tt_keys "export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; clear; exec_tt" Enter
tt_wait_for '\[Cola\]'
tt_keys n
tt_wait_for 'borrador .* recuperado'
tt_keys Escape
tt_wait_for "^$q *$"
tt_keys b x s
tt_wait_for 'borrador guardado: n lo recupera'
tt_keys n
tt_wait_for 'borrador .* recuperado'
tt_keys Escape
tt_wait_for "^$q *$"
tt_keys N
tt_wait_for 'borrador descartado'
[ -z "$(ls "$TT_DRAFTS" 2>/dev/null)" ] || tt_fail "the discarded draft is still on disk"
tt_keys Q
tt_wait_for 'tt-exit=0'
