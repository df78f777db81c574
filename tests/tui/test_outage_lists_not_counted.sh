#!/bin/sh
# A list opened while the database is unavailable read nothing, and says
# so rather than counting it, at 80x24: the notifications view said "No
# unread notifications." and "0 unread" while three waited (the badge,
# read before the outage, said 3), the escalations and inbox views "0
# open escalations" and "0 mails in the inbox" beside "(not connected to
# the database)". Now each says it is not connected and gives no count;
# once the server is back the view reads again and counts. The server is
# always started again, even when this test fails midway (other tests
# share the cluster).
. "$(dirname "$0")/lib.sh"

tt_needs_cluster

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 3 3 "Counted"
tt_sql "INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload, created_at)
        SELECT a.id, 'ticket.changed', t.id, '{}', timestamptz '2026-11-18 14:00+00'
          FROM agents a, tickets t WHERE a.login = 'postgres'" >/dev/null
tt_start
tt_wait_for 'Counted 0003'
tt_wait_for '\[3 unread notifications\]'

tt_server_kill
tt_wait_for 'database unavailable, retrying in'

tt_keys 5
tt_wait_for '^\[Notifications\]'
tt_wait_for '^\(not connected to the database\)'
tt_refute 'No unread notifications'
tt_refute '\] 0 unread'

tt_keys 2
tt_wait_for '^\[Escalations\]'
tt_wait_for '^\(not connected to the database\)'
tt_refute '^\[Escalations\] 0 '

tt_keys 3
tt_wait_for '^\[Inbox\]'
tt_wait_for '^\(not connected to the database\)'
tt_refute '^\[Inbox\] 0 '

# back: the list is read and counted
tt_keys 5
tt_wait_for '^\[Notifications\]'
tt_server_back
TT_TIMEOUT=20 tt_wait_for 'Counted 0001'
tt_keys j   # the status line shows the view's state again, not the message
tt_wait_for '^\[Notifications\] 3 unread'
tt_keys Q
tt_wait_for 'tt-exit=0'
