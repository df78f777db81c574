#!/bin/sh
# A public reply asks before it is mailed, in Spanish at 80x24: s answers
# yes (tests/tui/reply_confirm_lib.sh says what is checked).
TT_LANG=es_ES.UTF-8
ASK='^¿Enviar a Carla\^\[\[2J <carla1@example\.com>\? s: sí, e: editar, n: guardar'
ASK_SHORT='^¿Enviar a farid\.chowdhury\.operations@silverbirchdsp\.example\? s/e/n'
KEPT='no enviado; texto guardado: r lo envía'
SENT='respuesta pública enviada'
YES=s
. "$(dirname "$0")/reply_confirm_lib.sh"
