#!/bin/sh
# `ticketty admin policy show` at 80 columns, in English and in Spanish:
# the opening hours name their days in the reader's words ("Monday",
# "lunes", as the holiday rules do, not the keys "mon"), and a holiday
# rule whose name does not fit beside its description (the shipped
# policy's Juneteenth, every Spanish rule) wraps between words under the
# name's column, instead of running past the 80th column and being cut
# mid-word by the terminal. `admin audit` wraps its lines the same way
# (a long team name renamed: the change's value hangs under its line).
TT_ROWS=${TT_ROWS:-100}
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_start admin policy show
tt_wait_for 'tt-exit=0'
tt_assert '^  Monday +09:00-18:00$'
tt_assert '^  Friday +09:00-18:00$'
tt_refute '^  mon '
tt_assert '^  19 June, observed on the nearest weekday +Juneteenth National Independence$'
tt_assert '^ {48}Day$'
tt_assert '^  third Monday of January +Birthday of Martin Luther King,$'
tt_assert '^ {48}Jr\.$'
# cut by the terminal, the rest would start the next line at the margin
tt_refute '^ ?(Day|Jr\.)$'

# the audit of a rename with a long name, on the terminal: wrapped
# between words, the continuation indented, the name's end on a line
tt_shell "clear; exec_tt admin team set ad_quality name='Ad Quality and Brand Safety for Native Advertising Partners'"
tt_wait_for 'tt-exit=0'
tt_shell "clear; exec_tt admin audit --limit 1"
tt_wait_for 'tt-exit=0'
tt_assert '^    before: \{"name": "Ad Quality"\}$'
tt_assert '^    after: \{"name": "Ad Quality and Brand Safety for Native Advertising$'
tt_assert '^      Partners"\}$'

tt_shell "export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; clear; exec_tt admin policy show"
tt_wait_for 'tt-exit=0'
tt_assert '^  lunes +09:00-18:00$'
tt_assert '^  miércoles +09:00-18:00$'
tt_assert '^  19 de junio, se observa el día laborable más cercano +Juneteenth National$'
tt_assert '^ {60}Independence Day$'
tt_refute '^ ?(Independence Day|Day|Jr\.)$'
