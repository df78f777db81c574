#!/bin/sh
# `/` in the escalations (`2`) and notifications (`5`) views in
# es_ES.UTF-8 at 80x24: the prompts, the words in the status line, the
# empty lists and the notifications' help read in Spanish; and `notify
# mine` past its last page says so in Spanish.
TT_LANG=es_ES.UTF-8
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_sql "UPDATE agents SET role = 'csm' WHERE login = 'postgres'" >/dev/null
tt_csm_of postgres 'Acme Media'
tt_role olga engineer
tt_ticket_at 2 'Impresora atascada' '2026-11-18 13:00+00'
tt_ticket_at 2 'Informes lentos' '2026-11-18 13:01+00'
tt_sql "SELECT api_escalate(id, 'El cliente amenaza con cancelar') FROM tickets WHERE title = 'Impresora atascada'" >/dev/null
tt_sql "INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload, created_at)
        SELECT a.id, 'ticket.changed', t.id, '{}', timestamptz '2026-11-18 14:00+00'
          FROM agents a, tickets t WHERE a.login = 'postgres' AND t.title = 'Informes lentos'" >/dev/null

tt_start
tt_wait_for 'Informes lentos'

# the escalations
tt_keys 2
tt_wait_for 'Resp\. Éxito \(1\)'
tt_keys /
tt_wait_for '^Filtrar \(título, cliente, titular o motivo\):'
tt_keys -l cancelar
tt_keys Enter
tt_wait_for '\[Escalados\] 1 escalado abierto, texto "cancelar"'
tt_keys /
tt_wait_for '^Filtrar \(título, cliente, titular o motivo\): cancelar'
tt_keys C-u
tt_keys -l lentos
tt_keys Enter
tt_wait_for '\(ningún escalado coincide con el filtro\)'
tt_assert '\[Escalados\] 0 escalados abiertos, texto "lentos"'

# the notifications
tt_keys 5
tt_wait_for '^ ticketty . Notificaciones'
tt_wait_for 'Informes lentos'
tt_wait_for '1 sin leer'
tt_keys /
tt_wait_for '^Filtrar \(palabras del título o del texto\):'
tt_keys -l impresora
tt_keys Enter
tt_wait_for 'Ninguna notificación sin leer coincide con el filtro\.'
tt_assert '1 sin leer, texto "impresora"'
tt_keys '?'
tt_wait_for 'Sus notificaciones sin leer, la más reciente primero\. / deja las que tienen'
tt_refute 'Your unread|newest first'
tt_keys q
tt_wait_for '1 sin leer, texto "impresora"'
tt_keys Q
tt_wait_for 'tt-exit=0'

# the command line past the last page
oldest=$(tt_val "SELECT min(n.id) FROM notifications n JOIN agents a ON a.id = n.recipient_agent_id
                  WHERE a.login = 'postgres'")
tt_shell "LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 exec_tt notify mine --after $oldest"
tt_wait_for '^no hay notificaciones sin leer más antiguas$'
tt_wait_for 'tt-exit=0'
