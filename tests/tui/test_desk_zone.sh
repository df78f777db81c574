#!/bin/sh
# Times on the ticket view are in the desk's zone, named: the default
# business calendar's (New York) at 80x24 in English and in Spanish, the
# agent's own with ui.timezone in the configuration, and an unknown
# ui.timezone refused with a message naming it (exit 78). The terminal's
# TZ (UTC in every test) does not matter.
#
# Stated instants (frozen clock): created Monday 2026-11-23 16:00 UTC,
# 11:00 EST in New York, 17:00 CET in Madrid; first response due 2
# business hours later (18:00 UTC, 13:00 EST).
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-23 16:30+00' frozen
tt_ticket_at 2 'Zone 0001' '2026-11-23 16:00+00'
[ "$(tt_val "SELECT time_zone FROM calendars WHERE is_default")" = America/New_York ] ||
	tt_fail "the default calendar is not New York's"

tt_start
tt_wait_for 'Zone 0001'
tt_keys Enter
tt_wait_for '^#[0-9]+ +Zone 0001'
tt_wait_for '^Created +Mon Nov 23 2026 11:00 EST$'
tt_assert '^First response +due Mon Nov 23 13:00 EST · in 1 h 30 min business$'
tt_refute '16:00|UTC'
tt_keys Q
tt_wait_for 'tt-exit=0'

tt_keys "export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; clear; exec_tt" Enter
tt_wait_for 'Zone 0001'
tt_keys Enter
tt_wait_for '^#[0-9]+ +Zone 0001'
tt_wait_for '^Creado +lun 23 nov 2026 11:00 EST$'
tt_assert '^Primera respuesta +vence lun 23 nov 13:00 EST · en 1 h 30 min hábiles$'
tt_keys Q
tt_wait_for 'tt-exit=0'

# the agent's own zone
conf="${TMPDIR:-/tmp}/tt-zone-$$.conf"
trap 'rm -f "$conf"; tt_cleanup' EXIT
printf 'ui = { timezone = "Europe/Madrid"; };\n' >"$conf"
tt_keys "clear; exec_tt --config '$conf'" Enter
tt_wait_for 'Zone 0001'
tt_keys Enter
tt_wait_for '^#[0-9]+ +Zone 0001'
tt_wait_for '^Creado +lun 23 nov 2026 17:00 CET$'
tt_keys Q
tt_wait_for 'tt-exit=0'

# a zone nobody knows: refused, named
printf 'ui = { timezone = "Mars/Olympus"; };\n' >"$conf"
tt_shell "export LANG=C.UTF-8 LC_ALL=C.UTF-8; exec_tt --config '$conf'"
tt_wait_for 'tt-exit=78'
tt_assert "ui.timezone must name a time zone"
