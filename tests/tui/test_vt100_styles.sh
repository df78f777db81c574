#!/bin/sh
# Without colour (TERM=vt100) the escalation level headers and the
# selected row must not look alike (issue 17): before, both were reverse
# video and the cursor on the first row merged with its level's header.
# Now a header row is bold and underlined, the selected row alone is
# reverse video. tmux's capture-pane -e shows the attributes as SGR.
. "$(dirname "$0")/lib.sh"

TT_TERM=vt100
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_agent vt_csm csm 'Vera Csm'
tt_csm_of vt_csm
tt_tickets 1 2 "Blank"
tt_tickets 1 3 "Calm"
tt_sql "SELECT api_escalate(id, 'Customer threatens to cancel') FROM tickets" >/dev/null

# Each screen line as "ATTRS<TAB>text": the attributes its first cell is
# drawn in (b bold, u underline, r reverse, then "-"), following the SGR
# sequences of capture-pane -e across lines (tmux writes changes only).
attr_lines() {
	tmux_ capture-pane -p -e -t tt | awk '
	BEGIN { esc = sprintf("%c", 27); b = u = r = 0 }
	{
		line = $0; text = ""; first = ""
		while (length(line) > 0) {
			if (substr(line, 1, 2) == esc "[") {
				end = index(line, "m")
				if (end == 0) break
				n = split(substr(line, 3, end - 3), p, ";")
				if (n == 0) b = u = r = 0
				for (i = 1; i <= n; i++) {
					if (p[i] == "" || p[i] + 0 == 0) b = u = r = 0
					else if (p[i] == 1) b = 1
					else if (p[i] == 4) u = 1
					else if (p[i] == 7) r = 1
					else if (p[i] == 22) b = 0
					else if (p[i] == 24) u = 0
					else if (p[i] == 27) r = 0
				}
				line = substr(line, end + 1)
			} else {
				if (first == "") first = (b ? "b" : "") (u ? "u" : "") (r ? "r" : "") "-"
				text = text substr(line, 1, 1)
				line = substr(line, 2)
			}
		}
		print first "\t" text
	}'
}

# attrs_of REGEX: the attributes of the first line matching REGEX
attrs_of() {
	attr_lines | awk -F '\t' -v re="$1" '$2 ~ re { print $1; exit }'
}

tt_start
tt_wait_for 'Blank 0001'
tt_keys 2
tt_wait_for 'CSM \(2\)'
tt_wait_for '^#1 Blank 0001'
header=$(attrs_of 'CSM \(2\)')
row1=$(attrs_of '^ +1 2 Urg ')
row2=$(attrs_of '^ +2 3 High')
case "$header" in *r*) tt_fail "the level header is reverse video like the selection ($header)" ;; esac
case "$header" in *b*u*) ;; *) tt_fail "the level header is not bold and underlined ($header)" ;; esac
case "$row1" in *r*) ;; *) tt_fail "the selected row is not reverse video ($row1)" ;; esac
case "$row2" in *r*) tt_fail "an unselected row is reverse video ($row2)" ;; esac
# the cursor moves: the selection follows, the header stays as it was
tt_keys j
tt_wait_for '^#2 Calm 0001'
header=$(attrs_of 'CSM \(2\)')
row1=$(attrs_of '^ +1 2 Urg ')
row2=$(attrs_of '^ +2 3 High')
case "$header" in *r*) tt_fail "the level header turned reverse video ($header)" ;; esac
case "$row1" in *r*) tt_fail "the row left is still reverse video ($row1)" ;; esac
case "$row2" in *r*) ;; *) tt_fail "the selected row is not reverse video ($row2)" ;; esac
tt_keys Q
tt_wait_for 'tt-exit=0'
