#!/usr/bin/env python3
"""Bytes ticketty writes to its terminal, and key echo over a slow link.

Runs the real binary under a pseudo-terminal of a given size (python's
pty module), waits for the first paint, then sends one key at a time and
counts the bytes written until the output goes quiet (no byte for
QUIET_MS). Reports a full repaint (Ctrl-L) of every view (inbox,
dashboard, notifications, ticket, intake form, search, help), and for
the queue and the escalations view:
  - the first paint and a full repaint (the redraw key, Ctrl-L);
  - moving the cursor one row (j), ROUNDS times: median and maximum of
    the bytes written at once, then of the selected item's detail that
    follows when the cursor rests;
  - a held key: ROUNDS presses HELD_MS apart, bytes per row moved;
  - an idle queue with live countdowns: bytes per second over IDLE_S.
With --echo it measures key echo instead: a link that delays each
direction by DELAY_MS (a pty relay holding every chunk that long), the
time from a key pressed to its echo in the filter prompt.

Usage (tests/bench/tty_bytes.sh sets up the database):
  tty_bytes.py BIN CONNINFO COLS ROWS
  tty_bytes.py --echo BIN CONNINFO COLS ROWS
  tty_bytes.py --check BIN CONNINFO COLS ROWS   (exit 1 above the goals;
                                                 TTY_GOALS=view.what=N,... sets one)
"""
import fcntl
import os
import re
import pty
import select
import signal
import statistics
import struct
import sys
import termios
import threading
import time

QUIET_MS = int(os.environ.get("QUIET_MS", "300"))
ROUNDS = int(os.environ.get("ROUNDS", "10"))
IDLE_S = float(os.environ.get("IDLE_S", "30"))
DELAY_MS = int(os.environ.get("DELAY_MS", "150"))
MOVE_GAP_MS = int(os.environ.get("MOVE_GAP_MS", "60"))
HELD_MS = int(os.environ.get("HELD_MS", "30"))
# --check: the goals of issue 17 at 80x24, failing above them; TTY_GOALS
# may change one, e.g. "escalations.move=450" (a guard short of the goal)
# "rest" is the selected item's detail drawn once the cursor rests on it
# (the escalations pane): at most the pane's rows in full at 80x24.
GOALS = {"move": 300, "held": 300, "repaint": 8192, "rest": 1024}
failures = []


def goal(view_name, what, figure, label):
    limit = GOALS[what]
    for item in filter(None, os.environ.get("TTY_GOALS", "").split(",")):
        k, _, v = item.partition("=")
        if k.strip() in (what, "%s.%s" % (view_name, what)):
            limit = int(v)
    if figure > limit:
        failures.append("%s: %.0f bytes, goal at most %d" % (label, figure, limit))


def spawn(binary, conninfo, cols, rows):
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = dict(os.environ, TERM=os.environ.get("TT_TERM", "xterm-256color"),
                   LANG="C.UTF-8", LC_ALL="C.UTF-8", TZ="UTC", COLUMNS=str(cols),
                   LINES=str(rows))
        os.execve(binary, [binary, "--db", conninfo], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return pid, fd


def stop(pid, fd):
    """Ends the binary spawn() started (if it has not quit) and closes its terminal."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)


def read_quiet(fd, quiet_ms=QUIET_MS, limit_s=15.0, until=None):
    """Bytes read until nothing came for quiet_ms (and `until` was seen)."""
    out = bytearray()
    end = time.monotonic() + limit_s
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], quiet_ms / 1000.0)
        if not r:
            if until is None or until in out:
                break
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    return bytes(out)


def read_for(fd, seconds):
    out = bytearray()
    end = time.monotonic() + seconds
    while True:
        left = end - time.monotonic()
        if left <= 0:
            break
        r, _, _ = select.select([fd], [], [], left)
        if r:
            out += os.read(fd, 65536)
    return bytes(out)


def key(fd, k, until=None):
    os.write(fd, k)
    out = read_quiet(fd, until=until)
    dump(k, out, b"")
    return out


def dump(k, out, later):
    if os.environ.get("TTY_DUMP"):   # the bytes of each key, for finding out why
        with open(os.environ["TTY_DUMP"], "ab") as f:
            f.write(b"\n==== %r %d bytes\n" % (k, len(out)) + out)
            if later:
                f.write(b"\n==== (rested) %d bytes\n" % len(later) + later)


CSI = re.compile(rb"\x1b\[([0-9;?]*)([A-Za-z@])|\x1b[()][0-9A-Za-z]|[\r\n]")


def by_row(out):
    """Bytes per screen row (1-based) the output was written on: follows
    cursor addressing (CUP, VPA, CUD/CUU, CR, LF) as ncurses emits it."""
    rows, row, pos = {}, 1, 0
    for m in CSI.finditer(out):
        rows[row] = rows.get(row, 0) + m.start() - pos
        pos = m.start()
        tok = m.group(0)
        if tok == b"\n":
            row += 1
        elif m.group(2) in (b"H", b"f"):
            row = int((m.group(1).split(b";")[0] or b"1"))
        elif m.group(2) == b"d":
            row = int(m.group(1) or b"1")
        elif m.group(2) == b"B":
            row += int(m.group(1) or b"1")
        elif m.group(2) == b"A":
            row -= int(m.group(1) or b"1")
    rows[row] = rows.get(row, 0) + len(out) - pos
    return rows


def moves(fd, n, rows, bands):
    """n presses of j: the bytes of each move written at once (until the
    output pauses MOVE_GAP_MS), the bytes that follow once the cursor
    rests (the escalations pane; nothing in the queue), and the median
    bytes at once that fell in each band of screen rows {name: (first, last)}."""
    sizes, rest, split = [], [], {b: [] for b in bands}
    for _ in range(n):
        os.write(fd, b"j")
        out = read_quiet(fd, quiet_ms=MOVE_GAP_MS)
        later = read_quiet(fd)
        dump(b"j", out, later)
        sizes.append(len(out))
        rest.append(len(later))
        per = by_row(out)
        for b, (lo, hi) in bands.items():
            split[b].append(sum(v for r, v in per.items() if lo <= r <= hi))
    detail = ", ".join("%s %d" % (b, statistics.median(v)) for b, v in split.items())
    return sizes, rest, detail


def held(fd, n):
    """A held key: n presses of j HELD_MS apart (key repeat), then quiet:
    the bytes per row moved."""
    out = bytearray()
    for _ in range(n):
        os.write(fd, b"j")
        out += read_for(fd, HELD_MS / 1000.0)
    out += read_quiet(fd)
    dump(b"j held", bytes(out), b"")
    return len(out) / n


def stats(xs):
    return "median %d, max %d (n=%d)" % (statistics.median(xs), max(xs), len(xs))


def view(fd, cols, rows, name, bands, idle=False):
    """One view, already on screen: a full repaint, ROUNDS cursor moves
    (split by the screen rows in bands), a held key, and with idle the
    bytes a second while nothing is pressed."""
    label = "%dx%d %s" % (cols, rows, name)
    repaint = len(key(fd, b"\x0c"))
    print("%s full repaint (Ctrl-L): %d bytes" % (label, repaint))
    goal(name, "repaint", repaint, "%s full repaint" % name)
    sizes, rest, split = moves(fd, ROUNDS, rows, bands)
    print("%s cursor one row (j): %s bytes at once (median by rows: %s); "
          "then the detail once the cursor rests: %s bytes" % (label, stats(sizes), split, stats(rest)))
    # a move is what it writes at once; the detail of the item the cursor
    # rests on follows, held to the size of the pane
    goal(name, "move", max(sizes), "%s cursor move" % name)
    goal(name, "rest", max(rest), "%s detail once the cursor rests" % name)
    key(fd, b"g")
    per = held(fd, min(ROUNDS, 10))
    print("%s held key (j every %d ms, %d rows): %.0f bytes a row"
          % (label, HELD_MS, min(ROUNDS, 10), per))
    goal(name, "held", per, "%s held key, bytes a row" % name)
    if idle and IDLE_S > 0:
        quiet = read_for(fd, IDLE_S)
        print("%s idle with countdowns: %.1f bytes/s (%d bytes in %.0f s)"
              % (label, len(quiet) / IDLE_S, len(quiet), IDLE_S))


def measure(binary, conninfo, cols, rows):
    pid, fd = spawn(binary, conninfo, cols, rows)
    try:
        first = read_quiet(fd, until=b"Queue", limit_s=30)
        print("%dx%d queue first paint: %d bytes" % (cols, rows, len(first)))
        # the queue: the table, two detail lines of the selected row, the status line
        view(fd, cols, rows, "queue", {"table": (1, rows - 3), "detail lines": (rows - 2, rows - 1),
                                       "status line": (rows, rows)}, idle=True)
        esc = key(fd, b"2", until=b"Escalations")
        print("%dx%d escalations first paint: %d bytes" % (cols, rows, len(esc)))
        # the escalations: the list in the upper half, the detail pane below
        view(fd, cols, rows, "escalations", {"list": (1, rows // 2),
                                             "detail pane and status": (rows // 2 + 1, rows)})
        repaint_views(fd, cols, rows)
        os.write(fd, b"Q")
        read_quiet(fd)
    finally:
        stop(pid, fd)


# Every other view, reached from the queue: (name, keys, a word of its
# title that shows once it is drawn, keys that leave it for the queue).
OTHER_VIEWS = [
    ("inbox", [b"3"], b"Inbox", b"1"),
    ("dashboard", [b"4"], b"Dashboard", b"1"),
    ("notifications", [b"5"], b"Notifications", b"1"),
    ("ticket", [b"1", b"\r"], b"Ticket", b"1"),
    ("intake", [b"1", b"n"], b"New ticket", b"\x1b"),
    ("search", [b"1", b"F", b"placement\r"], b"Search", b"\x1b\x1b1"),
    ("help", [b"1", b"?"], b"Help", b"q"),
]


def repaint_views(fd, cols, rows):
    """A full repaint (Ctrl-L) of every other view: issue 17's "a full
    repaint of any view at most 8 KB"."""
    for name, keys, title, leave in OTHER_VIEWS:
        for k in keys[:-1]:
            key(fd, k)
        key(fd, keys[-1], until=title)
        repaint = len(key(fd, b"\x0c"))
        print("%dx%d %s full repaint (Ctrl-L): %d bytes" % (cols, rows, name, repaint))
        goal(name, "repaint", repaint, "%s full repaint" % name)
        key(fd, leave)


class SlowLink:
    """Holds every chunk DELAY_MS in each direction, as a link would."""

    def __init__(self, fd, delay_ms):
        self.fd = fd
        self.delay = delay_ms / 1000.0
        self.seen = []            # (instant delivered to the user, bytes)
        self.lock = threading.Lock()
        self.stop = False
        threading.Thread(target=self._reader, daemon=True).start()

    def _reader(self):
        while not self.stop:
            r, _, _ = select.select([self.fd], [], [], 0.05)
            if r:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    return
                with self.lock:
                    self.seen.append((time.monotonic() + self.delay, chunk))

    def send(self, data):
        def later():
            time.sleep(self.delay)
            os.write(self.fd, data)
        threading.Thread(target=later, daemon=True).start()

    def wait_for(self, needle, since, limit_s=10.0):
        """The instant (delivered) at which needle shows after `since`."""
        end = time.monotonic() + limit_s
        while time.monotonic() < end:
            now = time.monotonic()
            with self.lock:
                buf = b"".join(c for t, c in self.seen if since <= t <= now)
                if needle in buf:
                    return max(t for t, c in self.seen if since <= t <= now)
            time.sleep(0.002)
        raise SystemExit("no echo of %r" % needle)


def echo(binary, conninfo, cols, rows):
    pid, fd = spawn(binary, conninfo, cols, rows)
    link = SlowLink(fd, DELAY_MS)
    try:
        link.wait_for(b"Queue", 0, limit_s=30)
        time.sleep(1)
        t = time.monotonic()
        link.send(b"/")
        link.wait_for(b"Filter", t)
        times = []
        for ch in b"ZXVZXVZXVZ"[:ROUNDS]:
            time.sleep(0.5)
            t0 = time.monotonic()
            link.send(bytes([ch]))
            t1 = link.wait_for(bytes([ch]), t0 + 2 * link.delay - 0.001)
            times.append((t1 - t0) * 1000)
        print("%dx%d key echo in the filter prompt, %d ms each way: median %.0f ms, max %.0f ms "
              "(one round trip %d ms)" % (cols, rows, DELAY_MS, statistics.median(times),
                                          max(times), 2 * DELAY_MS))
        link.send(b"\x1b")
        time.sleep(2 * link.delay + 0.2)
        link.send(b"Q")
        time.sleep(2 * link.delay + 0.3)
    finally:
        link.stop = True
        stop(pid, fd)


if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0] == "--echo":
        echo(args[1], args[2], int(args[3]), int(args[4]))
    elif args and args[0] == "--check":
        # exit status 1 when a goal of issue 17 is missed (tests/tui/test_tty_bytes.sh)
        measure(args[1], args[2], int(args[3]), int(args[4]))
        for f in failures:
            print("FAIL " + f)
        sys.exit(1 if failures else 0)
    else:
        measure(args[0], args[1], int(args[2]), int(args[3]))
