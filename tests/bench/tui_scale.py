#!/usr/bin/env python3
"""The TUI's cost at two (or more) desk sizes, interleaved (issue 19:
"TUI first paint, page move, peak RSS: flat from 1k to 10M; RSS < 16 MB").

For each round and each database in turn, runs the real binary under an
80x24 pseudo-terminal and measures:
  - first paint: from the start of the process to the last byte of its
    first screen (the queue with its rows; the output then pauses QUIET_MS);
  - page move: PageDown, from the key to the last byte of the new page,
    PAGES times, then G (the last page) and g (the first) the same way;
  - the dashboard's first paint (issue 18): the key 4, from the key to the
    last byte of the dashboard (its six statements run on the session the
    queue opened, as when a lead switches to it);
  - peak resident memory (VmHWM from /proc) after all of that.
Prints the median of each per database, and the ratio of each database to
the first one.

  tui_scale.py BIN ROUNDS CONNINFO...   (TERM=xterm-256color, LANG=C.UTF-8, TZ=UTC)
"""
import os
import select
import statistics
import sys
import time

# the pty spawn and teardown of the byte counter (TERM from TT_TERM,
# xterm-256color unless set)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tty_bytes import spawn, stop  # noqa: E402

QUIET_MS = int(os.environ.get("QUIET_MS", "250"))
PAGES = int(os.environ.get("PAGES", "10"))
COLS, ROWS = 80, 24


def last_byte(fd, start, limit_s=60.0, until=None):
    """Seconds from start to the last byte before the output paused QUIET_MS
    (after `until` was seen, when given)."""
    seen = bytearray()
    last = None
    end = time.monotonic() + limit_s
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], QUIET_MS / 1000.0)
        if not r:
            if last is not None and (until is None or until in seen):
                return last - start
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:   # the process ended and closed the terminal
            chunk = b""
        if not chunk:
            if last is not None:
                return last - start
            break
        last = time.monotonic()
        seen += chunk
    raise SystemExit("no screen within %.0f s" % limit_s)


def peak_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def one(binary, conninfo):
    t0 = time.monotonic()
    pid, fd = spawn(binary, conninfo, COLS, ROWS)
    try:
        first = last_byte(fd, t0, until=b"Queue")
        pages = []
        for k in [b"\x1b[6~"] * PAGES + [b"G", b"g"]:
            t = time.monotonic()
            os.write(fd, k)
            pages.append(last_byte(fd, t))
        t = time.monotonic()
        os.write(fd, b"4")
        dash = last_byte(fd, t, until=b"Dashboard")
        rss = peak_kb(pid)
        os.write(fd, b"Q")
        last_byte(fd, time.monotonic(), limit_s=5.0)
    finally:
        stop(pid, fd)
    return first * 1000, statistics.median(pages) * 1000, max(pages) * 1000, rss / 1024, dash * 1000


def main():
    binary, rounds, dbs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    res = {db: [] for db in dbs}
    for r in range(rounds):
        for db in (dbs if r % 2 == 0 else list(reversed(dbs))):
            res[db].append(one(binary, db))
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    base = None
    for db in dbs:
        cols = list(zip(*res[db]))
        m = [statistics.median(c) for c in cols]
        worst = max(cols[3])
        line = ("%-32s first paint %6.1f ms, page move %5.1f ms (slowest %5.1f), "
                "dashboard %5.1f ms (slowest %5.1f), peak RSS %.1f MB (max %.1f)"
                % (db, m[0], m[1], max(cols[2]), m[4], max(cols[4]), m[3], worst))
        if base is None:
            base = m
        else:
            line += "  ratio to %s: paint %.2f, move %.2f, dashboard %.2f, RSS %.2f" % (
                dbs[0], m[0] / base[0], m[1] / base[1], m[4] / base[4], m[3] / base[3])
        print(line)
    print("%d rounds interleaved, 80x24, load average %s" % (rounds, load))


main()
