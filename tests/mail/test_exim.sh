#!/bin/sh
# End to end through a real MTA (a private Exim, tests/mail/exim.sh):
# outbound answers arrive in the Maildir as one thread with the right
# headers (References: the whole thread, the customer's mail and the
# desk's), a file sent with an answer, or with a question to the
# customer (request_info), whole; a customer's reply piped by Exim into `ticketty mail receive`
# lands on the ticket and resumes it, once when it comes again by a plain
# pipe (no mbox line, no line end added); with PostgreSQL down the reply is
# deferred by Exim (exit 75) and, once PostgreSQL is back and the queue
# runs, stored exactly once; an MTA failure is retried with backoff; an
# auto-reply, and a mail from a null envelope sender (SENDER empty), are
# held and never answered; the answer to `inbox ask` comes
# back onto the asked mail; an answer to an address that does not exist
# comes back as a delivery report and is marked bounced. A mail over the
# desk's limit is bounced to its sender with the reason. Exim's pipe and
# every `mail send` (--watch too) run as mail_gw, the mail gateway (role
# mail, sql/972), which reads no table; `mail status` is an admin's.
. "$(dirname "$0")/lib.sh"

id=$(new_ticket 'Blank placements' 3)
expect "ticket filed" "$id" "1"
as mail_eng ticket ack "$id" --message 'We are looking at it.' >/dev/null
out=$(as mail_gw mail send --sendmail "$SENDMAIL")
expect "send reports one" "$out" "sent 1 message"
expect "one message in the Maildir" "$(maildir_count)" "1"
m1=$(newest)
expect "To" "$(header To "$m1")" "Carla Contact <carla@acme.test>"
expect "From" "$(header From "$m1")" "Client Services <support@desk.test>"
expect "Subject carries [#ID]" "$(header Subject "$m1")" "[#$id] Blank placements"
id1=$(header Message-Id "$m1")
expect "the Message-ID as stored" "$id1" "$(q "SELECT message_id FROM mail_outbox WHERE id = 1")"
case "$id1" in
"<ticketty.$id.1."????????????????"@desk.test>") ok "the Message-ID names the ticket and ends in random bits" ;;
*) fail "unexpected Message-ID: $id1" ;;
esac
expect "first message answers nothing" "$(header In-Reply-To "$m1")" ""
expect "no Auto-Submitted on a person's answer" "$(header Auto-Submitted "$m1")" ""
grep -q 'We are looking at it.' "$m1" && ok "acknowledgement text" || fail "acknowledgement text missing"

# a second answer continues the thread, with a file the customer gets whole
printf 'placement,impressions\n77,0\n78,0\n' > "$T/placements.csv"
as mail_eng ticket reply "$id" --message 'Which placement IDs?' --attach "$T/placements.csv" >/dev/null
as mail_gw mail send --sendmail "$SENDMAIL" >/dev/null
m2=$(newest)
got=$(python3 -c 'import email, sys
from email import policy
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=policy.default)
f = [p for p in m.iter_attachments()][0]
sys.stdout.write("%s|%s|%s" % (f.get_filename(), f.get_content_type(), f.get_content()))' "$m2")
expect "the file in the delivered mail" "$got" "placements.csv|text/csv|$(cat "$T/placements.csv")"

id2=$(header Message-Id "$m2")
expect "reply answers the acknowledgement" "$(header In-Reply-To "$m2")" "$id1"
expect "References the thread" "$(header References "$m2")" "$id1"

# the customer answers through Exim's pipe transport; waiting resumes
as mail_eng ticket status "$id" in_progress >/dev/null
# the question to the customer (request_info) takes a file as a reply does
printf 'placement\n77\n' > "$T/asked.csv"
as mail_eng ticket status "$id" waiting_customer --message 'Is this your list?' --attach "$T/asked.csv" >/dev/null
expect "waiting on the customer" "$(q "SELECT status FROM tickets WHERE id = $id")" "waiting_customer"
as mail_gw mail send --sendmail "$SENDMAIL" >/dev/null
got=$(python3 -c 'import email, sys
from email import policy
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=policy.default)
f = [p for p in m.iter_attachments()][0]
sys.stdout.write("%s|%s|%s" % (m["Subject"], f.get_filename(), f.get_content()))' "$(newest)")
expect "the file in the delivered question" "$got" "[#$id] Information needed: Blank placements|asked.csv|$(cat "$T/asked.csv")"
cat > "$T/reply1.eml" <<MAIL
From: Carla Contact <carla@acme.test>
To: support@desk.test
Subject: Re: [#$id] Blank placements
Message-ID: <reply-1@acme.test>
In-Reply-To: $id2
References: $id1 $id2
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: quoted-printable

Placement 77 and 78, se=F1or.
MAIL
deliver "$T/reply1.eml"
expect "reply stored on the ticket" \
	"$(q "SELECT count(*) FROM comments WHERE ticket_id = $id AND kind = 'customer' AND body LIKE 'Placement 77 and 78, señor.%'")" "1"
expect "waiting on the customer resumes" "$(q "SELECT status FROM tickets WHERE id = $id")" "in_progress"
expect "raw message kept" "$(q "SELECT position('Message-ID: <reply-1@acme.test>' IN convert_from(raw, 'UTF8')) > 0 FROM mail_inbound WHERE message_id = '<reply-1@acme.test>'")" "t"
# Exim's pipe transport hands it over with an mbox line "From sender
# date" before it and a line end after it (message_prefix and
# message_suffix, on by default), kept as they came; the same mail again
# by another route (a plain pipe: neither, nor the Received header Exim
# added) is a redelivery, not a second message on the ticket
expect "Exim hands it over after an mbox line" "$(q "SELECT convert_from(substring(raw FROM 1 FOR 5), 'UTF8') FROM mail_inbound WHERE message_id = '<reply-1@acme.test>'")" "From "
out=$(as mail_gw mail receive --verbose < "$T/reply1.eml")
expect "the same mail by another route is a redelivery" "$out" "already stored (a redelivery)"
expect "stored once" "$(q "SELECT count(*) FROM mail_inbound WHERE position('<reply-1@acme.test>' IN convert_from(raw, 'UTF8')) > 0")" "1"
expect "on the ticket once" \
	"$(q "SELECT count(*) FROM comments WHERE ticket_id = $id AND kind = 'customer' AND body LIKE 'Placement 77 and 78, señor.%'")" "1"
# the desk's answer to it carries the whole thread in References, the
# desk's and the customer's Message-IDs in order (RFC 5322 3.6.4), read
# back unfolded
as mail_eng ticket reply "$id" --message 'Thank you, we are checking both.' >/dev/null
as mail_gw mail send --sendmail "$SENDMAIL" >/dev/null
id3=$(q "SELECT message_id FROM mail_outbox WHERE kind = 'request_info'")
got=$(python3 -c 'import email, sys
from email import policy
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=policy.default)
sys.stdout.write(" ".join(str(m["References"]).split()) + "|" + str(m["In-Reply-To"]))' "$(newest)")
expect "References carry the whole thread" "$got" "$id1 $id2 $id3 <reply-1@acme.test>|<reply-1@acme.test>"

# PostgreSQL down: Exim defers on exit 75, keeps the message, and stores it once later
cat > "$T/reply2.eml" <<MAIL
From: carla@acme.test
To: support@desk.test
Subject: Re: [#$id] Blank placements
Message-ID: <reply-2@acme.test>
In-Reply-To: $id2

It happened again at 9:00.
MAIL
sh "$ROOT/tests/lib/pgtmp.sh" kill "$PGTMP_DIR"
deliver "$T/reply2.eml"
grep -q 'reply-2@acme.test' "$T/exim/log/mainlog" && grep -q '== support@desk.test.*defer' "$T/exim/log/mainlog" &&
	ok "Exim deferred the reply while the database was down" || fail "no deferral in the Exim log"
expect "message still in Exim's queue" "$($EXIM -bpc)" "1"
sh "$ROOT/tests/lib/pgtmp.sh" startagain "$PGTMP_DIR"
$EXIM -qff
expect "queue empty after the run" "$($EXIM -bpc)" "0"
expect "the deferred reply is on the ticket exactly once" \
	"$(q "SELECT count(*) FROM comments WHERE ticket_id = $id AND body LIKE 'It happened again%'")" "1"
# a redelivery of the same Message-ID is stored once
deliver "$T/reply2.eml"
expect "redelivery stored once" \
	"$(q "SELECT count(*) FROM comments WHERE ticket_id = $id AND body LIKE 'It happened again%'")" "1"
expect "one inbound row per Message-ID" "$(q "SELECT count(*) FROM mail_inbound WHERE message_id = '<reply-2@acme.test>'")" "1"


# mail send --watch across a database outage: it says once that it waits
# for the database (libpq's lines on one line), says when it is back, and
# sends what was queued after the restart
"$TICKETTY_BIN" --db "host=$PGHOST dbname=$DB user=mail_gw" mail send --watch --sendmail "$SENDMAIL" \
	>/dev/null 2>"$T/watch.err" &
watcher=$!
sleep 1
sh "$ROOT/tests/lib/pgtmp.sh" kill "$PGTMP_DIR"
sleep 4
sh "$ROOT/tests/lib/pgtmp.sh" startagain "$PGTMP_DIR"
as mail_eng ticket reply "$id" --message 'Sent by the watcher.' >/dev/null
watched() { q "SELECT count(*) FROM mail_outbox WHERE body LIKE '%Sent by the watcher.%' AND state = 'sent'"; }
n=0
while [ "$(watched)" != 1 ] && [ $n -lt 150 ]; do
	sleep 0.1
	n=$((n + 1))
done
kill "$watcher" 2>/dev/null
wait "$watcher" 2>/dev/null
expect "the watcher sent the reply queued after the restart" "$(watched)" "1"
expect "the wait is said once" "$(grep -c 'waiting for the database: mail is sent once it is back' "$T/watch.err")" "1"
grep -q 'the database is back: sending mail again' "$T/watch.err" && ok "the watcher says the database is back" ||
	fail "the watcher never said the database is back: $(cat "$T/watch.err")"
grep -q "$(printf '\342\206\265')" "$T/watch.err" && fail "libpq's lines joined with a return sign: $(cat "$T/watch.err")" ||
	ok "libpq's lines on one line"
# the MTA fails: queued for a retry with backoff, shown in status, sent later
as mail_eng ticket reply "$id" --message 'Fixed on our side.' >/dev/null
as mail_gw mail send --sendmail 'echo "mail spool full" >&2; exit 75' >/dev/null 2>"$T/err"
expect "failed send exits 75" "$?" "75"
grep -q 'mail spool full' "$T/err" && ok "the MTA's error is shown" || fail "MTA error not shown: $(cat "$T/err")"
expect "status counts it failed" "$(as mail_bot mail status --json | sed 's/.*"failed" : \([0-9]*\).*/\1/')" "1"
as mail_bot mail status | grep -q 'mail spool full' && ok "status shows the last error" || fail "status lacks the error"
expect "not retried before its time" "$(as mail_gw mail send --sendmail "$SENDMAIL")" "sent 0 messages"
q "UPDATE clock_pin SET pinned_at = pinned_at + interval '61 seconds'" >/dev/null
expect "retried after the backoff" "$(as mail_gw mail send --sendmail "$SENDMAIL")" "sent 1 message"
m3=$(newest)
grep -q 'Fixed on our side.' "$m3" && ok "retried message delivered" || fail "retried message not in the Maildir"
expect "retry keeps the Message-ID" "$(header Message-Id "$m3")" \
	"$(q "SELECT message_id FROM mail_outbox WHERE body LIKE '%Fixed on our side.%'")"
expect "nothing left failing" "$(as mail_bot mail status --json | sed 's/.*"failed" : \([0-9]*\).*/\1/')" "0"

# loop protection: an out-of-office answer in the ticket's thread is
# kept on the ticket as an internal note, never answered, and is not the
# customer's answer (the status stays); one that says no Auto-Submitted
# (Exchange's inbox-rule reply) is one all the same
before=$(q "SELECT count(*) FROM mail_outbox")
status=$(q "SELECT status || '/' || version FROM tickets WHERE id = $id")
cat > "$T/ooo.eml" <<MAIL
From: carla@acme.test
To: support@desk.test
Subject: Out of office: [#$id] Blank placements
Message-ID: <ooo-1@acme.test>
Auto-Submitted: auto-replied
In-Reply-To: $id2

I am away until Monday.
MAIL
deliver "$T/ooo.eml"
cat > "$T/ooo2.eml" <<MAIL
From: carla@acme.test
To: support@desk.test
Subject: Automatic reply: [#$id] Blank placements
Message-ID: <ooo-2@acme.test>
X-Auto-Response-Suppress: All
X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent
In-Reply-To: $id2

I am away until Tuesday.
MAIL
deliver "$T/ooo2.eml"
expect "auto-replies kept on the ticket" \
	"$(q "SELECT string_agg(state || '/' || ticket_id || '/' || auto_reason, ',' ORDER BY id) FROM mail_inbound
	      WHERE message_id IN ('<ooo-1@acme.test>', '<ooo-2@acme.test>')")" \
	"threaded/$id/auto_submitted,threaded/$id/auto_submitted"
expect "auto-replies are notes, not the customer's word" \
	"$(q "SELECT string_agg(kind::text, ',' ORDER BY id) FROM comments WHERE body LIKE 'I am away%'")" "internal,internal"
expect "auto-replies leave the status" "$(q "SELECT status FROM tickets WHERE id = $id")" "${status%/*}"
expect "auto-reply not answered" "$(q "SELECT count(*) FROM mail_outbox")" "$before"
# a null envelope sender (a bounce, a vacation notice) with no sign in
# its headers and no Return-Path (this transport adds none): Exim's pipe
# says it in SENDER, and the mail is held, never answered
cat > "$T/null.eml" <<MAIL
From: carla@acme.test
To: support@desk.test
Subject: Re: [#$id] Blank placements
Message-ID: <null-1@acme.test>
In-Reply-To: $id2

Sent from a null sender.
MAIL
deliver "$T/null.eml" '<>'
expect "null envelope sender held" "$(q "SELECT state || '/' || hold_reason FROM mail_inbound WHERE message_id = '<null-1@acme.test>'")" "held/null_sender"
expect "null envelope sender not on the ticket" "$(q "SELECT count(*) FROM comments WHERE body LIKE 'Sent from a null sender%'")" "0"
expect "null envelope sender not answered" "$(q "SELECT count(*) FROM mail_outbox")" "$before"
# a new mail lacking the mandatory items: `inbox ask` goes out through
# Exim, and the customer's answer to it comes back onto the asked mail
cat > "$T/new.eml" <<MAIL
From: Carla Contact <carla@acme.test>
To: support@desk.test
Subject: Video ads do not play
Message-ID: <new-1@acme.test>

Our video ads stopped playing yesterday.
MAIL
deliver "$T/new.eml"
asked=$(q "SELECT id FROM mail_inbound WHERE message_id = '<new-1@acme.test>'")
expect "new mail in the inbox" "$(q "SELECT state FROM mail_inbound WHERE id = $asked")" "inbox"
as mail_eng inbox ask "$asked" >/dev/null
as mail_gw mail send --sendmail "$SENDMAIL" >/dev/null
mask=$(newest)
grep -q 'Steps to reproduce' "$mask" && ok "the ask lists what is missing" || fail "ask not delivered: $(cat "$mask")"
ask_id=$(header Message-Id "$mask")
cat > "$T/answer.eml" <<MAIL
From: Carla Contact <carla@acme.test>
To: support@desk.test
Subject: Re: Video ads do not play
Message-ID: <answer-1@acme.test>
In-Reply-To: $ask_id
References: <new-1@acme.test> $ask_id

Creative 991, Chrome 131 on macOS 15.
MAIL
deliver "$T/answer.eml"
expect "the answer takes the asked mail's place" \
	"$(q "SELECT a.state || '/' || b.state || '/' || (b.answers_id = a.id) FROM mail_inbound a, mail_inbound b
	      WHERE a.id = $asked AND b.message_id = '<answer-1@acme.test>'")" "answered/inbox/true"
as mail_eng inbox show "$(q "SELECT id FROM mail_inbound WHERE message_id = '<answer-1@acme.test>'")" --json > "$T/answer.json"
grep -q 'Our video ads stopped playing yesterday.\\n\\n---\\n\\nCreative 991' "$T/answer.json" &&
	ok "its intake form starts from both mails" || fail "intake lacks the first mail: $(cat "$T/answer.json")"

# an answer to an address that does not exist: Exim's delivery report
# comes back to the desk (the envelope sender) through mail receive, and
# the ticket says the answer was not delivered, and why
q "UPDATE contacts SET email = 'carla@nowhere.test'" >/dev/null
as mail_eng ticket reply "$id" --message 'Did the fix work?' >/dev/null
as mail_gw mail send --sendmail "$SENDMAIL -f support@desk.test" >/dev/null
$EXIM -qff
n=0
while [ "$(q "SELECT count(*) FROM ticket_events WHERE ticket_id = $id AND kind = 'mail_bounced'")" != 1 ] && [ $n -lt 50 ]; do
	sleep 0.1
	n=$((n + 1))
done
expect "the report is held as a delivery report, tied to the ticket" \
	"$(q "SELECT state || '/' || hold_reason || '/' || ticket_id FROM mail_inbound WHERE from_address LIKE 'mailer-daemon@%'")" \
	"held/daemon/$id"
expect "the answer is marked bounced" \
	"$(q "SELECT bounce_reason FROM mail_outbox WHERE body LIKE '%Did the fix work?%'")" "5.0.0 no such mailbox here"
as mail_eng ticket show "$id" > "$T/show"
grep -q 'mail to carla@nowhere.test could not be delivered: 5.0.0 no such mailbox here' "$T/show" &&
	ok "the ticket says the answer did not arrive, and why" || fail "no bounce on the ticket: $(tail -5 "$T/show")"
grep -q '(mail bounced: not delivered)' "$T/show" && ok "the answer reads bounced" || fail "answer not marked bounced"

# a mail over the desk's limit: refused as it is read (65), and Exim
# bounces it to its sender with the reason, as when the store refused it
q "UPDATE mail_policy SET value = '100000' WHERE key = 'max_message_bytes'" >/dev/null
{
	printf 'From: carla@acme.test\nTo: support@desk.test\nSubject: The logs\nMessage-ID: <huge-1@acme.test>\n\n'
	yes 'a line of the logs' | head -c 1000000
} > "$T/huge.eml"
before=$(maildir_count)
deliver "$T/huge.eml"
expect "a mail over the limit is not stored" "$(q "SELECT count(*) FROM mail_inbound WHERE message_id = '<huge-1@acme.test>'")" "0"
expect "its sender is told" "$(maildir_count)" "$((before + 1))"
grep -q 'the message is larger than the limit of 100000 bytes' "$(newest)" &&
	ok "the bounce says why" || fail "no reason in the bounce: $(head -c 3000 "$(newest)")"
finish
