#!/bin/sh
# The escalations view hands a level over (`h`): a picker of the agents
# who may hold that level (the CSMs, not the COO), then a reason; the list
# shows the new holder and the level open again, and the ticket's timeline
# says it in words. Once in English at 80x24, then back the other way in
# Spanish; an agent who may not act on it is told before typing anything.
# The holder is never offered it, and is told when nobody else may take
# it. Before, nothing but resolving or passing up moved a level.
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
for a in "hand_csm1 csm" "hand_csm2 csm" "hand_coo coo"; do
	set -- $a
	tt_role "$1" "$2"
	tt_agent "$1" "$2"
done
tt_csm_of hand_csm1 'Acme Media'
tt_tickets 1 2 "Blank"
tt_sql "SELECT api_escalate(id, 'Customer threatens to cancel') FROM tickets" >/dev/null
psql -qXAt -d "$TT_DB" -U hand_csm1 -c "SELECT ticketty.api_escalation_ack(id) FROM ticketty.tickets" >/dev/null ||
	tt_fail "the CSM could not acknowledge"

holder() {
	psql -qXAt -d "$TT_DB" -c "SELECT a.login || ' ' || e.state FROM ticketty.escalations e
		JOIN ticketty.agents a ON a.id = e.holder_id"
}

# the CSM, going on leave, hands it to the other CSM
tt_start "--db='dbname=$TT_DB user=hand_csm1'"
tt_wait_for 'Blank 0001'
tt_keys 2
tt_wait_for 'CSM \(1\)'
tt_assert 'Acme Media +Hand Csm1 +acked'
tt_keys h
tt_wait_for 'Hand over to:'
tt_assert '^> Hand Csm2'
tt_refute 'Hand Coo'      # the COO cannot hold the CSM level
tt_refute '^(> |  )Hand Csm1'   # nor is the holder offered it
tt_keys -l 'csm2'
tt_keys Enter
tt_wait_for 'Reason for the hand-over:'
tt_keys -l 'On leave until Monday'
tt_keys Enter
tt_wait_for '#[0-9]+: escalation at level CSM handed to Hand Csm2'
tt_wait_for 'Acme Media +Hand Csm2 +open'
[ "$(holder)" = "hand_csm2 open" ] || tt_fail "the escalation is held as: $(holder)"
tt_keys Enter
tt_wait_for '^Description'
tt_keys G
tt_wait_for 'handed the L1 Customer Success Manager escalation from$'
tt_assert '^ +Hand Csm1 to Hand Csm2: On leave until Monday'
tt_keys Q
tt_wait_for 'tt-exit=0'

# the other CSM hands it back, in Spanish
tt_keys "clear; export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; exec_tt --db='dbname=$TT_DB user=hand_csm2'" Enter
tt_wait_for 'Blank 0001'
tt_keys 2
tt_wait_for 'Resp\. Éxito \(1\)'
tt_keys h
tt_wait_for 'Traspasar a:'
tt_refute 'Hand Coo'
tt_refute '^(> |  )Hand Csm2'
tt_keys -l 'csm1'
tt_keys Enter
tt_wait_for 'Motivo del traspaso:'
tt_keys -l 'Ya ha vuelto'
tt_keys Enter
tt_wait_for '#[0-9]+: escalado de Resp\. Éxito traspasado a Hand Csm1'
[ "$(holder)" = "hand_csm1 open" ] || tt_fail "the escalation is held as: $(holder)"
tt_keys Enter
tt_wait_for '^Descripción'
tt_keys G
tt_wait_for 'traspasó el escalado de N1 '
tt_assert 'Hand Csm2 a Hand Csm1: Ya ha vuelto'
width=$(tt_screen | LC_ALL=C.UTF-8 wc -L)
[ "$width" -le 80 ] || tt_fail "a line is $width cells wide"
tt_keys Q
tt_wait_for 'tt-exit=0'

# an engineer who may not act on it is told so before typing anything
tt_keys "clear; export LANG=$TT_LANG LC_ALL=$TT_LANG; exec_tt" Enter
tt_wait_for 'Blank 0001'
tt_keys 2
tt_wait_for 'CSM \(1\)'
tt_keys h
tt_wait_for 'only Hand Csm1 \(CSM\) or a higher level may do that'
tt_refute 'Hand over to:'
tt_keys u
tt_refute 'Reason to pass it up'
tt_keys Q
tt_wait_for 'tt-exit=0'

# with the other CSM gone, the holder is told nobody else may take it
tt_sql "UPDATE agents SET active = false WHERE login = 'hand_csm2'" >/dev/null
tt_keys "clear; exec_tt --db='dbname=$TT_DB user=hand_csm1'" Enter
tt_wait_for 'Blank 0001'
tt_keys 2
tt_wait_for 'CSM \(1\)'
tt_keys h
tt_wait_for 'no other active agent may take this level'
tt_refute 'Hand over to:'
tt_keys Q
tt_wait_for 'tt-exit=0'

