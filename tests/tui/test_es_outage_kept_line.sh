#!/bin/sh
# A text kept in an outage is said in a line that fits 80 columns, in
# Spanish (tests/tui/outage_kept_line_lib.sh says what is checked).
TT_LANG=es_ES.UTF-8
LINE='^(\[Ticket\] )?no enviado +su texto se conserva; base de datos no disponible, reintento en [0-9]+ s( |$)'
WHY='se perdió la conexión con la base de datos'
BACK='conectado de nuevo a la base de datos: su texto se conserva, c lo envía'
DONE='nota interna añadida'
. "$(dirname "$0")/outage_kept_line_lib.sh"
