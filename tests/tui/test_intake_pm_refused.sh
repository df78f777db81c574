#!/bin/sh
# Filing a ticket starts the customer's thread, which is the support
# staff's; a product manager or developer writes internal notes only
# (DESIGN.md section 5) and the database refuses them a ticket
# (intake_filer). `n` said nothing of it: it opened the form, which could
# never be sent. Now `n` as a pm says why at once on the status line and
# opens no form (the queue stays, its help is the queue's); the same for
# a developer in Spanish. An engineer's `n` still opens the form.
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_role ipr_pm pm
tt_agent ipr_pm pm 'Paula Product'
tt_role ipr_dev developer
tt_agent ipr_dev developer 'Dora Dev'
tt_tickets 1 3 "Team"

tt_start "--db='dbname=$TT_DB user=ipr_pm'"
tt_wait_for 'ipr_pm +\? help'
tt_wait_for 'Team 0001'
tt_keys n
tt_wait_for '^\[Queue\] filing a ticket is for the support staff: you add internal notes$'
tt_refute 'New ticket|Customer \*'
tt_assert 'Team 0001'
# no form is on top: the help asked next is the queue's
tt_keys '?'
tt_wait_for 'Keys of the Queue view'
tt_refute 'Keys of the New ticket view'
tt_keys q
tt_wait_for 'Team 0001'
tt_keys Q
tt_wait_for 'tt-exit=0'

tt_shell "(LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; export LANG LC_ALL; exec_tt --db 'dbname=$TT_DB user=ipr_dev')"
tt_wait_for 'Team 0001'
tt_keys n
tt_wait_for '^\[Cola\] abrir tickets es cosa del personal de soporte: usted añade notas internas$'
tt_refute 'Ticket nuevo|Cliente \*'
tt_keys Q
tt_wait_for 'tt-exit=0'

# the engineer (the fixture's own login) files tickets
tt_shell "exec_tt"
tt_wait_for 'postgres +\? help'
tt_keys n
tt_wait_for 'Customer \*'
tt_refute 'support staff'
tt_keys Escape
tt_wait_gone 'Customer \*'
tt_keys Q
tt_wait_for 'tt-exit=0'
[ "$(tt_val "SELECT count(*) FROM tickets")" = 1 ] || tt_fail "a ticket was made"
