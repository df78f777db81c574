#!/bin/bash
# Load benchmark (issue 7): WORKERS concurrent CLI workers for SECONDS
# seconds, mixing intake, take-next, replies, status changes and
# escalations on a database of TICKETS demo tickets, in a throwaway cluster
# on a Unix socket (loopback only). Afterwards it proves:
#   - zero unexpected errors (expected refusals: 75 stale/conflict, 65 when
#     take-next finds nothing or a transition is not allowed),
#   - zero tickets claimed twice by take-next,
#   - zero lost updates: for every ticket changed during the run, the audit
#     versions written during the run are consecutive and end at the
#     ticket's version,
#   - the audit log matches the successful changes one to one.
# and prints throughput and p50/p99 latency per operation.
#
#   TICKETS=1000000 WORKERS=20 SECONDS_TO_RUN=60 bash tests/bench/load_bench.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${TICKETTY_BIN:-$ROOT/build/ticketty}
TICKETS=${TICKETS:-1000000}
WORKERS=${WORKERS:-20}
SECONDS_TO_RUN=${SECONDS_TO_RUN:-60}
WORK=$(mktemp -d /tmp/ticketty-load.XXXXXX)
chmod 755 "$WORK"

eval "$(sh "$ROOT/tests/lib/pgtmp.sh" start)"
cleanup() { sh "$ROOT/tests/lib/pgtmp.sh" stop "$PGTMP_DIR"; rm -rf "$WORK"; }
trap cleanup EXIT

psql -qX -c "CREATE DATABASE load" >/dev/null
DB="dbname=load"
"$BIN" --db "$DB" db migrate >/dev/null
echo "seeding $TICKETS tickets..."
t0=$(date +%s)
"$BIN" --db "$DB" db seed-demo --tickets "$TICKETS" --seed 7 >/dev/null
echo "seeded in $(( $(date +%s) - t0 ))s"

# one engineer login per worker, all in Client Services
for w in $(seq 1 "$WORKERS"); do
	"$BIN" --db "$DB" admin agent add "loadw$w" --name "Load Worker $w" --role engineer >/dev/null
done
psql -qX -d load -c "UPDATE ticketty.agents SET team_id = (SELECT id FROM ticketty.teams WHERE key = 'client_services') WHERE login LIKE 'loadw%'" >/dev/null
# an authorised requester per customer for intake
psql -qXAt -F '|' -d load -c "SELECT c.name, k.email, c.member_id FROM ticketty.customers c JOIN ticketty.contacts k ON k.customer_id = c.id AND k.spoc AND k.active" > "$WORK/spocs"
START_TS=$(psql -qXAt -d load -c "SELECT now()")

now_ns() { date +%s%N; }

# run_op NAME CMD... : runs the CLI, logs "name exit latency_us" and prints stdout
run_op() {
	local name=$1; shift
	local t1 t2 out rc
	t1=$(now_ns)
	set +e
	out=$("$BIN" --db "$DB user=$LOGIN" "$@" 2>>"$LOG.err")
	rc=$?
	set -e
	t2=$(now_ns)
	echo "$name $rc $(( (t2 - t1) / 1000 ))" >> "$LOG"
	printf '%s' "$out"
	return 0
}

worker() {
	LOGIN=loadw$1
	LOG=$WORK/w$1.log
	local claims=$WORK/w$1.claims
	: > "$LOG"; : > "$claims"
	local deadline=$(( $(date +%s) + SECONDS_TO_RUN ))
	local nspocs; nspocs=$(wc -l < "$WORK/spocs")
	RANDOM=$1
	while [ "$(date +%s)" -lt "$deadline" ]; do
		local dice=$(( RANDOM % 100 ))
		local mine=""
		[ -s "$claims" ] && mine=$(shuf -n 1 "$claims")
		# without a claimed ticket yet, only intake and take-next make sense
		[ -z "$mine" ] && dice=$(( dice % 40 ))
		if [ $dice -lt 20 ]; then
			IFS='|' read -r cust email member < <(sed -n "$(( RANDOM % nspocs + 1 ))p" "$WORK/spocs")
			run_op intake ticket new --set "customer=$cust" --set "contact=$email" \
				--set request_type=ad_serving --set reason=bug --set severity=$(( RANDOM % 3 + 2 )) \
				--set "title=Load test placement blank $RANDOM" --set "description=Blank placements under load" \
				--set "impact=Lost impressions" --set "object_ids=$RANDOM,$RANDOM" --set "member_id=$member" \
				--set "repro_steps=Open the placement" --set "browser=Firefox 132" --set "os=Debian 12" \
				--set "idempotency_key=load-$1-$RANDOM-$RANDOM" >/dev/null
		elif [ $dice -lt 40 ]; then
			local id
			id=$(run_op take_next ticket take-next | awk 'NR==1{print $1}')
			[ -n "$id" ] && echo "$id" >> "$claims"
		elif [ $dice -lt 60 ]; then
			run_op reply ticket reply "$mine" --message "Working on it ($RANDOM)" >/dev/null
		elif [ $dice -lt 85 ]; then
			local js status version next
			js=$(run_op show ticket show "$mine" --json)
			status=$(printf '%s' "$js" | sed -n 's/.*"status" *: *"\([a-z_]*\)".*/\1/p' | head -1)
			version=$(printf '%s' "$js" | sed -n 's/.*"version" *: *\([0-9]*\).*/\1/p' | head -1)
			case "$status" in
			acknowledged|waiting_customer|waiting_engineering) next=in_progress ;;
			in_progress) next=$(shuf -n 1 -e waiting_customer waiting_engineering resolved) ;;
			resolved) next=closed ;;
			*) next="" ;;
			esac
			if [ -n "$next" ] && [ -n "$version" ]; then
				if [ "$next" = waiting_engineering ]; then
					run_op status ticket status "$mine" "$next" --bug "ENG-$RANDOM" --version "$version" >/dev/null
				else
					run_op status ticket status "$mine" "$next" --version "$version" >/dev/null
				fi
			fi
		else
			run_op escalate escalate "$mine" --reason "Customer unhappy under load ($RANDOM)" >/dev/null
		fi
	done
}

echo "running $WORKERS workers for ${SECONDS_TO_RUN}s..."
for w in $(seq 1 "$WORKERS"); do worker "$w" & done
wait

cat "$WORK"/w*.log > "$WORK/all.log"
cat "$WORK"/w*.claims > "$WORK/all.claims"

echo
echo "== results ($(date -u +%F), $(nproc) cores, $TICKETS tickets, $WORKERS workers, ${SECONDS_TO_RUN}s)"
total=0; errors=0
printf "%-10s %7s %7s %8s %6s %9s %9s %8s\n" op calls ok refused errors "p50 ms" "p99 ms" "ops/s"
for op in $(awk '{print $1}' "$WORK/all.log" | sort -u); do
	awk -v op="$op" '$1 == op' "$WORK/all.log" > "$WORK/op.log"
	calls=$(wc -l < "$WORK/op.log")
	ok=$(awk '$2 == 0' "$WORK/op.log" | wc -l)
	refused=$(awk '$2 == 75 || $2 == 65' "$WORK/op.log" | wc -l)
	bad=$(( calls - ok - refused ))
	sort -n -k3 "$WORK/op.log" | awk '{print $3}' > "$WORK/lat"
	p50=$(sed -n "$(( (calls - 1) * 50 / 100 + 1 ))p" "$WORK/lat")
	p99=$(sed -n "$(( (calls - 1) * 99 / 100 + 1 ))p" "$WORK/lat")
	printf "%-10s %7d %7d %8d %6d %9.1f %9.1f %8.1f\n" "$op" "$calls" "$ok" "$refused" "$bad" \
		"$(echo "$p50 / 1000" | bc -l)" "$(echo "$p99 / 1000" | bc -l)" "$(echo "$calls / $SECONDS_TO_RUN" | bc -l)"
	total=$(( total + calls )); errors=$(( errors + bad ))
done
echo "total $total operations, $(echo "$total / $SECONDS_TO_RUN" | bc -l | cut -c1-6) ops/s, $errors unexpected errors"
if [ "$errors" -ne 0 ]; then
	echo "UNEXPECTED ERRORS:"; sort "$WORK"/w*.log.err | uniq -c | sort -rn | head
	exit 1
fi
echo "expected refusals seen:"; sort "$WORK"/w*.log.err 2>/dev/null | sed 's/[0-9][0-9]*/N/g' | sort | uniq -c | sort -rn | head -8

dups=$(sort "$WORK/all.claims" | uniq -d | wc -l)
echo "tickets claimed twice: $dups"
[ "$dups" -eq 0 ]

# changes made by successful calls (show is a read)
changes=$(awk '$2 == 0 && $1 != "show" && $1 != "take_next" { c++ } $2 == 0 && $1 == "take_next" { c++ } END { print c + 0 }' "$WORK/all.log")
events=$(psql -qXAt -d load -c "SELECT count(*) FROM ticketty.ticket_events WHERE at >= '$START_TS'")
echo "successful changes: $changes, audit events written: $events"

lost=$(psql -qXAt -d load -c "
WITH run AS (
  SELECT ticket_id, array_agg(version ORDER BY version) AS versions, min(version) AS lo, max(version) AS hi, count(*) AS n
  FROM ticketty.ticket_events WHERE at >= '$START_TS' GROUP BY ticket_id)
SELECT count(*) FROM run JOIN ticketty.tickets t ON t.id = run.ticket_id
WHERE run.hi <> t.version OR run.n <> run.hi - run.lo + 1")
echo "tickets whose versions do not match their changes: $lost"
[ "$lost" -eq 0 ]
[ "$changes" -eq "$events" ] || { echo "audit log does not match the changes one to one"; exit 1; }
echo "load benchmark passed"
