#!/bin/sh
# Shared set-up of the mail suite (sourced by tests/mail/test_*.sh, run by
# tests/run.sh mail with PGHOST/PGTMP_DIR of the throwaway cluster and
# TICKETTY_TEST_TEMPLATE): a fresh database with a customer, its SPOC
# contact, an engineer and the mail bot (an admin agent), the clock
# pinned and frozen at a stated instant, and a private Exim (exim.sh).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/tests/mail/exim.sh"
TICKETTY_BIN=${TICKETTY_BIN:-$ROOT/build/ticketty}
T=$(mktemp -d "${TMPDIR:-/tmp}/ticketty-mail.XXXXXX")
chmod 755 "$T"   # the rig's Exim user must reach its directory
DB="mail_$(basename "$T" | tr -dc 'a-zA-Z0-9' | tr 'A-Z' 'a-z')"
FAILS=0

cleanup() {
	psql -qX -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }
ok() { echo "ok: $*"; }
# expect WHAT GOT WANT
expect() { if [ "$2" = "$3" ]; then ok "$1"; else fail "$1: got '$2', wanted '$3'"; fi; }
q() { psql -qXAt -d "$DB" -c "SET search_path = ticketty; $1"; }
as() { login=$1; shift; "$TICKETTY_BIN" --db "host=$PGHOST dbname=$DB user=$login" "$@"; }

psql -qX -d postgres -c "CREATE DATABASE $DB TEMPLATE ${TICKETTY_TEST_TEMPLATE:-ticketty_template} STRATEGY FILE_COPY" >/dev/null ||
	{ echo "cannot create $DB" >&2; exit 1; }
psql -qX -d "$DB" >/dev/null <<'SQL'
SET search_path = ticketty;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mail_eng') THEN CREATE ROLE mail_eng LOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mail_bot') THEN CREATE ROLE mail_bot LOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mail_gw') THEN CREATE ROLE mail_gw LOGIN; END IF;
END $$;
GRANT ticketty_engineer TO mail_eng;
GRANT ticketty_admin TO mail_bot;
GRANT ticketty_mail TO mail_gw;
INSERT INTO agents (login, display_name, role, email) VALUES
  ('mail_eng', 'Erin Engineer', 'engineer', 'erin@desk.test'),
  ('mail_bot', 'Mail Bot', 'admin', NULL),
  ('mail_gw', 'Mail Gateway', 'mail', NULL);
INSERT INTO clock_pin (pinned_at, frozen) VALUES ('2027-03-14T06:59:50Z', true);
INSERT INTO customers (name, member_id, plan, account_rep_name, account_rep_email)
  VALUES ('Acme Media', 4242, 'premium', 'Rita Rep', 'rita@acme-rep.test');
INSERT INTO contacts (customer_id, name, email, phone, spoc)
  SELECT id, 'Carla Contact', 'carla@acme.test', '+1 555 0100', true FROM customers;
UPDATE mail_policy SET value = 'support@desk.test' WHERE key IN ('from_address', 'reply_to');
UPDATE mail_policy SET value = 'desk.test' WHERE key = 'message_id_domain';
SQL
exim_setup "$T/exim" "PGHOST=$PGHOST;PGDATABASE=$DB;PGUSER=mail_gw"
EXIM=$(exim_cmd)
SENDMAIL="$EXIM -odi -t -oi"

# new_ticket TITLE SEVERITY: files a ticket as the engineer, prints its id
new_ticket() {
	as mail_eng ticket new --set customer='Acme Media' --set contact=carla@acme.test \
		--set request_type=ad_serving --set reason=bug --set severity="$2" \
		--set title="$1" --set description='Placements render blank' \
		--set impact='Campaign stopped' --set object_ids=123 --set member_id=4242 \
		--set repro_steps='1. open the page' --set browser='Firefox 128.0' \
		--set os='Debian 12' --set phone='+1 555 0100'
}

# The header NAME of a Maildir file (first occurrence, unfolded enough for ids).
header() { sed -n "/^\$/q; s/^$1: //Ip" "$2" | head -n 1; }
# The newest message in the Maildir (by delivery order).
newest() { ls -tr "$T/exim/Maildir/new"/* 2>/dev/null | tail -n 1; }
maildir_count() { ls "$T/exim/Maildir/new" | wc -l | tr -d ' '; }
# deliver FILE: the customer's mail into Exim for support@desk.test
deliver() { $EXIM -odi -f "${2:-carla@acme.test}" support@desk.test < "$1"; }

finish() {
	if [ "$FAILS" -ne 0 ]; then
		echo "--- exim mainlog"; cat "$T/exim/log/mainlog" 2>/dev/null
		exit 1
	fi
	exit 0
}
