#!/bin/sh
# Mail from a sender nobody knew is held (unknown_sender); once the sender
# is added as a contact, Enter on it in the held list (`h`) opens the
# intake form filled in from the mail, its customer the sender's, and
# submitting it makes the ticket: the mail leaves the held list. Other
# held mail (an automatic reply) is said to be never accepted.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"
. "$(dirname "$0")/inbox_lib.sh"

inbox_fixture
inbox_mail 'Nora New <nora@zeta.example>' 'Spend stopped on Zeta campaigns' \
	'All Zeta campaigns stopped spending at noon.' '<nora1@zeta.example>' | inbox_receive
cat <<'MAIL' | inbox_receive
From: robot@elsewhere.test
Subject: Out of office
Auto-Submitted: auto-replied
Message-ID: <ooo@elsewhere.test>

Away until Monday.
MAIL
[ "$(intake_val "SELECT state || '/' || hold_reason FROM mail_inbound WHERE message_id = '<nora1@zeta.example>'")" = \
  held/unknown_sender ] || tt_fail "the unknown sender's mail was not held"
# an admin adds her as a contact of Zeta Ads
tt_sql "INSERT INTO contacts (customer_id, name, email, spoc)
        SELECT id, 'Nora New', 'nora@zeta.example', true FROM customers WHERE name = 'Zeta Ads'" >/dev/null

tt_start
tt_keys 3
tt_wait_for '\(the inbox is empty\)'
tt_keys h
tt_wait_for '2 held mails'
tt_wait_for 'Spend stopped on Zeta'
# the automatic reply is never accepted
tt_keys j
tt_wait_for 'Subject: Out of office'
tt_keys Enter
tt_wait_for 'held mail is never answered or accepted'
tt_keys k
tt_wait_for 'Subject: Spend stopped on Zeta campaigns'
tt_keys Enter
tt_wait_for 'New ticket'
tt_wait_for 'Customer \* +Zeta Ads'
tt_assert 'Requesting contact \* +Nora New <nora@zeta.example>'
tt_assert 'Title \* +Spend stopped on Zeta campaigns'
tt_assert 'stopped spending at noon'
# the rest through the CLI's rules, as the form submits them
intake_type "ad serv" 'Ad serving issue +→ Client Services'
tt_keys Enter
intake_type "bug" '^ +Bug'
tt_keys Enter
intake_type "3" '3 High'
tt_keys Enter
tt_keys Tab Tab
intake_type "No spend" 'No spend'
tt_keys Tab
intake_type "77" 'Object IDs \* +77'
tt_keys Tab
tt_wait_for 'Member ID \* +1002 *$'   # Zeta Ads' own, filled in
tt_keys Tab Tab Tab
intake_type "1. open the report" '1. open the report'
tt_keys Tab
intake_type "Firefox 128.0" 'Firefox 128.0'
tt_keys Tab
intake_type "Ubuntu 24.04" 'Ubuntu 24.04'
tt_keys C-s
tt_wait_for 'ticket #[0-9]+ created from mail [0-9]+'
[ "$(intake_val "SELECT m.state || '/' || c.name FROM mail_inbound m JOIN tickets t ON t.id = m.ticket_id
                 JOIN customers c ON c.id = t.customer_id WHERE m.message_id = '<nora1@zeta.example>'")" = \
  'accepted/Zeta Ads' ] || tt_fail "the mail was not accepted into a Zeta Ads ticket"
tt_keys Q
tt_wait_for 'tt-exit=0'
