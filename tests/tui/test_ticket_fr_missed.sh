#!/bin/sh
# A first response that came too late shows in the queue's detail line
# (the SLA column follows the running resolution), in the ticket view's
# header and in `ticket show` (both render model/ticket_render.c), and in
# `queue --json` (first_response_missed), in English
# and Spanish at 80x24: "SLA FR missed", "SLA at risk · FR missed", never
# the running resolution's "SLA ok" that hid the breach.
#
# Stated instants (frozen clock, New York business calendar 09:00-18:00):
# created Monday 2026-11-23 16:00 UTC (11:00 in New York), premium
# severity 2: first response due 18:00 UTC, resolution Tuesday 16:00
# UTC; acknowledged at 18:01 UTC, one minute late.
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-23 18:01+00' frozen
tt_ticket_at 2 'Late 0001' '2026-11-23 16:00+00'
tt_sql "UPDATE tickets SET status = 'in_progress', acknowledged_at = '2026-11-23 18:01+00',
               version = version + 1" >/dev/null
id=$(tt_val "SELECT id FROM tickets WHERE title = 'Late 0001'")
state=$(tt_val "SELECT first_response_outcome || ' ' || ticket_sla_state(t) FROM tickets t")
[ "$state" = "missed ok" ] || tt_fail "first response and SLA state are $state"

fits80() {
	width=$(tt_screen | LC_ALL=C.UTF-8 wc -L)
	[ "$width" -le 80 ] || tt_fail "a line is $width cells wide"
}

tt_start
tt_wait_for 'Late 0001'
tt_assert '^in progress · SLA ok 6 h 59 min business · FR missed · '
fits80
tt_keys Enter
tt_wait_for '^in progress · 2 Urgent · SLA FR missed$'
tt_assert '^Resolution +due Tue Nov 24 11:00 EST · in 6 h 59 min business$'
tt_refute 'SLA ok'
fits80
tt_keys Q
tt_wait_for 'tt-exit=0'

tt_shell "exec_tt ticket show $id | head -n 3; echo shown"
tt_wait_for '^shown'
tt_assert '^in progress · 2 Urgent · SLA FR missed · version [0-9]+$'   # the CLI keeps it (--version)
tt_refute 'SLA ok'
tt_shell "exec_tt queue --json | grep -c '\"first_response_missed\" *: *true'; echo listed"
tt_wait_for '^listed'
tt_assert '^1$'

# Spanish
tt_shell "(LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; export LANG LC_ALL; exec_tt)"
tt_wait_for 'Late 0001'
tt_assert '^en curso · ANS en plazo .* · 1\.ª resp\. incumplida · '
fits80
tt_keys Enter
tt_wait_for '^en curso · 2 Urgente · ANS 1\.ª resp\. incumplida$'
tt_refute 'en plazo'
fits80
tt_keys Q
tt_wait_for 'tt-exit=0'
tt_shell "(LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; export LANG LC_ALL; exec_tt ticket show $id | head -n 3); echo shown"
tt_wait_for '^shown'
tt_assert '^en curso · 2 Urgente · ANS 1\.ª resp\. incumplida · versión [0-9]+$'

# later, the resolution at risk: both are said
risk=$(tt_val "SELECT resolution_risk_at + interval '1 minute' FROM tickets WHERE id = $id")
tt_clock "$risk" frozen
state=$(tt_val "SELECT ticket_sla_state(t) FROM tickets t")
[ "$state" = "at_risk" ] || tt_fail "SLA state at $risk is $state"
tt_keys "clear; exec_tt" Enter
tt_wait_for 'Late 0001'
tt_keys Enter
tt_wait_for '^in progress · 2 Urgent · SLA at risk · FR missed$'
fits80
tt_keys Q
tt_wait_for 'tt-exit=0'
tt_shell "(LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; export LANG LC_ALL; exec_tt ticket show $id | head -n 3); echo shown"
tt_wait_for '^shown'
tt_assert '^en curso · 2 Urgente · ANS en riesgo · 1\.ª resp\. incumplida · versión [0-9]+$'
fits80
