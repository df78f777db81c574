#!/bin/sh
# Mail in and out is support staff's (docs/access.md, "Who sees what"):
# row-level security shows a product manager none of it, and the inbox
# (`3`) said "(the inbox is empty)" and "0 mails in the inbox" while mail
# waited. Now the database refuses the reading (sql/320) and the view
# says the inbox is not shown to their role, in its list and in the
# status line; its keys (h, Enter, a) say the same and do nothing. An
# engineer at the same desk still sees the two mails.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"
. "$(dirname "$0")/inbox_lib.sh"

inbox_fixture
tt_role inbox_pm pm
tt_agent inbox_pm pm
inbox_mail 'Carla Contact <carla1@example.com>' 'Blank placements' 'Nothing renders.' '<pm1@customer.test>' |
	inbox_receive
inbox_mail 'Carla Contact <carla1@example.com>' 'Wrong totals' 'The report is off.' '<pm2@customer.test>' |
	inbox_receive
[ "$(intake_val "SELECT count(*) FROM mail_inbound WHERE state = 'inbox'")" = 2 ] ||
	tt_fail "the two mails are not in the inbox"

tt_start "--db='dbname=$TT_DB user=inbox_pm'"
tt_wait_for 'inbox_pm +\? help'
tt_keys 3
tt_wait_for '^\(the inbox is not shown to your role\)'
tt_wait_for '^\[Inbox\] the inbox is not shown to your role$'   # the status line
tt_refute 'inbox is empty'
tt_refute 'mails? in the inbox'
tt_refute 'Blank placements|Wrong totals|carla1'
# no action is offered: each key says why and does nothing
tt_keys h
tt_wait_for '^\[Inbox\] the inbox is not shown to your role: no mail to act on'
tt_refute 'held mail'
tt_keys a Enter
# the help, asked after them, is still the inbox's: no prompt or form opened
tt_keys '?'
tt_wait_for 'The inbox is not shown to your role: mail in and out carries'
tt_refute 'Send this request|Request type'
tt_keys q
tt_wait_for '^\(the inbox is not shown to your role\)'
[ "$(intake_val "SELECT count(*) FROM mail_inbound WHERE state = 'inbox'")" = 2 ] ||
	tt_fail "the pm's keys changed the inbox"
tt_keys Q
tt_wait_for 'tt-exit=0'

# the engineer (the fixture's own login) reads the same inbox
tt_keys "clear; exec_tt" Enter
tt_wait_for 'postgres +\? help'
tt_keys 3
tt_wait_for '2 mails in the inbox'
tt_assert 'Blank placements'
tt_refute 'not shown to your role'
tt_keys Q
tt_wait_for 'tt-exit=0'
