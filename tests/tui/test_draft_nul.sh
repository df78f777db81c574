#!/bin/sh
# A draft holding a NUL byte (a damaged or hand-edited file) comes back
# whole: the byte shows as U+2400 in the field (deletable like any
# character) and the text after it is not cut (it was, before issue 16).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
mkdir -p "$TT_DRAFTS"
# "kept<NUL>after the byte": 19 bytes
printf 'ticketty-draft 1\nkind intake\nfield title 19\nkept\000after the byte\nend\n' \
	> "$TT_DRAFTS/nulbyte1.draft"
tt_start
tt_wait_for 'Queue'
tt_keys n
tt_wait_for 'restored the unsent draft'
tt_wait_for 'Title \* +kept␀after the byte'
