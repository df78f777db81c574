#!/bin/sh
# Search results at 80x24 give the title the room: when a hit's whole
# line ("#1  new  2 Urgent  Customer  Title") does not fit, the title
# comes before the customer, and the status and severity take their short
# labels ("#1  new  2 Urg  Title  (Customer)"), in English and Spanish.
# Before, a long customer name and the full labels left the title 15 to
# 25 cells, cut with an ellipsis. A line that fits keeps its full form.
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 2 2 "Narrow"
tt_sql "UPDATE customers SET name = 'Glasshouse Tech Review Partners' WHERE name = 'Acme Media';
        UPDATE tickets SET title = 'Placements render blank on the sports page since Monday' WHERE id = 1;
        UPDATE tickets SET title = 'Blank audio' WHERE id = 2;" >/dev/null

search() {
	tt_keys F
	tt_wait_for "$1"
	tt_keys C-u
	tt_keys -l -- "$2"
	tt_keys Enter
}

tt_start
tt_wait_for 'Narrow|Placements'
search 'Search:' 'blank'
tt_wait_for '2 tickets for "blank"'
tt_assert '^#1  new  2 Urg  Placements render blank on the sports page since Monday'
tt_assert '^#1  new  2 Urg  Placements .* Monday  \(Glass'
tt_assert '^#2  new  2 Urgent  Glasshouse Tech Review Partners  Blank audio'
tt_keys Q
tt_wait_for 'tt-exit=0'

tt_keys "clear; (LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; export LANG LC_ALL; exec_tt)" Enter
tt_wait_for 'Narrow|Placements'
search 'Buscar:' 'blank'
tt_wait_for '2 tickets para "blank"|"blank"'
tt_assert '^#1  [^ ]+  2 [^ ]+  Placements render blank on the sports page since Monday'
tt_assert '^#2  [^ ]+  2 [^ ]+  Glasshouse Tech Review Partners  Blank audio'
tt_keys Q
tt_wait_for 'tt-exit=0'
