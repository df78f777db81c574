#!/bin/sh
# The bash completion (file given, default completions/ticketty) completes
# subcommands, options, ticket ids, agent logins and team and request type
# keys; they come from a stub ticketty on PATH that answers `queue`, `admin
# agent list`, `admin team list` and `admin request-type list` the way the
# real one prints them.
#   sh tests/pkg/check-completion.sh [COMPLETION_FILE]
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FILE=${1:-$ROOT/completions/ticketty}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ticketty-comp.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM
fail() { echo "FAIL (completion): $*" >&2; exit 1; }
[ -f /usr/share/bash-completion/bash_completion ] || fail "bash-completion is not installed"

cat >"$TMP/ticketty" <<'STUB'
#!/bin/sh
case "$*" in
*"queue --limit"*) printf '      ID SEV SLA\n      42   1 ok\n     417   3 ok\n' ;;
*"admin agent list"*) printf 'ID  LOGIN   NAME\n1   ann     Ann Lee\n2   bob_k   Bob K\n' ;;
*"admin team list"*) printf 'KEY              TEAM\nad_quality       Ad Quality\npartner_success  Partner Success\n' ;;
*"admin request-type list"*) printf 'KEY        REQUEST TYPE\napp_bug    App bug\nad_serving Ad serving issue\n' ;;
esac
STUB
chmod +x "$TMP/ticketty"

# expect "WANTED COMPLETIONS" word... (the last word is the one being typed)
expect() {
	want=$1
	shift
	got=$(PATH="$TMP:$PATH" bash -c '
		. /usr/share/bash-completion/bash_completion
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_ticketty ticketty "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
		printf "%s\n" "${COMPREPLY[@]}"' sh "$FILE" "$@" | LC_ALL=C sort | tr '\n' ' ')
	[ "$got" = "$want " ] || fail "completing '$*': got '$got', want '$want'"
}
expect "escalate escalation escalations" ticketty esc
expect "note" ticketty ticket no
expect "import" ticketty ticket im
expect "--refused" ticketty ticket import --ref
expect "417 42" ticketty ticket note 4
expect "ann bob_k" ticketty ticket assign 42 ""
expect "hand" ticketty escalation ha
expect "ann" ticketty escalation hand 42 --to a
expect "" ticketty report sla --to 2
expect "--mine" ticketty queue --mi
expect "bob_k" ticketty --db x admin agent deactivate b
expect "add deactivate list set" ticketty admin agent ""
expect "ann" ticketty admin agent set a
expect "request-type" ticketty admin req
expect "add list set" ticketty admin request-type ""
expect "add deactivate list set" ticketty admin team ""
expect "partner_success" ticketty admin team deactivate p
expect "ad_quality partner_success" ticketty admin team set ""
expect "ad_serving app_bug" ticketty admin request-type set a
expect "partner_success" ticketty admin request-type add partner_setup --name P --team p
expect "ad_quality" ticketty queue --team a
expect "--ui-related" ticketty admin request-type add k --ui
expect "language" ticketty mail lang
expect "en es" ticketty mail language ""
expect "--attach" ticketty ticket reply 42 --att
expect "ceo coo csm" ticketty escalations --level c
expect "417 42" ticketty escalate ""
expect "ann" ticketty collaborator add 42 a
expect "--config --db --help --no-color --version" ticketty --
# every command of the table (src/cli/commands.c) completes, and help
# completes them again
commands=$(sed -n 's/^	{ "\([a-z]*\)", cli_.*/\1/p' "$ROOT/src/cli/commands.c" | LC_ALL=C sort | tr '\n' ' ')
[ "$(echo "$commands" | wc -w)" -ge 18 ] || fail "read too few commands from src/cli/commands.c: $commands"
expect "$(printf '%s\n' $commands help | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')" ticketty ""
expect "$(echo "$commands" | sed 's/ $//')" ticketty help ""
expect "backlog escalations oldest sla" ticketty report ""
expect "--limit" ticketty report oldest --li
expect "" ticketty report sla --li
expect "team total" ticketty report sla --by t
expect "account_rep not_spoc" ticketty inbox refuse 7 ""
expect "--held --help" ticketty inbox list --he
expect "--after" ticketty inbox list --af
expect "link" ticketty ticket li
expect "417 42" ticketty ticket history ""
echo "completion: subcommands, options, ticket ids, agent logins, team and request type keys"
