#!/bin/sh
# Extracts every translatable string into po/ticketty.pot and merges it
# into each po/<lang>.po. Sources: the C files (_(), N_(), ngettext) and the
# English reference texts the migrations store (scripts/sql-strings.pl).
# Usage: sh scripts/update-po.sh            regenerate the template, merge
#        sh scripts/update-po.sh --pot OUT  only write a fresh template to OUT
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

# The C sources, sorted so the template is stable.
find src -name '*.c' | LC_ALL=C sort > "$TMP/files"
xgettext --language=C --from-code=UTF-8 --add-comments=TRANSLATORS: \
	--keyword=_ --keyword=N_ --keyword=NC_:1c,2 --keyword=ngettext:1,2 \
	--flag=_:1:pass-c-format --flag=N_:1:pass-c-format --flag=NC_:2:pass-c-format \
	--package-name=ticketty --msgid-bugs-address="ticketty maintainers" \
	--sort-by-file --files-from="$TMP/files" -o "$TMP/code.pot"
perl scripts/sql-strings.pl sql/[0-9][0-9][0-9]_*.sql sql/functions/*.sql > "$TMP/db.pot"
msgcat --use-first --sort-by-file "$TMP/code.pot" "$TMP/db.pot" -o "$TMP/ticketty.pot"
# xgettext's header has a fresh creation date; keep it out of diffs.
sed -i '/^"POT-Creation-Date:/d' "$TMP/ticketty.pot"

if [ "${1:-}" = "--pot" ]; then
	cp "$TMP/ticketty.pot" "$2"
	exit 0
fi
cp "$TMP/ticketty.pot" po/ticketty.pot
for po in po/*.po; do
	[ -f "$po" ] || continue
	msgmerge --quiet --no-wrap --update --backup=none --no-fuzzy-matching --sort-by-file "$po" po/ticketty.pot
	msgattrib --no-wrap --no-obsolete -o "$po" "$po"
	printf '%s: %s\n' "$po" "$(msgfmt --check --statistics -o /dev/null "$po" 2>&1)"
done
