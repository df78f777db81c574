#!/bin/sh
# Re-triage in es_ES.UTF-8 at 80x24: E opens the form titled in Spanish,
# prefilled with the ticket's Spanish reference data; sending with no
# change, then with no reason, is refused in Spanish and nothing is
# stored; an account-representative request type is refused in Spanish on
# its field, naming the representative; a new severity and request type
# are then stored with the reason audited, and the ticket view shows them
# in Spanish.
TT_LANG=es_ES.UTF-8
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/retriage_lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_sql "UPDATE customers SET account_rep_name = 'Rita Rep', account_rep_email = 'rita@example.com'
         WHERE name = 'Acme Media'"
tt_tickets 1 3 "Blanco"
id=$(tt_val "SELECT id FROM tickets")
tt_start
tt_wait_for 'Blanco 0001'
tt_keys Enter
tt_wait_for "^#$id +Blanco 0001"

tt_keys E
tt_wait_for "ticketty │ Reclasificar"
tt_wait_for '^Motivo del cambio \*'
tt_assert '^Cliente \* +Acme Media'
tt_assert '^Tipo de solicitud \* +Problema de publicación de anuncios'
tt_assert '^Gravedad \* +3 Alta'
tt_assert '^Título \* +Blanco 0001'
tt_assert "campo 1/16 · #$id · 0 campos cambiados"

# nothing changed
tt_keys C-s
tt_wait_for 'nada ha cambiado'

# severity 2, sent without a reason: refused on the reason, nothing stored
tt_keys Tab Tab Tab Tab Tab
tt_wait_for 'campo 6/16'
tt_keys C-u
tt_keys -l 'urg'
tt_wait_for '2 Urgente'
tt_keys Enter
tt_wait_for '1 campo cambiado'
tt_keys C-s
tt_wait_for '! es obligatorio'
tt_wait_for '1 campo necesita corrección'
[ "$(tt_val "SELECT severity || ' ' || version FROM tickets")" = "3 1" ] ||
	tt_fail "a re-triage without a reason was stored"
tt_assert '^Gravedad \* +2 Urgente'

# the reason, then billing: refused on the request type, in Spanish,
# naming the representative; what was typed stays
tt_keys -l 'el cliente confirmó la caída'
tt_keys Tab Tab Tab
tt_wait_for 'campo 4/16'
tt_keys C-u
tt_keys -l 'factur'
tt_wait_for 'Facturación +→ '
tt_keys Enter
tt_keys C-s
tt_wait_for '^Tipo de solicitud \* +Facturación'
tt_wait_for '! corresponde al representante de cuenta'
tt_wait_for 'Rita Rep'
tt_assert '^Motivo del cambio \* +el cliente confirmó la caída'
tt_assert '^Gravedad \* +2 Urgente'
[ "$(tt_val "SELECT severity || ' ' || version FROM tickets")" = "3 1" ] ||
	tt_fail "a refused re-triage was stored"

# another team's request type: stored, team moved, reason audited
tt_keys C-u
tt_keys -l 'auditor'
tt_wait_for 'Auditoría de creatividades +→ Calidad de Anuncios'
tt_keys Enter
tt_wait_for '2 campos cambiados'
tt_keys C-s
tt_wait_for "ticket #$id reclasificado$"
tt_refute "versión [0-9]"
tt_wait_for "^#$id +Blanco 0001"
retriage_assert_stored 'el cliente confirmó la caída'
tt_wait_for '2 Urgente'
tt_wait_for 'Calidad de Anuncios'
tt_keys Q
tt_wait_for 'tt-exit=0'
