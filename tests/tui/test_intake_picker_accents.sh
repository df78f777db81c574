#!/bin/sh
# The intake pickers ignore case and accents, as the CLI's search does:
# "nandu" finds the customer "Compañía Ñandú Publicidad" (filtered by the
# database), "publicacion" and "PUBLICACIÓN" find the request type
# "Problema de publicación de anuncios" (filtered in the client). Before,
# only ASCII letters were folded, and accents had to be typed as stored.
TT_LANG=es_ES.UTF-8
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_sql "INSERT INTO customers (name, member_id, plan) VALUES ('Compañía Ñandú Publicidad', 1003, 'basic');
        INSERT INTO contacts (customer_id, name, email, spoc)
        SELECT id, 'Nora Ñandú', 'nora@example.com', true FROM customers WHERE member_id = 1003"
tt_start
tt_wait_for 'ticketty │ Cola'
tt_keys n
tt_wait_for '^Cliente \*'
tt_wait_for 'Zeta Ads'
intake_type "nandu" 'Compañía Ñandú Publicidad'
tt_wait_gone 'Zeta Ads'
tt_refute 'ninguna opción coincide'
tt_keys C-u
intake_type "COMPANIA ñand" 'Compañía Ñandú Publicidad'
tt_keys Enter
tt_wait_for 'Nora Ñandú <nora@example.com>'
tt_keys Enter
tt_wait_for '^Tipo de solicitud \*'
for typed in publicacion 'PUBLICACIÓN'; do
	intake_type "$typed" 'Problema de publicación de anuncios'
	tt_refute 'ninguna opción coincide'
	tt_keys C-u
	tt_wait_for 'Antipublicidad|Anti-malvertising|Facturación'
done
tt_keys Escape   # the list closes
tt_wait_gone 'Problema de publicación'
tt_keys Escape
tt_wait_for 'Conservar el borrador|borrador'
tt_keys n   # one key answers
tt_wait_for 'ticketty │ Cola'
tt_keys Q
tt_wait_for 'tt-exit=0'
