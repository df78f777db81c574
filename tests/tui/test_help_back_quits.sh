#!/bin/sh
# q on the first view (the queue) quits at once, as in less or mutt, and
# Esc there does not; the help of q says so, in English and in Spanish.
# Before, it read "close this view, back to the previous one" only.
TT_ROWS=60   # the whole help on one screen
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_tickets 1 3 "Quitting"

# the help's lines as one text (a long line wraps in the pager)
help_text() {
	tt_screen | tr -s ' \n' '  '
}

tt_start
tt_wait_for 'Quitting 0001'
tt_keys '?'
tt_wait_for 'Keys of the Queue view'
tt_wait_for 'Keys of every view'
case "$(help_text)" in
*" q, Esc back to the previous view; on the first view, quit (not Esc) "*) ;;
*) tt_fail "the help of q does not say that it quits on the first view" ;;
esac
tt_keys q
tt_wait_gone 'Keys of every view'
tt_wait_for '\[Queue\]'
# Esc on the first view stays, q quits
tt_keys Escape
tt_keys j
tt_wait_for '\[Queue\]'
tt_refute 'tt-exit='
tt_keys q
tt_wait_for 'tt-exit=0'

# in Spanish
tt_keys "export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; clear; exec_tt" Enter
tt_wait_for 'Quitting 0001'
tt_keys '?'
tt_wait_for 'Teclas de la vista Cola'
tt_wait_for 'Teclas de todas las vistas'
case "$(help_text)" in
*" q, Esc volver a la vista anterior; en la primera, salir (Esc no) "*) ;;
*) tt_fail "la ayuda de q no dice que sale en la primera vista" ;;
esac
tt_keys q
tt_wait_gone 'Teclas de todas las vistas'
tt_keys q
tt_wait_for 'tt-exit=0'
