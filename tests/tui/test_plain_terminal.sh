#!/bin/sh
# LANG=C: ASCII borders, non-ASCII text shown as visible escapes, columns
# still aligned. NO_COLOR / --no-color: no colour codes at all, the
# selection in reverse video, severity and SLA state as text.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00' frozen   # a Wednesday, 10:00 in New York
tt_sql "UPDATE customers SET name = 'Café Médias' WHERE name = 'Acme Media'"
tt_sql "
INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity,
                     title, description, impact, object_ids, member_id, repro_steps, browser, os,
                     phone, calendar_id, plan)
SELECT c.id, ct.id, rt.id, rt.team_id, 1, 2, t, 'd', 'i', '{42}', 1001, 'r', 'Firefox 128', 'Linux 6',
       NULL, c.calendar_id, c.plan
  FROM customers c JOIN contacts ct ON ct.customer_id = c.id JOIN request_types rt ON rt.key = 'ad_serving',
       (VALUES ('Größe 日本'), ('Plain t')) v(t)
 WHERE c.name = 'Café Médias'"

# --- LANG=C
TT_LANG=C
tt_start
tt_wait_for 'Plain t'
screen=$(tt_screen)
printf '%s\n' "$screen" | grep -q 'Gr<U+00F6>' || tt_fail "non-ASCII title not shown as an escape"
printf '%s' "$screen" | LC_ALL=C grep -q "$(printf '[\200-\377]')" && tt_fail "non-ASCII bytes reached a LANG=C terminal"
# the title column starts at the same cell on both rows
c1=$(printf '%s\n' "$screen" | grep '^ *[0-9].*Gr<U+00F6>' | awk '{print index($0, "Gr<U+")}')
c2=$(printf '%s\n' "$screen" | grep '^ *[0-9].*Plain t' | awk '{print index($0, "Plain t")}')
[ "$c1" = "$c2" ] || tt_fail "columns not aligned under LANG=C ($c1 vs $c2)"
tt_keys Q
tt_wait_for 'tt-exit=0'
tmux_ kill-server >/dev/null 2>&1

# --- NO_COLOR and --no-color
TT_LANG=C.UTF-8
base_sock=$TT_SOCK
for how in env flag; do
	TT_SOCK="$base_sock-$how"
	if [ "$how" = env ]; then TT_ENV="NO_COLOR=1"; tt_start; else TT_ENV=""; tt_start --no-color; fi
	tt_wait_for 'Plain t'
	esc=$(tmux_ capture-pane -p -e -t tt)
	# SGR colour parameters 30-37, 38;x, 40-47, 48;x, 90-97, 100-107
	printf '%s' "$esc" | grep -Eq "$(printf '\033')\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9;]*)?m" &&
		tt_fail "$how: colour codes on a no-colour screen"
	printf '%s' "$esc" | grep -q "$(printf '\033')\[[0-9;]*7[0-9;]*m" || tt_fail "$how: no reverse video for the selection"
	# severity and SLA state as text: created now, first response in 2 business hours
	tt_assert '^ +2 2 Urg +ok 2h +new +Caf'
	tt_assert '^new · SLA ok 2 business hours · Caf'
	tt_keys Q
	tt_wait_for 'tt-exit=0'
	tmux_ kill-server >/dev/null 2>&1
done
