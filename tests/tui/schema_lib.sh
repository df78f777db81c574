# A database whose schema this ticketty cannot use (sourced by
# tests/tui/test_*schema_mismatch.sh, after lib.sh): the versions
# involved, and the ways to put the test database out of step.
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_tickets 1 3 "Usable"
SCHEMA_KNOWN=$("$TICKETTY_BIN" --version | sed -n 's/.*(schema \([0-9]*\)).*/\1/p')
[ -n "$SCHEMA_KNOWN" ] || tt_fail "ticketty --version names no schema"
SCHEMA_LAST_NAME=$(tt_val "SELECT name FROM schema_migrations WHERE version = $SCHEMA_KNOWN")
SCHEMA_BEFORE=$(tt_val "SELECT max(version) FROM schema_migrations WHERE version < $SCHEMA_KNOWN")

# The database as a newer ticketty left it (a migration this one lacks).
schema_newer() {
	tt_sql "INSERT INTO schema_migrations (version, name) VALUES (9999, 'future')" >/dev/null
}
# The database one migration behind this ticketty (its newest not applied).
schema_older() {
	tt_sql "DELETE FROM schema_migrations WHERE version = $SCHEMA_KNOWN" >/dev/null
}
# An administrator migrates (or the newer ticketty is gone): in step again.
schema_mended() {
	tt_sql "DELETE FROM schema_migrations WHERE version = 9999;
	        INSERT INTO schema_migrations (version, name) VALUES ($SCHEMA_KNOWN, '$SCHEMA_LAST_NAME')
	        ON CONFLICT DO NOTHING" >/dev/null
}

# The database's functions as another build left them (the digest of its
# function files differs), and back as this ticketty's.
schema_other_functions() {
	SCHEMA_DIGEST=$(tt_val "SELECT digest FROM schema_functions")
	tt_sql "UPDATE schema_functions SET digest = 'another build'" >/dev/null
}
schema_functions_mended() {
	tt_sql "UPDATE schema_functions SET digest = '$SCHEMA_DIGEST'" >/dev/null
}

# schema_shown TEXT: the screen holds TEXT whole, however the view's
# notice wrapped it (line ends and indents as one space).
schema_shown() {
	tt_screen | tr -s ' \n' '  ' | grep -Fq -- "$1" || tt_fail "the screen does not show whole: $1"
}
