#!/bin/sh
# The escalations pane over a slow link (issue 17): every cursor move
# writes the newly selected escalation's title, and a chain line that
# shifts writes its level label again, so the pane's title and its chain
# (level labels, holders, reasons) are plain text: no colour, bold or dim
# to switch into and out of (~16 bytes a move for the title, ~15 for a
# label; before, the title was cyan and the labels dim). The selected
# row's id in the list stays highlighted, and the text is all there.
# tmux's capture-pane -e shows the attributes as SGR sequences.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00' frozen   # a Wednesday, 10:00 in New York
tt_role plain_csm csm
tt_agent plain_csm csm 'Vera Csm'
tt_role plain_coo coo
tt_agent plain_coo coo 'Omar Coo'
tt_csm_of plain_csm 'Acme Media'
tt_tickets 1 2 "Blank placements"
tt_tickets 1 3 "Calm reports"
tt_sql "SELECT api_escalate(id, 'Customer threatens to cancel the whole account') FROM tickets" >/dev/null
id=$(tt_val "SELECT min(id) FROM tickets")
tt_sql "SET SESSION AUTHORIZATION plain_csm; SELECT api_escalation_up($id, 'Needs a date from engineering')" \
	>/dev/null || tt_fail "cannot pass the escalation up"

# Each screen line as "STYLED<TAB>text": STYLED lists the columns (from
# 1) of the non-blank cells drawn with any attribute or colour, "-" when
# none; the SGR state carries across lines (tmux writes changes only).
styled_lines() {
	tmux_ capture-pane -p -e -t tt | awk '
	BEGIN { esc = sprintf("%c", 27); fg = bg = a = 0 }
	{
		line = $0; text = ""; cells = ""; col = 0
		while (length(line) > 0) {
			if (substr(line, 1, 2) == esc "[") {
				end = index(line, "m")
				if (end == 0) break
				n = split(substr(line, 3, end - 3), p, ";")
				if (n == 0) fg = bg = a = 0
				for (i = 1; i <= n; i++) {
					v = p[i] + 0
					if (p[i] == "" || v == 0) { fg = bg = a = 0 }
					else if (v == 38 || v == 48) {
						if (v == 38) fg = 1; else bg = 1
						i += (p[i + 1] == 5) ? 2 : 4
					}
					else if (v == 39) fg = 0
					else if (v == 49) bg = 0
					else if (v >= 30 && v <= 37 || v >= 90 && v <= 97) fg = 1
					else if (v >= 40 && v <= 47 || v >= 100 && v <= 107) bg = 1
					else if (v >= 21 && v <= 29) a = 0
					else a = 1
				}
				line = substr(line, end + 1)
			} else {
				c = substr(line, 1, 1)
				col++
				if (c != " " && (fg || bg || a)) cells = cells col ","
				text = text c
				line = substr(line, 2)
			}
		}
		print (cells == "" ? "-" : cells) "\t" text
	}'
}

# styled_of REGEX: the styled cells of the first line matching REGEX
styled_of() {
	styled_lines | awk -F '\t' -v re="$1" '$2 ~ re { print $1; found = 1; exit }
	                                      END { if (!found) print "none" }'
}

check_plain() {
	for re in "^#$1 $2" "$3" "$4"; do
		s=$(styled_of "$re")
		[ "$s" = "none" ] && { tt_screen >&2; tt_fail "no line matches '$re'"; }
		[ "$s" = "-" ] || tt_fail "the pane line '$re' is drawn with attributes (columns $s)"
	done
}

tt_start
tt_wait_for 'Blank placements 0001'
tt_keys 2
tt_wait_for 'COO \(1\)'
tt_wait_for "^#$id Blank placements 0001"
tt_wait_for '^COO +Omar Coo'
check_plain "$id" 'Blank placements 0001' '^CSM +Vera Csm.* by Pat Postgres:$' '^COO +Omar Coo'
tt_assert '^ +Needs a date from engineering$'
tt_assert '^ +Customer threatens to cancel the whole account$'
# the selected row's id is still marked
case "$(styled_of "^ +$id ")" in
-|none) tt_fail "the selected row's id is not highlighted" ;;
esac
# the next escalation: its title and reason, plain as well
tt_keys j
other=$(tt_val "SELECT max(id) FROM tickets")
tt_wait_for "^#$other Calm reports 0001"
check_plain "$other" 'Calm reports 0001' '^CSM +Vera Csm.* by Pat Postgres:$' '^ +Customer threatens to cancel'
tt_keys Q
tt_wait_for 'tt-exit=0'
