#!/bin/sh
# The ticket view in es_ES.UTF-8 at 80x24: Spanish labels lined up in
# cells, reference data from the database in Spanish, dates with Spanish
# day and month names on a 24-hour clock, countdowns, the status prompt
# that takes a state's Spanish name, and the database's refusal of a
# transition in Spanish with the states translated inside it.
#
# Stated instants (frozen clock, New York business calendar 09:00-18:00):
# created Monday 2026-11-23 16:00 UTC (11:00 in New York), premium
# severity 2: first response due 2 business hours later (18:00 UTC),
# resolution one business day later (Tuesday 16:00 UTC); acknowledged at
# 18:01 UTC, one minute late.
TT_LANG=es_ES.UTF-8
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-23 16:00+00' frozen
tt_ticket_at 2 'Blanco 0001' '2026-11-23 16:00+00'
tt_start
tt_wait_for 'Blanco 0001'
tt_keys Enter
tt_wait_for 'ticketty │ Ticket'
# the title bar paints before the ticket is read: wait for the ticket
tt_wait_for 'nuevo · 2 Urgente · ANS en plazo *$'
tt_wait_for '^Descripción'
# how much of the ticket is in sight, as Spanish writes a percentage
tt_assert '#[0-9]+ +nuevo +[0-9]+ %'
# the optimistic-locking counter is not shown
tt_refute 'versión [0-9]| v[0-9]+ '
tt_refute '[0-9]%'
tt_assert '^Cliente +Acme Media \(prémium\)'
tt_assert '^Tipo de solicitud +Problema de publicación de anuncios'
tt_assert '^Equipo +Servicios al Cliente'
tt_assert '^Motivo del caso +Error'
tt_assert '^Asignado a +\(sin asignar\)'
# 16:00 UTC on Monday 23 November 2026, in the desk's zone (New York)
tt_assert '^Creado +lun 23 nov 2026 11:00 EST$'
tt_assert '^Plazos'
tt_assert '^Primera respuesta +vence lun 23 nov 13:00 EST · en 2 horas hábiles$'
tt_assert '^Resolución +vence mar 24 nov 11:00 EST · en 1 día hábil$'
# values start in the same column whatever the accents in the labels
col_a=$(tt_screen | grep '^Resolución ' | sed 's/vence.*//' | LC_ALL=C.UTF-8 wc -m)
col_b=$(tt_screen | grep '^Primera respuesta ' | sed 's/vence.*//' | LC_ALL=C.UTF-8 wc -m)
[ "$col_a" = "$col_b" ] || tt_fail "deadline values not aligned ($col_a vs $col_b)"
tt_refute 'Customer|Request type|Deadlines|due |AM|PM'

# a state typed in Spanish; the refusal names it in Spanish
tt_keys s
tt_wait_for 'Nuevo estado'
tt_keys -l 'Esperando al cliente'
tt_keys Enter
# not among the changes the database allows now: the list says so in
# Spanish, and Enter takes nothing
tt_wait_for 'ninguna opción coincide con lo escrito'
tt_keys Escape
tt_wait_gone 'Nuevo estado'
tt_keys t
tt_wait_for 'el ticket es suyo'
# the view's help reads as one paragraph: no sentence of the translation
# is split after its colon ("se conserva:" / "pulse la tecla de nuevo.")
tt_keys '?'
tt_wait_for 'Las respuestas y notas se escriben en'
tt_wait_for 'conserva: pulse'
tt_refute '^pulse la tecla de nuevo'
tt_keys q
tt_wait_for 'ticketty │ Ticket'
tt_keys Q
tt_wait_for 'tt-exit=0'

# 18:01: the first response is one minute late
tt_clock '2026-11-23 18:01+00' frozen
tt_sql "UPDATE tickets SET status = 'acknowledged', acknowledged_at = '2026-11-23 18:01+00',
               version = version + 1"
tt_keys "clear; exec_tt" Enter
tt_wait_for 'Blanco 0001'
tt_keys Enter
tt_wait_for 'confirmado · 2 Urgente'
tt_keys s
tt_wait_for 'Nuevo estado'
tt_keys -l 'en curso'
tt_keys Enter
tt_wait_for 'el estado ahora es en curso'
tt_wait_for 'en curso · 2 Urgente'
# the first response was met late: its own line, with the outcome
tt_assert '^Primera respuesta +vence lun 23 nov 13:00 EST$'
tt_assert '^ {22}confirmado lun 23 nov 13:01 EST · incumplido$'
tt_assert '^Resolución +vence mar 24 nov 11:00 EST · en 6 h 59 min hábiles$'
state=$(psql -qXAt -d "$TT_DB" -c "SELECT status || ' ' || first_response_outcome FROM ticketty.tickets")
[ "$state" = "in_progress missed" ] || tt_fail "status and first response are $state"
width=$(tt_screen | LC_ALL=C.UTF-8 wc -L)
[ "$width" -le 80 ] || tt_fail "a line is $width cells wide"
tt_keys Q
tt_wait_for 'tt-exit=0'
