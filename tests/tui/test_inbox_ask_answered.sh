#!/bin/sh
# The customer's answer to `inbox ask` takes the asked mail's place in the
# inbox (`3`): one mail is listed, the answer, saying which mail it
# answers; Enter opens the intake form
# with the first mail's title and both mails' text, oldest first (a rule
# between them).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"
. "$(dirname "$0")/inbox_lib.sh"

inbox_fixture
inbox_mail 'Carla Contact <carla1@example.com>' 'Video ads do not play' \
	'Our video ads stopped playing yesterday.' '<first@example.com>' | inbox_receive
"$TICKETTY_BIN" --db "dbname=$TT_DB" inbox ask 1 >/dev/null || tt_fail "inbox ask failed"
ask=$(intake_val "SELECT message_id FROM mail_outbox WHERE kind = 'inbox_ask'")
cat <<MAIL | inbox_receive
From: Carla Contact <carla1@example.com>
To: support@ticketty.invalid
Subject: Re: Video ads do not play
Date: Wed, 18 Nov 2026 14:59:00 +0000
Message-ID: <answer@example.com>
In-Reply-To: $ask

Creative 991, Chrome 131 on macOS 15.
MAIL

tt_start
tt_keys 3
tt_wait_for '1 mail in the inbox'
tt_assert 'Re: Video ads do not play'
tt_refute 'asked for details'
tt_wait_for 'State: +in the inbox, answers mail 1'
tt_keys Enter
tt_wait_for 'New ticket'
tt_wait_for 'Title \* +Video ads do not play'
tt_assert 'Our video ads stopped playing yesterday\.'
# the field shows its first lines: the first mail, then the rule before the answer
tt_assert '^ +---$'
[ "$(intake_val "SELECT ticketty.inbox_prefill(2)->>'description'")" = "Our video ads stopped playing yesterday.

---

Creative 991, Chrome 131 on macOS 15." ] || tt_fail "the answer's form lacks a mail's text"
tt_keys Escape
tt_wait_gone 'Creative audit'
tt_keys Escape
tt_wait_for 'Keep the draft for later'
tt_keys n   # one key answers
tt_wait_for 'Subject: Re: Video ads do not play'
tt_keys Q
tt_wait_for 'tt-exit=0'
