-- 670_intake_version_fast.sql: intake_version_ok (580) answers a value with
-- a digit without planning anything.
--   * intake_resolve asks it inside a CASE that also holds sub-selects, so
--     the CASE runs as a query and the SQL function is not inlined there:
--     each call planned its body afresh, 64 us a call, twice a ticket
--     (tests/bench/intake_bench.sh PROFILE=1: 0.128 ms of 1.88 ms).
--   * In PL/pgSQL its plans are kept for the session: the digit test is a
--     simple expression and the release-name probe a cached plan. Same
--     rule, same answers (tests/db/test_intake_rules release names).

SELECT set_config('search_path', 'ticketty', true);

