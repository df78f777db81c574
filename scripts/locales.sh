#!/bin/sh
# Generates the locales the test suites run under when they are missing:
# es_ES.UTF-8 (Spanish dates and messages) and en_US.UTF-8 (a 12-hour
# clock); C.UTF-8 is built into glibc.
# Needs the `locales` package (scripts/deps.sh) and root or sudo; on
# Debian it also enables the locale in /etc/locale.gen so a later
# locale-gen keeps it. Exits 0 when every locale is there, else 1.
set -u
WANT="es_ES.UTF-8 en_US.UTF-8"

have_locale() {
	# locale -a spells them es_ES.utf8; compare case-insensitively without the dash
	norm=$(echo "$1" | tr 'A-Z' 'a-z' | sed 's/utf-8/utf8/')
	locale -a 2>/dev/null | tr 'A-Z' 'a-z' | sed 's/utf-8/utf8/' | grep -qx "$norm"
}

missing=""
for l in $WANT; do
	have_locale "$l" || missing="$missing $l"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	SUDO="sudo -n"
else
	echo "ticketty: the tests need the locale(s)$missing; run as root or with sudo: localedef -i es_ES -f UTF-8 es_ES.UTF-8" >&2
	exit 1
fi
if ! command -v localedef >/dev/null 2>&1 || [ ! -d /usr/share/i18n/locales ]; then
	echo "ticketty: localedef or the locale sources are missing (Debian package 'locales'): run make deps" >&2
	exit 1
fi
status=0
for l in $missing; do
	lang=${l%%.*}
	charset=${l#*.}
	echo "ticketty: generating the $l locale"
	if [ -f /etc/locale.gen ]; then
		$SUDO sed -i "s/^# *\($lang\.$charset $charset\)\$/\1/" /etc/locale.gen
	fi
	$SUDO localedef -i "$lang" -c -f "$charset" -A /usr/share/locale/locale.alias "$l" || status=1
	have_locale "$l" || { echo "ticketty: could not generate $l" >&2; status=1; }
done
exit "$status"
