#!/bin/sh
# In es_ES.UTF-8 at 80x24 the severity picker's help shows the highlighted
# severity's definition and all three criteria in Spanish and in full (the
# translations of po/es.po, each criterion after its Spanish label); no
# English label is left.
TT_LANG=es_ES.UTF-8
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_start
tt_wait_for 'ticketty │ Cola'
tt_keys n
tt_wait_for '^Cliente \*'
intake_type "acme" 'Acme Media +prémium'
tt_keys Enter
tt_wait_for 'Carla Contact <carla'
tt_keys Enter
intake_type "publica" 'Problema de publicación de anuncios +→ Servicios al Cli'
tt_keys Enter
intake_type "error" '^ +Error'
tt_keys Enter
tt_wait_for '^Gravedad \*'
tt_wait_for '^Función: '
intake_severity_help 1 'Función:' 'Datos:' 'Back end:'
tt_refute 'Function:|Back End:|Data:'
tt_keys Down Down Down
tt_wait_for "4 Media"
tt_wait_for '^Una consulta técnica'
intake_severity_help 4 'Función:' 'Datos:' 'Back end:'
tt_assert '^Gravedad \*'
tt_keys Escape
tt_keys Escape
tt_wait_for 'borrador'
tt_keys n   # one key answers
tt_wait_for 'borrador descartado'
tt_keys Q
tt_wait_for 'tt-exit=0'
