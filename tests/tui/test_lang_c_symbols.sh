#!/bin/sh
# LANG=C (a terminal that is not UTF-8): ticketty's own separators and
# arrows are ASCII (" | ", "->"), in the TUI and in the CLI. Before, the
# " · " of the ticket header, its deadlines and the form's status line
# came out as "new <U+00B7> 3 High" and "field 1/15 <U+00B7> draft saved".
TT_LANG=C
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_tickets 1 3 "Plain"
id=$(tt_val "SELECT id FROM tickets WHERE title = 'Plain 0001'")

# no byte outside ASCII on the screen, and no escaped one of our own
ascii_screen() {
	tt_refute '<U\+'
	if tt_screen | LC_ALL=C grep -q "$(printf '[\200-\377]')"; then
		tt_fail "non-ASCII bytes on a LANG=C screen ($1)"
	fi
}

# the CLI: the ticket's header and deadlines
out=$(LANG=C LC_ALL=C LANGUAGE= "$TICKETTY_BIN" --db "dbname=$TT_DB" ticket show "$id") ||
	tt_fail "ticket show failed"
case "$out" in
*'<U+'*) tt_fail "ticket show under LANG=C: $(printf '%s\n' "$out" | grep '<U+' | head -n 3)" ;;
esac
printf '%s\n' "$out" | grep -Eq '^new \| 3 High \| SLA [a-z ]+ \| version 1$' ||
	tt_fail "ticket show under LANG=C: no ASCII header: $(printf '%s\n' "$out" | head -n 3)"

tt_start
tt_wait_for 'Plain 0001'
ascii_screen queue
# the ticket view: header and deadlines
tt_keys Enter
tt_wait_for "^#$id +Plain 0001"
tt_wait_for '^new \| 3 High \| SLA '
ascii_screen ticket
tt_keys q
tt_wait_for 'Plain 0001'
# the form's status line, and the request types' routes
tt_keys n
tt_wait_for 'Customer \*'
intake_type "acme" 'Acme Media'
tt_wait_for 'field 1/15 \| draft saved'
ascii_screen form
tt_keys Enter Enter
intake_type "ad serv" 'Ad serving issue +-> Client Services'
ascii_screen "request types"
tt_keys C-u
tt_keys Escape   # the list closes
tt_wait_gone 'Ad serving issue'
tt_keys Escape
tt_wait_for 'Keep the draft'
tt_keys n   # one key answers
tt_wait_for 'draft discarded'
tt_keys Q
tt_wait_for 'tt-exit=0'
