#!/usr/bin/env python3
"""Before/after of a change, each against the real psql, all four
interleaved in every round (issue #19's rule: side by side, medians).

Side A is one ticketty binary on one database, side B another binary on
another database (a copy of the same data at the schema each binary
needs). For each measure the statements each side sends are captured
and replayed by psql exactly as perf_bench.py does; then every round
runs A, psql-for-A, B, psql-for-B, the order rotated each round, and
the medians, the ratios to psql, B against A and the load average before
and after are printed.

    ab_bench.py LOG ROUNDS OUTDIR BIN_A DB_A BIN_B DB_B measure...
    measure = name:argv, as perf_bench.py ({db} in @PROGRAM args is each
              side's database; @PROGRAM may name {side}: "a" or "b")
Environment: PGHOST, PGUSER (the agent login), PSQL (the real psql).
"""
import os
import resource
import statistics
import subprocess
import sys
import time

from perf_bench import PSQL, SETUP, capture, command, loadavg, psql_script


def timed(argv, env):
    """Wall milliseconds of one run, and the CPU milliseconds (user + system)
    of the process itself."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = (time.perf_counter() - t0) * 1000.0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1000.0
    return wall, cpu


def side_cmds(bin_, db, log, argv, out, tag, env):
    stmts = capture(bin_, db, log, argv)
    work = [s for s in stmts if not SETUP.search(s[0])]
    script = os.path.join(out, f"{tag}.sql")
    with open(script, "w") as f:
        f.write(psql_script(work))
    return (command(bin_, db, argv),
            [PSQL, "-X", "-qAt", "-v", "ON_ERROR_STOP=1", "-d", db, "-f", script],
            len(stmts), len(work))


def main():
    log, rounds, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    sides = {"a": (sys.argv[4], sys.argv[5]), "b": (sys.argv[6], sys.argv[7])}
    env = dict(os.environ)
    penv = dict(env, PGOPTIONS="-c search_path=ticketty")
    for name, args in (m.split(":", 1) for m in sys.argv[8:]):
        cmds = {}
        for k, (bin_, db) in sides.items():
            argv = args.replace("{side}", k).split()
            cmds[k] = side_cmds(bin_, db, log, argv, out, f"{name}-{k}", env)
        jobs = [("a", 0, env), ("a", 1, penv), ("b", 0, env), ("b", 1, penv)]
        times = {(k, i): [] for k, i, _ in jobs}
        cpu = {(k, i): [] for k, i, _ in jobs}
        for _ in range(3):  # warm-up
            for k, i, e in jobs:
                timed(cmds[k][i], e)
        la0 = loadavg()
        for r in range(rounds):
            for k, i, e in jobs[r % 4:] + jobs[:r % 4]:
                w, c = timed(cmds[k][i], e)
                times[(k, i)].append(w)
                cpu[(k, i)].append(c)
        la1 = loadavg()
        med = {key: statistics.median(v) for key, v in times.items()}
        mcpu = {key: statistics.mean(v) for key, v in cpu.items()}
        print(f"{name:<12} A {med[('a', 0)]:7.2f} ms (psql {med[('a', 1)]:7.2f}, "
              f"{med[('a', 0)] / med[('a', 1)]:4.2f}x, {cmds['a'][2]} statements)   "
              f"B {med[('b', 0)]:7.2f} ms (psql {med[('b', 1)]:7.2f}, "
              f"{med[('b', 0)] / med[('b', 1)]:4.2f}x, {cmds['b'][2]} statements)   "
              f"B/A {med[('b', 0)] / med[('a', 0)]:4.2f}  "
              f"(medians of {rounds}; load avg {la0} -> {la1})\n"
              f"{'':<12} client CPU per run (mean): A {mcpu[('a', 0)]:5.2f} ms, psql {mcpu[('a', 1)]:5.2f};"
              f" B {mcpu[('b', 0)]:5.2f} ms, psql {mcpu[('b', 1)]:5.2f}", flush=True)


if __name__ == "__main__":
    main()
