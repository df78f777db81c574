#!/bin/sh
# The inbox (`3`): a mail fed through `ticketty mail receive` appears live
# (NOTIFY) with its sender, customer, subject and the names of its files;
# Enter opens the intake form filled in from it (customer, contact, title,
# description, the image as screenshot, the customer's member ID);
# filling in the rest and submitting creates the ticket and accepts the
# mail, which leaves the inbox.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"
. "$(dirname "$0")/inbox_lib.sh"

inbox_fixture
tt_start
tt_wait_for 'ticketty'
tt_keys 3
tt_wait_for 'the inbox is empty'
tt_assert 'RECEIVED +FROM'
inbox_mail 'Carla Contact <carla1@example.com>' 'Re: Placements blank on the homepage' \
	'Every placement on the homepage renders blank since 9:00.' | inbox_receive
# live: no key pressed
tt_wait_for 'Carla Contact <carla1@ex'
# received at the stated instant, shown in the desk's zone (New York); the
# zone is named below, the list's column (18 cells at 80) holds the time
tt_assert '2026-11-18 10:00 '
tt_assert 'State: +in the inbox · received Wed Nov 18 10:00 EST'
tt_assert 'Acme Media'
tt_assert 'in the inbox'
tt_assert 'Placements blank'
tt_wait_for 'Every placement on the homepage'
tt_assert '1 file'
# the file's name, before the mail is accepted
tt_assert '^Files: +screen\.png$'
tt_assert '1 mail in the inbox'

tt_keys Enter
tt_wait_for 'New ticket'
# the form's title shows before the mail's fields are filled in: wait for them
tt_wait_for 'Customer \* +Acme Media'
tt_assert 'Requesting contact \* +Carla Contact <carla1@example.com>'
tt_assert 'Title \* +Placements blank on the homepage'
tt_assert 'renders blank since 9:00'
# the member ID is the customer's own, filled in (said so; shown below)
tt_assert 'member ID from Acme Media'
# the cursor starts on the first field the mail left empty
intake_type "ad serv" 'Ad serving issue +→ Client Services'
tt_wait_for 'field 3/15'
tt_keys Enter
intake_type "bug" '^ +Bug'
tt_keys Enter
intake_type "3" '3 High'
tt_keys Enter
tt_keys Tab Tab
intake_type "Spend stopped" 'Spend stopped'
tt_keys Tab
intake_type "77" 'Object IDs \* +77'
tt_keys Tab
tt_assert '^Member ID \* +1001 *$'   # Acme Media's own, as the mail's form filled it in
tt_keys Tab Tab Tab
intake_type "1. open the page" '1. open the page'
tt_keys Tab
intake_type "Firefox 128.0" 'Firefox 128.0'
tt_keys Tab
intake_type "Linux 6.1" 'Linux 6.1'
tt_keys C-s
tt_wait_for 'ticket #[0-9]+ created from mail [0-9]+'
tt_wait_for 'the inbox is empty'
row=$(intake_val "SELECT m.state || '|' || t.title || '|' || ct.email || '|' || t.screenshots::text
                          || '|' || (SELECT count(*) FROM attachments a WHERE a.ticket_id = t.id)
                     FROM mail_inbound m JOIN tickets t ON t.id = m.ticket_id JOIN contacts ct ON ct.id = t.contact_id")
case "$row" in
"accepted|Placements blank on the homepage|carla1@example.com|{attachment:"*"}|1") ;;
*) tt_fail "the mail was not accepted into the right ticket: $row" ;;
esac
# the ticket's thread starts at the customer's mail
[ "$(intake_val "SELECT count(*) FROM mail_threads h JOIN mail_inbound m ON m.ticket_id = h.ticket_id
                 WHERE h.root_message_id = m.message_id")" = 1 ] || tt_fail "the thread does not start at the mail"
tt_keys Q
tt_wait_for 'tt-exit=0'
