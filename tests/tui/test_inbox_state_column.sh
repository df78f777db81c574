#!/bin/sh
# The inbox list's STATE column at 80 columns (10 cells) reads, in English
# and Spanish: its words when they fit, else a short distinct form ("inbox",
# "closed #1" for open mail answering closed ticket 1, a held mail's reason,
# "unknown"); the preview pane below says the state whole. Before, every
# row read "in the in…" and the ticket the mail answers was cut off.
#
# Stated instant (frozen clock): Wednesday 2026-11-18 15:00 UTC.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/inbox_lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
inbox_fixture
tt_tickets 1 3 "Done"
id=$(tt_val "SELECT id FROM tickets")
tt_sql "UPDATE tickets SET status = 'closed', acknowledged_at = tt_now(), resolved_at = tt_now(),
        closed_at = tt_now(), version = version + 1" >/dev/null
inbox_mail 'Carla Contact <carla1@example.com>' "Re: [#$id] Done 0001" 'It broke again.' '<c1@customer.test>' | inbox_receive
inbox_mail 'Carla Contact <carla1@example.com>' "New thing" 'Hello.' '<c2@customer.test>' | inbox_receive
inbox_mail 'Stranger <who@else.test>' "Offer" 'Hello.' '<c3@customer.test>' | inbox_receive
[ "$(tt_val "SELECT string_agg(state || '/' || coalesce(hold_reason::text, '') || '/' || coalesce(ticket_id::text, ''), ' ' ORDER BY id)
             FROM mail_inbound")" = "inbox//$id inbox// held/unknown_sender/" ] ||
	tt_fail "the three mails are not where the test expects them"

# the STATE column of the row whose subject matches $1 reads $2 (the column
# starts under its title; the cell is 10 cells wide at 80 columns)
state_of() {
	tt_screen | sed 's/…/~/g' | grep -E -- "$1" | cut -c48-57 | grep -qx -- "$2" ||
		tt_fail "the state of /$1/ is '$(tt_screen | sed 's/…/~/g' | grep -E -- "$1" | cut -c48-57)', not '$2'"
}

tt_start
tt_keys 3
tt_wait_for '2 mails in the inbox'
tt_assert '^ +ID RECEIVED +FROM +CUSTOMER +STATE +SUBJECT'
[ "$(tt_screen | sed -n 2p | cut -c48-52)" = STATE ] || tt_fail "the STATE column moved"
state_of "Done 0001" "closed #$id "
state_of "New thing" "inbox     "
tt_refute 'in the in…'
# the preview says it whole
tt_assert "^State: +in the inbox, answers closed ticket #$id "
tt_keys h
tt_wait_for 'Offer'
state_of "Offer" "unknown   "
tt_keys Q
tt_wait_for 'tt-exit=0'

# Spanish
tt_keys "clear; (LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; export LANG LC_ALL; exec_tt)" Enter
tt_wait_for 'Cola'
tt_keys 3
tt_wait_for '2 correos en la bandeja'
[ "$(tt_screen | sed -n 2p | cut -c48-53)" = ESTADO ] || tt_fail "the ESTADO column moved"
state_of "Done 0001" "cerrado #$id"
state_of "New thing" "bandeja   "
tt_refute 'en la ban…'
tt_keys Q
tt_wait_for 'tt-exit=0'
