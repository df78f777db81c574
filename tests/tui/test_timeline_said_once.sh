#!/bin/sh
# Each thing is said once in the timeline, at 80x24, in English and in
# Spanish, in the ticket view and in `ticketty ticket show`: a note is its
# message entry ("INTERNAL NOTE by ..."), its file listed below its
# text ("kept with the note: placements.csv (32 bytes)"); a reply the same
# ("sent with the message: ..."). The audit events that only restated
# them ("added an internal note [v3] (...)", "kept the file ... with the
# note", "replied to the customer") are folded into them, the version on
# the message's line in `ticket show` (the TUI names no version); an event
# that says more (the status change of a first response) stays. The
# header counts the entries shown.
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-23 17:00+00' frozen
tt_ticket_at 2 'Once 0001' '2026-11-23 16:00+00'
id=$(tt_val "SELECT id FROM tickets WHERE title = 'Once 0001'")

dir=$(mktemp -d "${TMPDIR:-/tmp}/tt-once.XXXXXX")
printf 'placement,impressions\n4313526,0\n' > "$dir/placements.csv"
editor="$dir/editor"
cat >"$editor" <<EOS
#!/bin/sh
cat "$dir/text" > "\$1"
EOS
chmod +x "$editor"
trap 'rm -rf "$dir"; tt_cleanup' EXIT

TT_ENV="EDITOR=$editor" tt_start
tt_wait_for 'Once 0001'
tt_keys -l ":$id"
tt_keys Enter
tt_wait_for "^#$id +Once 0001"
printf 'We are on it.\n' > "$dir/text"
tt_keys a
tt_send
tt_wait_for 'acknowledged: first response sent'
# a note with a file, then a reply with a file
for kind in c r; do
	tt_keys A
	# typed only once the prompt is there: typed ahead, the path's
	# letters (mktemp's random ones too) would reach the ticket view as keys
	tt_wait_for 'File for your next message'
	tt_keys -l "$dir/placements.csv"
	tt_keys Enter
	tt_wait_for 'goes with your next message'
	tt_keys j
	tt_wait_for '1 file to send'
	printf 'Text of %s.\n' "$kind" > "$dir/text"
	tt_keys "$kind"
	[ "$kind" = r ] && tt_send
	tt_wait_gone 'file to send'
done
tt_wait_for '^    Text of r\.'
tt_keys G
[ "$(tt_val "SELECT version FROM tickets WHERE id = $id")" = 4 ] || tt_fail "the ticket is not at version 4"
tt_assert '  INTERNAL NOTE by Pat Postgres$'
tt_assert '^  \| Text of c\.'
tt_assert '^  \| kept with the note: placements\.csv \(32 bytes\)$'
tt_assert '  PUBLIC REPLY by Pat Postgres \(mail queued\)$'
tt_assert '^    sent with the message: placements\.csv \(32 bytes\)$'
# the first response's status change says more than its message: kept
tt_assert 'acknowledged: new → acknowledged \(Pat Postgres\)'
tt_refute '\[v[0-9]+\]'
tt_refute 'added an internal note|kept the file|sent the file|replied to the customer'
tt_keys g
tt_keys -l '/Timeline'
tt_keys Enter
tt_wait_for '^Timeline \([0-9]+ entries\)'
total=$(tt_screen | sed -n 's/^Timeline (\([0-9]*\) entries).*/\1/p')
shown=$(LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC "$TICKETTY_BIN" --db "dbname=$TT_DB" ticket show "$id" 2>/dev/null |
	grep -cE '^[A-Z][a-z]{2} [A-Z][a-z]{2} [0-9]+ 2026 [0-9:]+  ')
[ "$total" = "$shown" ] || tt_fail "the header counts $total entries, ticket show shows $shown"
tt_keys Q
tt_wait_for 'tt-exit=0'

# the command line says it the same way
tt_keys "clear; exec_tt ticket show $id | grep -cE 'INTERNAL NOTE by Pat Postgres .v3.|kept with the note: placements|added an internal note|kept the file'" Enter
tt_wait_for '^2$'

# in Spanish
tt_keys "export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; clear; exec_tt" Enter
tt_wait_for 'Once 0001'
tt_keys -l ":$id"
tt_keys Enter
tt_wait_for "^#$id +Once 0001"
tt_keys G
tt_wait_for '  NOTA INTERNA por Pat Postgres$'
tt_assert '^  \| guardado con la nota: placements\.csv \(32 bytes\)$'
tt_assert '^    enviado con el mensaje: placements\.csv \(32 bytes\)$'
tt_refute 'añadió una nota|guardó el archivo|envió el archivo|respondió al cliente'
tt_keys Q
tt_wait_for 'tt-exit=0'
