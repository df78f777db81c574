#!/bin/sh
# Collaborators in the ticket view at 80x24, in English and Spanish: a
# "Collaborators" line under the assignee names them; + adds one with the
# agent picker (any role, not those following already), - removes one
# from a picker of the collaborators; both keys are in the help. The
# refusals the command line gets are said on the status line and in
# :messages: the ticket's row held by another session (past the lock
# timeout), a product manager adding someone (no permission); and one
# removed meanwhile by someone else is said, not hidden.
# needs: server timers (lock_timeout; skipped under libfaketime)
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_role tc_pm pm
tt_agent tc_pm pm 'Paula Product'
tt_tickets 1 3 "Team"
id=$(tt_val "SELECT id FROM tickets")
conf=$(mktemp)
printf 'database = { lock_timeout_ms = 1500; };\n' > "$conf"
trap 'rm -f "$conf"; tt_cleanup' EXIT
TT_ENV="TICKETTY_CONFIG=$conf"

collabs() {
	tt_val "SELECT coalesce(string_agg(a.login, ',' ORDER BY a.login), '-')
	          FROM ticket_collaborators c JOIN agents a ON a.id = c.agent_id WHERE c.ticket_id = $id"
}
# pages the help down until the screen matches (the ticket's own keys
# come first, ours last among them), one page at a time: the next
# PageDown only once the page moved (its last line, drawn last,
# changed), so that none is sent before the page it would leave was
# looked at (a fixed sleep let a slow screen take two and page past it)
help_page_to() {
	for tries in 1 2 3 4 5 6; do
		tt_screen_has "$1" && return 0
		help_end=$(tt_screen | sed -n "$((TT_ROWS - 1))p")
		tt_keys PageDown
		tt_deadline=$(( $(date +%s) + TT_TIMEOUT )) tt_polls=0
		while [ "$(tt_screen | sed -n "$((TT_ROWS - 1))p")" = "$help_end" ]; do
			tt_waited && tt_fail "PageDown did not move the help, and it shows no /$1/"
			sleep 0.05
		done
	done
	tt_wait_for "$1"
}
fits80() {
	width=$(tt_screen | LC_ALL=C.UTF-8 wc -L)
	[ "$width" -le 80 ] || tt_fail "a line is $width cells wide"
}

tt_start
tt_wait_for 'Team 0001'
tt_keys Enter
tt_wait_for '^Assignee'
tt_refute '^Collaborators'
# +: every active agent, any role, by name with the role
tt_keys +
tt_wait_for 'Add collaborator:'
tt_wait_for '^> Olga Other +support engineer'
tt_assert '^  Pat Postgres +support engineer'
tt_assert '^  Paula Product +product manager'
fits80
tt_keys -l 'olga'
tt_keys Enter
tt_wait_for 'olga now follows this ticket'
tt_wait_for '^Collaborators +Olga Other$'
[ "$(collabs)" = olga ] || tt_fail "collaborators are $(collabs)"
# one following already is not offered again
tt_keys +
tt_wait_for 'Add collaborator:'
tt_wait_for '^> Pat Postgres'
tt_refute '^  Olga Other'
tt_keys -l 'paula'
tt_keys Enter
tt_wait_for 'tc_pm now follows this ticket'
tt_wait_for '^Collaborators +Olga Other, Paula Product$'
fits80

# -: the collaborators; one removed meanwhile by someone else is said
tt_keys -- -
tt_wait_for 'Remove collaborator:'
tt_wait_for '^> Olga Other +support engineer'
tt_assert '^  Paula Product +product manager'
tt_refute '^  Pat Postgres'
tt_sql "DELETE FROM ticket_collaborators WHERE agent_id = (SELECT id FROM agents WHERE login = 'olga')"
tt_keys Enter
tt_wait_for 'olga did not follow this ticket'
tt_wait_for '^Collaborators +Paula Product$'
tt_keys -- -
tt_wait_for 'Remove collaborator:'
tt_keys Enter
tt_wait_for 'tc_pm no longer follows this ticket'
tt_wait_gone '^Collaborators'
[ "$(collabs)" = - ] || tt_fail "collaborators are $(collabs)"
tt_keys -- -
tt_wait_for "ticket $id has no collaborators"

# the ticket's row held elsewhere: refused after the lock timeout, said
tt_hold "SELECT id FROM ticketty.tickets FOR UPDATE"
tt_keys +
tt_wait_for 'Add collaborator:'
tt_keys -l 'olga'
tt_keys Enter
tt_wait_for "ticket $id is held by Pat Postgres"
tt_release
[ "$(collabs)" = - ] || tt_fail "collaborators are $(collabs)"
tt_messages_open
case "$(tt_screen_text)" in
*"ticket $id is held by Pat Postgres (in psql) (waited 1.5 s"*) ;;
*) tt_fail "the held lock is not in :messages" ;;
esac
tt_keys q
tt_wait_for '^Assignee'
# the help lists both keys
tt_keys '?'
tt_wait_for 'Keys of the Ticket view'
help_page_to 'add a collaborator: an agent who follows the ticket'
tt_assert '^ *\+ +add a collaborator'
tt_assert '^ *- +remove a collaborator \(yourself: stop following\)'
fits80
tt_keys Q
tt_wait_for 'tt-exit=0'

# a product manager may not add one: the database's refusal is said
tt_shell "exec_tt --db 'dbname=$TT_DB user=tc_pm'"
tt_wait_for 'Team 0001'
tt_keys Enter
tt_wait_for '^Assignee'
tt_keys +
tt_wait_for 'Add collaborator:'
tt_keys -l 'olga'
tt_keys Enter
tt_wait_for 'adding a collaborator is for the support staff'
[ "$(collabs)" = - ] || tt_fail "collaborators are $(collabs)"
tt_messages_open
case "$(tt_screen_text)" in
*'agent "tc_pm" has role pm, but this needs one of: engineer'*) ;;
*) tt_fail "the refusal is not in :messages" ;;
esac
tt_keys q
tt_wait_for '^Assignee'
# nor remove another agent, but may stop following the ticket
tt_sql "INSERT INTO ticket_collaborators (ticket_id, agent_id)
        SELECT $id, id FROM agents WHERE login IN ('olga', 'tc_pm')"
tt_keys R
tt_wait_for '^Collaborators +Olga Other, Paula Product$'
tt_keys -- -
tt_wait_for 'Remove collaborator:'
tt_keys -l 'olga'
tt_keys Enter
tt_wait_for 'removing another agent is for the support staff'
tt_keys -- -
tt_wait_for 'Remove collaborator:'
tt_keys -l 'paula'
tt_keys Enter
tt_wait_for 'tc_pm no longer follows this ticket'
tt_wait_for '^Collaborators +Olga Other$'
[ "$(collabs)" = olga ] || tt_fail "collaborators are $(collabs)"
tt_sql "DELETE FROM ticket_collaborators"
tt_keys Q
tt_wait_for 'tt-exit=0'

# Spanish
tt_shell "(LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; export LANG LC_ALL; exec_tt)"
tt_wait_for 'Team 0001'
tt_keys Enter
tt_wait_for '^Asignado a'
tt_keys +
tt_wait_for 'Añadir colaborador:'
tt_wait_for '^> Olga Other +ingenier'
tt_keys -l 'olga'
tt_keys Enter
tt_wait_for 'olga sigue ahora este ticket'
tt_wait_for '^Colaboradores +Olga Other$'
fits80
tt_keys -- -
tt_wait_for 'Quitar colaborador:'
tt_keys Enter
tt_wait_for 'olga ya no sigue este ticket'
tt_wait_gone '^Colaboradores'
tt_keys '?'
tt_wait_for 'Ticket'
help_page_to 'añadir un colaborador: un agente que sigue el ticket'
tt_assert '^ *- +quitar un colaborador'
fits80
tt_keys Q
tt_wait_for 'tt-exit=0'
tt_shell "(LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; export LANG LC_ALL; exec_tt --db 'dbname=$TT_DB user=tc_pm')"
tt_wait_for 'Team 0001'
tt_keys Enter
tt_wait_for '^Asignado a'
tt_keys +
tt_wait_for 'Añadir colaborador:'
tt_keys -l 'olga'
tt_keys Enter
tt_wait_for 'añadir un colaborador es cosa del personal de soporte'
tt_keys :
tt_keys -l messages
tt_keys Enter
tt_wait_for 'Mensajes, los más recientes primero'
case "$(tt_screen | tr -s ' \n' '  ')" in
*'el agente "tc_pm" tiene el rol responsable de producto, pero esto requiere uno de: ingeniero de soporte'*) ;;
*) tt_fail "the Spanish refusal is not in :messages" ;;
esac
tt_keys Q
tt_wait_for 'tt-exit=0'
[ "$(collabs)" = - ] || tt_fail "collaborators are $(collabs)"
