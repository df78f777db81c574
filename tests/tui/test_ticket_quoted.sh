#!/bin/sh
# A customer's reply by mail carries the whole earlier thread below the
# new words. At 80x24 the ticket view shows the words and folds the
# quoted mail into one line that says how many lines it holds and which
# key shows them; z shows them (dim) and folds them again, in English and
# in Spanish. A reply answered between the quoted lines is shown whole,
# and an internal note with ">" lines is never folded.
#
# Stated instant (frozen clock): created Monday 2026-11-23 16:00 UTC.
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-23 17:00+00' frozen
tt_ticket_at 2 'Quoted 0001' '2026-11-23 16:00+00'
tt_sql "
INSERT INTO comments (ticket_id, author_id, kind, body, created_at)
SELECT t.id, NULL, 'customer', v.body, v.at::timestamptz
  FROM tickets t,
       (VALUES (E'Thanks, the placement serves again.\n\nCarla\n\nOn Mon, Nov 23, 2026 at 16:10, Client Services <desk@example.com> wrote:\n> Hello Carla,\n>\n> the fix is live.\n>\n> Client Services', '2026-11-23 16:20+00'),
               (E'> Which placement?\n4313526\n> Since when?\nThis morning.', '2026-11-23 16:25+00')) v(body, at)
 WHERE t.title = 'Quoted 0001';
INSERT INTO comments (ticket_id, author_id, kind, body, created_at)
SELECT t.id, a.id, 'internal', E'Engineering said:\n> not a bug\n> works as designed', '2026-11-23 16:30+00'
  FROM tickets t, agents a WHERE t.title = 'Quoted 0001' AND a.login = 'postgres';" >/dev/null

tt_start
tt_wait_for 'Quoted 0001'
tt_keys Enter
tt_wait_for '^#[0-9]+ +Quoted 0001'
tt_keys G
tt_wait_for 'Carla$'
tt_assert '^ +Thanks, the placement serves again\.'
tt_assert '^ +\[6 lines quoted from earlier mail: z shows them\]'
tt_refute 'wrote:|the fix is live'
# the answers between quoted questions, and the note, whole
tt_assert '^ +> Which placement\?'
tt_assert '^ +This morning\.'
tt_assert '^ +\| > works as designed'
tt_keys z
tt_wait_for 'quoted earlier mail shown'
tt_keys G
tt_wait_for '> the fix is live\.'
tt_assert 'On Mon, Nov 23, 2026 at 16:10, Client Services'
tt_refute 'lines quoted from earlier mail'
tt_keys z
tt_wait_for 'quoted earlier mail folded'
tt_keys G
tt_wait_for '\[6 lines quoted from earlier mail: z shows them\]'
tt_refute 'the fix is live'
tt_keys Q
tt_wait_for 'tt-exit=0'

# the same in Spanish
tt_keys "export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; clear; exec_tt" Enter
tt_wait_for 'Quoted 0001'
tt_keys Enter
tt_wait_for '^#[0-9]+ +Quoted 0001'
tt_keys G
tt_wait_for '\[6 líneas citadas de correos anteriores: z las muestra\]'
tt_refute 'the fix is live|lines quoted'
tt_keys z
tt_wait_for 'correo anterior citado a la vista'
tt_keys G
tt_wait_for '> the fix is live\.'
tt_keys Q
tt_wait_for 'tt-exit=0'
