#!/bin/sh
# Re-triage to another customer at 80x24 (661): the customer field of the
# re-triage form takes another customer, which empties the contact (the
# old customer's cannot stay) and, the ticket's member ID being the old
# customer's own, puts the new one's in its place, saying so; sent so, the contact is refused in place,
# then a contact of the new customer who is no authorised single point of
# contact is refused saying so; a stale edit (the ticket changed
# meanwhile) is refused with everything typed kept, and the next send
# stores customer, contact, calendar and plan; the timeline says it, in
# English and in Spanish.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_sql "INSERT INTO contacts (customer_id, name, email, spoc)
        SELECT id, 'Zed Nospoc', 'zed@zeta.example', false FROM customers WHERE name = 'Zeta Ads'"
tt_tickets 1 3 "Blank"
id=$(tt_val "SELECT id FROM tickets")
zeta=$(tt_val "SELECT id FROM customers WHERE name = 'Zeta Ads'")
tt_start
tt_wait_for 'Blank 0001'
tt_keys Enter
tt_wait_for "^#$id +Blank 0001"

# the reason, then the customer (field 2 now stops): Zeta Ads
tt_keys E
tt_wait_for '^Reason for change \*'
tt_assert '^Customer \* +Acme Media'
tt_assert '^Requesting contact \* +Carla Contact'
tt_keys -l 'filed under the wrong customer'
tt_keys Tab
tt_wait_for 'field 2/16'
tt_keys C-u
tt_keys -l 'zeta'
tt_wait_for 'Zeta Ads'
tt_keys Enter
tt_wait_for '^Customer \* +Zeta Ads'
tt_refute '^Requesting contact \* +Carla Contact'
tt_wait_for '^Member ID \* +1002 *$'
tt_assert 'member ID from Zeta Ads'

# sent without a contact: refused on the contact, nothing stored
tt_keys C-s
tt_wait_for '! is required'
[ "$(tt_val "SELECT (SELECT name FROM customers c WHERE c.id = customer_id) || ' ' || version FROM tickets")" = "Acme Media 1" ] ||
	tt_fail "a re-triage without a contact was stored"
tt_assert '^Customer \* +Zeta Ads'
tt_assert '^Reason for change \* +filed under the wrong customer'

# Zeta's contact who is no single point of contact: refused saying so
tt_keys C-u
tt_keys -l 'zed'
tt_wait_for 'Zed Nospoc'
tt_keys Enter
tt_wait_for '^Requesting contact \* +Zed Nospoc'
tt_keys C-s
tt_wait_for '! is not an authorised single point of contact'
[ "$(tt_val "SELECT version FROM tickets")" = "1" ] || tt_fail "a contact who is no SPOC was stored"

# meanwhile someone else changes the ticket: the send is refused as stale
# and the form keeps what was typed; the next send applies it
tt_sql "UPDATE tickets SET impact = 'i2', version = version + 1"
tt_keys C-u
tt_keys -l 'carla'
tt_wait_for "carla$zeta@example.com"
tt_keys Enter
tt_wait_for "^Requesting contact \* +Carla Contact <carla$zeta@example.com>"
tt_keys C-s
tt_wait_for 'your changes are kept'
tt_assert '^Customer \* +Zeta Ads'
tt_assert "^Requesting contact \* +Carla Contact <carla$zeta@example.com>"
tt_assert '^Reason for change \* +filed under the wrong customer'
[ "$(tt_val "SELECT (SELECT name FROM customers c WHERE c.id = customer_id) || ' ' || version FROM tickets")" = "Acme Media 2" ] ||
	tt_fail "a stale re-triage was stored"
tt_keys C-s
tt_wait_for "ticket #$id re-triaged$"
row=$(tt_val "SELECT c.name || '|' || k.email || '|' || t.plan || '|' || t.impact || '|' || t.member_id
                FROM tickets t JOIN customers c ON c.id = t.customer_id JOIN contacts k ON k.id = t.contact_id")
[ "$row" = "Zeta Ads|carla$zeta@example.com|basic|i2|1002" ] || tt_fail "stored: $row"

# the timeline says it in words, in English and in Spanish
tt_wait_for "^#$id +Blank 0001"
tt_keys G
tt_wait_for 'corrected the triage \(Customer: Acme Media → Zeta Ads;'
tt_keys Q
tt_wait_for 'tt-exit=0'
tt_keys "export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; clear; exec_tt" Enter
tt_wait_for 'Blank 0001'
tt_keys Enter
tt_wait_for "^#$id +Blank 0001"
tt_keys G
tt_wait_for 'corrigió la clasificación \(Cliente: Acme Media → Zeta$'
tt_assert '^ +Ads; Contacto solicitante: Carla Contact$'
tt_keys Q
tt_wait_for 'tt-exit=0'
