#!/bin/sh
# `ticketty admin agent list` at 80x24 in English and in Spanish: a header
# names the columns (the language of each agent's mail among them), roles
# are shown whole ("support engineer", "chief operating officer"), on
# the terminal and when piped. No row runs past the 80th column, even
# with the longest Spanish role ("responsable de éxito del cliente");
# the Spanish customer list keeps its names and titles whole.
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_sql "INSERT INTO agents (login, display_name, role, team_id)
             SELECT 'carol', 'Carol Chief-Operations', 'coo', id FROM teams WHERE key = 'client_services';
        INSERT INTO agents (login, display_name, role, team_id)
             SELECT 'cecilia', 'Cecilia Success', 'csm', id FROM teams WHERE key = 'client_services'"
tt_start admin agent list
tt_wait_for 'tt-exit=0'
tt_assert '^ID +LOGIN +NAME +ROLE +TEAM +LANG +STATE'
tt_assert ' olga +Olga Other +support engineer +ad_quality +en +active'
tt_assert ' carol +Carol Chief.* +chief operating officer +client_serv.* +en +active'
tt_assert ' cecilia +Cecilia Suc.* +customer success manager +client_serv.* +en +active$'
# piped: nothing cut, whatever the width
out="${TMPDIR:-/tmp}/tt-agents-$$"
trap 'rm -f "$out"; tt_cleanup' EXIT
# (the end mark quoted in pieces: the typed line wraps, and its text must
# not match the wait before the command has run)
tt_keys "clear; exec_tt admin agent list | cat > '$out'; echo 'list''ed'" Enter
tt_wait_for '^listed'
grep -q '^tt-exit=0$' "$out" || tt_fail "admin agent list failed: $(cat "$out")"
grep -Eq '^ID +LOGIN +NAME +ROLE +TEAM +LANG +STATE$' "$out" || tt_fail "no header when piped: $(cat "$out")"
grep -Eq ' carol +Carol Chief-Operations +chief operating officer +client_services +en +active$' "$out" ||
	tt_fail "a row cut when piped: $(cat "$out")"
tt_keys "export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; clear; exec_tt admin agent list | cat > '$out'; echo 'listed''-es'" Enter
tt_wait_for '^listed-es$'
grep -q '^tt-exit=0$' "$out" || tt_fail "admin agent list failed: $(cat "$out")"
grep -Eq '^ID +USUARIO +NOMBRE +ROL +EQUIPO +IDIOMA +ESTADO$' "$out" || tt_fail "no Spanish header: $(cat "$out")"
grep -Eq ' olga +Olga Other +ingeniero de soporte +ad_quality +en +activo$' "$out" ||
	tt_fail "a Spanish row cut: $(cat "$out")"
# on the terminal in Spanish: the header, the role whole
tt_shell "exec_tt admin agent list"
tt_wait_for 'tt-exit=0'
tt_assert '^ID +USUARIO +NOMBRE +ROL +EQUIPO +IDIOMA +ESTADO'
tt_assert 'director de operaciones|ingeniero de soporte +'
# a row wider than 80 would wrap: the state would not end its line
tt_assert ' cecilia +Cecilia.* +responsable de éxito del cliente +client_se.* +en +activo$'
tt_assert ' olga +Olga Other +ingeniero de soporte +ad_quality +en +activo$'
# the customer list in Spanish on the terminal: a long representative's
# address gives way, the names and column titles stay whole, no row wraps
tt_sql "UPDATE customers SET account_rep_name = 'Rita',
               account_rep_email = 'representative.long@example-customer.com'" >/dev/null
tt_shell "exec_tt admin customer list"
tt_wait_for 'tt-exit=0'
tt_assert '^ID +NOMBRE +ID DE MIEMBRO +PLAN +Resp\. Éxito +REPRESENTAN.* +CONTACTOS$'
tt_assert '^[0-9]+ +Acme Media +1001 +prémium +- +representat.* +1 contacto \(1 SPOC\)$'
