#!/bin/sh
# A question to the customer reads as one in the timeline, at 80x24, in
# English and in Spanish, in the ticket view and in `ticketty ticket
# show`: waiting on the customer with a question (s, waiting on customer,
# y) is "QUESTION TO THE CUSTOMER by ..." ("PREGUNTA AL CLIENTE por
# ..."), a plain reply stays "PUBLIC REPLY". The database knows it: the
# question is the public comment the status event to waiting_customer
# names (api_ticket_ask, 560). Before, it was labelled "PUBLIC REPLY".
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 1 3 "Asking"
id=$(tt_val "SELECT id FROM tickets WHERE title = 'Asking 0001'")
tt_sql "UPDATE tickets SET status = 'in_progress', acknowledged_at = tt_now(), version = version + 1" >/dev/null

dir=$(mktemp -d "${TMPDIR:-/tmp}/tt-question.XXXXXX")
editor="$dir/editor"
cat >"$editor" <<EOS
#!/bin/sh
cat "$dir/text" > "\$1"
EOS
chmod +x "$editor"
trap 'rm -rf "$dir"; tt_cleanup' EXIT

TT_ENV="EDITOR=$editor" tt_start
tt_wait_for 'Asking 0001'
tt_keys -l ":$id"
tt_keys Enter
tt_wait_for "^#$id +Asking 0001"
# a reply first, then the question
printf 'We are on it.\n' > "$dir/text"
tt_keys r
tt_send
tt_wait_for 'public reply sent'
printf 'Which browser do you use?\n' > "$dir/text"
tt_keys s
tt_wait_for '^> waiting on customer'
tt_keys Enter
tt_wait_for 'Ask the customer something\?'
tt_keys y
tt_send
tt_wait_for 'asked the customer; status is now waiting on customer'
tt_keys G
tt_wait_for '^ +Which browser do you use\?'
tt_assert '  QUESTION TO THE CUSTOMER by Pat Postgres'
tt_assert '  PUBLIC REPLY by Pat Postgres'
[ "$(tt_screen | grep -c 'PUBLIC REPLY')" = 1 ] || tt_fail "the question is labelled a public reply"
width=$(tt_screen | LC_ALL=C.UTF-8 wc -L)
[ "$width" -le 80 ] || tt_fail "a line is $width cells wide"
tt_keys Q
tt_wait_for 'tt-exit=0'

# the command line says the same
tt_keys "clear; exec_tt ticket show $id | grep -c 'QUESTION TO THE CUSTOMER by Pat Postgres'" Enter
tt_wait_for '^1$'

# the same in Spanish
tt_keys "export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; clear; exec_tt" Enter
tt_wait_for 'Asking 0001'
tt_keys -l ":$id"
tt_keys Enter
tt_wait_for "^#$id +Asking 0001"
tt_keys G
tt_wait_for '^ +Which browser do you use\?'
tt_assert '  PREGUNTA AL CLIENTE por Pat Postgres'
tt_assert '  RESPUESTA PÚBLICA por Pat Postgres'
[ "$(tt_screen | grep -c 'RESPUESTA PÚBLICA')" = 1 ] || tt_fail "the question is labelled a public reply"
tt_keys Q
tt_wait_for 'tt-exit=0'
tt_keys "clear; exec_tt ticket show $id | grep -c 'PREGUNTA AL CLIENTE por Pat Postgres'" Enter
tt_wait_for '^1$'
