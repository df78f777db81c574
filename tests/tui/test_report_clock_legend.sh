#!/bin/sh
# `ticketty report sla --by severity` on an 80-column terminal, as a lead
# reads it over SSH: the clock of each severity's first-response target
# ("round the clock", "business hours") ended every row, so a busy desk's
# rows ran past the edge and the terminal broke each in two ("round the
# clo" / "ck"). When the rows have no room for it, the clock is now said
# once under the table, and every row stays on one line of the screen, in
# English and in Spanish.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dashboard_lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"

# Fails when a line the program printed is wider than the terminal: the
# screen's lines joined where the terminal wrapped them (-J).
assert_no_wrap() {
	width=$(tmux_ capture-pane -p -J -t tt | LC_ALL=C.UTF-8 wc -L)
	[ "$width" -le "$TT_COLS" ] || tt_fail "a line is $width cells wide: the terminal broke it"
}

tt_db_create
dash_fixture
# a busy desk's figures: severity 1's first response and resolution
tt_sql "INSERT INTO sla_rollup (day, team_id, severity, plan, kind, met, missed)
        SELECT '2027-03-09', id, 1, 'basic', k, 1234567, 89 FROM teams, unnest('{first_response,resolution}'::sla_kind[]) k
         WHERE key = 'client_services'" >/dev/null

tt_start report sla --by severity
tt_wait_for 'tt-exit=0'
assert_no_wrap
tt_assert '^1 Critical .*1234568/1234657 .*1234567/1234656 \+1$'
tt_assert '^First-response targets: round the clock for 1 Critical; business hours for 2$'
tt_assert '^Urgent, 3 High, 4 Medium\.$'
tt_refute 'clo$'

# a narrow report keeps the clock on its row
tt_shell "exec_tt report sla --by severity --plan premium --from 2027-03-08"
tt_wait_for 'tt-exit=0'
tt_assert '^3 High .* business hours$'
tt_refute 'First-response targets'

tt_shell "export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; exec_tt report sla --by severity"
tt_wait_for 'tt-exit=0'
assert_no_wrap
tt_assert '^1 Crítica .*1234568/1234657 .*1234567/1234656 \+1$'
tt_assert '^Objetivos de 1\.ª respuesta: las 24 horas para 1 Crítica; horario laboral'
