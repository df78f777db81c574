#!/bin/sh
# The CLI on an 80-column terminal wraps as the ticket view does: `ticket
# show` between words, a paragraph's continuation under its text, a
# timeline entry's under its text after the time; `escalations` a
# level's reason under its line's text; `inbox show` a customer's
# mail, line by line; `mail status` a long line under its value. (The terminal broke the
# lines mid-word at its edge, with no indent.) Piped, lines stay whole.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/inbox_lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-23 16:30+00' frozen
tt_ticket_at 2 'Wrap 0001' '2026-11-23 16:00+00' >/dev/null
tt_sql "UPDATE tickets SET description = 'The placement shows blank frames on every page of the sports section since the last release of the wrapper.'
         WHERE title = 'Wrap 0001'" >/dev/null
id=$(tt_val "SELECT id FROM tickets WHERE title = 'Wrap 0001'")

tt_start ticket show "$id"
tt_wait_for 'tt-exit=0'
tt_assert '^  The placement shows blank frames on every page of the sports section since the$'
tt_assert '^    last release of the wrapper\.$'

# piped: the description on one line, for scripts. The end mark is
# quoted in pieces so that the typed command line, which wraps at 80
# columns, cannot show it before the command runs (with a one-digit id
# "piped-done" began the wrapped line's second row)
tt_keys "clear; exec_tt ticket show $id | grep -c 'since the last release'; echo 'piped' 'done'" Enter
tt_wait_for '^piped done$'
tt_assert '^1$'

# escalations: a long reason continues under the line's text
tt_csm_of postgres 'Acme Media'
tt_shell "exec_tt escalate $id --reason 'The placement has been blank for two days and the customer asks for someone senior.'"
tt_wait_for 'tt-exit=0'
tt_shell "exec_tt escalations"
tt_wait_for 'tt-exit=0'
tt_assert '^    CSM  Pat Postgres \(open, <1m\); raised by Pat Postgres: The placement has$'
tt_assert '^      been blank for two days and the customer asks for someone senior\.$'

# inbox show: the mail's own lines, each wrapped between words
inbox_bot
inbox_mail 'Carla Contact <carla1@example.com>' 'Blank placements' \
	'Every placement on the homepage renders blank since nine this morning, and the sports section too.' | inbox_receive
mail=$(tt_val "SELECT max(id) FROM mail_inbound")
tt_shell "exec_tt inbox show $mail"
tt_wait_for 'tt-exit=0'
tt_assert '^Every placement on the homepage renders blank since nine this morning, and the$'
tt_assert '^  sports section too\.$'

# mail status: a long line wraps under its value (it ran to 86 columns)
tt_shell "clear; exec_tt mail status"
tt_wait_for 'tt-exit=0'
tt_assert '^given up:   0 \(never tried again: refused for good, or not taken within$'
tt_assert '^            give_up_hours\)$'
