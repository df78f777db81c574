# Helpers for the inbox tests (sourced after lib.sh): the instant the test
# happens at, a mail bot agent (ticketty mail receive runs as an admin
# agent), and feeding a message through `ticketty mail receive`.

# The database's clock (tt_now()) pinned, frozen, at a stated instant: the
# inbox shows when mail was received, which must not depend on today.
inbox_clock() {
	if command -v tt_clock >/dev/null 2>&1; then
		tt_clock "$1" frozen
	else
		tt_sql "INSERT INTO clock_pin (pinned_at, set_at, frozen) VALUES ('$1', now(), true)" >/dev/null
	fi
}

# The inbox tests' start: a fresh database with the fixture, its clock
# frozen at Wednesday 2026-11-18 15:00 UTC (10:00 in New York), the bot.
inbox_fixture() {
	tt_db_create
	tt_fixture
	inbox_clock '2026-11-18 15:00+00'
	inbox_bot
}

# The login `mail receive` runs as (roles are per cluster: created once).
inbox_bot() {
	tt_role tt_mailbot admin
	tt_sql "INSERT INTO agents (login, display_name, role) VALUES ('tt_mailbot', 'Mail Bot', 'admin')
	        ON CONFLICT (login) DO NOTHING;" >/dev/null
}

# inbox_receive: stdin is one message, delivered as the MTA would.
inbox_receive() {
	"$TICKETTY_BIN" --db "dbname=$TT_DB user=tt_mailbot" mail receive >/dev/null ||
		tt_fail "mail receive failed"
}

# A small PNG (1x1) as base64, and its SHA-256.
INBOX_PNG_B64='iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
inbox_png_sha() {
	printf '%s' "$INBOX_PNG_B64" | base64 -d | sha256sum | cut -d' ' -f1
}

# inbox_mail FROM SUBJECT BODY [MESSAGE-ID]: a new mail with a PNG attached.
inbox_mail() {
	cat <<MAIL
From: $1
To: support@ticketty.invalid
Subject: $2
Date: Wed, 18 Nov 2026 14:58:00 +0000
Message-ID: ${4:-<m$$.$(date +%N)@customer.test>}
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

$3
--b1
Content-Type: image/png; name="screen.png"
Content-Disposition: attachment; filename="screen.png"
Content-Transfer-Encoding: base64

$INBOX_PNG_B64
--b1--
MAIL
}

# inbox_fake_opener DIR: an xdg-open in DIR/bin that keeps a copy of the
# file it is given (DIR/opened) and its path (DIR/opened.path); TT_ENV
# puts it first on the PATH of a graphical session for tt_start.
inbox_fake_opener() {
	mkdir "$1/bin"
	cat > "$1/bin/xdg-open" <<SH
#!/bin/sh
cp "\$1" "$1/opened" && echo "\$1" > "$1/opened.path"
SH
	chmod +x "$1/bin/xdg-open"
	TT_ENV="PATH=$1/bin:$PATH DISPLAY=:99"
}

# inbox_save_as PATH: answers the open "Save to:" prompt with PATH.
inbox_save_as() {
	tt_wait_for 'Save to:'
	tt_keys C-u
	tt_keys -l "$1"
	tt_keys Enter
}

# inbox_files_fixture: inbox_fixture, a scratch directory $OUT (removed at
# exit with the intake drafts), and mail 1 from Carla with the PNG
# attached; $want is the PNG's SHA-256 and $size its length.
inbox_files_fixture() {
	OUT=$(mktemp -d "${TMPDIR:-/tmp}/tt-files.XXXXXX")
	trap 'intake_cleanup; rm -rf "$OUT"' EXIT
	inbox_fixture
	inbox_mail 'Carla Contact <carla1@example.com>' 'Blank placements' 'See the screenshot.' '<a1@customer.test>' |
		inbox_receive
	want=$(inbox_png_sha)
	size=$(printf '%s' "$INBOX_PNG_B64" | base64 -d | wc -c)
}
