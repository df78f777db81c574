#!/bin/sh
# Runs test suites with the whole machine's clock moved to another instant
# by libfaketime (Debian package faketime): the test PostgreSQL, tmux,
# ticketty and psql all see the same moved clock, which starts at INSTANT
# (UTC) and runs on at the real pace. The monotonic clock is left alone so
# timeouts and poll deadlines keep their meaning. Usage:
#   BUILD=build sh tests/faketime.sh '2027-03-14 06:59:50' db tui
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
instant=${1:?usage: faketime.sh 'YYYY-MM-DD HH:MM:SS' suite...}
shift
target=$(TZ=UTC date -d "$instant" +%s) || { echo "not an instant: $instant" >&2; exit 64; }
offset=$((target - $(date +%s)))
echo "== suites $* with the clock at $instant UTC (offset ${offset}s)"
# libfaketime preloaded by hand rather than through the faketime wrapper,
# which waits for every process holding its pipe (a test's PostgreSQL
# or MTA) and makes its shared objects private to the user who ran it.
lib=""
for f in /usr/lib/*/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1; do
	[ -f "$f" ] && { lib=$f; break; }
done
[ -n "$lib" ] || lib=$(faketime -f +0s sh -c 'printf %s "$LD_PRELOAD"' | cut -d: -f1)
[ -n "$lib" ] || { echo "cannot find libfaketime.so.1 (make deps)" >&2; exit 1; }
# One semaphore and shared memory for the whole run, named in
# FAKETIME_SHARED and readable by every user. Left to itself libfaketime
# makes a pair per process tree, named by pid, and the tree's first
# process deletes it on exit while its children still name it; a later
# process (initdb as `nobody`, whose pid once named a pair a killed
# process never deleted) then fails with "sem_open failed and recreation
# attempts failed". env(1) below creates the pair and execs the shell,
# so no exit handler of the creator runs and the pair stays for the run.
# The pair is named by env's pid; a pair some killed process left under
# that name makes libfaketime skip it silently, so a few pids are tried.
shared=""
for try in 1 2 3 4 5; do
	shared=$(LD_PRELOAD="$lib" FAKETIME=+0s env sh -c 'printf %s "$FAKETIME_SHARED"')
	[ -z "$shared" ] || break
done
[ -n "$shared" ] || echo "warning: libfaketime made no shared semaphore; each process tree makes its own" >&2
if [ -n "$shared" ]; then
	sem=${shared%% *}; sem=/dev/shm/sem.${sem#/}
	shm=${shared#* }; shm=/dev/shm/${shm#/}
	trap 'rm -f "$sem" "$shm"' EXIT
	trap 'exit 130' INT TERM
	chmod 0666 "$sem" "$shm" || { echo "cannot share libfaketime's $sem and $shm" >&2; exit 1; }
	export FAKETIME_SHARED="$shared"
fi
status=0
LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}" FAKETIME="+${offset}s" FAKETIME_DONT_FAKE_MONOTONIC=1 \
	TT_UNDER_FAKETIME=1 sh "$ROOT/tests/run.sh" "$@" || status=$?
exit $status
