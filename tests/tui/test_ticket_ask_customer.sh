#!/bin/sh
# Waiting on the customer from the ticket view's status picker (s) at
# 80x24, in English and in Spanish: one key asks whether to ask the
# customer something. y writes the question in the editor and sends it
# with the change (api_ticket_ask): the status is waiting on customer,
# one version more, and the question reaches mail_outbox as request_info
# to the contact. n only changes the status (no mail, no comment). A
# question refused (the ticket changed while it was written) is kept as a
# reply is, and the editor opens on it the next time. Before, the status
# changed silently and the customer was asked nothing.
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 3 3 "Asking"
id1=$(tt_val "SELECT id FROM tickets WHERE title = 'Asking 0001'")
id2=$(tt_val "SELECT id FROM tickets WHERE title = 'Asking 0002'")
id3=$(tt_val "SELECT id FROM tickets WHERE title = 'Asking 0003'")
tt_sql "UPDATE tickets SET status = 'in_progress', acknowledged_at = tt_now(), version = version + 1" >/dev/null

# the editor: counts its runs and writes the text of the file "text" into
# an empty file (a kept text is left as it is); when the file "bump"
# names a ticket it changes that ticket behind the view's back while the
# question is written, so the database refuses it as stale
dir=$(mktemp -d "${TMPDIR:-/tmp}/tt-ask.XXXXXX")
editor="$dir/editor"
cat >"$editor" <<EOS
#!/bin/sh
echo run >> "$dir/runs"
[ -s "\$1" ] || cat "$dir/text" > "\$1"
if [ -f "$dir/bump" ]; then
	psql -qXAt -d "$TT_DB" -c "UPDATE ticketty.tickets SET version = version + 1
	      WHERE id = \$(cat "$dir/bump")" >/dev/null
	rm -f "$dir/bump"
fi
EOS
chmod +x "$editor"
trap 'rm -rf "$dir"; tt_cleanup' EXIT
editor_runs() {
	[ -f "$dir/runs" ] && wc -l < "$dir/runs" | tr -d ' ' || echo 0
}
# the status line: the view's name in brackets when the message leaves room
mode='(\[[^]]*\] )?'
# open ticket $1 and pick "waiting on customer" ($2: its name on screen)
pick_waiting() {
	tt_keys -l ":$1"
	tt_keys Enter
	tt_wait_for "^#$1 +Asking"
	tt_keys s
	tt_wait_for "^> $2"
	tt_keys Enter
}

printf 'Which browser do you use?' > "$dir/text"
TT_ENV="EDITOR=$editor" tt_start
tt_wait_for 'Asking 0001'

# y: the question goes with the change
pick_waiting "$id1" 'waiting on customer'
tt_wait_for '^Ask the customer something\? y: write the question, n: just wait \[Y/n\]'
tt_keys y
tt_send
tt_wait_for "^${mode}asked the customer; status is now waiting on customer *$"
# the question sent is on screen (the view shows it), the header above
tt_wait_for '^ +Which browser do you use\?'
tt_keys g
tt_wait_for '^waiting on customer · '
[ "$(editor_runs)" = 1 ] || tt_fail "y did not open the editor once"
[ "$(tt_val "SELECT version || ' ' || status FROM tickets WHERE id = $id1")" = '3 waiting_customer' ] ||
	tt_fail "ticket $id1 is not waiting on the customer at version 3"
[ "$(tt_val "SELECT string_agg(kind || '|' || to_address || '|' || (body LIKE '%Which browser do you use?%'), ';')
              FROM mail_outbox WHERE ticket_id = $id1")" = 'request_info|carla1@example.com|true' ] ||
	tt_fail "the question did not reach mail_outbox as request_info"
[ "$(tt_val "SELECT count(*) FROM comments WHERE ticket_id = $id1 AND kind = 'public'")" = 1 ] ||
	tt_fail "the question is not one public comment"
width=$(tt_screen | LC_ALL=C.UTF-8 wc -L)
[ "$width" -le 80 ] || tt_fail "a line is $width cells wide"
tt_keys q
tt_wait_for '\[Queue\]'

# n: the status alone, as before (asked by phone); no editor, no mail
pick_waiting "$id2" 'waiting on customer'
tt_wait_for '^Ask the customer something\?'
tt_keys n
tt_wait_for "^${mode}status is now waiting on customer *$"
tt_wait_for '^waiting on customer · '
[ "$(editor_runs)" = 1 ] || tt_fail "n opened the editor"
[ "$(tt_val "SELECT version || ' ' || status FROM tickets WHERE id = $id2")" = '3 waiting_customer' ] ||
	tt_fail "ticket $id2 is not waiting on the customer"
[ "$(tt_val "SELECT count(*) FROM mail_outbox WHERE ticket_id = $id2")" = 0 ] || tt_fail "n mailed the customer"
[ "$(tt_val "SELECT count(*) FROM comments WHERE ticket_id = $id2")" = 0 ] || tt_fail "n wrote a comment"
tt_keys Q
tt_wait_for 'tt-exit=0'

# in Spanish: a question refused as stale is kept; the editor opens on it
# again and it goes
printf '¿Qué versión de Firefox usa?' > "$dir/text"
echo "$id3" > "$dir/bump"
tt_keys "export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; clear; exec_tt" Enter
tt_wait_for 'Asking 0001'
pick_waiting "$id3" 'esperando al cliente'
tt_wait_for '^¿Preguntar algo al cliente\? s: escribir la pregunta, n: solo esperar \[S/n\]'
tt_keys s
tt_send
# the line says the ticket changed; cut to 80 columns, :messages says how
tt_wait_for '^el ticket [0-9]+ cambió mientras tanto; texto guardado: s lo envía \(más: :messages\) *$'
[ "$(editor_runs)" = 2 ] || tt_fail "s did not open the editor"
[ "$(tt_val "SELECT status || ' ' || (SELECT count(*) FROM mail_outbox WHERE ticket_id = $id3)
              FROM tickets WHERE id = $id3")" = 'in_progress 0' ] || tt_fail "the stale question changed the ticket"
printf 'not this' > "$dir/text"
tt_keys s
tt_wait_for '^> esperando al cliente'
tt_keys Enter
tt_wait_for '^¿Preguntar algo al cliente\?'
tt_keys s
tt_send
tt_wait_for "^${mode}pregunta enviada al cliente; el estado ahora es esperando al cliente *$"
# the question sent is on screen (the view shows it), the header above
tt_wait_for '^ +¿Qué versión de Firefox usa\?'
tt_keys g
tt_wait_for '^esperando al cliente · '
[ "$(editor_runs)" = 3 ] || tt_fail "the kept question did not open in the editor"
[ "$(tt_val "SELECT status || ' ' || string_agg(o.kind || '|' || (o.body LIKE '%¿Qué versión de Firefox usa?%'), ';')
              FROM tickets t JOIN mail_outbox o ON o.ticket_id = t.id WHERE t.id = $id3 GROUP BY t.status")" = \
  'waiting_customer request_info|true' ] || tt_fail "the kept question was not sent as request_info"
tt_refute 'texto sin enviar guardado'
width=$(tt_screen | LC_ALL=C.UTF-8 wc -L)
[ "$width" -le 80 ] || tt_fail "a line is $width cells wide"
tt_keys Q
tt_wait_for 'tt-exit=0'
