#!/bin/sh
# The status line's unread badge follows what the agent reads in the
# notifications view (`5`) at once, at 80x24, in English and in Spanish:
# `m` marks one read and the badge counts one less, Enter marks the last
# one read and opens its ticket, and the badge is gone. Before, the badge
# was read again only on R or the next notification, so it went on
# saying "[1 unread notification]" over a view that said "0 unread".
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 2 3 "Badge"
notes() {
	tt_sql "INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload, created_at)
	        SELECT a.id, 'ticket.changed', t.id, '{}', timestamptz '2026-11-18 14:00+00'
	          FROM agents a, tickets t WHERE a.login = 'postgres' AND t.title LIKE 'Badge %'" >/dev/null
}
notes
tt_start
tt_wait_for 'Badge 0002'
tt_wait_for '\[2 unread notifications\]'
tt_keys 5
tt_wait_for '2 unread  mail: off'
tt_keys m
tt_wait_for '1 notification marked read'
tt_wait_for '\[1 unread notification\] *$'
tt_keys Enter
tt_wait_for '^#[0-9]+ +Badge 000'
tt_wait_gone 'unread notification'
tt_keys q
tt_wait_for 'No unread notifications'
tt_refute '\[[0-9]+ unread notification'
tt_keys Q
tt_wait_for 'tt-exit=0'

# in Spanish: M marks both read, the badge goes with them
notes
tt_keys "clear; (LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; export LANG LC_ALL; exec_tt)" Enter
tt_wait_for 'Badge 0002'
tt_wait_for '\[2 notificaciones sin leer\]'
tt_keys 5
tt_wait_for '2 sin leer'
tt_keys M
tt_wait_for '2 notificaciones marcadas como leídas'
tt_wait_gone 'notificaci[oó]n(es)? sin leer\]'
tt_keys Q
tt_wait_for 'tt-exit=0'
