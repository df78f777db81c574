#!/bin/sh
# The ticket view (the renderer `ticket show` shares) keeps one-line
# fields on one line: a title holding "\nclosed · 4 Medium · ..." shows
# its line break visibly (↵, as the queue does) on the title's own line,
# not as a status line above the real one, and a browser holding
# "\nOperating system  Windows 11" forges no row of its own.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_ticket_at 4 'Typo' '2026-11-18 14:00+00'
tt_sql "UPDATE tickets SET title = E'Typo\\nclosed · 4 Medium · SLA met · version 1',
                           browser = E'Firefox\\nOperating system  Windows 11'" >/dev/null
tt_start
tt_wait_for 'Typo↵closed'
tt_keys Enter
tt_wait_for 'ticketty │ Ticket'
tt_wait_for '^new · 4 Medium'
tt_assert '^#1  Typo↵closed · 4 Medium · SLA met · version 1'
tt_refute '^closed · 4 Medium'
tt_keys G
tt_wait_for '^Browser +Firefox↵Operating system  Windows 11'
tt_refute '^Operating system  Windows 11'
tt_keys Q
tt_wait_for 'tt-exit=0'
exit 0
