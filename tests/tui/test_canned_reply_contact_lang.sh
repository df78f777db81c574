#!/bin/sh
# A canned reply is filled in in the language its mail goes out in: the
# ticket's contact's (contacts.lang), not the engineer's. An engineer
# reading English (LANG=C.UTF-8) who answers a Spanish-speaking contact
# with `T` gets the Spanish text in the editor, and the Spanish text is
# what is sent (the mail around it is Spanish too: reply template, es).
# Before, the reader's language chose it: English words in a Spanish
# thread, under the template's "Hola, ...:".
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_tickets 1 3 "Canned"
id=$(tt_val "SELECT id FROM tickets")
tt_sql "UPDATE tickets SET status = 'in_progress', acknowledged_at = tt_now(), version = version + 1;
UPDATE contacts SET lang = 'es';
INSERT INTO canned_replies (key, lang, title, body) VALUES
  ('hello', 'en', 'Greeting', 'About ticket #{ticket}: we are on it.'),
  ('hello', 'es', 'Saludo', 'Sobre el ticket #{ticket}: nos ocupamos.')" >/dev/null

editor="${TMPDIR:-/tmp}/tt-editor-canned-lang-$$"
seen="${TMPDIR:-/tmp}/tt-editor-canned-lang-seen-$$"
cat >"$editor" <<EOS
#!/bin/sh
cp "\$1" "$seen"
EOS
chmod +x "$editor"
trap 'rm -f "$editor" "$seen"; tt_cleanup' EXIT

TT_ENV="EDITOR=$editor" tt_start
tt_wait_for 'Canned 0001'
tt_keys Enter
tt_wait_for "^#$id +Canned 0001"
tt_keys T
tt_wait_for 'Canned reply:'
# the picker speaks the reader's language
tt_keys -l 'greet'
tt_wait_for '^> Greeting +hello'
tt_keys Enter
tt_send
tt_wait_for 'public reply sent'
grep -q "^Sobre el ticket #$id: nos ocupamos\.\$" "$seen" ||
	tt_fail "the editor did not get the contact's language: $(cat "$seen")"
body=$(tt_val "SELECT body FROM comments WHERE ticket_id = $id AND kind = 'public'")
[ "$body" = "Sobre el ticket #$id: nos ocupamos." ] || tt_fail "reply sent: $body"
lang=$(tt_val "SELECT lang FROM mail_outbox WHERE ticket_id = $id AND kind = 'reply'")
[ "$lang" = "es" ] || tt_fail "the reply's mail is in '$lang'"
tt_keys Q
tt_wait_for 'tt-exit=0'
