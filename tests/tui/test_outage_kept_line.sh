#!/bin/sh
# A text kept in an outage is said in a line that fits 80 columns, in
# English (tests/tui/outage_kept_line_lib.sh says what is checked).
LINE='^(\[Ticket\] )?not sent +your text is kept; database unavailable, retrying in [0-9]+s( |$)'
WHY='lost the connection to the database'
BACK='reconnected to the database: your text is kept, c sends it'
DONE='internal note added'
. "$(dirname "$0")/outage_kept_line_lib.sh"
