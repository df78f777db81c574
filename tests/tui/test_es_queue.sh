#!/bin/sh
# The queue in es_ES.UTF-8 at 80x24: column titles, statuses, SLA
# countdowns, the status line, quick filters and the help screen (with Spanish
# key names) read in Spanish, nothing of the interface is left in English,
# and the longer Spanish phrases fit on their lines without wrapping.
TT_LANG=es_ES.UTF-8
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
# Wednesday 2026-11-18 10:00 in New York, the clock standing still
tt_clock '2026-11-18 15:00+00' frozen
tt_tickets 2 1 "Caída"
tt_tickets 3 3 "Lento"
tt_sql "UPDATE tickets SET status = 'waiting_customer' WHERE title = 'Lento 0002'"

tt_start
tt_wait_for 'Caída 0001'
tt_assert 'ticketty │ Cola'
tt_assert '\? ayuda'
tt_assert 'ID +GRAV +ANS +ESTADO +CLIENTE +ESC +TÍTULO'
# first responses due 1 h apart from now: the wall clock of severity 1,
# the business clock (New York opening hours) of severity 3
tt_assert '^ +1 1 Crít +! 1h +nuevo +Acme Media +Caída 0001'
tt_assert '^nuevo · ANS ! en riesgo 1 hora natural · Acme Media'
tt_assert '^ +3 3 Alta +! 1h +nuevo +Acme Media +Lento 0001'
tt_assert '^ +4 3 Alta +! 2h +esp\. cli\. +Acme Media +Lento 0002'
tt_assert '\[Cola\] todos los tickets abiertos'
# the interface says nothing in English (the customer's words are Spanish here)
tt_refute 'Queue|STATUS|CUSTOMER|TITLE|Critical|High|waiting on|all open tickets|help'

# quick filters in the status line
tt_keys u
tt_wait_for 'filtros: sin asignar'
tt_keys w
tt_wait_for 'filtros: sin asignar, en espera'
tt_assert 'Lento 0002'
tt_refute 'Caída 0001'
tt_keys C
tt_wait_for 'todos los tickets abiertos'

# a key that does nothing here is explained in Spanish
tt_keys z
tt_wait_for 'la tecla z no hace nada aquí'

# help: Spanish titles, actions and key names; each action on one line
tt_keys '?'
tt_wait_for 'Teclas de la vista Cola'
tt_assert 'alternar filtro: esperando al cliente o a ingeniería'
# the introduction flows as sentences, in the desk's words (issue 17): no
# line left with a word or two of a longer translation
tt_assert '^Tickets abiertos por gravedad, los relojes en marcha antes que los pausados,$'
tt_assert '^  luego el siguiente plazo en marcha; la columna ANS cuenta hacia atrás'
tt_refute '^ *luego el$|severidad|columna SLA'
tt_refute 'Keys of|toggle|Down'
# the queue's own keys fill the first screen; the shared ones follow
tt_keys NPage
tt_wait_for 'AvPág, C-f, Espacio +página siguiente'
tt_assert 'Teclas de todas las vistas'
tt_assert 'j, Abajo +bajar una línea'
tt_refute 'Keys of|toggle|Down'
tt_assert 'Intro.* +abrir el elemento seleccionado'
tt_refute 'PgDn|Enter'
tt_keys q
tt_wait_for 'Caída 0001'

# at 80 columns nothing is wider than the screen
width=$(tt_screen | LC_ALL=C.UTF-8 wc -L)
[ "$width" -le 80 ] || tt_fail "a line is $width cells wide"

# search results name the severity in Spanish, not "sev 3"
tt_keys F
tt_wait_for 'Buscar:'
tt_keys -l 'lento'
tt_keys Enter
tt_wait_for '#4  esperando al cliente  3 Alta  Acme Media  Lento 0002'
tt_refute ' sev '
tt_keys q
tt_wait_for 'Caída 0001'

# ui.language = "en" in the configuration wins over LANG
tt_keys Q
tt_wait_for 'tt-exit=0'
conf="${TMPDIR:-/tmp}/tt-es-queue-$$.conf"
printf 'ui: { language = "en"; };\n' > "$conf"
tt_keys "clear; exec_tt --config '$conf'" Enter
tt_wait_for 'Caída 0001'
tt_assert 'ticketty │ Queue'
tt_assert 'STATUS'
tt_keys Q
tt_wait_for 'tt-exit=0'
rm -f "$conf"
