#!/bin/sh
# Product managers and developers write internal notes only (DESIGN.md
# section 5; the database refuses the rest): in the ticket view their r
# (public reply), T (canned reply), a (acknowledge) and x (resolve, a
# public message) say at once that it is for the support staff and that c
# writes an internal note; no editor opens, so nothing is written that can
# never be sent. A reply kept from before (here: written while the agent
# was an engineer, refused because the role changed meanwhile) is not
# lost: r says c takes it, and c starts the note from it.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 1 3 "Builder"
id=$(tt_val "SELECT id FROM tickets")
tt_sql "UPDATE tickets SET status = 'in_progress', acknowledged_at = tt_now(), version = version + 1" >/dev/null
tt_role tv_pm pm
tt_agent tv_pm pm 'Paula Product'

# the editor: counts its runs, keeps what it was given, writes a text
# into an empty file; once asked (the flag), the agent of the TUI
# (postgres) becomes a developer while the text is being written
editor="${TMPDIR:-/tmp}/tt-editor-builder-$$"
runs="${TMPDIR:-/tmp}/tt-editor-builder-runs-$$"
seen="${TMPDIR:-/tmp}/tt-editor-builder-seen-$$"
demote="${TMPDIR:-/tmp}/tt-editor-builder-demote-$$"
cat >"$editor" <<EOS
#!/bin/sh
echo run >> "$runs"
cp "\$1" "$seen"
[ -s "\$1" ] || printf 'Written in the editor' > "\$1"
if [ -f "$demote" ]; then
	rm -f "$demote"
	psql -qXAt -d "$TT_DB" -c "UPDATE ticketty.agents SET role = 'developer' WHERE login = 'postgres'" >/dev/null
fi
EOS
chmod +x "$editor"
trap 'rm -f "$editor" "$runs" "$seen" "$demote"; tt_cleanup' EXIT
editor_runs() {
	[ -f "$runs" ] && wc -l < "$runs" | tr -d ' ' || echo 0
}

# a product manager
TT_ENV="EDITOR=$editor" tt_start "--db='dbname=$TT_DB user=tv_pm'"
tt_wait_for 'Builder 0001'
tt_keys -l ":$id"
tt_keys Enter
tt_wait_for "^#$id +Builder 0001"
tt_keys r
tt_wait_for 'a public reply is for the support staff: c writes an internal note'
[ "$(editor_runs)" = 0 ] || tt_fail "r opened the editor for a product manager"
tt_keys x
tt_wait_for 'resolving is for the support staff: c writes an internal note'
tt_keys T
tt_wait_for 'a public reply is for the support staff: c writes an internal note'
tt_refute 'Canned reply:'
tt_keys a
tt_wait_for 'acknowledging is for the support staff: c writes an internal note'
[ "$(editor_runs)" = 0 ] || tt_fail "a key of a public message opened the editor for a product manager"
# the note is theirs to write
tt_keys c
tt_wait_for 'internal note added'
[ "$(editor_runs)" = 1 ] || tt_fail "c did not open the editor once"
[ "$(tt_val "SELECT count(*) FROM comments c JOIN agents a ON a.id = c.author_id
             WHERE a.login = 'tv_pm' AND c.kind = 'internal' AND c.body = 'Written in the editor'")" = 1 ] ||
	tt_fail "the product manager's note was not stored"
tt_keys Q
tt_wait_for 'tt-exit=0'

# an engineer writes a reply and is a developer by the time it is sent:
# refused, the text kept; r now says so at once and c makes it the note
rm -f "$runs"
touch "$demote"
tt_keys "clear; exec_tt" Enter
tt_wait_for 'Builder 0001'
tt_keys -l ":$id"
tt_keys Enter
tt_wait_for "^#$id +Builder 0001"
tt_keys r
tt_send
tt_wait_for '^a developer writes internal notes only: a public reply is for'
[ "$(editor_runs)" = 1 ] || tt_fail "r did not open the editor for an engineer"
[ "$(tt_val "SELECT role FROM agents WHERE login = 'postgres'")" = developer ] ||
	tt_fail "the role did not change while the reply was written"
tt_keys r
tt_wait_for 'a public reply is for the support staff: c turns your kept text into a note'
[ "$(editor_runs)" = 1 ] || tt_fail "r opened the editor again for a developer"
tt_keys c
tt_wait_for 'internal note added'
[ "$(editor_runs)" = 2 ] || tt_fail "c did not open the editor"
[ "$(cat "$seen")" = 'Written in the editor' ] ||
	tt_fail "the note did not start from the kept reply: '$(cat "$seen")'"
[ "$(tt_val "SELECT count(*) FROM comments c JOIN agents a ON a.id = c.author_id
             WHERE a.login = 'postgres' AND c.kind = 'internal' AND c.body = 'Written in the editor'")" = 1 ] ||
	tt_fail "the kept reply did not become the developer's note"
[ "$(tt_val "SELECT count(*) FROM comments WHERE kind = 'public'")" = 0 ] || tt_fail "a public reply was stored"
tt_wait_gone 'unsent text kept'
# nothing is kept any more: r says c writes a note
tt_keys r
tt_wait_for 'a public reply is for the support staff: c writes an internal note'
[ "$(editor_runs)" = 2 ] || tt_fail "r opened the editor for a developer"
tt_keys Q
tt_wait_for 'tt-exit=0'
