#!/bin/sh
# The intake pickers ignore case and accents, as the CLI's search does:
# "nandu" finds the customer "Compañía Ñandú Publicidad" (filtered by the
# database), "publicacion" and "PUBLICACIÓN" find the request type
# "Problema de publicación de anuncios" (filtered in the client). Before,
# only ASCII letters were folded, and accents had to be typed as stored.
# A name stored decomposed (NFD: "Cafe" U+0301 "Zoe" U+0308) is found by
# "Café Zoë" typed composed, and a composed one by a decomposed "Compañía"
# (both sides are normalised to NFC before folding): before, only "cafe"
# found it.
TT_LANG=es_ES.UTF-8
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_sql "INSERT INTO customers (name, member_id, plan) VALUES ('Compañía Ñandú Publicidad', 1003, 'basic');
        INSERT INTO customers (name, member_id, plan) VALUES (E'Cafe\u0301 Zoe\u0308', 1004, 'basic');
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
tt_wait_for 'Zeta Ads'
# pick_customer TYPED ROW: types into the empty customer field, waits for
# the field to hold all of it, then for ROW (a list row, indented under
# the field) and for the other customers to be filtered out
pick_customer() {
	tt_keys -l "$1"
	tt_wait_for "^Cliente \\* +$1 *\$"
	tt_wait_for "^ +$2"
	tt_wait_gone 'Zeta Ads'
	tt_refute 'ninguna opción coincide'
	tt_keys C-u
	tt_wait_for 'Zeta Ads'
}
pick_customer 'Café Zoë' 'Caf.{1,2} Zo.{1,2} +básico'
pick_customer "$(printf 'Cafe\314\201 Zoe\314\210')" 'Caf.{1,2} Zo.{1,2} +básico'
pick_customer 'cafe zoe' 'Caf.{1,2} Zo.{1,2} +básico'
pick_customer "$(printf 'Compan\314\203i\314\201a')" 'Compañía Ñandú Publicidad'
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
