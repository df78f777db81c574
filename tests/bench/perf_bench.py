#!/usr/bin/env python3
"""Issue #19 driver (run by perf_bench.sh): each ticketty command against
the real psql (pg_config --bindir) running the same statements.

For every measure it first runs the ticketty command once with
log_statement = 'all' for the benchmark login, reads from the server log
the statements the command sent after its session checks, and writes them
as PREPARE/EXECUTE into a psql script (the same SQL, the same parameters).
Then it times both processes interleaved (ticketty, psql, psql, ticketty,
...) for ROUNDS rounds and prints medians, the ratio, the number of
statements each side sent, and the load average beside each figure;
finally EXPLAIN (ANALYZE, BUFFERS) of each statement the command sent.

    perf_bench.py BIN DB LOG ROUNDS OUTDIR measure...
    measure = name:argv (argv split on spaces), e.g. "queue:queue --limit 50";
              name:@PROGRAM ARGS runs PROGRAM ARGS instead of ticketty
              ({db} in ARGS becomes the database name)
Environment: PGHOST, PGUSER (the agent login), PSQL (the real psql).
"""
import os
import re
import statistics
import subprocess
import sys
import time

PSQL = os.environ.get("PSQL", "psql")
AGENT = os.environ.get("PGUSER", "")
SETUP = re.compile(r"set_config\('search_path'|to_regprocedure\('ticketty.tt_now\(\)'\)|"
                   r"pg_catalog.has_schema_privilege|schema_migrations|^LISTEN ")
PARAM = re.compile(r"\$(\d+) = ('(?:[^']|'')*'|NULL)")


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def superuser_sql(db, sql):
    env = dict(os.environ, PGUSER="postgres")
    return subprocess.run([PSQL, "-XqAt", "-d", db, "-c", sql], env=env, check=True,
                          capture_output=True, text=True).stdout


def command(bin_, db, argv):
    if argv[0].startswith("@"):
        return [argv[0][1:]] + [a.replace("{db}", db) for a in argv[1:]]
    return [bin_, "--db", f"dbname={db}"] + argv


def capture(bin_, db, log, argv):
    """The statements one run of `ticketty argv` sends, with parameters."""
    superuser_sql(db, f"ALTER ROLE \"{AGENT}\" SET log_statement = 'all'")
    try:
        start = os.path.getsize(log)
        subprocess.run(command(bin_, db, argv), check=True, stdout=subprocess.DEVNULL)
        time.sleep(0.2)
        with open(log, errors="replace") as f:
            f.seek(start)
            # split on newlines only: str.splitlines() also splits on
            # x1c-x1e, and the record separator (x1e) is in some statements
            raw = f.read().split("\n")
    finally:
        superuser_sql(db, f"ALTER ROLE \"{AGENT}\" RESET log_statement")
    lines = []  # a statement with newlines goes on in tab-indented lines
    for line in raw:
        if line.startswith("\t") and lines:
            lines[-1] += "\n" + line[1:]
        else:
            lines.append(line)
    stmts = []
    for i, line in enumerate(lines):
        m = re.search(r"LOG:  (?:execute [^:]*|statement): (.*)$", line, re.S)
        if not m:
            continue
        sql = m.group(1)
        params = []
        if i + 1 < len(lines) and "DETAIL:  parameters:" in lines[i + 1]:
            found = {int(n): v for n, v in PARAM.findall(lines[i + 1])}
            params = [found[k] for k in sorted(found)]
        stmts.append((sql, params))
    return stmts


def psql_script(stmts, explain=False):
    out = []
    for n, (sql, params) in enumerate(stmts):
        if params:
            out.append(f"PREPARE s{n} AS {sql};")
            call = f"EXECUTE s{n}({', '.join(params)})"
        else:
            call = sql
        out.append(("EXPLAIN (ANALYZE, BUFFERS) " if explain else "") + call + ";")
    return "\n".join(out) + "\n"


def timed(argv, env):
    t0 = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - t0) * 1000.0


def main():
    BIN, DB, LOG, ROUNDS, OUT = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
    MEASURES = [m.split(":", 1) for m in sys.argv[6:]]
    env = dict(os.environ)
    # psql gets ticketty's session settings (src/db/conn.c: search_path,
    # JIT off) from the start-up packet: no extra round trip. With JIT on,
    # psql spent 2 s compiling the 4,000-entry timeline's statement.
    penv = dict(env, PGOPTIONS="-c search_path=ticketty -c jit=off")
    report = []
    for name, args in MEASURES:
        argv = args.split()
        stmts = capture(BIN, DB, LOG, argv)
        work = [s for s in stmts if not SETUP.search(s[0])]
        script = os.path.join(OUT, f"{name}.sql")
        with open(script, "w") as f:
            f.write(psql_script(work))
        tcmd = command(BIN, DB, argv)
        pcmd = [PSQL, "-X", "-qAt", "-v", "ON_ERROR_STOP=1", "-d", DB, "-f", script]
        for _ in range(3):  # warm-up
            timed(tcmd, env)
            timed(pcmd, penv)
        ts, ps = [], []
        la0 = loadavg()
        for r in range(ROUNDS):
            if r % 2:
                ps.append(timed(pcmd, penv))
                ts.append(timed(tcmd, env))
            else:
                ts.append(timed(tcmd, env))
                ps.append(timed(pcmd, penv))
        la1 = loadavg()
        tm, pm = statistics.median(ts), statistics.median(ps)
        line = (f"{name:<14} ticketty {tm:8.2f} ms  psql {pm:8.2f} ms  ratio {tm / pm:5.2f}x"
                f"  (median of {ROUNDS}, {len(stmts)} statements sent, {len(work)} after the"
                f" session checks; load avg {la0} -> {la1})")
        print(line, flush=True)
        report.append(line)
        with open(os.path.join(OUT, f"{name}.explain"), "w") as f:
            f.write(f"-- {name}: ticketty {' '.join(argv)}\n")
            for sql, params in stmts:
                f.write(f"-- sent: {sql[:160]}{'...' if len(sql) > 160 else ''}\n")
            plan = subprocess.run([PSQL, "-X", "-qAt", "-d", DB], input=psql_script(work, True),
                                  env=penv, capture_output=True, text=True)
            f.write(plan.stdout + plan.stderr)
    with open(os.path.join(OUT, "summary.txt"), "a") as f:
        f.write("\n".join(report) + "\n")


if __name__ == "__main__":
    main()
