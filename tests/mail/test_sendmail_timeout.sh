#!/bin/sh
# An MTA that hangs (QA finding 4): `mail send` ends it at its deadline
# (--sendmail-timeout, or mail.sendmail_timeout in the configuration),
# leaves no process of it behind, counts a failed attempt that `mail
# status` shows, and retries with backoff; an answer written after the
# stuck one waits for it, so the customer gets them in order once the MTA
# works again. An MTA that cannot be run at all is not started again for
# each message still due: --watch waits a minute.
. "$(dirname "$0")/lib.sh"

mark="sleep 600.$$"          # unique: finds the hung MTA among the processes
HUNG="$mark # hung MTA"
left_over() { pgrep -f "sleep 600\\.$$" >/dev/null; }
failed_count() { as mail_bot mail status --json | sed 's/.*"failed" : \([0-9]*\).*/\1/'; }

id=$(new_ticket 'Hung MTA' 3)
as mail_eng ticket ack "$id" --message 'First answer.' >/dev/null

t0=$(date +%s)
timeout 30 "$TICKETTY_BIN" --db "host=$PGHOST dbname=$DB user=mail_gw" \
	mail send --sendmail "$HUNG" --sendmail-timeout 2 >"$T/out" 2>"$T/err"
rc=$?
took=$(( $(date +%s) - t0 ))
expect "a hung MTA is a failed attempt (exit 75)" "$rc" "75"
[ "$took" -le 8 ] && ok "mail send returned within the bound (${took} s)" ||
	fail "mail send took ${took} s with a 2 s timeout"
grep -q "did not finish within 2 s (killed): $mark" "$T/err" && ok "the reason names the deadline and the command" ||
	fail "no timeout reason: $(cat "$T/err")"
expect "send counts it failed" "$(cat "$T/out")" "sent 0 messages, 1 failed (queued for a retry)"
left_over && fail "the hung MTA is still running: $(pgrep -af "sleep 600\\.$$")" || ok "the hung MTA was ended"
expect "status counts it failed" "$(failed_count)" "1"
as mail_bot mail status | grep -q "last error: .*did not finish within 2 s (killed)" &&
	ok "status shows the timeout" || fail "status lacks the timeout: $(as mail_bot mail status)"

# a later answer of the same ticket waits for the stuck one
as mail_eng ticket reply "$id" --message 'Second answer.' >/dev/null
expect "the later answer is held behind the failed one" \
	"$(as mail_gw mail send --sendmail "$SENDMAIL")" "sent 0 messages"
expect "nothing delivered out of order" "$(maildir_count)" "0"

# the retry, with the deadline from the configuration: hangs again
q "UPDATE clock_pin SET pinned_at = pinned_at + interval '61 seconds'" >/dev/null
printf 'mail = { sendmail = "%s"; sendmail_timeout = 2; };\n' "$HUNG" > "$T/ticketty.conf"
TICKETTY_CONFIG="$T/ticketty.conf" timeout 30 "$TICKETTY_BIN" --db "host=$PGHOST dbname=$DB user=mail_gw" \
	mail send >/dev/null 2>"$T/err2"
expect "the retry with mail.sendmail_timeout fails too" "$?" "75"
grep -q "did not finish within 2 s (killed)" "$T/err2" && ok "mail.sendmail_timeout bounds it" ||
	fail "no timeout reason from the configuration: $(cat "$T/err2")"
grep -q "(attempt 2)" "$T/err2" && ok "a second attempt" || fail "not the second attempt: $(cat "$T/err2")"
left_over && fail "the hung MTA is still running after the retry" || ok "nothing left after the retry"

# the MTA works again: both go, in the order they were written
q "UPDATE clock_pin SET pinned_at = pinned_at + interval '121 seconds'" >/dev/null
expect "both sent once the MTA works" \
	"$(timeout 30 "$TICKETTY_BIN" --db "host=$PGHOST dbname=$DB user=mail_gw" mail send --sendmail "$SENDMAIL")" "sent 2 messages"
expect "two in the Maildir" "$(maildir_count)" "2"
first=$(ls -tr "$T/exim/Maildir/new"/* | head -n 1)
grep -q 'First answer.' "$first" && ok "the stuck answer arrived first" || fail "the answers arrived out of order"
grep -q 'Second answer.' "$(newest)" && ok "the later answer arrived second" || fail "the later answer is not last"
expect "it answers the first" "$(header In-Reply-To "$(newest)")" "$(header Message-Id "$first")"
expect "nothing left failing" "$(failed_count)" "0"

# an MTA pipe whose configuration was forgotten: no database is named, and
# the mail is deferred with that said, never taken into a private demo desk
# an MTA that cannot be run at all: --watch tries one message, records it,
# and waits a minute instead of starting the missing command once per
# message still due
for n in 1 2 3; do
	t=$(new_ticket "No MTA $n" 3)
	as mail_eng ticket ack "$t" --message "Answer $n." >/dev/null
done
timeout 4 "$TICKETTY_BIN" --db "host=$PGHOST dbname=$DB user=mail_gw" \
	mail send --watch --batch 1 --sendmail "/nonexistent/sendmail.$$ -t" >/dev/null 2>"$T/err4"
expect "one message tried while the MTA cannot be run" \
	"$(q "SELECT count(*) FROM mail_outbox WHERE last_error LIKE '%could not be run (status 127)%'")" "1"
expect "the command was started once" "$(grep -c "sendmail.$$" "$T/err4")" "1"
expect "the others still wait, untried" \
	"$(q "SELECT count(*) FROM mail_outbox WHERE state = 'queued' AND attempts = 0")" "2"

mkdir -p "$T/bare"
printf 'From: carla@acme.example\nSubject: Lost?\n\nhello\n' |
	env -i PATH="$PATH" HOME="$T/bare" TICKETTY_DATA_DIR="$T/bare/data" "$TICKETTY_BIN" mail receive \
	>/dev/null 2>"$T/err3"
expect "mail receive without a database defers (75)" "$?" "75"
grep -q "no database is configured for mail receive" "$T/err3" && ok "it says no database is configured" ||
	fail "not said: $(cat "$T/err3")"
[ -z "$(ls -A "$T/bare")" ] && ok "no private cluster was made" || fail "files made: $(ls -A "$T/bare")"
finish
