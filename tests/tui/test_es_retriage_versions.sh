#!/bin/sh
# test_retriage_versions.sh in es_ES.UTF-8: the browser's refusal says why
# in Spanish, naming the field in Spanish.
TT_LANG=es_ES.UTF-8
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"
. "$(dirname "$0")/retriage_versions_lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
field_1_re='^Motivo del cambio \*'
retriage_versions '^Título \* +Blank placements' \
	'! Navegador debe incluir un número de versión (al menos una cifra), p. ej., Firefox 133 o Chrome 131.0' \
	'1 campo necesita corrección' 'campo 15/16' 'campo 7/16' 'reclasificado$'
