#!/bin/sh
# make check-deb: builds the Debian package from a copy of this tree
# (dpkg-buildpackage -us -uc -b, in a temporary directory so nothing lands
# beside the checkout), requires lintian to report no error, checks the
# package's contents (dpkg-deb -c), unpacks it into a throwaway root and
# runs what it installed: the binary (--version, a Spanish --help through
# the installed catalog), the manuals (man -l) and the bash completion
# (subcommands, options, ticket ids and agent logins, from a stub ticketty
# that answers queue and agent list like the real one).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ticketty-deb.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM
fail() { echo "FAIL (check-deb): $*" >&2; exit 1; }

# every library the Makefile builds against (CORE_PKGS, MAIL_PKGS) is in Build-Depends:
# the package whose .pc file pkg-config reads
build_depends=$(awk '/^Build-Depends:/ { on = 1; sub(/^Build-Depends:/, "") } on && /^[^ ]/ && !/^Build-Depends/ { on = 0 }
                     on { print }' "$ROOT/debian/control" | tr ',|' '\n\n' | sed 's/(.*//; s/ //g' | grep .)
for module in $(sed -n 's/^\(CORE\|MAIL\)_PKGS *:= *//p' "$ROOT/Makefile"); do
	pc="$(pkg-config --variable=pcfiledir "$module")/$module.pc"
	dev=$(dpkg -S "$pc" 2>/dev/null | head -n 1 | cut -d: -f1)
	[ -n "$dev" ] || fail "no Debian package holds $pc (pkg-config module $module)"
	printf '%s\n' "$build_depends" | grep -qx -- "$dev" ||
		fail "debian/control: Build-Depends lacks $dev (the Makefile builds against $module)"
done
echo "Build-Depends: every pkg-config module of the Makefile"

mkdir "$TMP/src"
(cd "$ROOT" && git ls-files -co --exclude-standard | grep -v '^build' | tar -cf - -T -) | tar -xf - -C "$TMP/src" ||
	fail "cannot copy the tree"
(cd "$TMP/src" && dpkg-buildpackage -us -uc -b >"$TMP/build.log" 2>&1) ||
	{ tail -30 "$TMP/build.log" >&2; fail "dpkg-buildpackage failed"; }
deb=$(ls "$TMP"/ticketty_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || fail "no .deb built"
echo "built $(basename "$deb")"

lintian --fail-on error --no-tag-display-limit "$deb" >"$TMP/lintian.log" 2>&1 ||
	{ cat "$TMP/lintian.log" >&2; fail "lintian reports errors"; }
grep -c '^[EW]:' "$TMP/lintian.log" | sed 's/^/lintian errors+warnings: /'
grep '^W:' "$TMP/lintian.log" | head -5

dpkg-deb -c "$deb" | awk '{ print $6 }' >"$TMP/contents"
for f in ./usr/bin/ticketty ./usr/bin/ticketty-mail ./usr/share/locale/es/LC_MESSAGES/ticketty.mo \
         ./usr/share/man/man1/ticketty.1.gz ./usr/share/man/man1/ticketty-mail.1.gz \
         ./usr/share/man/man5/ticketty.conf.5.gz \
         ./usr/share/bash-completion/completions/ticketty ./etc/ticketty/ticketty.conf.example \
         ./lib/systemd/system/ticketty-mail-send.service ./usr/share/doc/ticketty/copyright \
         ./usr/share/doc/ticketty/sizing.md; do
	# dh_compress gzips documents over 4 KiB
	grep -qx -- "$f" "$TMP/contents" || grep -qx -- "$f.gz" "$TMP/contents" ||
		fail "the package lacks $f"
done
dpkg-deb -f "$deb" Depends | grep -q 'libpq5' || fail "Depends lacks libpq5: $(dpkg-deb -f "$deb" Depends)"

# the installed tree, unpacked
R="$TMP/root"
dpkg-deb -x "$deb" "$R"
"$R/usr/bin/ticketty" --version | grep -Eq '^ticketty [0-9]' || fail "ticketty --version: $("$R/usr/bin/ticketty" --version 2>&1)"
TICKETTY_LOCALEDIR="$R/usr/share/locale" LC_ALL=es_ES.UTF-8 LANG=es_ES.UTF-8 "$R/usr/bin/ticketty" --help 2>&1 |
	grep -q 'Uso\|Órdenes\|interfaz' || fail "no Spanish --help from the installed catalog"
MANWIDTH=80 man -l "$R/usr/share/man/man1/ticketty.1.gz" 2>/dev/null | grep -q 'target_session_attrs' ||
	fail "man ticketty does not render"
MANWIDTH=80 man -l "$R/usr/share/man/man5/ticketty.conf.5.gz" 2>/dev/null | grep -q 'database.conninfo' ||
	fail "man ticketty.conf does not render"

sh "$ROOT/tests/pkg/check-completion.sh" "$R/usr/share/bash-completion/completions/ticketty" || fail "completion"
echo "check-deb: package builds, lintian clean of errors, contents, binary, manuals and completion work"
