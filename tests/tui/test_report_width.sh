#!/bin/sh
# `ticketty report` on an 80-column terminal, as a lead reads it over SSH:
# every row on one line of the screen, the bars narrowed to make room, no
# figure cut however large (a busy desk's weekly counts), the title
# wrapped between words; in English and in Spanish. (It printed 93-cell
# lines that the terminal broke in two, and cut "1234567/1234657" in a
# 16-cell cell.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dashboard_lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
dash_fixture
tt_sql "INSERT INTO sla_rollup (day, team_id, severity, plan, kind, met, missed)
        SELECT '2027-03-10', id, 4, 'basic', 'resolution', 1234567, 89 FROM teams WHERE key = 'client_services'" >/dev/null

tt_start report sla
tt_wait_for 'tt-exit=0'
# this week's row, whole on one line, the figures uncut, with the two
# resolutions past due now (sql/640: #2's and #3's); the bars give way
# to them (a bar of 2 cells no longer fits), and the line saying what
# "+N" is wraps between words
tt_assert '^week of 2027-03-08 .*[0-9.]+% 1234567/1234657 \+2$'
tt_assert '^week of 2027-03-08 +50\.0% 1/2 '
tt_assert '^\+N: N deadlines past due now and not yet decided \(unanswered or unresolved$'
tt_refute '…'

tt_shell "exec_tt report backlog --by customer"
tt_wait_for '^Acme Media +1 +0 +0 +1 +0 +0  [^ ]+$'
tt_wait_for 'tt-exit=0'

tt_shell "export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; exec_tt report sla"
tt_wait_for '^semana del 2027-03-08 .*1234567/1234657 \+2$'
tt_wait_for 'tt-exit=0'
tt_assert '^Cumplimiento del ANS \(cumplidos / decididos\) desde el comienzo de la semana de$'
tt_assert '^hace 11 semanas \(2026-12-21\) hasta hoy \(2027-03-12\)$'
tt_assert '^semana del 2027-03-08 .*1234567/1234657 \+2$'
# shares with a decimal comma and a space before the sign, as Spanish
# writes them
tt_assert '^semana del 2027-03-08 (.* )?50,0 % 1/2 .* 100,0 % 1234567/1234657 \+2$'
tt_refute '[0-9]%'
tt_refute '…'

# the weekly trend of each group under the table: 41 weeks asked for,
# the latest 21 fit beside the names (one mark a week and clock, no line
# past the edge): Acme Media's first response met the week of 03-01
# (#2), missed that of 03-08 (#1), its resolution missed (#1); Zeta
# Ads' first response met the week of 03-08 (#3), its resolution past
# due, not decided (a blank). In ASCII under LANG=C.
tt_shell "export LANG=C.UTF-8 LC_ALL=C.UTF-8; exec_tt report sla --by customer --from 2026-06-01"
tt_wait_for 'tt-exit=0'
tt_assert '^Week by week from the week of 2026-10-19, one mark a week:$'
tt_assert '^Acme Media {21}█▁ {45}▁$'
tt_assert '^Zeta Ads {24}█$'
dash_assert_width
tt_shell "export LANG=C LC_ALL=C; exec_tt report sla --by customer --from 2026-06-01"
tt_wait_for 'tt-exit=0'
tt_assert '^_\.-:=\+\*# from half met or less to all met; a blank: nothing decided that week\.$'
tt_assert '^Acme Media {21}#_ {45}_$'
tt_assert '^Zeta Ads {24}#$'
dash_assert_width

# CSV on the terminal: a customer's name with escapes is shown, not sent
# (a file gets the bytes; escapes are data there)
tt_sql "UPDATE customers SET name = E'Acme \\x1b[7mMedia' WHERE name = 'Acme Media'" >/dev/null
tt_shell "export LANG=C.UTF-8 LC_ALL=C.UTF-8; exec_tt report backlog --by customer --format csv"
tt_wait_for 'tt-exit=0'
tt_assert ',Acme \^\[\[7mMedia,1,0,0,1,0,0'
