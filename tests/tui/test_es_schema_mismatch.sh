#!/bin/sh
# test_schema_mismatch in Spanish (80x24): the banner, the problem over
# the view and in :messages, for a schema newer and older than the
# binary and for SQL functions of another build; R checks again at once.
TT_LANG=es_ES.UTF-8
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/schema_lib.sh"

# opens :messages (tt_messages_open waits for the English title); read it
# with tt_screen_text after, in this shell, so that a failure ends the test
es_messages_open() {
	tt_keys :
	tt_keys -l messages
	tt_keys Enter
	tt_wait_for 'Mensajes, los más recientes primero'
}

schema_newer
tt_start
tt_wait_for 'ticketty anticuado \(:messages\), se comprueba en (30|2[0-9]) s'
schema_shown "este ticketty es más antiguo que la base de datos (esquema 9999, este programa conoce el $SCHEMA_KNOWN): instale la versión nueva de ticketty"
tt_assert 'Se comprueba de nuevo cada 30 segundos; R lo comprueba ahora\.'
tt_refute 'no disponible|reintento'
es_messages_open
msgs=$(tt_screen_text)
echo "$msgs" | grep -Fq "este ticketty es más antiguo que la base de datos (esquema 9999, este programa conoce el $SCHEMA_KNOWN): instale la versión nueva de ticketty" ||
	tt_fail ":messages does not hold the whole problem: $msgs"
tt_keys q
tt_wait_gone 'Mensajes, los más'
tt_sql "DELETE FROM schema_migrations WHERE version = 9999" >/dev/null
schema_older
tt_keys R
tt_wait_for 'falta migrar la base \(:messages\), se comprueba en (30|2[0-9]) s'
schema_shown "el esquema de la base de datos está en la versión $SCHEMA_BEFORE, pero este ticketty necesita la $SCHEMA_KNOWN: pida a un administrador que ejecute «ticketty db migrate»"
tt_refute 'no disponible|reintento'
es_messages_open
msgs=$(tt_screen_text)
echo "$msgs" | grep -Fq "el esquema de la base de datos está en la versión $SCHEMA_BEFORE, pero este ticketty necesita la $SCHEMA_KNOWN: pida a un administrador que ejecute «ticketty db migrate»" ||
	tt_fail ":messages does not hold the whole problem: $msgs"
tt_keys q
tt_wait_gone 'Mensajes, los más'
schema_mended
tt_keys R
tt_wait_for 'conectado de nuevo a la base de datos'
tt_wait_for 'Usable 0001'
tt_refute 'anticuado|falta migrar|Se comprueba de nuevo'
tt_keys Q
tt_wait_for 'tt-exit=0'

# its functions are another build's (the function files differ)
schema_other_functions
tt_shell 'exec_tt'
tt_wait_for 'falta migrar la base \(:messages\), se comprueba en (30|2[0-9]) s'
schema_shown "las funciones SQL de la base de datos no son las de este ticketty: pida a un administrador que ejecute «ticketty db migrate»"
tt_refute 'no disponible|reintento'
schema_functions_mended
tt_keys R
tt_wait_for 'conectado de nuevo a la base de datos'
tt_wait_for 'Usable 0001'
tt_keys Q
tt_wait_for 'tt-exit=0'
