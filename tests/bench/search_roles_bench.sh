#!/bin/sh
# Search as each kind of agent (issue 16), on the cluster that
# search_bench.sh kept (KEEP=1; pass REUSE=DIR): the first page of the
# same 200 queries (word, phrase, id) through psql (\timing), interleaved
# by rounds, as
#   engineer  reads ticket_search (every note and contact), the path of
#             the figures in tests/bench/README "Search";
#   pm        reads ticket_search_shared, with the internal notes of the
#             tickets it collaborates on (COLLAB, default 200) or wrote a
#             note in (NOTES, default 200) matched one by one.
#   REUSE=/tmp/ticketty-pg.XXXX sh tests/bench/search_roles_bench.sh   (ROUNDS=3 BUILD=build)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
ROUNDS=${ROUNDS:-3}
COLLAB=${COLLAB:-200}
NOTES=${NOTES:-200}
: "${REUSE:?the cluster search_bench.sh kept: REUSE=DIR}"
BIN="$ROOT/$BUILD/ticketty"
PSQL="$(pg_config --bindir)/psql"
Q="$ROOT/$BUILD/bench/search_queries.txt"
[ -s "$Q" ] || { echo "no $Q: run search_bench.sh first" >&2; exit 66; }
cd "$ROOT"
export PGHOST="$REUSE" PGUSER=postgres PGDATABASE=postgres PGTMP_DIR="$REUSE"
sh tests/lib/pgtmp.sh startagain "$REUSE" 2>/dev/null || true
P() { "$PSQL" -qX -v ON_ERROR_STOP=1 "$@"; }

# the two agents, the pm's collaborations and notes (once)
if [ "$(P -d sbench -At -c "SELECT count(*) FROM ticketty.agents WHERE login = 'bench_pm'")" = 0 ]; then
	"$BIN" --db dbname=sbench admin agent add bench_eng --name "Bench Engineer" --role engineer >/dev/null
	"$BIN" --db dbname=sbench admin agent add bench_pm --name "Bench PM" --role pm >/dev/null
	P -d sbench -v collab="$COLLAB" -v notes="$NOTES" <<'SQL'
SET search_path = ticketty;
INSERT INTO ticket_collaborators (ticket_id, agent_id)
SELECT t.id, a.id FROM agents a, (SELECT id FROM tickets WHERE id % 4999 = 1 ORDER BY id LIMIT :collab) t
 WHERE a.login = 'bench_pm';
INSERT INTO comments (ticket_id, author_id, kind, body)
SELECT t.id, a.id, 'internal', 'Product note: the pacing automation and the viewability numbers, see ENG-' || t.id
  FROM agents a, (SELECT id FROM tickets WHERE id % 4999 = 2 ORDER BY id LIMIT :notes) t
 WHERE a.login = 'bench_pm';
ANALYZE ticket_collaborators, comments;
SQL
fi
echo "pm: $(P -d sbench -At -c "SELECT count(*) FROM ticketty.ticket_collaborators k JOIN ticketty.agents a ON a.id = k.agent_id WHERE a.login = 'bench_pm'") collaborations, $(P -d sbench -At -c "SELECT count(*) FROM ticketty.comments c JOIN ticketty.agents a ON a.id = c.author_id WHERE a.login = 'bench_pm'") own notes"

SCRIPT="$BUILD/bench/search_roles.sql"
{
	printf '%s\n' '\timing on'
	while IFS="$(printf '\t')" read -r kind q; do
		qq=$(printf '%s' "$q" | sed "s/'/''/g")
		printf '\\echo %s\n' "$kind"
		printf "SELECT * FROM ticketty.search('%s') \\g /dev/null\n" "$qq"
	done <"$Q"
} >"$SCRIPT"
for who in eng pm; do : >"$BUILD/bench/search_role_$who.times"; done
for r in $(seq 1 "$ROUNDS"); do
	for who in eng pm; do
		P -d sbench -U "bench_$who" -f "$SCRIPT" |
			awk '/^(word|phrase|id)$/ { k = $1 } /^Time:/ { print k "\t" $2 }' \
			>>"$BUILD/bench/search_role_$who.times"
	done
done
stats() { # stats FILE KIND: median p95 max count (ms)
	awk -F'\t' -v k="$2" '$1 == k { print $2 }' "$1" | sort -n | awk '
		{ v[NR] = $1 } END { if (NR == 0) { print "none"; exit }
		m = v[int((NR + 1) / 2)]; p = v[int(NR * 0.95 + 0.999)]; if (p == "") p = v[NR];
		printf "median %.2f ms, p95 %.2f ms, max %.2f ms (n=%d)\n", m, p, v[NR], NR }'
}
for k in word phrase id; do
	echo "first page, $k: engineer $(stats "$BUILD/bench/search_role_eng.times" $k)"
	echo "first page, $k: pm       $(stats "$BUILD/bench/search_role_pm.times" $k)"
done
P -d sbench -At <<'SQL'
SELECT format('%-34s %s', c.relname, pg_size_pretty(pg_relation_size(c.oid)))
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'ticketty'
 WHERE c.relname IN ('ticket_search_shared', 'ticket_search_shared_doc_idx', 'ticket_search_shared_order_idx',
                     'ticket_search_shared_customer_idx', 'ticket_search_shared_pkey', 'comments_internal_author_idx')
 ORDER BY c.relname;
SELECT format('%-34s %s', 'ticket_search_shared TOAST', pg_size_pretty(pg_relation_size(reltoastrelid)))
  FROM pg_class WHERE relname = 'ticket_search_shared';
SQL
