#!/bin/sh
# Installs the Debian/Ubuntu packages ticketty needs to build, test and run
# (only those missing; nothing at all when everything is present).
set -eu
PACKAGES="gcc make libc6-dev pkg-config libncurses-dev libpq-dev libconfig-dev check
postgresql tmux locales gettext valgrind procps faketime pgbouncer mandoc bash-completion
libgmime-3.0-dev libxml2-dev shared-mime-info exim4-daemon-light python3"
# extra packages for one target (e.g. `deps.sh clang` for make check-fuzz)
[ $# -gt 0 ] && PACKAGES="$PACKAGES $*"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
# The locales the tests run under (es_ES.UTF-8), generated when missing.
locales() { sh "$(dirname "$0")/locales.sh"; }
[ -z "$missing" ] && { locales; exit; }

echo "ticketty: installing missing packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "ticketty: need root or sudo to install:$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || true
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
locales
