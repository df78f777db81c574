#!/bin/sh
# Mail throughput (issue 13): `ticketty mail receive` of N messages, one
# process each (half replies threading onto tickets, half new mail with a
# 4 KiB PNG attachment), and `ticketty mail send` of N queued messages into
# a private Exim (tests/mail/exim.sh, delivering into a Maildir). Each is
# compared with spawning /bin/true the same way: receive against
# `/bin/true < message` in the same shell loop, send against `mail send
# --sendmail 'cat >/dev/null'` (ticketty's own cost without an MTA: a
# command that reads the whole message, as a sendmail must; /bin/true would
# leave it unread, which ticketty rightly counts as not sent) and against a
# loop of `sh -c /bin/true` (the floor). Rounds of ROUND messages alternate
# between the real thing and the baseline; medians of the rounds' per-
# message times are reported.
#   sh tests/bench/mail_bench.sh [N] [ROUND]     (defaults 10000, 500)
# PHASES="receive send" by default; PHASES=send runs the second alone.
set -eu
N=${1:-10000}
ROUND=${2:-500}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=$ROOT/build/ticketty
TICKETTY_BIN=$BIN
[ -x "$BIN" ] || { echo "build first: make" >&2; exit 1; }
. "$ROOT/tests/mail/exim.sh"
T=$(mktemp -d "${TMPDIR:-/tmp}/ticketty-mailbench.XXXXXX")
chmod 755 "$T"
eval "$(sh "$ROOT/tests/lib/pgtmp.sh" start)"
trap 'sh "$ROOT/tests/lib/pgtmp.sh" stop "$PGTMP_DIR"; rm -rf "$T"' EXIT INT TERM
psql -qX -c "CREATE DATABASE bench" >/dev/null
"$BIN" --db "dbname=bench" db migrate >/dev/null
psql -qX -d bench >/dev/null <<'SQL'
SET search_path = ticketty;
CREATE ROLE bench_bot LOGIN; GRANT ticketty_admin TO bench_bot;
INSERT INTO agents (login, display_name, role) VALUES ('bench_bot', 'Bench bot', 'admin');
INSERT INTO customers (name, member_id, plan) VALUES ('Acme', 4242, 'premium');
INSERT INTO contacts (customer_id, name, email, spoc) SELECT id, 'Carla', 'carla@acme.test', true FROM customers;
UPDATE mail_policy SET value = 'support@desk.test' WHERE key IN ('from_address', 'reply_to');
UPDATE mail_policy SET value = '1000000' WHERE key = 'sender_daily_limit';
INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity, title,
  description, impact, object_ids, member_id, repro_steps, browser, os, calendar_id, plan,
  first_response_due, resolution_due)
SELECT c.id, ct.id, rt.id, rt.team_id, 1, 3, 'Ticket ' || g, 'd', 'i', ARRAY['1'], 4242, 'r', 'Firefox 133', 'Windows 11',
  c.calendar_id, c.plan, now() + interval '1 day', now() + interval '2 days'
  FROM generate_series(1, 100) g, customers c, contacts ct,
       (SELECT id, team_id FROM request_types WHERE team_id IS NOT NULL ORDER BY position LIMIT 1) rt;
SQL
export PGUSER=bench_bot PGDATABASE=bench
PNG=$(head -c 3072 /dev/urandom | base64 -w 76)

# message I into $T/msg (a reply on odd I, new mail with an attachment on even I)
message() {
	if [ $(($1 % 2)) -eq 1 ]; then
		printf 'From: Carla <carla@acme.test>\nTo: support@desk.test\nSubject: Re: [#%d] Ticket\nMessage-ID: <r%d.%s@acme.test>\n\nStill broken, round %d.\n' \
			$(($1 % 100 + 1)) "$1" "$2" "$1" > "$T/msg"
	else
		printf 'From: Carla <carla@acme.test>\nTo: support@desk.test\nSubject: New problem %d\nMessage-ID: <n%d.%s@acme.test>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=B\n\n--B\nContent-Type: text/plain\n\nPlacements are blank.\n--B\nContent-Type: image/png\nContent-Disposition: attachment; filename=shot.png\nContent-Transfer-Encoding: base64\n\n%s\n--B--\n' \
			"$1" "$1" "$2" "$PNG" > "$T/msg"
	fi
}

now() { date +%s.%N; }
# per-message milliseconds of one round: run_round FIRST COUNT TAG CMD...
receive_round() {
	first=$1 count=$2 tag=$3
	shift 3
	t0=$(now)
	k=$first
	while [ "$k" -lt $((first + count)) ]; do
		message "$k" "$tag"
		"$@" < "$T/msg" || { echo "receive failed ($?) at $k" >&2; exit 1; }
		k=$((k + 1))
	done
	t1=$(now)
	echo "$t0 $t1 $count" | awk '{ printf "%.3f\n", ($2 - $1) * 1000 / $3 }'
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

PHASES=${PHASES:-receive send}
case " $PHASES " in *" receive "*)
echo "== mail receive: $N messages, rounds of $ROUND (ticketty vs /bin/true)"
: > "$T/recv" ; : > "$T/true"
i=0
t_start=$(now)
while [ "$i" -lt "$N" ]; do
	receive_round "$i" "$ROUND" x "$BIN" mail receive >> "$T/recv"
	receive_round "$i" "$ROUND" y /bin/true >> "$T/true"
	i=$((i + ROUND))
done
stored=$(psql -qXAt -c "SELECT count(*) FROM ticketty.mail_inbound")
threaded=$(psql -qXAt -c "SELECT count(*) FROM ticketty.mail_inbound WHERE state = 'threaded'")
files=$(psql -qXAt -c "SELECT count(*) FROM ticketty.attachments")
r=$(median < "$T/recv"); b=$(median < "$T/true")
echo "stored $stored (threaded $threaded, attachments $files)"
echo "receive: median $r ms/message ($(echo "$r" | awk '{ printf "%.0f", 1000 / $1 }') msgs/s); /bin/true the same way: $b ms; ticketty's own cost $(echo "$r $b" | awk '{ printf "%.2f", $1 - $2 }') ms/message"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
;; esac
case " $PHASES " in *" send "*) ;; *) exit 0 ;; esac

echo "== mail send: $N messages into Exim, rounds of $ROUND (vs --sendmail 'cat >/dev/null', vs sh -c /bin/true)"
exim_setup "$T/exim" "PGHOST=$PGHOST"
EXIM=$(exim_cmd)
queue() {
	psql -qXAt -d bench -U postgres -c "SELECT count(ticketty.mail_queue('reply', 'en', 'Carla', 'carla@acme.test',
		jsonb_build_object('title', 'Ticket', 'contact', 'Carla', 'message', 'Answer ' || g),
		(g % 100) + 1, NULL, NULL, NULL, true, NULL)) FROM generate_series(1, $1) g" >/dev/null
}
send_round() {
	queue "$ROUND"
	t0=$(now)
	"$BIN" mail send --sendmail "$1" >/dev/null
	t1=$(now)
	echo "$t0 $t1 $ROUND" | awk '{ printf "%.3f\n", ($2 - $1) * 1000 / $3 }'
}
: > "$T/sexim"; : > "$T/strue"; : > "$T/sh"
i=0
while [ "$i" -lt "$N" ]; do
	send_round "$EXIM -odi -t -oi" >> "$T/sexim"
	send_round 'cat >/dev/null' >> "$T/strue"
	t0=$(now); j=0
	while [ "$j" -lt "$ROUND" ]; do sh -c /bin/true < /dev/null; j=$((j + 1)); done
	t1=$(now); echo "$t0 $t1 $ROUND" | awk '{ printf "%.3f\n", ($2 - $1) * 1000 / $3 }' >> "$T/sh"
	i=$((i + ROUND))
done
delivered=$(ls "$T/exim/Maildir/new" | wc -l)
sent=$(psql -qXAt -c "SELECT count(*) FROM ticketty.mail_outbox WHERE state = 'sent'")
e=$(median < "$T/sexim"); s=$(median < "$T/strue"); f=$(median < "$T/sh")
echo "sent $sent, in the Maildir $delivered (of $N through Exim)"
echo "send into Exim: median $e ms/message ($(echo "$e" | awk '{ printf "%.0f", 1000 / $1 }') msgs/s); --sendmail 'cat >/dev/null': $s ms; sh -c /bin/true loop: $f ms"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
