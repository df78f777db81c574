#!/bin/sh
# Hostile text: terminal escapes, OSC 52, C1 controls, bare CR, backspaces,
# binary junk, a right-to-left override and a 10,000-character line in the
# title, description, internal note, customer name and escalation reason.
# Nothing reaches the terminal raw (queue, ticket pager, escalation view,
# CLI text output), the pane title and clipboard stay unchanged, JSON output
# carries the exact characters and the database stores them exactly.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
# E'' strings: \033 ESC, \007 BEL, \r CR, \b backspace, \u009b C1 CSI, \u202e RLO
HOSTILE="E'Evil\\033]0;PWNED\\007 \\033[2J\\033]52;c;aGFja2Vk\\007 \\u009b31m c1 \\rCR \\b\\bBS \\u202eRLO junk\\001\\002\\177\\u0085 end'"
tt_sql "UPDATE customers SET name = $HOSTILE || ' Co' WHERE name = 'Acme Media'"
tt_sql "
INSERT INTO agents (login, display_name, role) VALUES ('csm1', 'Cass Csm', 'csm');
UPDATE customers SET csm_id = (SELECT id FROM agents WHERE login = 'csm1');
INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity,
                     title, description, impact, object_ids, member_id, repro_steps, browser, os,
                     phone, calendar_id, plan)
SELECT c.id, ct.id, rt.id, rt.team_id, 1, 2, $HOSTILE, $HOSTILE || repeat('x', 10000), 'i', '{42}', 1001, 'r',
       'Firefox 128', 'Linux 6', NULL, c.calendar_id, c.plan
  FROM customers c JOIN contacts ct ON ct.customer_id = c.id JOIN request_types rt ON rt.key = 'ad_serving'
 WHERE c.member_id = 1001;
INSERT INTO comments (ticket_id, author_id, kind, body)
SELECT 1, (SELECT id FROM agents WHERE login = 'postgres'), 'internal', $HOSTILE;
INSERT INTO escalations (ticket_id, level, holder_id, raised_by, reason)
SELECT 1, 1, (SELECT id FROM agents WHERE login = 'csm1'), (SELECT id FROM agents WHERE login = 'postgres'), $HOSTILE;
UPDATE tickets SET escalation_level = 1 WHERE id = 1;"

ESC=$(printf '\033')
check_screen_clean() {
	raw=$(tmux_ capture-pane -p -e -t tt)
	# capture-pane -e renders SGR itself; no other control bytes may appear
	printf '%s' "$raw" | sed "s/$ESC\[[0-9;]*m//g" | LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" &&
		tt_fail "$1: a control character reached the screen"
	[ "$(tt_pane '#{pane_title}')" = "$title_before" ] || tt_fail "$1: the pane title changed"
	[ -z "$(tmux_ list-buffers 2>/dev/null)" ] || tt_fail "$1: the clipboard (OSC 52) was set"
	tt_refute 'PWNED$'
}

tt_start
tmux_ set-option -g set-clipboard on >/dev/null
tmux_ set-option -g allow-rename on >/dev/null 2>&1
title_before=$(tt_pane '#{pane_title}')
tt_wait_for 'Evil\^\['
check_screen_clean queue
tt_assert 'Evil\^\[\]0;PWNED'
tt_keys Enter
tt_wait_for 'Evil'
check_screen_clean "ticket view"
tt_keys G
tt_wait_for 'INTERNAL NOTE by'
check_screen_clean "ticket view end"
tt_keys q
tt_wait_for '\[Queue\]'
tt_keys 2
tt_wait_for 'ticketty │ Escalations'
tt_wait_for 'Evil'
check_screen_clean escalations
tt_keys Q
tt_wait_for 'tt-exit=0'

# CLI text output: sanitised; JSON: exact (escaped by PostgreSQL)
out=$("$TICKETTY_BIN" --db "dbname=$TT_DB" ticket show 1)
printf '%s' "$out" | LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" && tt_fail "ticket show printed a control character"
printf '%s' "$out" | grep -q 'Evil^\[' || tt_fail "ticket show does not show the escape visibly"
json=$("$TICKETTY_BIN" --db "dbname=$TT_DB" ticket show 1 --json)
printf '%s' "$json" | grep -q 'Evil\\u001b]0;PWNED\\u0007' || tt_fail "JSON does not carry the exact characters"
esc_out=$("$TICKETTY_BIN" --db "dbname=$TT_DB" escalations)
printf '%s' "$esc_out" | LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" && tt_fail "escalations printed a control character"

# stored exactly
same=$(tt_sql "SELECT title = $HOSTILE AND description = $HOSTILE || repeat('x', 10000) FROM tickets WHERE id = 1")
[ "$same" = t ] || tt_fail "the title or description was not stored exactly"
exit 0
