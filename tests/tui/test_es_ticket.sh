#!/bin/sh
# The ticket view in es_ES.UTF-8 at 80x24: Spanish labels lined up in
# cells, reference data from the database in Spanish, dates with Spanish
# day and month names on a 24-hour clock, countdowns, the status prompt
# that takes a state's Spanish name, and the database's refusal of a
# transition in Spanish with the states translated inside it.
TT_LANG=es_ES.UTF-8
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
# the database's clock stands at a stated instant (never the machine's
# date): the first response is due 20 s later, and is acknowledged late
tt_sql "INSERT INTO clock_pin (pinned_at, set_at, frozen) VALUES ('2026-11-23 16:00:10+00', now(), true)"
tt_sql "
INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity,
                     title, description, impact, object_ids, member_id, repro_steps, browser, os,
                     phone, calendar_id, plan, created_at, first_response_due, resolution_due)
SELECT c.id, ct.id, rt.id, rt.team_id, 1, 2, 'Blanco 0001', 'd', 'i', '{42}', 1001, 'r',
       'Firefox 128', 'Linux 6', '+1 555 0100', c.calendar_id, c.plan, '2026-11-23 16:00+00',
       '2026-11-23 16:00:30+00', '2026-12-03 16:00+00'
  FROM customers c
  JOIN contacts ct ON ct.customer_id = c.id
  JOIN request_types rt ON rt.key = 'ad_serving'
 WHERE c.name = 'Acme Media';"
tt_start
tt_wait_for 'Blanco 0001'
tt_keys Enter
tt_wait_for 'ticketty │ Ticket'
tt_assert 'nuevo · 2 Urgente · ANS en plazo · versión 1'
tt_assert '^Cliente +Acme Media \(prémium\)'
tt_assert '^Tipo de solicitud +Problema de publicación de anuncios'
tt_assert '^Equipo +Servicios al Cliente'
tt_assert '^Motivo del caso +Error'
tt_assert '^Asignado a +\(sin asignar\)'
# 16:00 UTC on Monday 23 November 2026 (the tests run with TZ=UTC)
tt_assert '^Creado +lun 23 nov 2026 16:00$'
tt_assert '^Plazos'
tt_assert '^Primera respuesta +vence (lun|mar|mié|jue|vie|sáb|dom) [0-9]{1,2} (ene|feb|mar|abr|may|jun|jul|ago|sep|oct|nov|dic) [0-9]{4} [0-2][0-9]:[0-5][0-9] · en '
# values start in the same column whatever the accents in the labels
col_a=$(tt_screen | grep '^Resolución ' | sed 's/vence.*//' | LC_ALL=C.UTF-8 wc -m)
col_b=$(tt_screen | grep '^Primera respuesta ' | sed 's/vence.*//' | LC_ALL=C.UTF-8 wc -m)
[ "$col_a" = "$col_b" ] || tt_fail "deadline values not aligned ($col_a vs $col_b)"
tt_refute 'Customer|Request type|Deadlines|due |AM|PM'

# a state typed in Spanish; the refusal comes back in Spanish, states included
tt_keys s
tt_wait_for 'Nuevo estado'
tt_keys -l 'Esperando al cliente'
tt_keys Enter
tt_wait_for 'ticket 1: no se permite pasar de nuevo a esperando al cliente'
tt_keys t
tt_wait_for 'el ticket es suyo'
tt_sql "UPDATE tickets SET status = 'acknowledged', acknowledged_at = created_at + interval '1 minute',
               version = version + 1"
tt_keys R
tt_wait_for 'confirmado · 2 Urgente'
tt_keys s
tt_wait_for 'Nuevo estado'
tt_keys -l 'en curso'
tt_keys Enter
tt_wait_for 'el estado ahora es en curso'
tt_wait_for 'en curso · 2 Urgente'
# the first response was met late: its own line, with the outcome
tt_assert '^ {21}confirmado lun 23 nov 2026 16:01 · incumplido$'
state=$(psql -qXAt -d "$TT_DB" -c "SELECT status FROM ticketty.tickets")
[ "$state" = "in_progress" ] || tt_fail "status is $state"
width=$(tt_screen | LC_ALL=C.UTF-8 wc -L)
[ "$width" -le 80 ] || tt_fail "a line is $width cells wide"
tt_keys Q
tt_wait_for 'tt-exit=0'
