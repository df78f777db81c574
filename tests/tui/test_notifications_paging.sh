#!/bin/sh
# The notifications view (`5`) with 1,500 unread notifications, more than
# the 1,000 it used to read at most (oldest first, so the newest were
# never seen): newest first, a window of a few screenfuls read by keyset
# as the cursor moves, and every one in reach at 80x24: PgDn and PgUp go
# on without a gap or a repeat where the window moves on, j and k cross
# it one at a time, G reaches the oldest and g the newest again; the
# status line counts them all.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 3 3 "Note"
n1=$(tt_val "SELECT id FROM tickets WHERE title = 'Note 0001'")
n2=$(tt_val "SELECT id FROM tickets WHERE title = 'Note 0002'")
n3=$(tt_val "SELECT id FROM tickets WHERE title = 'Note 0003'")
# the g-th a minute after the one before: the first (the oldest) of Note
# 0001, the last (the newest) of Note 0003, the rest of Note 0002
tt_sql "INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload, created_at)
        SELECT a.id, 'ticket.changed',
               CASE g WHEN 1 THEN $n1 WHEN 1500 THEN $n3 ELSE $n2 END,
               jsonb_build_object('g', g),
               timestamptz '2026-11-17 12:00+00' + g * interval '1 minute'
          FROM agents a, generate_series(1, 1500) g WHERE a.login = 'postgres'" >/dev/null
# which were marked read, by g
read_ones() { tt_val "SELECT coalesce(string_agg(payload->>'g', ',' ORDER BY (payload->>'g')::int), '')
                        FROM notifications WHERE read_at IS NOT NULL"; }
# the minutes (day * 1440 + hour * 60 + minute) of the times on screen,
# top to bottom, must each be one less than the one above
consecutive() {
	tt_screen | awk -v what="$1" '
		/^2026-11-1[78] [0-9][0-9]:[0-9][0-9] EST/ {
			split($1, d, "-"); split($2, t, ":")
			m = d[3] * 1440 + t[1] * 60 + t[2]
			if (n && m != last - 1) { print what ": " last " then " m; bad = 1 }
			last = m; n++
		}
		END { if (n < 8) { print what ": only " n " on screen"; bad = 1 } exit bad }' ||
		tt_fail "the times on screen do not follow each other ($1)"
}

tt_start
tt_wait_for 'Note 0003'
tt_keys 5
tt_wait_for '^ ticketty . Notifications'
# the newest on top, and all counted
tt_wait_for "^2026-11-18 08:00 EST +#$n3 +Note 0003"
[ "$(tt_line_of "#$n3 +Note 0003")" = 3 ] || tt_fail "the newest is not the first row"
tt_wait_for '1500 unread'
consecutive 'first screen'

# a screenful at a time across the window's moves, both ways
tt_keys PageDown PageDown PageDown PageDown PageDown PageDown PageDown PageDown
tt_wait_for "^2026-11-18 06:[34][0-9] EST +#$n2 "
tt_refute "Note 0003"
consecutive 'after eight PgDn'
top=$(tt_screen | sed -n 3p)
tt_keys PageUp PageUp PageUp
tt_wait_gone "^$top"
consecutive 'after three PgUp'
tt_keys PageDown PageDown PageDown
# the same first row, waited for on line 3 itself (not anywhere, then its line read)
tt_wait_line 3 "^$top"

# g: the newest again; 60 times j, past the window read first, and m
# marks the 60th after the newest (g 1440)
tt_keys g
tt_wait_for "^2026-11-18 08:00 EST +#$n3 +Note 0003"
tt_keys $(yes j | head -n 60)
tt_keys m
tt_wait_for '1 notification marked read'
tt_wait_for '1499 unread'
[ "$(read_ones)" = 1440 ] || tt_fail "j 60 times then m marked $(read_ones), not 1440"

# G reaches the oldest, which the view never showed before
tt_keys G
tt_wait_for "^2026-11-17 07:01 EST +#$n1 +Note 0001"
tt_refute "Note 0003"
tt_keys m
# (the message of the m before may still be on screen: the count is new)
tt_wait_for '1498 unread'
[ "$(read_ones)" = "1,1440" ] || tt_fail "G then m marked $(read_ones), not the oldest"
tt_wait_gone "Note 0001"
# k 30 times from the oldest left (g 2), back past the window read by G
tt_wait_for "^2026-11-17 07:02 EST +#$n2 "
tt_keys $(yes k | head -n 30)
tt_keys m
tt_wait_for '1497 unread'
[ "$(read_ones)" = "1,32,1440" ] || tt_fail "k 30 times then m marked $(read_ones), not 32"
consecutive "after k"
tt_keys Q
tt_wait_for 'tt-exit=0'
