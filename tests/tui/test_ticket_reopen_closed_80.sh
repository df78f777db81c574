#!/bin/sh
# o on a closed ticket at 80 columns, in English and Spanish: the status
# line says why it cannot be reopened in words that fit, the ticket's
# status first ("ticket 1 is closed: only a resolved ticket can be
# reopened"). Before, the server's sentence with its field line ran past
# the line's end: the fit dropped "(it is closed)" and cut the rest
# ("...; status: cannot be reached…"). :messages keeps the whole message.
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_tickets 1 3 "Finished"
id=$(tt_val "SELECT id FROM tickets")
tt_sql "UPDATE tickets SET status = 'closed', acknowledged_at = tt_now(), resolved_at = tt_now(),
        closed_at = tt_now(), version = version + 1" >/dev/null

# the last line of the screen: the status line (after the view's name
# when it fits), whole (no "…")
status_line_is() {
	tt_wait_line 24 "$1"
	tt_screen | sed -n 24p | grep -q '…' && tt_fail "the status line is cut: $(tt_screen | sed -n 24p)"
	return 0
}

tt_start
tt_wait_for 'Queue'
tt_keys -l ":$id"
tt_keys Enter
tt_wait_for "^#$id +Finished 0001"
tt_keys o
status_line_is "^(\[[^]]*\] )?ticket $id is closed: only a resolved ticket can be reopened *$"
tt_messages_open
tt_screen_text | grep -q "ticket $id is closed: only a resolved ticket can be reopened" ||
	tt_fail ":messages does not keep the refusal"
tt_keys Q
tt_wait_for 'tt-exit=0'

# Spanish
tt_keys "clear; (LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; export LANG LC_ALL; exec_tt)" Enter
tt_wait_for 'Cola'
tt_keys -l ":$id"
tt_keys Enter
tt_wait_for "^#$id +Finished 0001"
tt_keys o
status_line_is "^(\[[^]]*\] )?el ticket $id está cerrado: solo se puede reabrir un ticket resuelto *$"
tt_keys Q
tt_wait_for 'tt-exit=0'
