#!/bin/sh
# The notifications view at 80x24 says in words who did what to the
# agent's tickets, in the timeline's words (English and Spanish): another
# agent assigned a ticket to them, changed its status, corrected its
# triage (words too long for a line wrap under the title, indented), the
# customer replied. Each is written as the API writes it: the event, and
# the notification its step (or the assignee rule, sql/540) makes.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_agent ana engineer 'Ana Gil'
tt_tickets 4 3 "Words"
me=$(tt_val "SELECT id FROM agents WHERE login = 'postgres'")
ana=$(tt_val "SELECT id FROM agents WHERE login = 'ana'")
t1=$(tt_val "SELECT id FROM tickets WHERE title = 'Words 0001'")
t2=$(tt_val "SELECT id FROM tickets WHERE title = 'Words 0002'")
t3=$(tt_val "SELECT id FROM tickets WHERE title = 'Words 0003'")
t4=$(tt_val "SELECT id FROM tickets WHERE title = 'Words 0004'")
tt_sql "UPDATE tickets SET assignee_id = $me, status = 'in_progress' WHERE id IN ($t2, $t3, $t4)" >/dev/null
# Ana assigns ticket 1 to the agent: the assignee rule tells them
tt_sql "UPDATE tickets SET assignee_id = $me WHERE id = $t1;
        INSERT INTO ticket_events (ticket_id, actor_id, kind, details)
        VALUES ($t1, $ana, 'assign', '{\"assignee\": \"postgres\"}')" >/dev/null
# Ana sets ticket 2 to waiting on customer
tt_sql "INSERT INTO ticket_events (ticket_id, actor_id, kind, details)
        VALUES ($t2, $ana, 'status', '{\"from\": \"in_progress\", \"to\": \"waiting_customer\"}')" >/dev/null
# Ana corrects the triage of ticket 3, with a long reason
tt_sql "INSERT INTO ticket_events (ticket_id, actor_id, kind, details)
        VALUES ($t3, $ana, 'retriage', '{\"reason\": \"the customer says every page has been blank since this morning release\",
                \"changes\": {\"severity\": {\"from\": 3, \"to\": 1}}}');
        INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload)
        VALUES ($me, 'ticket.retriaged', $t3, '{}')" >/dev/null
# the customer replies on ticket 4 (the mail bridge's session wrote it)
tt_sql "INSERT INTO ticket_events (ticket_id, actor_id, kind, details)
        VALUES ($t4, $ana, 'customer_reply', '{\"from\": \"waiting_customer\", \"to\": \"in_progress\"}');
        INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload)
        VALUES ($me, 'ticket.customer_reply', $t4, '{}')" >/dev/null
[ "$(tt_val "SELECT count(*) FROM notifications WHERE recipient_agent_id = $me")" = 4 ] ||
	tt_fail "the agent was not told of each: $(tt_val "SELECT kind FROM notifications")"
[ "$(tt_val "SELECT count(*) FROM notifications WHERE recipient_agent_id = $ana")" = 0 ] ||
	tt_fail "the actor was told of her own steps"

tt_start
tt_wait_for 'Words 0004'
tt_keys 5
tt_wait_for '^ ticketty . Notifications'
tt_wait_for "^2026-11-18 10:00 EST +#$t1 +Words 0001"
line_after() {
	# the screen line after the one matching $1
	tt_screen | grep -A1 -E -- "$1" | sed -n 2p
}
words_of() {
	got=$(line_after "#$1 +Words")
	[ "$got" = "$2" ] || tt_fail "#$1: '$got', wanted '$2'"
}
words_of "$t1" "    Ana Gil assigned the ticket to you"
words_of "$t2" "    Ana Gil changed the status: in progress → waiting on customer"
words_of "$t4" "    the customer replied by mail: waiting on customer → in progress"
# too long for a line: wrapped at a word under the title, indented, whole
words_of "$t3" "    Ana Gil corrected the triage (Severity: 3 → 1): the customer says every page"
got=$(line_after "^    Ana Gil corrected the triage")
[ "$got" = "    has been blank since this morning release" ] || tt_fail "the wrapped line: '$got'"
tt_refute '…'
tt_assert '4 unread'
# the selection moves item by item, the wrapped one a block
tt_keys j j
tt_wait_for "^2026-11-18 10:00 EST +#$t3 "
tt_keys Q
tt_wait_for 'tt-exit=0'

# in Spanish, the same in Spanish
tt_keys "clear; (LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; export LANG LC_ALL; exec_tt)" Enter
tt_wait_for 'Words 0004'
tt_keys 5
tt_wait_for '^ ticketty . Notificaciones'
tt_wait_for "^2026-11-18 10:00 EST +#$t1 +Words 0001"
words_of "$t1" "    Ana Gil le asignó el ticket"
words_of "$t2" "    Ana Gil cambió el estado: en curso → esperando al cliente"
words_of "$t4" "    el cliente respondió por correo: esperando al cliente → en curso"
words_of "$t3" "    Ana Gil corrigió la clasificación (Gravedad: 3 → 1): the customer says every"
tt_keys Q
tt_wait_for 'tt-exit=0'
