#!/bin/sh
# Intake pickers and conditional fields: the contact list holds only the
# chosen customer's contacts, request types show the team they route to
# and account-representative types are marked (and refused in place with
# the reason), severity 1 brings up the emergency phone, a UI-related type
# brings up the screenshots; readline keys edit by character.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_start
tt_wait_for 'ticketty'
tt_keys n
tt_wait_for 'Customer \*'
# every customer is offered; typing filters
tt_wait_for 'Zeta Ads'
intake_type "acme" 'Acme Media +premium'
tt_wait_gone 'Zeta Ads'
tt_keys Enter
# only Acme's contact: carla1, not Zeta's carla2
tt_wait_for 'Carla Contact <carla[0-9]+@example.com>'
acme=$(intake_val "SELECT email FROM contacts c JOIN customers u ON u.id = c.customer_id WHERE u.name = 'Acme Media'")
tt_assert "$acme"
zeta=$(intake_val "SELECT email FROM contacts c JOIN customers u ON u.id = c.customer_id WHERE u.name = 'Zeta Ads'")
tt_refute "$zeta"
tt_keys Enter
# request types: the team each routes to; account-rep types marked as such
tt_wait_for 'Anti-malvertising +→ Anti-Malvertising'
intake_type "billing" 'Billing +→ account representative \(not a ticket\)'
tt_wait_for 'Not a ticket'
tt_keys Enter
tt_wait_for 'Billing +→ account representative'
tt_keys C-s
tt_wait_for 'goes to the account representative'
# the cursor went to the refused field: change it to a UI-related type,
# and the screenshots field appears
tt_keys C-u
intake_type "ui/api" 'UI/API bug or product issue +→ Client Services'
tt_keys Enter
# 16 fields now (the screenshots, further down the form)
tt_wait_for 'field 4/16'
# severity 1: the definition shows as help, the phone field appears
tt_keys Tab
tt_wait_for 'field 5/16'
intake_type "crit" '1 Critical'
tt_wait_for 'no workaround'
tt_keys Enter
tt_wait_for 'field 6/17'
# readline keys: a character per keystroke, wide characters included
intake_type "日本語 title" 'Title \* +日本語 title'
tt_keys C-a C-f C-d
tt_wait_for 'Title \* +日語 title'
tt_keys C-e C-w
tt_wait_for 'Title \* +日語 *$'
tt_keys C-y C-y
tt_wait_for 'Title \* +日語 titletitle'
tt_keys C-u
tt_wait_gone 'titletitle'
# the phone and screenshot fields are at the end of the form
tt_keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
tt_wait_for 'field 17/17'
tt_assert 'Screenshots \*'
tt_assert 'Emergency phone \*'
tt_keys Escape
tt_wait_for 'Keep the draft'
tt_keys n   # one key answers
tt_wait_for 'draft discarded'
tt_keys Q
tt_wait_for 'tt-exit=0'
