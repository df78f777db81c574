#!/bin/sh
# At 80x24, with unread notifications, the escalations view's refusal of
# a step on a ticket another session holds keeps what explains it: the
# unread badge yields its room while the message shows, the aside about
# the wait gives way, so the status line reads "ticket 1 is held by Pat
# Postgres, in psql: try again; text kept: r sends it" (before, "ticket
# 1 is being changed in anothe… (more: :messages) [2 unread
# notifications]"). :messages has the whole text. In English and Spanish.
# needs: server timers (lock_timeout; skipped under libfaketime)
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_role refusal_csm csm
tt_agent refusal_csm csm
tt_csm_of refusal_csm 'Acme Media'
tt_tickets 2 2 "Held"
tt_sql "SELECT api_escalate(id, 'Customer threatens to cancel') FROM tickets ORDER BY id" >/dev/null
first=$(tt_val "SELECT min(id) FROM tickets")
second=$(tt_val "SELECT max(id) FROM tickets")
conf=$(mktemp)
printf 'database = { lock_timeout_ms = 1500; };\n' > "$conf"
trap 'rm -f "$conf"; tt_cleanup' EXIT

TT_ENV="TICKETTY_CONFIG=$conf" tt_start "--db='dbname=$TT_DB user=refusal_csm'"
tt_wait_for 'Held 0001'
tt_keys 2
tt_wait_for 'CSM \(2\)'
tt_wait_for '\[2 unread notifications\] *$'
# another session holds both tickets' rows
tt_hold "SELECT id FROM ticketty.tickets FOR UPDATE"
tt_keys r
tt_wait_for '^Resolution note: *$'
tt_keys -l 'Customer agreed the workaround'
tt_keys Enter
tt_wait_for "^ticket $first is held by Pat Postgres"
tt_assert "^ticket $first is held by Pat Postgres: try again; text kept: r sends it *$"
tt_refute 'anothe…'
# the whole text, the wait's aside with it, in :messages
tt_messages_open
joined=$(tt_screen_text)
case "$joined" in
*"ticket $first is held by Pat Postgres (in psql) (waited 1.5 s, database.lock_timeout_ms): try again; text kept: r sends it"*) ;;
*) tt_fail "the whole refusal is not in :messages: $joined" ;;
esac
# the message read, the badge is back
tt_keys q
tt_wait_for "^#$first Held 0001"
tt_keys j
tt_wait_for "^#$second Held 0002"
tt_wait_for '\[2 unread notifications\] *$'
tt_keys Q
tt_wait_for 'tt-exit=0'

# in Spanish
tt_keys "export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; clear; exec_tt --db='dbname=$TT_DB user=refusal_csm'" Enter
tt_wait_for 'Held 0001'
tt_keys 2
tt_wait_for 'Resp\. Éxito \(2\)'
tt_wait_for '\[2 notificaciones sin leer\] *$'
tt_keys j
tt_wait_for "^#$second Held 0002"
tt_keys r
tt_wait_for '^Nota de resolución: *$'
tt_keys -l 'El cliente acepta la solución'
tt_keys Enter
tt_wait_for "^ticket $second en uso por Pat Postgres"
tt_assert "^ticket $second en uso por Pat Postgres: inténtelo de nuevo; texto guardado: r lo envía *$"
tt_keys :
tt_keys -l messages
tt_keys Enter
tt_wait_for 'Mensajes, los más recientes primero'
joined=$(tt_screen | tr -s ' \n' '  ')
case "$joined" in
*"ticket $second en uso por Pat Postgres (desde psql) (se esperó 1,5 s, database.lock_timeout_ms): inténtelo de nuevo; texto guardado: r lo envía"*) ;;
*) tt_fail "the whole Spanish refusal is not in :messages: $joined" ;;
esac
tt_keys q
tt_keys Q
tt_wait_for 'tt-exit=0'
