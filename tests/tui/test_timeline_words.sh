#!/bin/sh
# The timeline at 80x24 says each event in words, in English and in
# Spanish: the ticket's creation (severity, request type, team), an
# escalation with its level, holder and reason, a collaborator added, a
# triage correction with its reason, an event kind this client does not
# know (its name only). Never the raw JSON of the details, and "1 entry"
# in the singular.
#
# Stated instants (frozen clock): created Monday 2026-11-23 16:00 UTC,
# the events at 16:05, 16:10, 16:15 and 16:20 UTC.
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-23 17:00+00' frozen
tt_ticket_at 2 'Words 0001' '2026-11-23 16:00+00'
tt_ticket_at 3 'Single 0001' '2026-11-23 16:00+00'
tt_sql "
INSERT INTO ticket_events (ticket_id, actor_id, kind, version, details, at)
SELECT t.id, a.id, 'created', 1,
       jsonb_build_object('team', 'client_services', 'request_type', 'ad_serving',
                          'severity', 2, 'customer', t.customer_id, 'contact', t.contact_id),
       '2026-11-23 16:00+00'
  FROM tickets t, agents a WHERE a.login = 'postgres';
INSERT INTO ticket_events (ticket_id, actor_id, kind, version, details, at)
SELECT t.id, a.id, k.kind, k.v, k.d::jsonb, k.at::timestamptz
  FROM tickets t, agents a,
       (VALUES ('escalation.raised', 2, '{\"escalation\": 1, \"round\": 1, \"level\": 1, \"level_key\": \"csm\", \"holder\": \"olga\", \"reason\": \"Ads dark for the whole network\"}', '2026-11-23 16:05+00'),
               ('collaborator.added', 3, '{\"agent\": \"olga\"}', '2026-11-23 16:10+00'),
               ('retriage', 4, '{\"reason\": \"wrong team\", \"changes\": {\"severity\": {\"from\": 3, \"to\": 2}}}', '2026-11-23 16:15+00'),
               ('weird.future', 5, '{\"secret\": \"raw json\"}', '2026-11-23 16:20+00')) k(kind, v, d, at)
 WHERE t.title = 'Words 0001' AND a.login = 'postgres';" >/dev/null

check_words() {
	tt_wait_for "$1"
	tt_assert "$2"
	tt_assert "$3"
	tt_assert "$4"
	tt_assert "$5"
	tt_refute '\{"|"team"|raw json'"|$6"
}

tt_start
tt_wait_for 'Words 0001'
tt_keys Enter
tt_wait_for '^#[0-9]+ +Words 0001'
tt_keys G
check_words 'Timeline \(5 entries\)' \
	'created the ticket · severity 2 Urgent · Ad serving issue' \
	'escalated to L1 Customer Success Manager \(Olga Other\):$' \
	'added Olga Other as a collaborator' \
	'corrected the triage \(Severity: 3 → 2\): wrong team' 'ticket created'
tt_assert 'weird.future'
tt_keys q
tt_wait_for 'Single 0001'
tt_keys j Enter
tt_wait_for '^#[0-9]+ +Single 0001'
tt_keys G
tt_wait_for 'Timeline \(1 entry\)'
tt_refute '1 entries'
tt_keys Q
tt_wait_for 'tt-exit=0'

# the same in Spanish
tt_keys "export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; clear; exec_tt" Enter
tt_wait_for 'Words 0001'
tt_keys Enter
tt_wait_for '^#[0-9]+ +Words 0001'
tt_keys G
check_words 'Historial \(5 entradas\)' \
	'creó el ticket · gravedad 2 Urgente' \
	'escaló a N1 Responsable de Éxito del Cliente \(Olga$' \
	'añadió a Olga Other como colaborador' \
	'corrigió la clasificación \(Gravedad: 3 → 2\): wrong team' 'created the ticket|escalated to|collaborator'
tt_keys q
tt_wait_for 'Single 0001'
tt_keys j Enter
tt_wait_for '^#[0-9]+ +Single 0001'
tt_keys G
tt_wait_for 'Historial \(1 entrada\)'
tt_keys Q
tt_wait_for 'tt-exit=0'
