#!/bin/sh
# The intake form's help (n, then F1) lists only keys that work in the
# form. In a field the form's own table comes first, then the edit table
# (C-f one character right, C-a start of the line...), then the
# characters typed: a global key the field takes never reaches the global
# table, so "Keys of every view" holds only what is left (F1, F3, C-l).
# Before, it listed j, q, Q, n, 1-5, :, R, F, g, Space, C-f and Home as
# keys of the form, which type text into the field or edit it.
TT_ROWS=60   # the whole help on one screen
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_start
tt_wait_for '\[Queue\]'
tt_keys n
tt_wait_for 'New ticket'
tt_keys F1
tt_wait_for 'Keys of the New ticket view'
tt_wait_for 'Keys can be changed in the configuration'
# what is left of the global table: F1, F3 and C-l, each once
tt_assert '^  F1 +show the keys of this view$'
tt_assert '^  F3 +search every ticket'
tt_assert '^  C-l +redraw the screen$'
# the form's own text keys, as its introduction says (Ctrl-F, Ctrl-A)
tt_assert '^  C-f, Right +text: one character right$'
tt_assert '^  C-a, Home +text: start of the line$'
# no key a field types or edits is offered as a key of every view
tt_refute '^  ([jkqQnNgGRF/:?1-5]|Space)(,| )'
tt_refute '^  PgDn, C-f|Space|go to the queue|quit ticketty|open a new ticket|command line'
tt_refute 'go to the first line|go to the last line|reload from the database'
# and the queue's help still lists every global key
tt_keys q
tt_wait_for 'New ticket'
tt_keys Escape   # nothing typed: no draft to ask about
tt_wait_for '\[Queue\]'
tt_keys '?'
tt_wait_for 'Keys of the Queue view'
tt_assert '^  q, Esc +back to the previous view'
tt_assert '^  n +open a new ticket'
tt_assert '^  PgDn, C-f, Space +next page$'
tt_keys q
tt_keys Q
tt_wait_for 'tt-exit=0'
