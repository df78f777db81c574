#!/bin/sh
# The escalations view at the CEO's level, where no level is higher: `u`
# says at once that there is none, before a reason is asked for (the CEO
# typed a reason, and only then the database refused it; the COO was told
# "only Top Ceo (CEO) or a higher level may do that"), and `r` by the COO
# names the CEO or an administrator, not a higher level. In English and
# in Spanish.
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00' frozen   # a Wednesday, 10:00 in New York
for a in "top_csm csm" "top_coo coo" "top_ceo ceo"; do
	set -- $a
	tt_role "$1" "$2"
	tt_agent "$1" "$2"
done
tt_csm_of top_csm 'Acme Media'
tt_tickets 1 2 "At the top"
id=$(tt_val "SELECT min(id) FROM tickets")
tt_sql "SELECT api_escalate($id, 'Placements blank')" >/dev/null
tt_sql "SET SESSION AUTHORIZATION top_csm; SELECT api_escalation_up($id, 'No date from engineering')" \
	>/dev/null || tt_fail "cannot pass the escalation up to the COO"
tt_sql "SET SESSION AUTHORIZATION top_coo; SELECT api_escalation_up($id, 'The customer leaves')" \
	>/dev/null || tt_fail "cannot pass the escalation up to the CEO"

tt_start "--db='dbname=$TT_DB user=top_ceo'"
tt_wait_for 'At the top 0001'
tt_keys 2
tt_wait_for 'CEO \(1\)'
tt_wait_for "^#$id At the top 0001"
tt_keys u
tt_wait_for "ticket $id is already escalated to the CEO: there is no higher level"
tt_refute 'Reason to pass it up'
tt_keys Q
tt_wait_for 'tt-exit=0'

tt_keys "clear; exec_tt --db='dbname=$TT_DB user=top_coo'" Enter
tt_wait_for 'At the top 0001'
tt_keys 2
tt_wait_for "^#$id At the top 0001"
tt_keys r
tt_wait_for '^only an agent of level CEO \(Top Ceo holds it\) or an administrator may do that'
tt_refute 'Resolution note'
tt_keys u
tt_wait_for "ticket $id is already escalated to the CEO: there is no higher level"
tt_refute 'Reason to pass it up'
tt_keys Q
tt_wait_for 'tt-exit=0'

tt_keys "export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; clear; exec_tt --db='dbname=$TT_DB user=top_coo'" Enter
tt_wait_for 'At the top 0001'
tt_keys 2
tt_wait_for "^#$id At the top 0001"
tt_keys r
# at 80 columns the status line gives up the parenthesis to fit (the
# whole message is in :messages)
tt_wait_for '^solo un agente del nivel Dir\. General (\(lo tiene Top Ceo\) )?o un administrador puede hacerlo'
tt_keys u
tt_wait_for "el ticket $id ya está en dirección general: no hay nivel superior"
tt_refute 'Motivo'
tt_keys Q
tt_wait_for 'tt-exit=0'
