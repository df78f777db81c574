#!/bin/sh
# Refusals on the status line read in the user's language, in English
# and Spanish, with no English field key and nothing said twice:
#  - a pass-up whose escalation was resolved meanwhile says "ticket N has
#    no open escalation to pass up" once (it went on "; escalation: the
#    ticket has no open escalation", the key in English in Spanish too);
#  - a collaborator deactivated while the picker was open: 'agent "x" is
#    deactivated', without the server's "login: " glued in front (which
#    also kept the Spanish from being translated at all);
#  - the dashboard's unknown team keeps the field's name, in Spanish
#    "equipo: ..." (it was "team: ...").
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00' frozen   # a Wednesday, 10:00 in New York
tt_role rw_csm csm
tt_agent rw_csm csm
tt_csm_of rw_csm 'Acme Media'
tt_role rw_eng engineer
tt_agent rw_eng engineer 'Rita Gone'
tt_tickets 1 2 "Words"
id=$(tt_val "SELECT min(id) FROM tickets")

# pass_up_meanwhile PROMPT_RE WANT_RE KEPT_RE: `u` on the live
# escalation, the escalation resolved by the holder elsewhere while the
# reason is typed, then Enter: the refusal, then only that the text is
# kept (or where to read it, when cut)
pass_up_meanwhile() {
	tt_sql "SELECT api_escalate($id, 'Placements blank')" >/dev/null
	tt_keys 2
	tt_wait_for "^#$id Words 0001"
	tt_keys u
	tt_wait_for "$1"
	tt_sql "SET SESSION AUTHORIZATION rw_csm; SELECT api_escalation_resolve($id, 'fixed')" >/dev/null ||
		tt_fail "the CSM cannot resolve the escalation"
	tt_keys -l 'needs the COO'
	tt_keys Enter
	tt_wait_for "$2"
	tt_assert "$2$3( +\\[[^]]*\\])? *\$"
}

# collaborator_gone PROMPT_RE WANT_RE: + in the ticket view, Rita
# deactivated while the picker is open, then picked
collaborator_gone() {
	tt_sql "UPDATE agents SET active = true WHERE login = 'rw_eng'" >/dev/null
	tt_keys 1
	tt_wait_for "Words 0001"
	tt_keys Enter
	tt_wait_for '^Assignee|^Asignado'
	tt_keys +
	tt_wait_for "$1"
	tt_wait_for 'Rita Gone'
	tt_sql "UPDATE agents SET active = false WHERE login = 'rw_eng'" >/dev/null
	tt_keys -l 'rita'
	tt_keys Enter
	tt_wait_for "$2"
	tt_assert "$2( +\\[[^]]*\\])? *\$"
	tt_keys q
}

tt_start "--db='dbname=$TT_DB user=rw_csm'"
tt_wait_for 'Words 0001'
pass_up_meanwhile 'Reason to pass it up' "^ticket $id has no open escalation to pass up" \
	'; text kept: u sends it'
collaborator_gone 'Add collaborator:' '^\[[^]]*\] agent "rw_eng" is deactivated'
tt_messages_open
joined=$(tt_screen_text)
case "$joined" in
*"escalation:"*|*"login:"*) tt_fail "a refusal names the server's field key or says it twice: $joined" ;;
esac
tt_keys Q
tt_wait_for 'tt-exit=0'

tt_keys "export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; clear; exec_tt --db='dbname=$TT_DB user=rw_csm'" Enter
tt_wait_for 'Words 0001'
pass_up_meanwhile 'Motivo para elevarlo' "^el ticket $id no tiene ningún escalado abierto que elevar" \
	' \(más: :messages\)'   # the rest cut at 80 columns
collaborator_gone 'Añadir colaborador:' '^\[[^]]*\] el agente "rw_eng" está desactivado'
# the dashboard's unknown team: the field named, in Spanish
tt_keys 4
tt_wait_for 'ticketty │ Panel'
tt_keys t
tt_wait_for 'Equipo'
tt_keys -l 'nope'
tt_keys Enter
tt_wait_for '^no se puede hacer el informe; equipo: '
tt_keys :
tt_keys -l messages
tt_keys Enter
tt_wait_for 'Mensajes, los más recientes primero'
joined=$(tt_screen | tr -s ' \n' '  ')
case "$joined" in
*"escalation"*|*"login"*|*"team:"*|*"abierto; "*) tt_fail "a Spanish refusal names an English key or says it twice: $joined" ;;
*"que elevar; texto guardado: u lo envía"*) ;;
*) tt_fail "the refusal is not in :messages: $joined" ;;
esac
tt_keys q
tt_keys Q
tt_wait_for 'tt-exit=0'
