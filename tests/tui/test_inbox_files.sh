#!/bin/sh
# The files of a mail in the inbox, before it is accepted: the detail pane
# names them, `w` saves one (the path offered is the file's name in the
# current directory) with the same SHA-256 as received, `v` opens it with
# xdg-open in a graphical session, and a mail without files says so.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"
. "$(dirname "$0")/inbox_lib.sh"

inbox_files_fixture
printf 'From: Carla Contact <carla1@example.com>\nSubject: Plain words\nMessage-ID: <a2@customer.test>\n\nNo file here.\n' |
	inbox_receive

# an opener that keeps a copy of what it was given
inbox_fake_opener "$OUT"
tt_start
tt_wait_for 'ticketty'
tt_keys 3
tt_wait_for '2 mails in the inbox'
tt_wait_for '^Files: +screen\.png$'
tt_keys w
tt_wait_for 'Save to: \./screen\.png'
inbox_save_as "$OUT/saved.png"
tt_wait_for "saved .*saved.png \($size bytes\)"
[ "$(sha256sum < "$OUT/saved.png" | cut -d' ' -f1)" = "$want" ] || tt_fail "the saved file differs"
tt_keys v
tt_wait_for 'opened .*screen\.png'
[ "$(sha256sum < "$OUT/opened" | cut -d' ' -f1)" = "$want" ] || tt_fail "xdg-open was given other bytes"
# the mail without files
tt_keys j
tt_wait_for 'No file here'
tt_keys w
tt_wait_for 'this mail has no files'
# ? lists the keys
tt_keys '?'
tt_wait_for 'save a file of the mail'
tt_assert 'open a file of the mail with xdg-open or run-mailcap'
exit 0
