#!/bin/sh
# More held mail than the inbox once read (its first 500, oldest first;
# the newer ones could not be reached): the held list (`h`) is read a
# screenful at a time by keyset, so PgDn, line moves past the bottom, G
# and g reach every mail, the newest included, and the status line
# counts them.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/inbox_lib.sh"

inbox_fixture
# 520 mails from unknown senders, a minute apart over the day before the
# pinned clock, inserted newest first (the list's order is not the ids')
tt_sql "INSERT INTO mail_inbound (message_id, raw, received_at, from_address, subject, state, hold_reason)
        SELECT '<spam' || g || '@junk.example>', 'x', tt_now() - interval '1 day' + g * interval '1 minute',
               'promo' || g || '@junk.example', 'Spam ' || lpad(g::text, 4, '0'), 'held', 'unknown_sender'
          FROM generate_series(520, 1, -1) g" >/dev/null
inbox_mail 'Carla Contact <carla1@example.com>' 'Blank placements' 'Nothing renders.' '<a1@customer.test>' |
	inbox_receive

tt_start
tt_keys 3
tt_wait_for '1 mail in the inbox'
tt_keys h
# 80x24: title, header, 13 rows, the selected mail's 8 lines, status line
tt_wait_for '520 held mails  \(top\)'
tt_wait_for 'Spam 0001'
tt_assert 'Spam 0013'
tt_refute 'Spam 0014'
tt_keys PageDown
tt_wait_for 'Spam 0026'
tt_refute 'Spam 0013'
tt_assert 'Subject: Spam 0014'
# the newest, far past the first 500
tt_keys G
tt_wait_for 'Spam 0520'
tt_wait_for 'Subject: Spam 0520'
tt_assert 'Spam 0508'
tt_refute 'Spam 0507'
tt_assert '520 held mails  \(end\)'
tt_keys PageUp
tt_wait_for 'Spam 0495'
tt_refute 'Spam 0508'
# up past the top row reads the one before it
tt_keys g
tt_wait_for 'Subject: Spam 0001'
for i in $(seq 1 13); do tt_keys j; done
tt_wait_for 'Subject: Spam 0014'
tt_refute 'Spam 0001'
for i in $(seq 1 13); do tt_keys k; done
tt_wait_for 'Subject: Spam 0001'
tt_assert '520 held mails  \(top\)'
# mail that comes in is counted (the view reads again on its notice)
tt_sql "INSERT INTO mail_inbound (message_id, raw, received_at, from_address, subject, state, hold_reason)
        VALUES ('<late@junk.example>', 'x', tt_now(), 'late@junk.example', 'Spam late', 'held', 'unknown_sender');
        NOTIFY ticketty, '{\"inbox\":0,\"kind\":\"mail\"}'" >/dev/null
tt_wait_for '521 held mails'
tt_keys G
tt_wait_for 'Subject: Spam late'
tt_keys Q
tt_wait_for 'tt-exit=0'
