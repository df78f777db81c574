#!/bin/sh
# The UTF-8 check of the command line (src/cli/arg_text.c) must know every
# option that takes no value: otherwise it names the word after such an
# option as that option's value. Every option declared `no_argument` in a
# struct option of src/cli or src/main.c (the commands' getopt tables)
# must be an ARG_FLAG rule there. (The few flags a command reads by hand,
# such as ticket show --quoted, are listed there as well; this check does
# not find them.) Fails naming each one missing.
#   sh tests/pkg/check-arg-rules.sh
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RULES=$ROOT/src/cli/arg_text.c
flags=$(sed -n 's/.*{ *NULL, *"\(--[a-z-]*\)", *ARG_FLAG *}.*/\1/p; s/.*{ *"[a-z -]*", *"\(--[a-z-]*\)", *ARG_FLAG *}.*/\1/p' "$RULES" | sort -u)
[ -n "$flags" ] || { echo "FAIL (arg rules): no ARG_FLAG rule read from $RULES" >&2; exit 1; }
declared=$(grep -ho '{ *"[a-z-]*", *no_argument' "$ROOT"/src/cli/*.c "$ROOT"/src/main.c \
	| sed 's/{ *"\([a-z-]*\)".*/--\1/' | sort -u)
missing=0
for o in $declared; do
	if ! printf '%s\n' "$flags" | grep -qx -- "$o"; then
		echo "FAIL (arg rules): $o takes no value but src/cli/arg_text.c has no ARG_FLAG rule for it" >&2
		missing=1
	fi
done
[ "$missing" = 0 ] && echo "arg rules: every option without a value is known to the UTF-8 check ($(printf '%s\n' "$declared" | wc -l) options)"
exit "$missing"
