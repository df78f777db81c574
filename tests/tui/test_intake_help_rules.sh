#!/bin/sh
# The intake form's help (n, then F1) at 80x24 lists the rules the
# database checks, from the same metadata as each field's own help
# (intake_fields.kind and .rule, 580): the multi-line fields and the
# one-line rule for the others, the object and member IDs positive whole
# numbers, screenshots for UI request types, the browser's version
# number, the OS's version number or release name, the emergency
# phone's 7 to 15 digits for severity 1. The list scrolls in the help's
# pager, wrapped, nothing cut. A field's own help ends with its rule.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_start
tt_wait_for '\[Queue\]'
tt_keys n
tt_wait_for '^Customer \*'
tt_keys F1
tt_wait_for 'Keys of the New ticket view'
tt_wait_for '^Rules the database checks when the form is sent:$'
tt_assert '^  Description, Impact, Steps to reproduce take several lines; every other field$'
tt_assert '^    is one line, without line breaks, tabs or other control characters\.$'
tt_assert '^  Object IDs: At least one; positive whole numbers, separated by commas or$'
tt_assert '^  Member ID: A positive whole number\.$'
tt_assert '^  Bidder ID: A positive whole number, when given\.$'
tt_assert '^  Screenshots: Needed when the request type concerns the user interface: at$'
tt_assert '^  Browser: Must contain a version number, e\.g\. Firefox 133 or Chrome 131\.0\.$'
# the rest a page down, the OS's line whole
tt_keys NPage
tt_wait_for '^    Windows 11, macOS Sonoma or Ubuntu 24\.04 LTS\.$'
tt_assert '^  Operating system: Must contain a version number or a release name, e\.g\.$'
tt_assert '^  Emergency phone: Needed for severity 1 \(Critical\): 7 to 15 digits, with only$'
tt_assert '^    spaces, a leading \+, hyphens, dots, paired parentheses and an extension such$'
tt_assert '^    as ext 12\.$'
tt_assert '^  C-s, F10 +submit the ticket$'
# back in the form, a field's own help ends with the same rule
tt_keys F1
tt_wait_for '^Customer \*'
tt_keys Tab Tab Tab Tab Tab Tab Tab Tab
tt_wait_for 'field 9/15'
tt_wait_for '^Every object involved \(line items, campaigns, placements, creatives \.\.\.\), at'
tt_assert '^At least one; positive whole numbers, separated by commas or spaces\.$'
tt_keys Escape
tt_wait_for '\[Queue\]'
tt_keys Q
tt_wait_for 'tt-exit=0'
