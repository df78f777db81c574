#!/bin/sh
# View 2 on a desk with more live escalations than it reads at once (600,
# over the 500 cap): the counts in the level header and the status line
# are the database's (600), not the page's; the list reads its first page
# and more as the cursor nears the page's end (paging down walks past the
# 100th item); G reads up to the cap and lands on the 500th.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_agent cora_csm csm 'Cora Csm'
tt_csm_of cora_csm
tt_tickets 600 3 "Pg"
tt_sql "SELECT count(api_escalate(id, 'reason ' || title)) FROM tickets" >/dev/null

tt_start
tt_wait_for 'Pg 0001'
tt_keys 2
tt_wait_for 'CSM \(600\)'
tt_assert '\[Escalations\] 600 open escalations$'
tt_wait_for '#[0-9]+ Pg 0001'
# fifteen pages down (11 rows each at 80x24) pass the first page's 100
i=0
while [ "$i" -lt 15 ]; do
	tt_keys PageDown
	i=$((i + 1))
done
tt_wait_for '#[0-9]+ Pg 0(1[0-9][1-9]|1[1-9]0|[2-5][0-9][0-9])'
tt_assert '\[Escalations\] 600 open escalations'
# the end: as far as the cap
tt_keys G
tt_wait_for '#[0-9]+ Pg 0500'
tt_assert '600 open escalations \(first 500 shown\)'
tt_keys g
tt_wait_for '#[0-9]+ Pg 0001'
tt_assert 'CSM \(600\)'
tt_keys Q
tt_wait_for 'tt-exit=0'
