#!/bin/sh
# The Spanish help names Enter as its key column does, "Intro": the search
# and the customer's other tickets said "Enter abre ...", a key no
# Spanish help line lists.
TT_LANG=es_ES.UTF-8
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_tickets 2 3 "Intro"
tt_start
tt_wait_for 'Intro 0002'
# the search's help
tt_keys F
tt_wait_for '^Buscar:'
tt_keys -l 'Intro'
tt_keys Enter
tt_wait_for 'ticketty │ Búsqueda'
tt_keys '?'
tt_wait_for 'Teclas de la vista Búsqueda'
tt_wait_for 'Intro abre un ticket\.'
tt_refute 'Enter abre'
tt_assert '^  Intro, IntroNum'
# the customer's other tickets' help, from a ticket
tt_keys q
tt_wait_gone 'Teclas de la vista'
tt_keys Enter
tt_wait_for '^#[0-9]+ +Intro 000'
tt_keys h
tt_wait_for 'ticketty │ '
tt_keys '?'
tt_wait_for 'Intro abre uno\.'
tt_refute 'Enter abre'
tt_keys Q
tt_wait_for 'tt-exit=0'
