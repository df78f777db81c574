#!/bin/sh
# The inbox's other answers, each doing what it says: `a` lists exactly
# the mandatory items the mail lacks before the request goes out (and the
# request lists them); `r` shows whom a refusal names (the customer's
# SPOCs, the account representative and their address), `s` refuses as
# not the SPOC and `r` as the representative's matter, each naming them in
# the answer; `d` asks first: n keeps the mail, y discards it unanswered.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"
. "$(dirname "$0")/inbox_lib.sh"

inbox_fixture
tt_sql "UPDATE customers SET account_rep_name = 'Rita Rep', account_rep_email = 'rita@desk.test'
         WHERE name = 'Acme Media';
        INSERT INTO contacts (customer_id, name, email, spoc)
        SELECT id, 'Nina Nonspoc', 'nina@example.com', false FROM customers WHERE name = 'Acme Media';"
inbox_mail 'Carla Contact <carla1@example.com>' 'First: blank placements' 'Blank.' '<m1@customer.test>' | inbox_receive
inbox_mail 'Nina Nonspoc <nina@example.com>' 'Second: from a non-SPOC' 'Help.' '<m2@customer.test>' | inbox_receive
inbox_mail 'Carla Contact <carla1@example.com>' 'Third: renew our contract' 'Price?' '<m3@customer.test>' | inbox_receive
inbox_mail 'Carla Contact <carla1@example.com>' 'Fourth: never mind' 'Ignore.' '<m4@customer.test>' | inbox_receive
tt_start
tt_keys 3
tt_wait_for '4 mails in the inbox'

# ask: the items are listed before anything is sent, Esc sends nothing
tt_keys a
tt_wait_for 'The request will list: Request type, Case reason, Severity, Impact, Object IDs,'
tt_assert '^  Steps to reproduce, Browser, Operating system$'   # not the member ID: the customer's
tt_wait_for 'Send this request for information\? \[y/N\]'
tt_keys Escape
tt_wait_gone 'The request will list'
[ "$(intake_val "SELECT count(*) FROM mail_outbox")" = 0 ] || tt_fail "Esc sent a request"
tt_keys a
tt_wait_for 'Send this request'
tt_keys y
tt_wait_for 'mail 1: the missing items were requested'
tt_wait_for 'State: asked for details, mail queued'
body=$(intake_val "SELECT body FROM mail_outbox WHERE inbound_id = 1 AND kind = 'inbox_ask' AND to_address = 'carla1@example.com'")
for item in 'Request type' 'Case reason' 'Severity' 'Impact' 'Object IDs' 'Steps to reproduce' 'Browser' 'Operating system'; do
	printf '%s\n' "$body" | grep -q "^- $item: " || tt_fail "the request does not list $item: $body"
done
# the member ID is the known customer's own: never asked for
printf '%s\n' "$body" | grep -Eq '^- (Customer|Title|Description|Requesting contact|Member ID):' &&
	tt_fail "the request lists an item the mail carries: $body"

# refuse as not the SPOC: the SPOC is named on screen and in the answer
tt_keys j
tt_wait_for 'Subject: Second: from a non-SPOC'
tt_keys r
tt_wait_for 's: not the authorised contact, names Carla Contact <carla1@example.com>'
tt_assert 'r: account representative.s matter, names Rita Rep <rita@desk.test>'
tt_keys s Enter
tt_wait_for 'mail 2 refused: the sender was told whom to ask'
tt_wait_gone 'Second: from a non-SP'
[ "$(intake_val "SELECT count(*) FROM mail_outbox WHERE inbound_id = 2 AND kind = 'inbox_refuse_spoc'
                    AND to_address = 'nina@example.com' AND body LIKE '%Carla Contact <carla1@example.com>%'")" = 1 ] ||
	tt_fail "the refusal does not name the SPOC"

# refuse as the account representative's matter (the selection moved on
# to the next mail when the refused one left the list)
tt_wait_for 'Subject: Third: renew our contract'
tt_keys r
tt_wait_for 'Send this|s = not the authorised'
tt_keys r Enter
tt_wait_for 'mail 3 refused: the sender was sent to the account representative'
[ "$(intake_val "SELECT count(*) FROM mail_outbox WHERE inbound_id = 3 AND kind = 'inbox_refuse_account_rep'
                    AND body LIKE '%Rita Rep <rita@desk.test>%'")" = 1 ] ||
	tt_fail "the refusal does not name the representative and their address"
[ "$(intake_val "SELECT string_agg(state, ',' ORDER BY id) FROM mail_inbound")" = "asked,refused,refused,inbox" ] ||
	tt_fail "states after ask and refusals: $(intake_val "SELECT string_agg(state, ',' ORDER BY id) FROM mail_inbound")"

# discard: asks first; n keeps it
tt_keys G
tt_wait_for 'Subject: Fourth: never mind'
tt_keys d
tt_wait_for 'Discard this mail without answering\? \[y/N\]'
# one key answers: another is not typed into the question
tt_keys x
tt_assert 'Discard this mail without answering\? \[y/N\] *$'
tt_keys n
tt_wait_gone 'Discard this mail'
[ "$(intake_val "SELECT state FROM mail_inbound WHERE id = 4")" = inbox ] || tt_fail "n discarded the mail"
tt_keys d
tt_wait_for 'Discard this mail'
tt_keys y
tt_wait_for 'mail 4 discarded'
tt_wait_gone 'Fourth: never mind'
[ "$(intake_val "SELECT state FROM mail_inbound WHERE id = 4")" = discarded ] || tt_fail "y did not discard"
[ "$(intake_val "SELECT count(*) FROM mail_outbox WHERE inbound_id = 4")" = 0 ] || tt_fail "a discarded mail was answered"
tt_keys Q
tt_wait_for 'tt-exit=0'
