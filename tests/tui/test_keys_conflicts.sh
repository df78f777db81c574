#!/bin/sh
# Key bindings from the config that clash are said, not silent: a view's
# key taken from another action of that view (the README's own example,
# take = "T", took the queue's "my team" filter key) leaves that action
# without it (the help lists T once) and says so on :messages; a view's
# key that hides a global one there ("j", move down) is said too; and so
# are a key table no one knows and a top-level group no reader knows
# (a warning on standard error at start).
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_tickets 3 3 "K"

conf="${TMPDIR:-/tmp}/tt-keys-$$.conf"
cat >"$conf" <<'CONF'
keys = {
  queue = { take = "T"; reload = "j"; };
  nosuchview = { take = "x"; };
};
uii = { mouse = false; };
CONF
trap 'rm -f "$conf"; tt_cleanup' EXIT
tt_start "--config '$conf'"
tt_wait_for 'K 0001'
tt_messages_open
joined=$(tt_screen_text)
for want in "keys.queue.take: T was the key of filter-team here, which loses it" \
	"keys.queue.reload: j is also the key of down everywhere else; in this view it is reload" \
	"keys.nosuchview: no such key table"; do
	case "$joined" in
	*"$want"*) ;;
	*) tt_fail "not said: $want" ;;
	esac
done
tt_keys q
tt_wait_for '^ ticketty │ Queue'
# the help lists T once, for take
tt_keys '?'
tt_wait_for 'take'
[ "$(tt_screen | grep -c '^ *T  ')" -le 1 ] || tt_fail "T is listed twice: $(tt_screen | grep '^ *T  ')"
tt_keys q
tt_keys Q
tt_wait_for 'tt-exit=0'
tt_assert 'unknown setting uii \(ignored; know'
