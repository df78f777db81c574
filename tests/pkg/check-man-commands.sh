#!/bin/sh
# ticketty(1) documents every command of the command table
# (src/cli/commands.c) under COMMANDS, and `help`.
#   sh tests/pkg/check-man-commands.sh [MAN_PAGE]
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MAN=${1:-$ROOT/man/ticketty.1}
commands=$(sed -n 's/^	{ "\([a-z]*\)", cli_.*/\1/p' "$ROOT/src/cli/commands.c")
[ "$(echo "$commands" | wc -w)" -ge 18 ] || { echo "FAIL (man): read too few commands from src/cli/commands.c" >&2; exit 1; }
section=$(sed -n '/^\.Sh COMMANDS/,/^\.Sh /p' "$MAN")
missing=""
for c in $commands help; do
	echo "$section" | grep -q "^\.It Cm $c\( \|$\)" || missing="$missing $c"
done
[ -z "$missing" ] || { echo "FAIL (man): ticketty(1) COMMANDS does not describe:$missing" >&2; exit 1; }
echo "man: every command is described"
