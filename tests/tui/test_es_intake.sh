#!/bin/sh
# The intake form in es_ES.UTF-8 at 80x24: Spanish labels (from the
# database's English reference texts) that fit the label column, the
# refusals of an empty submit in place and in the status line, pickers that
# filter on the Spanish names, the account-representative refusal and the
# routing hint, the help screen, and a ticket filed entirely in Spanish.
TT_LANG=es_ES.UTF-8
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_sql "INSERT INTO contacts (customer_id, name, email, spoc)
        SELECT id, 'Nina Nospoc', 'nina@example.com', false FROM customers WHERE name = 'Acme Media'"
tt_start
tt_wait_for 'ticketty │ Cola'
tt_keys n
tt_wait_for 'ticketty │ Ticket nuevo'
tt_wait_for '^Cliente \*'
tt_assert '^Contacto solicitante \*'
tt_assert '^Tipo de solicitud \*'
tt_assert '^Motivo del caso \*'
tt_assert '^Cómo reproducirlo \*'
tt_assert 'escriba para filtrar, Intro para elegir'
tt_assert 'La cuenta para la que se abre el ticket\.'
# no label is cut: the column is wide enough for every Spanish label
tt_refute '^[^ ]+[^*]…'

# an empty submit: every refusal in place, the count in the status line
tt_keys C-s
tt_wait_for '13 campos necesitan corrección'
[ "$(tt_screen | grep -c '! es obligatorio')" -ge 5 ] || tt_fail "refusals not shown in place"
tt_refute 'is required|fields need attention'

# pickers filter on the Spanish names
intake_type "acme" 'Acme Media +prémium'
tt_keys Enter
# a contact who is not the customer's SPOC: marked in the picker, and the
# database's refusal arrives beside the field in Spanish
intake_type "nina" 'Nina Nospoc <nina@example.com> +\(contacto no autorizado\)'
tt_keys Enter
tt_keys C-s
tt_wait_for '! no es un punto único de contacto autorizado$'
tt_wait_for '11 campos necesitan corrección'   # the customer and its member ID are in
tt_keys C-a C-k
intake_type "carla" 'Carla Contact <carla'
tt_keys Enter
# a request type for the account representative is not a ticket
intake_type "factu" 'Facturación +→ representante de cuenta \(no es un ticket\)'
tt_wait_for 'No es un ticket: lo atiende el representante de cuenta del cliente'
tt_keys BSpace BSpace BSpace BSpace BSpace
intake_type "publica" 'Problema de publicación de anuncios +→ Servicios al Cli'
tt_wait_for 'Se envía a Servicios al Cliente\. Ejemplo: Las ubicaciones aparecen en blanco'
tt_keys Enter
intake_type "error" '^ +Error'
tt_keys Enter
intake_type "alta" '3 Alta'
tt_keys Enter
intake_type "Sin anuncios" 'Título \* +Sin anuncios'
tt_keys Enter
intake_type "Todas las ubicaciones salen en blanco desde las 9:00." 'en blanco desde las 9:00'
tt_keys Tab
intake_type "Se ha parado el gasto de todas las campañas" 'parado el gasto'
tt_keys Tab
intake_type "77, 78" 'ID de objetos \* +77, 78'
tt_keys Tab
tt_wait_for 'ID de miembro \* +1001 *$'   # Acme Media's own, filled in
tt_keys Tab Tab Tab
intake_type "1. abrir la página" '1. abrir la página'
tt_keys Tab
intake_type "Firefox 128.0" 'Firefox 128.0'
tt_keys Tab
intake_type "Linux 6.1" 'Linux 6.1'

# help for the form, in Spanish and within 80 columns
tt_keys F1
tt_wait_for 'Teclas de la vista Ticket nuevo'
tt_assert 'Los campos marcados con \* son obligatorios'
width=$(tt_screen | LC_ALL=C.UTF-8 wc -L)
[ "$width" -le 80 ] || tt_fail "a help line is $width cells wide"
# the keys follow the rules of the fields (580), a page down
tt_keys NPage
tt_wait_for 'enviar el ticket'
width=$(tt_screen | LC_ALL=C.UTF-8 wc -L)
[ "$width" -le 80 ] || tt_fail "a help line is $width cells wide"
tt_keys q
tt_wait_for 'Ticket nuevo'

tt_keys C-s
tt_wait_for 'ticket #[0-9]+ creado'
# the form holds the title too: wait for the queue's row itself
tt_wait_for ' 3 .* nuevo +Acme Media'
row=$(intake_val "SELECT t.title || '|' || tm.key || '|' || t.severity FROM tickets t JOIN teams tm ON tm.id = t.team_id")
[ "$row" = "Sin anuncios|client_services|3" ] || tt_fail "stored ticket is wrong: $row"
tt_keys Q
tt_wait_for 'tt-exit=0'
