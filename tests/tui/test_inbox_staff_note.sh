#!/bin/sh
# A reply to a copy the desk sent its own people (here the COO's answer to
# an emergency update) is held, never the customer's word; in the held
# list (which names its ticket) `N` asks, then puts it on that ticket as
# an internal note: the mail leaves the held list and the ticket's
# timeline shows the note with who wrote it. In the inbox itself `N` says
# only held mail becomes a note; on held mail that names no ticket (an
# automatic reply) it says so before asking. Its heading (who wrote it, the
# subject) is said in the reader's language, English or Spanish (sql/730).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"
. "$(dirname "$0")/inbox_lib.sh"

inbox_fixture
tt_ticket_at 1 'Placements render blank' '2026-11-18 14:00+00'
tt_sql "INSERT INTO mail_outbox (kind, ticket_id, lang, to_name, to_address, from_name, from_address,
                                 subject, body, message_id, auto_submitted)
        VALUES ('emergency_update', 1, 'en', 'Cleo Coo', 'coo@desk.test', 'Client Services',
                'support@desk.test', '[#1] Placements render blank', 'Engineers on it',
                '<ticketty.1.9@desk.test>', 'auto-generated')" >/dev/null
cat <<'MAIL' | inbox_receive
From: Cleo Coo <coo@desk.test>
To: support@ticketty.invalid
Subject: Re: [#1] Placements render blank
Date: Wed, 18 Nov 2026 14:58:00 +0000
Message-ID: <coo1@desk.test>
In-Reply-To: <ticketty.1.9@desk.test>
Content-Type: text/plain; charset=utf-8

I called their CEO: they accept a workaround until Friday.
MAIL
[ "$(intake_val "SELECT state || '/' || hold_reason FROM mail_inbound WHERE message_id = '<coo1@desk.test>'")" = held/staff_reply ] ||
	tt_fail "the COO's reply was not held as a reply to a staff copy"
cat <<'MAIL' | inbox_receive
From: robot@elsewhere.test
Subject: Out of office
Auto-Submitted: auto-replied
Message-ID: <ooo@elsewhere.test>

Away until Monday.
MAIL

tt_start
tt_keys 3
tt_wait_for '\(the inbox is empty\)'
tt_keys N
tt_wait_for 'only held mail becomes a note \(h shows it\)'
tt_keys h
tt_wait_for '2 held mails'
tt_wait_for 'held \(reply to a copy sent to staff, #1\)'
# an automatic reply names no ticket: said before anything is asked
tt_keys j
tt_wait_for 'Subject: Out of office'
tt_keys N
tt_wait_for 'mail 2 names no ticket: it stays held'
tt_keys k
tt_wait_for 'Subject: Re: \[#1\] Placements render blank'
tt_keys N
tt_wait_for 'Put this mail on ticket #1 as an internal note\? \[y/N\]'
tt_keys n
tt_wait_gone 'Put this mail on ticket'
[ "$(intake_val "SELECT count(*) FROM comments")" = 0 ] || tt_fail "n put the mail on the ticket"
tt_keys N
tt_wait_for 'Put this mail on ticket #1'
tt_keys y
tt_wait_for 'mail 1 is now an internal note on ticket 1'
tt_wait_gone 'staff, #1'
tt_refute 'Placements render'
# the note's text is the mail's alone; its heading is said on screen (sql/730)
[ "$(intake_val "SELECT c.kind || '|' || split_part(c.body, E'\n', 1) FROM comments c
  JOIN mail_inbound m ON m.comment_id = c.id WHERE c.ticket_id = 1")" = 'internal|I called their CEO: they accept a workaround until Friday.' ] ||
	tt_fail "the note is not the COO's mail: $(intake_val "SELECT body FROM comments")"
tt_keys ':1' Enter
tt_wait_for '#1  Placements render blank'
tt_keys G
tt_wait_for 'Mail from Cleo Coo <coo@desk.test>'
tt_assert 'I called their CEO'
tt_keys Q
tt_wait_for 'tt-exit=0'
# a Spanish reader sees its heading in Spanish (the facts are the mail's, 730)
tmux_ send-keys -t tt "clear; (export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; exec_tt)" Enter
tt_wait_for 'Cola'
tt_keys ':1' Enter
tt_wait_for '#1  Placements render blank'
tt_keys G
tt_wait_for 'Correo de Cleo Coo <coo@desk.test>, Re: \[#1\] Placements render blank:'
tt_refute 'Mail from'
tt_assert 'I called their CEO'
tt_keys Q
tt_wait_for 'tt-exit=0'
