#!/bin/sh
# Hostile mail: terminal escapes (title change, clear screen, OSC 52), a C1
# CSI, a right-to-left override and a bare CR in the sender's name, the
# subject (RFC 2047) and the text (quoted-printable) of a received mail;
# the subject and name are stored as one line, then given their escapes
# back in the database (as another program could write them). The inbox list, its preview and the intake form filled in from it show
# them as visible escapes; nothing reaches the terminal raw, the pane
# title and clipboard stay unchanged.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"
. "$(dirname "$0")/inbox_lib.sh"

inbox_fixture
# Q-encoded: =1B ESC, =07 BEL, =C2=9B C1 CSI, =E2=80=AE RLO, =0D CR
cat <<'MAIL' | inbox_receive
From: =?utf-8?q?Evil=1B=5D0=3BPWNED=07_Name?= <carla1@example.com>
To: support@ticketty.invalid
Subject: =?utf-8?q?Evil=1B]0;PWNED=07_=1B[2J=1B]52;c;aGFja2Vk=07_=C2=9B31m_c1_=E2=80=AERLO_end?=
Date: Wed, 18 Nov 2026 14:58:00 +0000
Message-ID: <hostile@customer.test>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Body=1B]0;PWNED=07 =1B[2J=C2=9B31m =E2=80=AERLO =0DCR end
MAIL
# The subject and the sender's name are stored as one line (each run of
# control characters a space, as intake reads a title; mail/parse.c), the
# right-to-left override and the words kept; the text as it came.
[ "$(intake_val "SELECT (subject !~ '[\\x01-\\x1f\\x7f-\\x9f]' AND from_name !~ '[\\x01-\\x1f\\x7f-\\x9f]'
                        AND subject LIKE E'Evil ]0;PWNED %\\u202eRLO end' AND from_name LIKE 'Evil ]0;PWNED%Name')::text
                       || (body LIKE E'%\\033[2J%')::text FROM mail_inbound")" = truetrue ] ||
	tt_fail "the subject and name are not one line, or the text lost its bytes: $(intake_val "SELECT subject FROM mail_inbound")"
# The screens must hold whatever wrote the row (an older ticketty, another
# program): the subject and the name get their escapes back.
intake_val "UPDATE mail_inbound SET subject = E'Evil\\033]0;PWNED\\007 \\033[2J\\033]52;c;aGFja2Vk\\007 \\u009b31m c1 \\u202eRLO end',
                                    from_name = E'Evil\\033]0;PWNED\\007 Name'" >/dev/null

ESC=$(printf '\033')
check_screen_clean() {
	raw=$(tmux_ capture-pane -p -e -t tt)
	printf '%s' "$raw" | sed "s/$ESC\[[0-9;]*m//g" | LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" &&
		tt_fail "$1: a control character reached the screen"
	printf '%s' "$raw" | grep -q "$(printf '\302\233\|\342\200\256')" &&
		tt_fail "$1: a C1 or bidi control reached the screen"
	[ "$(tt_pane '#{pane_title}')" = "$title_before" ] || tt_fail "$1: the pane title changed"
	[ -z "$(tmux_ list-buffers 2>/dev/null)" ] || tt_fail "$1: the clipboard (OSC 52) was set"
	tt_refute 'PWNED$'
}

tt_start
tmux_ set-option -g set-clipboard on >/dev/null
tmux_ set-option -g allow-rename on >/dev/null 2>&1
title_before=$(tt_pane '#{pane_title}')
tt_wait_for 'ticketty'
tt_keys 3
tt_wait_for 'Subject: Evil\^\[\]0;PWNED\^G \^\[\[2J\^\[\]52;c;aGFja2Vk\^G <U\+009B>31m c1 <U\+202E>RLO end'
tt_assert 'From: Evil\^\[\]0;PWNED\^G Name <carla1@example.com>'
tt_assert 'Body\^\[\]0;PWNED\^G \^\[\[2J<U\+009B>31m <U\+202E>RLO'
tt_assert 'Evil\^\[\]0;PWN'
check_screen_clean inbox
tt_keys Enter
tt_wait_for 'New ticket'
# the subject's control characters are spaces in the one-line title (520)
tt_wait_for 'Title \* +Evil \]0;PWNED +\[2J \]52;c;aGFja2Vk +31m c1 <U\+202E>RLO'
check_screen_clean "intake form"
tt_keys Escape
tt_wait_gone 'Creative audit'
tt_keys Escape
tt_wait_for 'Keep the draft for later'
tt_keys n   # one key answers
tt_wait_for 'Subject: Evil'
tt_keys Q
tt_wait_for 'tt-exit=0'
