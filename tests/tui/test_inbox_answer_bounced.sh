#!/bin/sh
# An `inbox ask` the mail system refused for good reads so in the inbox
# (`3`) at 80x24: the state says the answer bounced, and when the mail
# came moves under it instead of being cut off.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"
. "$(dirname "$0")/inbox_lib.sh"

inbox_fixture
inbox_mail 'Carla Contact <carla1@example.com>' 'Video ads do not play' \
	'Our video ads stopped playing yesterday.' '<first@example.com>' | inbox_receive
"$TICKETTY_BIN" --db "dbname=$TT_DB" inbox ask 1 >/dev/null || tt_fail "inbox ask failed"
"$TICKETTY_BIN" --db "dbname=$TT_DB user=tt_mailbot" mail send --sendmail 'cat >/dev/null; exit 67' \
	>/dev/null 2>&1
[ "$(intake_val "SELECT state FROM mail_outbox WHERE kind = 'inbox_ask'")" = failed ] ||
	tt_fail "the refused ask was not given up"

tt_start
tt_keys 3
tt_wait_for '1 mail in the inbox'
tt_wait_for '^State: +asked for details, mail bounced: not delivered$'
tt_assert '^ +received Wed Nov 18 10:00 EST$'
tt_keys Q
tt_wait_for 'tt-exit=0'
