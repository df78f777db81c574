#!/bin/sh
# test_intake_help_rules in es_ES.UTF-8 at 80x24: the help of the intake
# form lists the rules the database checks in Spanish (po/es.po: the
# fields' labels and rules, intake_fields.rule of 580), wrapped, the rest
# a page down; no English rule is left.
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
tt_keys F1
tt_wait_for '^Reglas que la base de datos comprueba al enviar el formulario:$'
tt_assert '^  Descripción, Impacto, Cómo reproducirlo admiten varias líneas; los demás$'
tt_assert '^    campos ocupan una sola línea, sin saltos de línea, tabuladores ni otros$'
tt_assert '^  ID de objetos: Al menos uno; números enteros positivos, separados por comas o$'
tt_assert '^  ID de miembro: Un número entero positivo\.$'
tt_assert '^  ID de pujador: Un número entero positivo, si se indica\.$'
tt_refute 'Rules|whole number|several lines'
tt_keys NPage
tt_wait_for '^    interfaz de usuario: al menos una ruta o URL\.$'
tt_assert '^  Navegador: Debe incluir un número de versión, p\. ej\., Firefox 133 o Chrome$'
tt_assert '^  Sistema operativo: Debe incluir un número o un nombre de versión, p\. ej\.,$'
tt_assert '^    Windows 11, macOS Sonoma o Ubuntu 24\.04 LTS\.$'
tt_assert '^  Tel\. de emergencia: Obligatorio en una emergencia de gravedad 1 \(Crítica\): de$'
tt_assert '^    7 a 15 dígitos, solo con espacios, un \+ inicial, guiones, puntos, paréntesis$'
tt_assert '^    emparejados y una extensión como ext 12\.$'
tt_refute 'Must contain|version number|Needed'
tt_keys F1
tt_wait_for '^Cliente \*'
tt_keys Escape
tt_wait_for 'ticketty │ Cola'
tt_keys Q
tt_wait_for 'tt-exit=0'
