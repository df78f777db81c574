#!/bin/sh
# Attachments of a ticket: a mail's image, accepted from the inbox, is on
# its ticket; `ticket show` lists it (text: name, type, size; --json: the
# same with its SHA-256); the ticket view lists it, `w` saves it (the path
# offered is the file's name in the current directory) with the same
# SHA-256, an existing file is overwritten only after a yes, and `v`
# opens it with xdg-open in a graphical session, from a private copy that
# is removed, with its directory, when ticketty exits.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"
. "$(dirname "$0")/inbox_lib.sh"

inbox_files_fixture
tid=$("$TICKETTY_BIN" --db "dbname=$TT_DB" inbox accept 1 --set request_type=ad_serving --set reason=bug \
	--set severity=3 --set impact=spend --set object_ids=77 --set member_id=1001 --set repro_steps=open \
	--set browser='Firefox 128' --set os='Linux 6.1') || tt_fail "inbox accept failed"

"$TICKETTY_BIN" --db "dbname=$TT_DB" ticket show "$tid" > "$OUT/show.txt" || tt_fail "ticket show failed"
grep -Eq "^  #[0-9]+ +screen.png  image/png  $size bytes$" "$OUT/show.txt" ||
	tt_fail "ticket show does not list the attachment: $(cat "$OUT/show.txt")"
"$TICKETTY_BIN" --db "dbname=$TT_DB" ticket show "$tid" --json > "$OUT/show.json" || tt_fail "ticket show --json failed"
got=$(psql -qXAt -d "$TT_DB" -v j="$(cat "$OUT/show.json")" <<'SQL'
SELECT a ->> 'filename' || '|' || (a ->> 'content_type') || '|' || (a ->> 'size') || '|' || (a ->> 'sha256')
  FROM (SELECT :'j'::jsonb -> 'attachments' -> 0 AS a) x
SQL
)
[ "$got" = "screen.png|image/png|$size|$want" ] ||
	tt_fail "ticket show --json does not carry the attachment"

# an opener that keeps a copy of what it was given
inbox_fake_opener "$OUT"
tt_start
tt_wait_for 'ticketty'
tt_keys : "$tid" Enter
tt_wait_for 'Blank placements'
tt_keys / 
tt_keys -l 'Attachments ('
tt_keys Enter
tt_wait_for 'Attachments \(1; w saves, v opens\)'
tt_assert "  1  screen.png  image/png  $size bytes"
tt_keys w
tt_wait_for 'Save to: \./screen\.png'
inbox_save_as "$OUT/saved.png"
tt_wait_for "saved .*saved.png \($size bytes\)"
[ "$(sha256sum < "$OUT/saved.png" | cut -d' ' -f1)" = "$want" ] || tt_fail "the saved file differs"

# never overwritten silently
echo keep > "$OUT/saved.png"
tt_keys w
inbox_save_as "$OUT/saved.png"
tt_wait_for 'saved.png exists: overwrite it\? \[y/N\]'
tt_keys n
tt_wait_for 'not saved: .*saved.png was left as it was'
[ "$(cat "$OUT/saved.png")" = keep ] || tt_fail "n overwrote the file"
tt_keys w
inbox_save_as "$OUT/saved.png"
tt_wait_for 'overwrite it\?'
tt_keys y
tt_wait_for "saved .*saved.png \($size bytes\)"
[ "$(sha256sum < "$OUT/saved.png" | cut -d' ' -f1)" = "$want" ] || tt_fail "y did not overwrite the file"

# opened with xdg-open, the terminal handed over and taken back
tt_keys v
tt_wait_for 'opened .*/screen\.png'
[ "$(sha256sum < "$OUT/opened" | cut -d' ' -f1)" = "$want" ] || tt_fail "the opener got other bytes"
tt_assert 'Attachments \(1; w saves, v opens\)'
copy=$(cat "$OUT/opened.path")
[ -f "$copy" ] || tt_fail "the copy given to the viewer is gone before ticketty exits: $copy"
tt_keys Q
tt_wait_for 'tt-exit=0'
# the private copy goes with ticketty, and its directory
[ ! -e "$copy" ] && [ ! -e "$(dirname "$copy")" ] || tt_fail "the viewer's copy is left behind: $copy"
