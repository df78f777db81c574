#!/bin/sh
# Handing a level over at 80x24 to one of two agents whose long names
# differ only at the end: the picker shows each name whole ("Maximiliana
# Fernández-Castellanos de la Torre y Villalobos" and "... y Mendoza"),
# where it cut both at half the width ("Maximiliana Fernández-Castellanos
# de la T…" twice) although its rows have no note to make room for. The
# chosen one gets the level.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00' frozen   # a Wednesday, 10:00 in New York
tt_role long_csm csm
tt_agent long_csm csm
tt_agent long_csm_v csm 'Maximiliana Fernández-Castellanos de la Torre y Villalobos'
tt_agent long_csm_m csm 'Maximiliana Fernández-Castellanos de la Torre y Mendoza'
tt_csm_of long_csm 'Acme Media'
tt_tickets 1 2 "Handed"
id=$(tt_val "SELECT min(id) FROM tickets")
tt_sql "SELECT api_escalate($id, 'Placements blank')" >/dev/null

tt_start "--db='dbname=$TT_DB user=long_csm'"
tt_wait_for 'Handed 0001'
tt_keys 2
tt_wait_for 'CSM \(1\)'
tt_wait_for "^#$id Handed 0001"
tt_keys h
tt_wait_for '^Hand over to:'
tt_wait_for '^. Maximiliana Fernández-Castellanos de la Torre y Mendoza *$'
tt_assert '^. Maximiliana Fernández-Castellanos de la Torre y Villalobos *$'
tt_refute '…'
tt_keys -l 'Villa'
tt_wait_gone 'y Mendoza'
tt_keys Enter
tt_wait_for '^Reason for the hand-over:'
tt_keys -l 'On leave this week'
tt_keys Enter
tt_wait_for "handed to Maximiliana Fernández"
[ "$(tt_val "SELECT a.login FROM escalations e JOIN agents a ON a.id = e.holder_id
             WHERE e.ticket_id = $id AND e.resolved_at IS NULL")" = long_csm_v ] ||
	tt_fail "the level did not go to the agent chosen"
tt_keys Q
tt_wait_for 'tt-exit=0'
