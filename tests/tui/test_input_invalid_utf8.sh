#!/bin/sh
# A byte that is no UTF-8 loses nothing typed after it. The bytes c3 28
# (a lead byte, then "(") typed or pasted into a text field: ncurses's
# get_wch read on to the end of what was waiting and dropped all of it,
# so the "(" and every key in the same burst were lost, silently. Now the
# bad byte shows as U+FFFD, the "(" and the rest arrive, and the status
# line names the bytes. In the search prompt, the `:` command line and an
# intake form field, typed (alone and in one burst with the text after
# it) and pasted (bracketed, as a terminal pastes).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

FFFD=$(printf '\357\277\275')
MSG='1 invalid UTF-8 sequence \(bytes C3\) replaced by U\+FFFD'

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_start
tt_wait_for 'Queue'

# the search prompt: the bad byte and the "(" in one write, then more
tt_keys F
tt_wait_for 'Search:'
tt_keys -l 'a'
tt_wait_for 'Search: a'
tt_keys -H c3 28
tt_wait_for "Search: a$FFFD\\($"
tt_wait_for "$MSG"
tt_keys -l 'b)'
tt_wait_for "Search: a$FFFD\\(b\\)"
tt_wait_gone "$MSG"
# in one burst with what follows (get_wch dropped it all)
tt_keys -H c3 28 63 64 65
tt_keys -l ' end'
tt_wait_for "Search: a$FFFD\\(b\\)$FFFD\\(cde end"
# a lead byte cut short by another lead byte, a byte that is no lead,
# and a three-byte lead whose second byte is good: each one U+FFFD, the
# characters after them whole (é, then "x", then "y")
tt_keys -H c3 c3 a9 ff 78 e2 82 79
tt_wait_for "cde end$FFFDé${FFFD}x${FFFD}y"
tt_wait_for '3 invalid UTF-8 sequences \(the first: bytes C3\) replaced by U\+FFFD'
tt_keys Escape
tt_wait_gone 'Search:'

# the command line
tt_keys :
tt_keys -H c3 28 34 32 29
tt_wait_for "^:$FFFD\\(42\\)"
tt_wait_for "$MSG"
tt_keys Escape
tt_wait_gone "^:$FFFD"

# an intake form field, typed then pasted
tt_keys n
tt_wait_for 'Customer \*'
tt_keys Tab Tab Tab Tab Tab
tt_wait_for 'field 6/15'
tt_keys -l 'Typed '
tt_wait_for 'Title \* +Typed'
tt_keys -H c3 28 6f 6b 29
tt_wait_for "Title \\* +Typed $FFFD\\(ok\\)"
tt_wait_for "$MSG"
# a paste: ESC [200~ ... ESC [201~ around the bytes
tt_keys -H 1b 5b 32 30 30 7e 20 70 c3 28 71 29 1b 5b 32 30 31 7e
tt_wait_for "Title \\* +Typed $FFFD\\(ok\\) p$FFFD\\(q\\)"
tt_wait_for "$MSG"
tt_keys -l ' after'
tt_wait_for "Title \\* +Typed $FFFD\\(ok\\) p$FFFD\\(q\\) after"
tt_wait_gone "$MSG"
tt_assert 'field 6/15'
