#!/bin/sh
# Canned replies while writing a reply in the ticket view: `T` lists them
# by title (one row per key, type to filter), the chosen one is filled in
# by the database (canned_render: contact, ticket number) and opened in
# the editor; what the editor returns is sent as the public reply.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_tickets 1 3 "Canned"
id=$(tt_val "SELECT id FROM tickets")
tt_sql "UPDATE tickets SET status = 'in_progress', acknowledged_at = tt_now(), version = version + 1;
INSERT INTO canned_replies (key, lang, title, body) VALUES
  ('hello', 'en', 'Greeting', 'Hello {contact}, about ticket #{ticket}.'),
  ('hello', 'es', 'Saludo', 'Hola {contact}, sobre el ticket #{ticket}.'),
  ('bye', 'en', 'Closing words', 'Goodbye {contact}.')" >/dev/null

editor="${TMPDIR:-/tmp}/tt-editor-canned-$$"
seen="${TMPDIR:-/tmp}/tt-editor-seen-$$"
cat >"$editor" <<EOS
#!/bin/sh
cp "\$1" "$seen"
printf ' Best regards.' >> "\$1"
EOS
chmod +x "$editor"
trap 'rm -f "$editor" "$seen"; tt_cleanup' EXIT

TT_ENV="EDITOR=$editor" tt_start
tt_wait_for 'Canned 0001'
tt_keys Enter
tt_wait_for "^#$id +Canned 0001"
tt_keys T
tt_wait_for 'Canned reply:'
tt_wait_for '^> Closing words +bye'
tt_assert '^  Greeting +hello'
tt_refute 'Saludo'
tt_keys -l 'greet'
tt_wait_for '^> Greeting +hello'
tt_keys Enter
tt_send
tt_wait_for 'public reply sent'
grep -q "^Hello Carla Contact, about ticket #$id\.\$" "$seen" ||
	tt_fail "the editor did not get the filled-in reply: $(cat "$seen")"
body=$(tt_val "SELECT body FROM comments WHERE ticket_id = $id AND kind = 'public'")
[ "$body" = "Hello Carla Contact, about ticket #$id. Best regards." ] || tt_fail "reply sent: $body"
tt_keys Q
tt_wait_for 'tt-exit=0'
