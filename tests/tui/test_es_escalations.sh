#!/bin/sh
# The escalation view in es_ES.UTF-8 at 80x24: level headers, columns,
# states, the detail pane (raised to a level some time ago, the chain), the
# prompts, the confirmations and the database's refusal of a non-holder
# all read in Spanish, and nothing is wider than the screen.
TT_LANG=es_ES.UTF-8
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
for a in "es_tui_csm csm" "es_tui_coo coo"; do
	set -- $a
	tt_role "$1" "$2"
	tt_agent "$1" "$2"
done
tt_csm_of es_tui_csm 'Acme Media'
tt_tickets 1 2 "Blanco"
tt_sql "SELECT api_escalate(id, 'El cliente amenaza con cancelar') FROM tickets" >/dev/null

# the engineer sees the escalation but may not acknowledge it
tt_start
tt_wait_for 'Blanco 0001'
tt_keys 2
tt_wait_for 'ticketty │ Escalados'
# the title shows while the view still reads its rows: wait for them
tt_wait_for 'Resp\. Éxito \(1\)'
tt_assert 'ID +GRAV +ANS +CLIENTE +TITULAR +ESTADO +TIEMPO +MOTIVO'
tt_assert 'abierto'
# the step, and its reason below it
step_reads() {   # the step's line (ERE), the first line of its reason
	tt_screen | grep -A1 -E "^$1\$" | tail -n 1 | grep -Eq "^ +$2" ||
		tt_fail "no step /$1/ with its reason /$2/ below it"
}
step_reads 'Resp\. Éxito +Es Tui Csm por Pat Postgres:' 'El cliente amenaza'
tt_assert '\[Escalados\] 1 escalado abierto'
tt_refute 'Escalations|HOLDER|REASON|raised to|chain:| by |open escalation'
tt_keys a
tt_wait_for 'solo Es Tui Csm \(titular de Resp\. Éxito\) o superior puede confirmar$'
tt_keys '?'
tt_wait_for 'Teclas de la vista Escalados'
tt_assert 'elevar el escalado un nivel \(pide un motivo\)'
tt_keys q
tt_keys Q
tt_wait_for 'tt-exit=0'

# the holder acknowledges and passes it up, all in Spanish
tt_keys "clear; exec_tt --db='dbname=$TT_DB user=es_tui_csm'" Enter
tt_wait_for 'Blanco 0001'
tt_keys 2
tt_wait_for 'Resp\. Éxito \(1\)'
tt_keys a
tt_wait_for 'escalado confirmado en el nivel Resp\. Éxito'
# at 80 columns the list's words shorten, none is cut (issue 17): the
# severity, the state; the level says whose it is
tt_wait_for '^ +1 2 Urg +(en plazo|riesgo|en riesgo|vencido) +Acme Media +Es Tui C[^ ]* +confirm\. '
tt_refute 'Urgen…|confir…|en pla…|▲ Éxito'
tt_keys u
tt_wait_for 'Motivo para elevarlo'
tt_keys -l 'Excede mi autoridad'
tt_keys Enter
tt_wait_for 'escalado elevado a Operaciones'
tt_wait_for 'Operaciones \(1\)'
# the chain: the step passed up shows its age, the current one what it is
step_reads 'Resp\. Éxito +Es Tui Csm \[[^],]+\] por Pat Postgres:' 'El cliente amenaza'
step_reads 'Operaciones +Es Tui Coo:' 'Excede mi autoridad'
width=$(tt_screen | LC_ALL=C.UTF-8 wc -L)
[ "$width" -le 80 ] || tt_fail "a line is $width cells wide"
tt_keys Q
tt_wait_for 'tt-exit=0'
