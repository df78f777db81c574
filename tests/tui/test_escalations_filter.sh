#!/bin/sh
# `/` in the escalations view (`2`) at 80x24: the database keeps the
# escalations holding every word typed (any case) in the ticket's title,
# the customer's name, the holder's name or the level's reason, still
# grouped by level; the status line says the words; an empty text or Esc
# at the prompt shows them all again. Before, `/` said "not available in
# this view" while the view's help listed it.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_role esc_f_ursula csm
tt_agent esc_f_ursula csm 'Ursula Holder'
tt_role esc_f_victor csm
tt_agent esc_f_victor csm 'Victor Keeper'
tt_role esc_f_coo coo
tt_agent esc_f_coo coo 'Olivia Ops'
tt_csm_of esc_f_ursula 'Acme Media'
tt_csm_of esc_f_victor 'Zeta Ads'
tt_ticket_at 2 'Printer jam 0001' '2026-11-18 14:00+00'
tt_ticket_at 2 'Slow reports 0001' '2026-11-18 14:01+00'
# one of Zeta Ads (tt_ticket_at files for Acme Media)
tt_sql "INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity,
               title, description, impact, object_ids, member_id, repro_steps, browser, os, phone,
               calendar_id, plan, created_at)
        SELECT c.id, ct.id, rt.id, rt.team_id, 1, 2, 'Blank ads 0001', 'd', 'i', '{42}', 1002, 'r',
               'Firefox 128', 'Linux 6', '+1 555 0100', c.calendar_id, c.plan,
               timestamptz '2026-11-18 14:02+00'
          FROM customers c JOIN contacts ct ON ct.customer_id = c.id
          JOIN request_types rt ON rt.key = 'ad_serving'
         WHERE c.name = 'Zeta Ads'" >/dev/null
id_of() { tt_val "SELECT id FROM tickets WHERE title = '$1'"; }
printer=$(id_of 'Printer jam 0001')
slow=$(id_of 'Slow reports 0001')
blank=$(id_of 'Blank ads 0001')
tt_sql "SELECT api_escalate($printer, 'Customer threatens to cancel');
        SELECT api_escalate($slow, 'Reports take an hour');
        SELECT api_escalate($blank, 'Campaign launch tomorrow')" >/dev/null
# the CSM passes one up to the COO, with a reason of its own
"$TICKETTY_BIN" --db "dbname=$TT_DB user=esc_f_ursula" escalation up "$slow" \
	--message 'Refund beyond my authority' >/dev/null || tt_fail "escalation up failed"

tt_start
tt_wait_for 'Printer jam 0001'
tt_keys 2
tt_wait_for 'CSM \(2\)'
tt_assert 'COO \(1\)'
tt_assert '\[Escalations\] 3 open escalations'

# filter() WORDS: types WORDS at the `/` prompt (its text cleared first)
filter() {
	tt_keys /
	tt_wait_for '^Filter \(title, customer, holder or reason\):'
	tt_keys C-u
	tt_keys -l "$1"
	tt_keys Enter
}

# the customer: only Zeta Ads's, under its level, the status says the words
filter zeta
tt_wait_for '\[Escalations\] 1 open escalation, text "zeta"'
tt_wait_for "^#$blank Blank ads 0001"
tt_assert 'CSM \(1\)'
tt_assert 'Zeta Ads +Victor Keep'
tt_refute 'Acme Media|COO \(|Printer|Slow reports'

# the prompt offers the words in force; the reason of the live level
tt_keys /
tt_wait_for '^Filter \(title, customer, holder or reason\): zeta'
tt_keys C-u
tt_keys -l refund
tt_keys Enter
tt_wait_for '\[Escalations\] 1 open escalation, text "refund"'
tt_wait_for "^#$slow Slow reports 0001"
tt_assert 'COO \(1\)'
tt_refute 'CSM \(|Zeta Ads'

# the title, in another case; the holder
filter 'PRINTER Jam'
tt_wait_for "^#$printer Printer jam 0001"
tt_wait_for 'CSM \(1\)'
tt_refute 'COO \(|Zeta Ads'
filter victor
tt_wait_for "^#$blank Blank ads 0001"
tt_refute 'Printer|COO \('

# every word must be there: none has both
filter 'printer zeta'
tt_wait_for '\(no escalation matches the filter\)'
tt_assert '\[Escalations\] 0 open escalations, text "printer zeta"'

# Esc at the prompt shows every one again
tt_keys /
tt_wait_for '^Filter \(title, customer, holder or reason\): printer zeta'
tt_keys Escape
tt_wait_for '\[Escalations\] 3 open escalations *$'
tt_assert 'CSM \(2\)'
tt_assert 'COO \(1\)'

# and so does an empty text
filter acme
tt_wait_for '\[Escalations\] 2 open escalations, text "acme"'
tt_assert 'CSM \(1\)'
tt_assert 'COO \(1\)'
filter ''
tt_wait_for '\[Escalations\] 3 open escalations *$'
tt_assert 'CSM \(2\)'
tt_keys Q
tt_wait_for 'tt-exit=0'
