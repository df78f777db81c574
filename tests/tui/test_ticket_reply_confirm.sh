#!/bin/sh
# A public reply asks before it is mailed, in English at 80x24
# (tests/tui/reply_confirm_lib.sh says what is checked).
ASK='^Send to Carla\^\[\[2J <carla1@example\.com>\? y: send, e: edit, n: keep unsent'
ASK_SHORT='^Send to Carla\^\[\[2J <farid\.chowdhury\.operations@silverbirchdsp\.example>\? y/e/n'
KEPT='not sent; text kept: r sends it'
SENT='public reply sent'
YES=y
. "$(dirname "$0")/reply_confirm_lib.sh"
