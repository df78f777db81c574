#!/bin/sh
# The dashboard in es_ES.UTF-8 at 80x24: section titles, the clocks, age
# bands, escalation levels, the teams with most breaches, the filter
# prompt and the status line read in Spanish with the figures of the
# pinned data set (dashboard_lib.sh), and nothing is wider than the screen.
TT_LANG=es_ES.UTF-8
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dashboard_lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
dash_fixture
tt_start
tt_wait_for 'Late answer|Old report'
tt_keys 4
tt_wait_for 'ticketty │ Panel'
tt_wait_for 'ANS, 12 semanas +semana a semana +esta s\. 12 s\. +incumplidos vencidos$'
# shares with a decimal comma and a space before the sign, as Spanish
# writes them; the headers over them
tt_assert '1\.ª respuesta .* 50,0 %  66,7 % 1           0$'
tt_assert 'resolución .*  0,0 %   0,0 % 1           2$'
# the update cadence's past due too (sql/720): #3's, due Wed 10:30
tt_assert 'actualizaciones +- +- 0           1$'
tt_refute '[0-9]%'
tt_assert 'Abiertos +total +<1 d +1-2 d'
tt_assert '1 Crítica +1 +0 +1 '
tt_assert 'Escalados \(más antiguo\): Resp\. Éxito 1 \(3h 00m\) · Operaciones 0 · Dir\. General 0'
tt_assert 'Más incumplimientos por equipo +│ por cliente'
# a team's name in Spanish, as the intake form names it; a customer's as
# stored (before, the team read "Client Services")
tt_assert '^Servicios al Cliente +5 .*│ Acme Media +3 '
tt_assert 'Tickets abiertos más antiguos'
tt_assert '\[Panel\] todos los tickets'
tt_refute 'Dashboard|first response|Open backlog|Oldest open|Client Services'
dash_assert_width
# narrower than the level names need on one row: the levels that do not
# fit go on in a second, under the first, by the names view 2 gives them,
# and nothing of the line cut (issue 17)
tt_resize 64 24
tt_wait_for '^Escalados \(más antiguo\): Resp\. Éxito 1 \(3h 00m\) · Operaciones 0 *$'
tt_wait_for '^ {25}Dir\. General 0 *$'
tt_refute 'N1|N2|N3'
tt_resize 80 24
tt_wait_for 'Escalados \(más antiguo\): Resp\. Éxito 1 \(3h 00m\) · Operaciones 0 · Dir\. General 0'
tt_keys c
tt_wait_for 'Cliente \(nombre, vacío = todos\)'
tt_keys -l 'Zeta Ads'
tt_keys Enter
tt_wait_for '\[Panel\] cliente Zeta Ads'
tt_keys '?'
tt_wait_for 'Teclas de la vista Panel'
tt_assert 'filtrar por equipo'
dash_assert_width
tt_keys q
tt_keys Q
tt_wait_for 'tt-exit=0'
