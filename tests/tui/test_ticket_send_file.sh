#!/bin/sh
# A file to the customer, or for the desk, from the ticket view at
# 80x24: A asks for its path (Tab completes it); a path that is no file is
# named and nothing waits; the status line counts what waits; a reply
# refused as stale (someone acknowledged the ticket while the editor was
# open) keeps the text and the file, and r sends them both (the timeline
# says so, and the file is stored with the reply); an empty answer drops
# what waits; with a note (c) the file stays on the ticket for the desk.
# In English, then in Spanish.
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-23 17:00+00' frozen
tt_ticket_at 2 'Files 0001' '2026-11-23 16:00+00'
tt_role olga engineer   # olga is an agent of the fixture

dir=$(mktemp -d "${TMPDIR:-/tmp}/tt-send-file.XXXXXX")
editor="$dir/editor"
printf 'placement,impressions\n4313526,0\n' > "$dir/placements.csv"
# the editor writes the reply; the first time, olga acknowledges the
# ticket meanwhile; a kept text is sent back unchanged
cat >"$editor" <<EOS
#!/bin/sh
[ -s "\$1" ] && exit 0
printf 'The list of placements is attached.' > "\$1"
if [ ! -f "$dir/flag" ]; then
	touch "$dir/flag"
	psql -qXAt -d "$TT_DB" -c "SET search_path = ticketty" -c "SET SESSION AUTHORIZATION olga" \
		-c "SELECT api_ticket_ack(1, (SELECT version FROM tickets WHERE id = 1), 'Acked by Olga')" >/dev/null
fi
EOS
chmod +x "$editor"
trap 'rm -rf "$dir"; tt_cleanup' EXIT

TT_ENV="EDITOR=$editor" tt_start
tt_wait_for 'Files 0001'
tt_keys Enter
tt_wait_for '^#[0-9]+ +Files 0001'
# not a file: said, nothing waits
tt_keys A
tt_wait_for 'File for your next message, public or a note \(empty: none\):'
tt_keys -l "$dir/nowhere.csv"
tt_keys Enter
tt_wait_for 'nowhere\.csv: No such file or directory'
tt_refute 'file to send'
# a file (Tab completes its name, as a shell does): it waits, counted on
# the status line
tt_keys A
# the path refused is offered again (test_ticket_attach_typed): cleared
tt_wait_for 'nowhere\.csv *$'
tt_keys C-u
# several names and nothing to add: a second Tab's list, above the prompt
tt_keys -l "$dir/"
tt_keys Tab
tt_wait_for '^editor  placements\.csv *$'
tt_keys -l "plac"
tt_wait_gone '^editor  placements\.csv *$'   # gone at the next key
tt_keys Tab
tt_wait_for 'placements\.csv *$'
tt_keys Enter
tt_wait_for 'placements\.csv \(32 bytes\) goes with your next message'
tt_keys j   # the message gives way to the view's status line
tt_wait_for '1 file to send'
tt_keys r
tt_send
tt_wait_for 'ticket 1 was changed meanwhile \(:messages says how\); text kept: r sends it'
tt_keys j
tt_wait_for '1 file to send'
[ "$(tt_sql "SELECT count(*) FROM attachments")" = 0 ] || tt_fail "a file of the refused reply was stored"
tt_keys r
tt_send
tt_wait_for 'public reply sent'
tt_wait_gone 'file to send'
tt_keys G
tt_wait_for '^    sent with the message: placements\.csv \(32 bytes\)'
got=$(tt_sql "SELECT a.filename || '|' || a.size || '|' || c.body FROM attachments a JOIN comments c ON c.id = a.comment_id")
[ "$got" = "placements.csv|32|The list of placements is attached." ] || tt_fail "stored: $got"
# an empty answer drops what waits
tt_keys A
tt_keys -l "$dir/placements.csv"
tt_keys Enter
tt_keys j
tt_wait_for '1 file to send'
tt_keys A Enter
tt_wait_for 'no file waits for your next message'
tt_refute 'file to send'
# a note keeps the file for the desk: on the timeline, never sent
tt_keys A
tt_keys -l "$dir/placements.csv"
tt_keys Enter
tt_keys j
tt_wait_for '1 file to send'
tt_keys c
tt_wait_for 'internal note added'
tt_wait_gone 'file to send'
tt_keys G
tt_wait_for '^  \| kept with the note: placements\.csv \(32 bytes\)'
got=$(tt_sql "SELECT string_agg(c.kind::text, ',' ORDER BY a.id) FROM attachments a JOIN comments c ON c.id = a.comment_id")
[ "$got" = "public,internal" ] || tt_fail "the note's file: $got"
# the ticket's files say which went to the customer and which stayed inside
tt_keys g /
tt_keys -l '32 bytes  internal'
tt_keys Enter
tt_wait_for 'placements\.csv  text/csv  32 bytes  internal'
tt_assert 'placements\.csv  text/csv  32 bytes  sent'
tt_keys Q
tt_wait_for 'tt-exit=0'

# in Spanish
tt_keys "export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; clear; exec_tt" Enter
tt_wait_for 'Files 0001'
tt_keys Enter
tt_wait_for '^#[0-9]+ +Files 0001'
tt_keys A
tt_wait_for 'Archivo para su próximo mensaje, público o nota \(vacío: ninguno\):'
tt_keys -l "$dir/placements.csv"
tt_keys Enter
tt_wait_for 'placements\.csv \(32 bytes\) irá con su próximo mensaje'
tt_keys j
tt_wait_for '1 archivo por enviar'
tt_keys r
tt_send
tt_wait_for 'respuesta pública enviada'
tt_keys G
tt_wait_for '^    enviado con el mensaje: placements\.csv \(32 bytes\)'
tt_keys Q
tt_wait_for 'tt-exit=0'
