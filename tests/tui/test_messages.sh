#!/bin/sh
# Status-line messages at 80x24 (issue 17): a message longer than the
# line says where the rest is, and `:messages` shows every message of the
# session in full, newest first, word-wrapped, in English and in Spanish.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00' frozen
tt_tickets 1 3 "Slow"

long='open the weekly report for the account representative Alexandra Montgomery-Fitzgerald at alexandra.montgomery@example.com'
run() {
	tt_wait_for 'Slow 0001'
	tt_keys :
	tt_keys -l "$long"
	tt_keys Enter
	tt_wait_for "$1"
	tt_keys :
	tt_keys -l messages
	tt_keys Enter
	tt_wait_for "$2"
	# the whole message, wrapped between words
	joined=$(tt_screen | tr -s ' \n' '  ')
	case "$joined" in
	*"$long"*) ;;
	*) tt_fail "the message is not shown in full" ;;
	esac
	width=$(tt_screen | LC_ALL=C.UTF-8 wc -L)
	[ "$width" -le 80 ] || tt_fail "a line is $width cells wide"
	tt_keys q
	tt_wait_for 'Slow 0001'
	tt_keys Q
	tt_wait_for 'tt-exit=0'
}

tt_start
run '\(more: :messages\)$' 'Messages, newest first'
tt_keys "clear; (LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; export LANG LC_ALL; exec_tt)" Enter
run '\(más: :messages\)$' 'Mensajes, los más recientes primero'
