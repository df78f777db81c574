#!/bin/sh
# Search benchmark (issue 15): on a throwaway cluster, loads TICKETS tickets
# with `ticketty db seed-demo` (default 1,000,000), tops the messages and
# notes up to MESSAGES (default 5,000,000) with varied text, rebuilds the
# search index, then measures
#   1. the first page (20 rows) of 200 varied queries: 70 words, 65 quoted
#      phrases, 65 IDs (object, member, ticket, bug reference), through the
#      real model code (tests/bench/search_bench.c, src/model/search.c) and
#      through psql running the same SQL (\timing), interleaved by rounds;
#   2. the duplicate hint of the intake form for 200 open tickets;
#   3. the size of the search table and its indexes;
#   4. what the search triggers add to creating a ticket and a note
#      (api_ticket_create / api_ticket_note with the triggers on and off,
#      interleaved).
#   sh tests/bench/search_bench.sh     (BUILD=build TICKETS=1000000 MESSAGES=5000000 ROUNDS=3)
# REUSE=DIR measures again on the cluster a previous run kept with KEEP=1.
# Figures go to tests/bench/README (section "Search").
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
TICKETS=${TICKETS:-1000000}
MESSAGES=${MESSAGES:-5000000}
ROUNDS=${ROUNDS:-3}
BIN="$ROOT/$BUILD/ticketty"
PSQL="$(pg_config --bindir)/psql"
cd "$ROOT"

make -s -j2 "$BUILD/ticketty" "$BUILD/libticketty.a"
mkdir -p "$BUILD/bench"
PKGS="ncursesw libpq libconfig"
PKG_CFLAGS=$(for f in $(pkg-config --cflags $PKGS); do
	case "$f" in -D_XOPEN_SOURCE=*|-D_DEFAULT_SOURCE) ;; *) printf '%s ' "$f" ;; esac
done)
# shellcheck disable=SC2046,SC2086
cc -std=c11 -O2 -Wall -Wextra -Werror -Iinclude -I"$BUILD/gen" -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
	$PKG_CFLAGS -o "$BUILD/bench/search_bench" tests/bench/search_bench.c \
	"$BUILD/libticketty.a" $(pkg-config --libs $PKGS)

if [ -n "${REUSE:-}" ]; then
	export PGHOST="$REUSE" PGUSER=postgres PGDATABASE=postgres PGTMP_DIR="$REUSE"
	sh tests/lib/pgtmp.sh startagain "$REUSE" 2>/dev/null || true
else
	eval "$(sh tests/lib/pgtmp.sh start)"
fi
cleanup() {
	if [ -n "${KEEP:-}" ]; then
		echo "cluster kept: REUSE=$PGTMP_DIR (stop: sh tests/lib/pgtmp.sh stop $PGTMP_DIR)"
	else
		sh "$ROOT/tests/lib/pgtmp.sh" stop "$PGTMP_DIR"
	fi
}
trap cleanup EXIT INT TERM
P() { "$PSQL" -qX -v ON_ERROR_STOP=1 "$@"; }
now() { date +%s.%N; }

if [ -z "${REUSE:-}" ]; then
	# a server sized for the data, as a production one would be
	P -c "ALTER SYSTEM SET shared_buffers = '2GB'" -c "ALTER SYSTEM SET maintenance_work_mem = '512MB'" \
	  -c "ALTER SYSTEM SET work_mem = '16MB'"
	sh tests/lib/pgtmp.sh restart "$PGTMP_DIR"
	P -c "CREATE DATABASE sbench"
	"$BIN" --db dbname=sbench db migrate >/dev/null
	t0=$(now)
	"$BIN" --db dbname=sbench db seed-demo --tickets "$TICKETS" >/dev/null
	t1=$(now)
	echo "seed-demo --tickets $TICKETS: $(echo "$t1 - $t0" | bc) s (with the search index)"
fi
have=$(P -d sbench -At -c "SELECT count(*) FROM ticketty.comments")
if [ "$have" -lt "$MESSAGES" ]; then
	# more messages and notes, with a vocabulary wider than the seeder's
	# templates: sentences drawn per message from a pool, plus words and IDs
	t0=$(now)
	P -d sbench -v messages="$MESSAGES" <<'SQL'
SET search_path = ticketty;
SET session_replication_role = replica;
SET work_mem = '256MB';
CREATE TEMP TABLE pool (n int, s text);
INSERT INTO pool SELECT row_number() OVER (), s FROM unnest(ARRAY[
 'The advertiser reports that the viewability numbers dropped after the weekend.',
 'We cleared the cache of the ad server and asked the customer to retry.',
 'Facturación pendiente: the invoice shows the wrong currency for the Spanish market.',
 'The pacing graph flattens every night at midnight UTC although the budget is daily.',
 'Third-party pixels fire twice on the confirmation page, doubling the conversions.',
 'A frequency cap of three per day is ignored on connected TV inventory.',
 'Geo targeting for Zürich and Genève returns no impressions since the upgrade.',
 'The creative preview renders correctly but the live tag shows a broken image icon.',
 'Our reconciliation script found a 4 percent discrepancy against the publisher''s numbers.',
 'Please escalate: the brand safety segment blocks the homepage of a major newspaper.',
 'The customer confirmed the workaround; waiting for the permanent fix in the next release.',
 'Log-level data for yesterday is missing the device type column entirely.',
 'The VAST wrapper times out after two seconds on slow mobile connections.',
 'Deal troubleshooting shows the buyer filtered by a seat-level block list.',
 'An audit rejection mentions trademark usage that the advertiser owns.',
 'Header bidding adapters report timeouts only for the Safari browser.',
 'The currency conversion uses yesterday''s exchange rate instead of today''s.',
 'Reporting API returns HTTP 500 for intervals longer than 31 days.',
 'Segment uploads through the bulk endpoint are stuck in processing.',
 'Café Olé campaign: accents in the creative name break the CSV export.'
]) AS s;
CREATE TEMP TABLE words (n int, w text);
INSERT INTO words SELECT row_number() OVER (), w FROM unnest(string_to_array(
 'latency jitter overflow mismatch throttling quota webhook callback sandbox staging rollback '
 'hotfix regression checksum encoding timezone daylight leap payload schema migration replica '
 'failover certificate expiry redirect canonical sitemap crawler robots referrer cookie consent '
 'gdpr ccpa tcf vendor purpose legitimate interest signal string macro placeholder click tracker '
 'impression beacon viewable measurable outstream instream rewarded interstitial native banner '
 'skin takeover billboard halfpage skyscraper leaderboard rectangle sticky anchor lazy refresh '
 'autoplay muted audio podcast ctv ott dooh programmatic guaranteed preferred auction floor '
 'shading bidder seat dsp ssp exchange curator marketplace inventory supply path sellers ads.txt '
 'app-ads.txt schain ortb prebid amazon index magnite pubmatic openx sovrn triplelift sharethrough '
 'criteo taboola outbrain teads seedtag ogury smaato inmobi unity ironsource applovin vungle '
 'chartboost mintegral liftoff moloco digitalturbine fyber adcolony tapjoy', ' ')) AS w;
-- how many to add, spread over the tickets at random
SELECT greatest(:messages - (SELECT count(*) FROM comments), 0) AS extra \gset
SELECT max(id) AS maxt FROM tickets \gset
INSERT INTO comments (ticket_id, author_id, kind, body, created_at)
SELECT t.id, t.assignee_id,
       CASE WHEN g % 3 = 0 THEN 'internal' ELSE 'public' END::comment_kind,
       p1.s || ' ' || p2.s || ' See ' || w1.w || ' and ' || w2.w || ' on object ' || (1000000 + (g::bigint * 7919) % 8999999)
            || CASE WHEN g % 5 = 0 THEN ' (bug ENG-' || (g % 50000) || ')' ELSE '' END || '.',
       t.created_at + interval '1 hour' * (1 + g % 200)
  FROM generate_series(1, :extra) g
  JOIN tickets t ON t.id = 1 + ((g::bigint * 2654435761) % :maxt)
  JOIN pool p1 ON p1.n = 1 + (g::bigint * 31) % 20
  JOIN pool p2 ON p2.n = 1 + (g::bigint * 17 + 5) % 20
  JOIN words w1 ON w1.n = 1 + (g::bigint * 13) % (SELECT count(*) FROM words)
  JOIN words w2 ON w2.n = 1 + ((g::bigint * g) % (SELECT count(*) FROM words));
SELECT search_rebuild();
VACUUM ANALYZE comments, ticket_search, tickets;
SQL
	t1=$(now)
	echo "messages topped up to $MESSAGES and search index rebuilt: $(echo "$t1 - $t0" | bc) s"
fi
P -d sbench -At -c "SELECT format('tickets %s (%s open), messages and notes %s',
	(SELECT count(*) FROM ticketty.tickets), (SELECT count(*) FROM ticketty.tickets WHERE is_open),
	(SELECT count(*) FROM ticketty.comments))"

# ---- the 200 queries: words, phrases, IDs (deterministic picks)
Q="$BUILD/bench/search_queries.txt"
P -d sbench -At >"$Q" <<'SQL'
SET search_path = ticketty;
WITH w(q) AS (VALUES ('blank'), ('placement'), ('viewability'), ('facturacion'), ('Zurich'),
     ('pacing'), ('refund'), ('HAR'), ('timeouts'), ('segment'), ('audit'), ('spinner'),
     ('malicious'), ('AMP'), ('prize'), ('download'), ('deal'), ('wrapper'), ('invoice'),
     ('currency'), ('trademark'), ('reconciliation'), ('cafe'), ('VAST'), ('throttling'),
     ('webhook'), ('prebid'), ('criteo'), ('ortb'), ('rollback'), ('leaderboard'), ('sticky'),
     ('interstitial'), ('podcast'), ('dooh'), ('curator'), ('schain'), ('mintegral'), ('liftoff'),
     ('checksum'), ('encoding'), ('timezone'), ('certificate'), ('crawler'), ('consent'),
     ('gdpr'), ('tcf'), ('beacon'), ('outstream'), ('rewarded'), ('skyscraper'), ('autoplay'),
     ('ctv'), ('auction'), ('floor'), ('shading'), ('seat'), ('sellers'), ('openx'), ('teads'),
     ('ogury'), ('smaato'), ('chartboost'), ('moloco'), ('tapjoy'), ('staging'), ('replica'),
     ('failover'), ('geneve'), ('newspaper')),
p(q) AS (VALUES ('"render blank"'), ('"black screen"'), ('"prize page"'), ('"fake prize"'),
     ('"hourly impressions"'), ('"header bidding"'), ('"invalid size"'), ('"bid requests"'),
     ('"click-through rate"'), ('"line item"'), ('"save button"'), ('"loading screen"'),
     ('"brand safety"'), ('"exchange rate"'), ('"frequency cap"'), ('"log-level data"'),
     ('"connected TV"'), ('"broken image"'), ('"permanent fix"'), ('"bulk endpoint"'),
     ('"seat-level block list"'), ('"HTTP 500"'), ('"currency conversion"'), ('"Safari browser"'),
     ('"confirmation page"'), ('"viewability numbers"'), ('"ad server"'), ('"trademark usage"'),
     ('"device type"'), ('"major newspaper"'), ('"next release"'), ('"slow mobile"'),
     ('"CSV export"'), ('"Spanish market"'), ('"reporting API"'), ('"retargeting campaign"'),
     ('"data provider"'), ('"segment list"'), ('"deal manager"'), ('"premium inventory"'),
     ('"pre-roll"'), ('"fill rate"'), ('"AMP pages"'), ('"private window"'), ('"test member"'),
     ('"engineering channel"'), ('"production logs"'), ('"last week''s release"'), ('"sports section"'),
     ('"direct advertisers"'), ('"fresh profile"'), ('"downloads bar"'), ('"misleading claims"'),
     ('"seasonal sale"'), ('"pending audit"'), ('"launch date"'), ('"disputed invoice"'),
     ('"made-for-advertising sites"'), ('"allow list"'), ('"lifetime budget"'), ('"pacing automation"'),
     ('"targeting tab"'), ('"optimisation"'), ('"viewability"'), ('"empty frames"')),
s(n) AS (SELECT greatest(max(id) / 40, 1) FROM tickets),
i(q) AS (
     (SELECT t.object_ids[1] FROM tickets t, s WHERE t.id % s.n = 7 ORDER BY t.id LIMIT 25)
     UNION ALL (SELECT t.id::text FROM tickets t, s WHERE t.id % s.n = 3 ORDER BY t.id LIMIT 12)
     UNION ALL (SELECT '#' || t.id FROM tickets t, s WHERE t.id % s.n = 11 ORDER BY t.id LIMIT 8)
     UNION ALL (SELECT DISTINCT c.member_id::text FROM customers c ORDER BY 1 LIMIT 8)
     UNION ALL (SELECT t.bug_ref FROM tickets t WHERE t.bug_ref IS NOT NULL AND t.id % 997 = 1 ORDER BY t.id LIMIT 6)
     UNION ALL (SELECT 'ENG-' || (g * 313) FROM generate_series(1, 6) g))
SELECT 'word' || E'\t' || q FROM w
UNION ALL SELECT 'phrase' || E'\t' || q FROM p
UNION ALL (SELECT 'id' || E'\t' || q FROM i LIMIT 65)
SQL
echo "queries: $(wc -l <"$Q") ($(cut -f1 "$Q" | sort | uniq -c | tr '\n' ' '))"

# ---- 1. first pages: model code vs psql, interleaved by rounds
PSQL_SCRIPT="$BUILD/bench/search_psql.sql"
{
	printf '%s\n' '\timing on'
	while IFS="$(printf '\t')" read -r kind q; do
		qq=$(printf '%s' "$q" | sed "s/'/''/g")
		printf '\\echo %s\n' "$kind"
		printf "SELECT * FROM ticketty.search('%s') \\g /dev/null\n" "$qq"
	done <"$Q"
} >"$PSQL_SCRIPT"
: >"$BUILD/bench/search_model.times"
: >"$BUILD/bench/search_psql.times"
for r in $(seq 1 "$ROUNDS"); do
	"$BUILD/bench/search_bench" "dbname=sbench" search "$Q" >>"$BUILD/bench/search_model.times"
	P -d sbench -f "$PSQL_SCRIPT" | awk '/^(word|phrase|id)$/ { k = $1 } /^Time:/ { print k "\t" $2 }' \
		>>"$BUILD/bench/search_psql.times"
done
stats() { # stats FILE KIND: median p95 max count (ms)
	awk -F'\t' -v k="$2" '$1 == k { print $2 }' "$1" | sort -n | awk '
		{ v[NR] = $1 } END { if (NR == 0) { print "none"; exit }
		m = v[int((NR + 1) / 2)]; p = v[int(NR * 0.95 + 0.999)]; if (p == "") p = v[NR];
		printf "median %.2f ms, p95 %.2f ms, max %.2f ms (n=%d)\n", m, p, v[NR], NR }'
}
for k in word phrase id; do
	echo "first page, $k: model $(stats "$BUILD/bench/search_model.times" $k)"
	echo "first page, $k: psql  $(stats "$BUILD/bench/search_psql.times" $k)"
done

# ---- 2. duplicate hint
"$BUILD/bench/search_bench" "dbname=sbench" duplicates 200 >"$BUILD/bench/search_dup.times"
echo "duplicate hint: model $(stats "$BUILD/bench/search_dup.times" dup)"

# ---- 3. sizes
P -d sbench -At <<'SQL'
SELECT format('%-34s %s', c.relname, pg_size_pretty(pg_relation_size(c.oid)))
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'ticketty'
 WHERE c.relname IN ('ticket_search', 'ticket_search_pkey', 'ticket_search_doc_idx', 'ticket_search_order_idx',
                     'ticket_search_customer_idx', 'tickets_open_object_ids_idx', 'tickets_open_title_trgm_idx',
                     'tickets_customer_history_idx', 'tickets', 'comments')
 ORDER BY c.relname;
SELECT format('%-34s %s', 'ticket_search TOAST (the vectors)',
              pg_size_pretty(pg_relation_size(reltoastrelid))) FROM pg_class WHERE relname = 'ticket_search';
SELECT format('%-34s %s', 'database', pg_size_pretty(pg_database_size('sbench')));
SQL

# ---- 4. cost added to creating a ticket and a note
"$BUILD/bench/search_bench" "dbname=sbench" writes 200
