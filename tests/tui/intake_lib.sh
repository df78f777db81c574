# Helpers for the intake form tests (sourced after lib.sh): a private
# drafts directory, reading rows, and filling the whole form from the
# keyboard.

TT_STATE=$(mktemp -d "${TMPDIR:-/tmp}/tt-state.XXXXXX")
export XDG_STATE_HOME="$TT_STATE"
TT_DRAFTS="$TT_STATE/ticketty/drafts"
TT_PG_DOWN=""
intake_cleanup() {
	# a test that failed during its outage must not leave the server down
	[ -n "$TT_PG_DOWN" ] && sh "$(dirname "$0")/../lib/pgtmp.sh" startagain "$PGTMP_DIR"
	tt_cleanup
	rm -rf "$TT_STATE"
}
trap intake_cleanup EXIT

# Prints the rows of a query (unaligned, tuples only).
intake_val() {
	psql -qXAt -v ON_ERROR_STOP=1 -d "$TT_DB" -c "SET search_path = ticketty" -c "$1" ||
		tt_fail "SQL failed: $1"
}

# Types into the focused field and waits until the text shows.
intake_type() {
	tt_keys -l "$1"
	tt_wait_for "$2"
}

# Fills every mandatory field from the customer on (the form must be open
# with the cursor on the customer); $1 is the title.
intake_fill() {
	intake_type "acme" 'Acme Media +premium'
	tt_keys Enter
	tt_wait_for 'Carla Contact <carla'
	tt_keys Enter
	intake_type "ad serv" 'Ad serving issue +→ Client Services'
	tt_keys Enter
	intake_type "bug" '^ +Bug'
	tt_keys Enter
	intake_type "3" '3 High'
	tt_keys Enter
	intake_type "$1" "Title \* +$1"
	tt_keys Enter
	intake_type "Every placement is blank since 9:00." 'blank since 9:00'
	tt_keys Tab
	intake_type "Spend stopped on all campaigns" 'Spend stopped'
	tt_keys Tab
	intake_type "77, 78" 'Object IDs \* +77, 78'
	tt_keys Tab
	# the member ID is Acme Media's own, filled in when it was chosen
	tt_wait_for 'Member ID \* +1001 *$'
	tt_keys Tab Tab Tab
	intake_type "1. open the page" '1. open the page'
	tt_keys Enter
	intake_type "2. see nothing" '2. see nothing'
	tt_keys Tab
	intake_type "Firefox 128.0" 'Firefox 128.0'
	tt_keys Tab
	intake_type "Linux 6.1" 'Linux 6.1'
}

# The text of the screen as one line, runs of blanks and line breaks made
# one space (wrapped help reads as the sentence it is).
intake_flat() {
	tt_screen | tr -s ' \n' '  '
}

# A database reference text in the test's language (po/es.po through
# the built catalogue).
intake_tr() {
	case "$TT_LANG" in
	es*) LC_ALL=$TT_LANG LANGUAGE=es TEXTDOMAINDIR="$TICKETTY_LOCALEDIR" gettext -d ticketty -- "$1" ;;
	*) printf '%s' "$1" ;;
	esac
}

# Asserts the severity picker's help shows severity $1's definition and
# its three criteria in full, each after its label ($2 $3 $4: Function,
# Data, Back End in the test's language).
intake_severity_help() {
	for col in definition function_criteria data_criteria backend_criteria; do
		text=$(intake_tr "$(intake_val "SELECT $col FROM severities WHERE level = $1")")
		case $col in
		function_criteria) text="$2 $text" ;;
		data_criteria) text="$3 $text" ;;
		backend_criteria) text="$4 $text" ;;
		esac
		intake_flat | grep -qF -- "$text" || tt_fail "severity $1: not shown in full: $text"
	done
}

# close_list ROW: Escape until the picker's list (showing ROW) closes. An
# Escape that arrives while the list's filtering statement still runs
# cancels that statement instead (Esc cancels), and the list stays: the
# filter is read by the database at each key, so no screen says when the
# last one is done.
close_list() {
	for try in 1 2 3 4 5; do
		tt_keys Escape
		polls=0
		while tt_screen_has "$1" && [ $polls -lt 20 ]; do
			sleep 0.05
			polls=$((polls + 1))
		done
		tt_screen_has "$1" || return 0
	done
	tt_fail "the list showing /$1/ did not close after $try Escapes"
}
