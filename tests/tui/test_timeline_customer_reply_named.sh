#!/bin/sh
# A customer's mail threaded onto their ticket: the timeline's event line
# "the customer replied by mail" names the customer who wrote (the contact
# the mail came from), in English and Spanish, not the agent `mail
# receive` runs as (the mail bot wrote the event: the line said "(Mail
# Bot)").
#
# Stated instant (frozen clock): Wednesday 2026-11-18 15:00 UTC.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/inbox_lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
inbox_fixture
tt_tickets 1 3 "Dark"
id=$(tt_val "SELECT id FROM tickets")
from=$(tt_val "SELECT email FROM contacts c JOIN customers cu ON cu.id = c.customer_id WHERE cu.name = 'Acme Media'")
inbox_mail "Carla Contact <$from>" "Re: [#$id] Dark 0001" 'Still dark here.' '<r1@customer.test>' | inbox_receive
[ "$(tt_val "SELECT count(*) FROM ticket_events WHERE ticket_id = $id AND kind = 'customer_reply'")" = 1 ] ||
	tt_fail "the mail was not threaded onto ticket $id"

tt_start
tt_wait_for 'Queue'
tt_keys -l ":$id"
tt_keys Enter
tt_wait_for "^#$id +Dark 0001"
tt_keys G
tt_wait_for 'the customer replied by mail \(Carla Contact\)'
tt_refute 'Mail Bot'
tt_keys Q
tt_wait_for 'tt-exit=0'

# Spanish
tt_keys "clear; (LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; export LANG LC_ALL; exec_tt)" Enter
tt_wait_for 'Cola'
tt_keys -l ":$id"
tt_keys Enter
tt_wait_for "^#$id +Dark 0001"
tt_keys G
tt_wait_for 'el cliente respondió por correo \(Carla Contact\)'
tt_refute 'Mail Bot'
tt_keys Q
tt_wait_for 'tt-exit=0'
