# Sourced by the test scripts: PGBIN, the newest PostgreSQL server's
# programs (Debian's /usr/lib/postgresql/N/bin), unless already set.
# /usr/bin/psql on Debian is pg_wrapper, a Perl script that adds ~15-150 ms
# a call; the suites and benchmarks run the server's own programs.
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
