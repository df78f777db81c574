#!/bin/sh
# `/` filters the inbox by a piece of the sender or the subject, in any
# case, on the server, a screenful at a time (held mail too, past a
# screen of matches); the status line says the filter and how many
# match. An empty filter, or Esc in the list, shows every mail again;
# Esc then leaves the view.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/inbox_lib.sh"

inbox_fixture
inbox_mail 'Carla Contact <carla1@example.com>' 'Blank placements' 'Nothing renders.' '<f1@customer.test>' |
	inbox_receive
inbox_mail 'Carla Contact <carla1@example.com>' 'Invoice question' 'Which one?' '<f2@customer.test>' |
	inbox_receive
inbox_mail 'Carla Contact <carla2@example.com>' 'Login fails' 'Since noon.' '<f3@customer.test>' |
	inbox_receive
inbox_mail 'Carla Contact <carla2@example.com>' 'Copy of the invoice' 'Please.' '<f4@customer.test>' |
	inbox_receive
# 40 held mails, every other one an "Invoice"
tt_sql "INSERT INTO mail_inbound (message_id, raw, received_at, from_address, subject, state, hold_reason)
        SELECT '<h' || g || '@junk.example>', 'x', tt_now() - interval '1 day' + g * interval '1 minute',
               'promo' || g || '@junk.example',
               CASE WHEN g % 2 = 0 THEN 'Invoice ' ELSE 'Offer ' END || lpad(g::text, 4, '0'),
               'held', 'unknown_sender'
          FROM generate_series(1, 40) g" >/dev/null

tt_start
tt_keys 3
tt_wait_for '4 mails in the inbox'
# the subject, any case
tt_keys /
tt_wait_for 'Filter \(sender or subject\):'
tt_keys -l 'INVOICE'
tt_keys Enter
tt_wait_for 'filter "INVOICE": 2 mails in the inbox'
tt_assert 'Invoice question'
tt_assert 'Copy of the invoice'
tt_refute 'Blank placements'
tt_refute 'Login fails'
# the sender's address; the prompt starts from the filter in force
tt_keys /
tt_wait_for 'Filter \(sender or subject\): INVOICE'
tt_keys C-u
tt_keys -l 'carla2@'
tt_keys Enter
tt_wait_for 'filter "carla2@": 2 mails in the inbox'
tt_assert 'Login fails'
tt_assert 'Copy of the invoice'
tt_refute 'Invoice question'
# Esc clears it first
tt_keys Escape
tt_wait_for '4 mails in the inbox'
tt_assert 'Blank placements'
tt_assert 'Invoice question'
# nothing matches
tt_keys /
tt_wait_for 'Filter \(sender or subject\):$'
tt_keys -l 'no such words'
tt_keys Enter
tt_wait_for '\(no mail matches the filter\)'
tt_assert 'filter "no such words": 0 mails in the inbox'
# an empty filter shows every mail
tt_keys /
tt_wait_for 'Filter \(sender or subject\): no such words'
tt_keys C-u Enter
tt_wait_for '4 mails in the inbox'
tt_assert 'Login fails'
# held mail, more matches than a screen (13 rows at 80x24): paged
tt_keys h
tt_wait_for '40 held mails  \(top\)'
tt_keys /
tt_wait_for 'Filter \(sender or subject\):'
tt_keys -l 'invoice'
tt_keys Enter
tt_wait_for 'filter "invoice": 20 held mails  \(top\)'
tt_assert 'Invoice 0002'
tt_refute 'Offer'
tt_keys G
tt_wait_for 'Subject: Invoice 0040'
tt_assert 'filter "invoice": 20 held mails  \(end\)'
tt_refute 'Invoice 0014'
tt_refute 'Offer'
tt_keys Escape
tt_wait_for '40 held mails  \(top\)'
tt_assert 'Offer 0001'
# with no filter, Esc leaves the view
tt_keys Escape
tt_wait_for '\[Queue\]'
tt_keys Q
tt_wait_for 'tt-exit=0'
