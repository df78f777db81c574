#!/bin/sh
# Fails when a translation is incomplete or wrong: extracts the strings the
# sources and migrations have now (not the committed template), merges each
# po/<lang>.po with them and requires every message translated, none fuzzy,
# and `msgfmt --check` happy (format directives of msgid and msgstr agree,
# plural forms present, header valid), no word po/<lang>.avoid names
# (one thing, one word), and in Spanish a space before a percent sign. Also checks that po/ticketty.pot is current, so
# translators work from what the code says.
# Usage: sh tests/po/check-po.sh
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
failed=0

if ! sh scripts/update-po.sh --pot "$TMP/fresh.pot"; then
	echo "check-po: extracting the strings failed"
	exit 1
fi
msgids() { msgattrib --no-wrap --no-obsolete "$1" | grep -E '^(msgctxt|msgid|msgid_plural) ' | LC_ALL=C sort; }
msgids "$TMP/fresh.pot" > "$TMP/ids"
if ! msgids po/ticketty.pot | cmp -s - "$TMP/ids"; then
	echo "check-po: po/ticketty.pot is out of date; run 'make update-po' and translate what is new:"
	msgids po/ticketty.pot | diff - "$TMP/ids" | grep '^[<>]' | head -20
	failed=1
fi

for po in po/*.po; do
	[ -f "$po" ] || continue
	lang=$(basename "$po" .po)
	msgmerge --quiet --no-wrap --no-fuzzy-matching -o "$TMP/$lang.po" "$po" "$TMP/fresh.pot" || { failed=1; continue; }
	cp "$TMP/$lang.po" "$TMP/$lang.po.nw"
	if ! stats=$(msgfmt --check --statistics -o /dev/null "$TMP/$lang.po" 2>&1); then
		echo "check-po: $po: msgfmt --check failed:"
		echo "$stats" | sed 's|^|  |'
		failed=1
		continue
	fi
	echo "check-po: $po: $stats"
	# Server messages (msgctxt "server") are not C formats, so msgfmt does
	# not compare them: each % is one value, and the count must agree.
	if ! perl -e '
		local $/ = ""; my $bad = 0;
		while (<>) {
			next unless /^msgctxt "server"$/m;
			my ($id) = /^msgid "(.*)"$/m; my ($str) = /^msgstr "(.*)"$/m;
			next unless defined $str && length $str;
			my $n = sub { (my $s = shift) =~ s/%%//g; ($s =~ tr/%//) };
			next if $n->($id) == $n->($str);
			print "  server message: msgid has ", $n->($id), " %, msgstr ", $n->($str), ": $id\n";
			$bad = 1;
		}
		exit $bad;' "$TMP/$lang.po.nw"; then
		echo "check-po: $po: a server message translation has the wrong number of values"
		failed=1
	fi
	# one thing, one word: po/<lang>.avoid lists words the translation
	# does not use ("vale: ticket")
	if [ -f "po/$lang.avoid" ]; then
		grep -v '^#' "po/$lang.avoid" | while IFS=: read -r word use; do
			[ -n "$word" ] || continue
			msgattrib --no-wrap --no-obsolete "$po" | grep '^msgstr ' | grep -iw -- "$word" |
				sed "s|^|  says '$word' (use '${use# }'): |" | head -5
		done > "$TMP/$lang.avoid.out"
		if [ -s "$TMP/$lang.avoid.out" ]; then
			echo "check-po: $po uses words po/$lang.avoid names:"
			cat "$TMP/$lang.avoid.out"
			failed=1
		fi
	fi
	# Spanish writes a space before the percent sign ("95 %"): a number,
	# or a value that is one, straight before it is refused
	if [ "$lang" = es ]; then
		msgattrib --no-wrap --no-obsolete "$po" |
			awk '/^msgstr/ { s = 1 } /^(msgid|msgctxt|#)/ { s = 0 } s' |
			grep -E '([0-9]%|[a-z]%%)' | sed 's|^|  no space before %: |' | head -5 > "$TMP/es.pct.out"
		if [ -s "$TMP/es.pct.out" ]; then
			echo "check-po: $po writes a percentage without the space Spanish puts before %:"
			cat "$TMP/es.pct.out"
			failed=1
		fi
	fi
	case "$stats" in
	*fuzzy*|*untranslated*)
		echo "check-po: $po: every message needs a translation, none fuzzy; missing:"
		msgattrib --untranslated --no-wrap "$TMP/$lang.po" | grep -E '^msgid ' | grep -v '^msgid ""$' | head -40
		msgattrib --only-fuzzy --no-wrap "$TMP/$lang.po" | grep -E '^msgid ' | grep -v '^msgid ""$' | head -40
		failed=1
		;;
	esac
done
[ "$failed" -eq 0 ] && echo "check-po: translations complete"
exit "$failed"
