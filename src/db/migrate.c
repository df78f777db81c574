/* Applies the embedded migrations and checks the schema version. */
#include "db/migrate.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define MIGRATION_LOCK "7346601"  /* advisory lock key shared by all migrators */

int migrate_latest_known(void)
{
	int latest = 0;
	for (size_t i = 0; i < migrations_count; i++)
		if (migrations[i].version > latest)
			latest = migrations[i].version;
	return latest;
}

int migrate_current(struct db *db, int *version, struct tt_error *err)
{
	*version = 0;
	char *exists = db_scalar(db,
		"SELECT to_regclass('ticketty.schema_migrations') IS NOT NULL", 0, NULL, err);
	if (!exists)
		return err->code ? err->code : EX_SOFTWARE;
	int have_table = exists[0] == 't';
	free(exists);
	if (!have_table)
		return 0;
	char *v = db_scalar(db, "SELECT coalesce(max(version), 0) FROM ticketty.schema_migrations",
			    0, NULL, err);
	if (!v)
		return err->code ? err->code : EX_SOFTWARE;
	*version = atoi(v);
	free(v);
	return 0;
}

static int run_script(struct db *db, const char *sql, struct tt_error *err)
{
	PGresult *res = PQexec(db_pgconn(db), sql);
	ExecStatusType st = PQresultStatus(res);
	int rc = 0;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
		rc = db_error_from_result(db, res, err);
	PQclear(res);
	return rc;
}

/* In the transaction just begun: no session limits (a migration may run
 * long and wait for other migrators), one migrator at a time, function
 * bodies checked when called rather than when defined (a migration defines
 * a function in its final form, which may read what later migrations
 * make), names made in schema ticketty, and the schema's two bookkeeping
 * tables. */
static int begin_schema_change(struct db *db, struct tt_error *err)
{
	static const char *const steps[] = {
		"SELECT pg_catalog.set_config('statement_timeout', '0', true), "
		"pg_catalog.set_config('lock_timeout', '0', true), "
		"pg_catalog.set_config('check_function_bodies', 'off', true), "
		"pg_catalog.set_config('search_path', 'ticketty', true)",
		"SELECT pg_advisory_xact_lock(" MIGRATION_LOCK ")",
		"CREATE SCHEMA IF NOT EXISTS ticketty",
		"CREATE TABLE IF NOT EXISTS ticketty.schema_migrations ("
		" version int PRIMARY KEY, name text NOT NULL,"
		" applied_at timestamptz NOT NULL DEFAULT now())",
		/* the one row: the digest of the function files last applied */
		"CREATE TABLE IF NOT EXISTS ticketty.schema_functions ("
		" digest text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
	};
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		PGresult *res = db_exec(db, steps[i], 0, NULL, err);
		if (!res)
			return err->code ? err->code : EX_SOFTWARE;
		PQclear(res);
	}
	return 0;
}

static int apply_in_transaction(struct db *db, const struct migration *m, int *applied,
				struct tt_error *err)
{
	char version[16];
	const char *params[2] = { version, m->name };
	int rc;

	snprintf(version, sizeof(version), "%d", m->version);
	if ((rc = db_begin(db, err)))
		return rc;
	if ((rc = begin_schema_change(db, err)))
		goto fail;
	PGresult *res;
	char *done = db_scalar(db,
		"SELECT count(*) FROM ticketty.schema_migrations WHERE version = $1::int",
		1, params, err);
	if (!done)
		goto fail;
	int already = atoi(done);
	free(done);
	if (already) {
		db_rollback(db);
		return 0;
	}
	if ((rc = run_script(db, m->sql, err))) {
		char *why = xasprintf("%s %03d_%s: %s", _("migration"), m->version, m->name,
				      err->message ? err->message : "");
		free(err->message);
		err->message = why;
		goto fail;
	}
	res = db_exec(db, "INSERT INTO ticketty.schema_migrations (version, name) VALUES ($1::int, $2)",
		      2, params, err);
	if (!res)
		goto fail;
	PQclear(res);
	if ((rc = db_commit(db, err)))
		return rc;
	(*applied)++;
	return 0;
fail:
	db_rollback(db);
	return err->code ? err->code : EX_SOFTWARE;
}

/* The digest of the function files the database last had applied, "" for
 * none (a database migrated before sql/functions/ existed, or a new one). */
static int functions_digest(struct db *db, char **digest, struct tt_error *err)
{
	*digest = db_scalar(db,
		"SELECT CASE WHEN pg_catalog.to_regclass('ticketty.schema_functions') IS NULL THEN ''"
		" ELSE (SELECT coalesce(max(f.digest), '') FROM ticketty.schema_functions f) END",
		0, NULL, err);
	return *digest ? 0 : err->code ? err->code : EX_SOFTWARE;
}

/* Defines every function of sql/functions/ again in one transaction and
 * records their digest: after any migration ran (one may have dropped a
 * function to change its result), or when the files changed. */
static int apply_functions(struct db *db, bool after_migrations, bool *done, struct tt_error *err)
{
	char *have = NULL;
	int rc;

	*done = false;
	if ((rc = db_begin(db, err)))
		return rc;
	if ((rc = begin_schema_change(db, err)) || (rc = functions_digest(db, &have, err)))
		goto fail;
	bool current = !strcmp(have, schema_functions_digest);
	free(have);
	if (current && !after_migrations) {
		db_rollback(db);
		return 0;
	}
	/* then the mail gateway's EXECUTE on exactly its functions
	 * (permissions.sql): once every file is applied, whichever file
	 * defines them */
	if ((rc = run_script(db, schema_functions_sql, err)) ||
	    (rc = run_script(db, "SELECT ticketty.mail_gateway_grant()", err))) {
		char *why = xasprintf("sql/functions: %s", err->message ? err->message : "");
		free(err->message);
		err->message = why;
		goto fail;
	}
	const char *params[1] = { schema_functions_digest };
	PGresult *res = db_exec(db, "DELETE FROM ticketty.schema_functions", 0, NULL, err);
	if (!res)
		goto fail;
	PQclear(res);
	res = db_exec(db, "INSERT INTO ticketty.schema_functions (digest) VALUES ($1)", 1, params, err);
	if (!res)
		goto fail;
	PQclear(res);
	if ((rc = db_commit(db, err)))
		return rc;
	*done = true;
	return 0;
fail:
	db_rollback(db);
	return err->code ? err->code : EX_SOFTWARE;
}

/* Applies one migration in its own transaction; the client waits as long
 * as the server works on it (the server's limits are off for it too). */
static int apply_one(struct db *db, const struct migration *m, int *applied, struct tt_error *err)
{
	db_allow_long_statements(db, true);
	int rc = apply_in_transaction(db, m, applied, err);
	db_allow_long_statements(db, false);
	return rc;
}

/* The known migration versions as an int[] literal, "{1,2,5,...}". */
static void known_versions(struct strbuf *list)
{
	sb_addc(list, '{');
	for (size_t i = 0; i < migrations_count; i++)
		sb_addf(list, "%s%d", i ? "," : "", migrations[i].version);
	sb_addc(list, '}');
}

/* The migrations folded into the baseline (sql/README): a database that
 * records one was made before it. */
#define FOLDED_VERSIONS "{31,41}"

/* A database migrated by a pre-release build, before the migrations were
 * folded into the baseline (each table and function defined once; the one
 * clock tt_now()), cannot be brought forward in place: it lacks tt_now(),
 * or records a migration folded since (031, 041 into 030, 040). Say so
 * instead of half-upgrading. */
static int refuse_pre_baseline(struct db *db, int current, struct tt_error *err)
{
	if (current == 0)
		return 0;
	const char *params[1] = { FOLDED_VERSIONS };
	char *ok = db_scalar(db,
		"SELECT to_regprocedure('ticketty.tt_now()') IS NOT NULL"
		"   AND NOT EXISTS (SELECT 1 FROM ticketty.schema_migrations m WHERE m.version = ANY ($1::int[]))",
		1, params, err);
	if (!ok)
		return err->code ? err->code : EX_SOFTWARE;
	bool baseline = ok[0] == 't';
	free(ok);
	if (baseline)
		return 0;
	return tt_error_set(err, EX_UNAVAILABLE,
		_("the database was made by a pre-release ticketty, before the schema baseline, "
		  "and cannot be upgraded in place: create a new database and run "
		  "'ticketty db migrate' (ticketty's private cluster: 'ticketty local stop', then remove the data directory 'ticketty local status' names)"));
}

/* The migrations up to 921 were written before the functions moved to
 * sql/functions/ (930): each replaced functions whole, and they now hold
 * only their tables, data and the first definition of each function, in
 * its final form. A database that has some of them and not others was
 * migrated part way by an older ticketty (this one makes schema_functions
 * with its first migration, so a fresh migration it was interrupted in is
 * not one); applying the rest would skip the function changes their data
 * steps were written against. It is brought to 921 by a ticketty of that
 * schema first. */
#define FUNCTIONS_MOVED_AFTER 921

static int refuse_part_way(struct db *db, int current, struct tt_error *err)
{
	if (current == 0)
		return 0;
	struct strbuf list;
	sb_init(&list);
	sb_addc(&list, '{');
	size_t n = 0;
	for (size_t i = 0; i < migrations_count; i++)
		if (migrations[i].version <= FUNCTIONS_MOVED_AFTER)
			sb_addf(&list, "%s%d", n++ ? "," : "", migrations[i].version);
	sb_addc(&list, '}');
	const char *params[1] = { list.buf };
	char *lacks = db_scalar(db,
		"SELECT CASE WHEN pg_catalog.to_regclass('ticketty.schema_functions') IS NOT NULL THEN 0"
		" ELSE (SELECT count(*) FROM unnest($1::int[]) AS old(v)"
		"       WHERE v NOT IN (SELECT version FROM ticketty.schema_migrations)) END",
		1, params, err);
	sb_done(&list);
	if (!lacks)
		return err->code ? err->code : EX_SOFTWARE;
	int missing = atoi(lacks);
	free(lacks);
	if (!missing)
		return 0;
	return tt_error_set(err, EX_UNAVAILABLE,
		_("the database was migrated part way (schema %d, %d older migrations missing) by a "
		  "ticketty from before schema 930: first run 'ticketty db migrate' with a ticketty "
		  "whose --version says schema %d, then with this one"),
		current, missing, FUNCTIONS_MOVED_AFTER);
}

/* A migration this binary does not have (nor folded into the baseline)
 * below its newest (a newer one is refused before): another build of
 * ticketty, one with a migration this one lacks, migrated the database.
 * Applying this binary's migrations around it could undo what it did;
 * say which, the lowest. */
static int refuse_unknown(struct db *db, int current, struct tt_error *err)
{
	if (current == 0)
		return 0;
	struct strbuf list;
	sb_init(&list);
	known_versions(&list);
	const char *params[2] = { list.buf, FOLDED_VERSIONS };
	char *v = db_scalar(db,
		"SELECT coalesce(min(m.version), 0) FROM ticketty.schema_migrations m"
		" WHERE m.version <> ALL ($1::int[]) AND m.version <> ALL ($2::int[])",
		2, params, err);
	sb_done(&list);
	if (!v)
		return err->code ? err->code : EX_SOFTWARE;
	int unknown = atoi(v);
	free(v);
	if (!unknown)
		return 0;
	return tt_error_set(err, EX_UNAVAILABLE,
		_("the database records migration %d, which this ticketty does not have: another build "
		  "of ticketty migrated it; use that build (or a newer release that includes it)"), unknown);
}

int migrate_need_owner(struct db *db, const char *action, struct tt_error *err)
{
	/* the role that owns schema ticketty, or the database's owner while
	 * there is no schema yet (whoever migrates it first owns it) */
	PGresult *res = db_query(db,
		"SELECT coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user), false)"
		"       OR pg_catalog.pg_has_role(o.owner, 'MEMBER'),"
		"       pg_catalog.pg_get_userbyid(o.owner), current_user"
		"  FROM (SELECT coalesce((SELECT n.nspowner FROM pg_catalog.pg_namespace n WHERE n.nspname = 'ticketty'),"
		"                        (SELECT d.datdba FROM pg_catalog.pg_database d"
		"                          WHERE d.datname = pg_catalog.current_database())) AS owner) o",
		0, NULL, err);
	if (!res)
		return err->code ? err->code : EX_SOFTWARE;
	int rc = 0;
	if (PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 0), "t"))
		/* TRANSLATORS: the first %s is what needs the owner ("migrate
		 * the schema", "load demo data"), the second the owner's login,
		 * the third the login connected. */
		rc = tt_error_set(err, EX_NOPERM,
				  _("only the database's owner or a superuser may %s: connect as %s "
				    "(this session is %s)"),
				  action, PQgetvalue(res, 0, 1), PQgetvalue(res, 0, 2));
	PQclear(res);
	return rc;
}

int migrate_apply(struct db *db, int *applied, bool *functions, struct tt_error *err)
{
	int current, rc;
	bool redefined = false;

	*applied = 0;
	if (functions)
		*functions = false;
	if ((rc = migrate_need_owner(db, _("migrate the schema"), err)))
		return rc;
	if ((rc = migrate_current(db, &current, err)))
		return rc;
	if (current > migrate_latest_known())
		return migrate_check(db, err);
	if ((rc = refuse_pre_baseline(db, current, err)))
		return rc;
	if ((rc = refuse_unknown(db, current, err)))
		return rc;
	if ((rc = refuse_part_way(db, current, err)))
		return rc;
	/* every known migration not recorded yet, in order: a lower number
	 * added after a higher one was applied is applied too */
	for (size_t i = 0; i < migrations_count; i++) {
		if ((rc = apply_one(db, &migrations[i], applied, err)))
			return rc;
	}
	db_allow_long_statements(db, true);
	rc = apply_functions(db, *applied > 0, &redefined, err);
	db_allow_long_statements(db, false);
	if (rc)
		return rc;
	if (functions)
		*functions = redefined;
	/* Statistics for the tables a migration created: a small table (one
	 * calendar, eleven holiday rules) changes too little for autovacuum
	 * ever to analyse it, and without statistics the planner takes it
	 * for hundreds of rows. Only ticketty's tables never analysed
	 * (reltuples -1): a new migration on a desk of millions of tickets
	 * does not read them all again. */
	if (*applied) {
		PGresult *res = db_exec(db,
			"DO $$ DECLARE r record; BEGIN"
			"  FOR r IN SELECT c.oid::regclass AS t FROM pg_class c"
			"            WHERE c.relnamespace = 'ticketty'::regnamespace"
			"              AND c.relkind IN ('r', 'p') AND c.reltuples < 0"
			"  LOOP EXECUTE format('ANALYZE %s', r.t); END LOOP;"
			" END $$", 0, NULL, err);
		if (!res)
			return err->code ? err->code : EX_SOFTWARE;
		PQclear(res);
	}
	return 0;
}

bool migrate_versions_current(const char *versions)
{
	if (!versions || *versions != '{')
		return false;
	int latest = migrate_latest_known();
	size_t n = 0;
	int *have = xcalloc(migrations_count + 1, sizeof(*have));
	const char *p = versions + 1;
	bool ok = true;
	while (ok && *p && *p != '}') {
		char *end;
		long v = strtol(p, &end, 10);
		bool known = false;
		for (size_t i = 0; i < migrations_count && !known; i++)
			known = migrations[i].version == v;
		/* a version this binary does not know (newer, or folded into the
		 * baseline) goes to the detailed checks, which name it */
		if (end == p || v > latest || !known || n >= migrations_count)
			ok = false;
		else
			have[n++] = (int)v;
		p = *end == ',' ? end + 1 : end;
	}
	for (size_t i = 0; ok && i < migrations_count; i++) {
		bool found = false;
		for (size_t j = 0; j < n && !found; j++)
			found = have[j] == migrations[i].version;
		ok = found;
	}
	free(have);
	return ok;
}

/* How many of the migrations this binary knows the database lacks. */
static int count_missing(struct db *db, int *missing, struct tt_error *err)
{
	struct strbuf list;
	sb_init(&list);
	known_versions(&list);
	const char *params[1] = { list.buf };
	char *n = db_scalar(db,
		"SELECT count(*) FROM unnest($1::int[]) AS known(v)"
		" WHERE v NOT IN (SELECT version FROM ticketty.schema_migrations)", 1, params, err);
	sb_done(&list);
	if (!n)
		return err->code ? err->code : EX_SOFTWARE;
	*missing = atoi(n);
	free(n);
	return 0;
}

int migrate_check_state(struct db *db, struct schema_state *st, struct tt_error *err)
{
	int current, rc;
	int known = migrate_latest_known();

	memset(st, 0, sizeof(*st));
	st->known = known;
	if ((rc = migrate_current(db, &current, err)))
		return rc;
	st->current = current;
	if (current > known) {
		st->gap = SCHEMA_NEWER;
		return tt_error_set(err, EX_UNAVAILABLE,
			_("this ticketty is older than the database (schema %d, this program knows %d): "
			  "install the new version of ticketty"), current, known);
	}
	if ((rc = refuse_pre_baseline(db, current, err))) {
		if (rc == EX_UNAVAILABLE)
			st->gap = SCHEMA_PRE_BASELINE;
		return rc;
	}
	/* a migration this binary lacks: the database is ahead of it */
	if ((rc = refuse_unknown(db, current, err))) {
		if (rc == EX_UNAVAILABLE)
			st->gap = SCHEMA_NEWER;
		return rc;
	}
	if ((rc = refuse_part_way(db, current, err))) {
		if (rc == EX_UNAVAILABLE)
			st->gap = SCHEMA_PRE_BASELINE;
		return rc;
	}
	int missing = 0;
	if (current > 0 && (rc = count_missing(db, &missing, err)))
		return rc;
	st->missing = missing;
	if (missing && current >= known) {
		st->gap = SCHEMA_OLDER;
		return tt_error_set(err, EX_UNAVAILABLE,
			ngettext("the database lacks %d migration this ticketty needs: "
				 "run 'ticketty db migrate' first",
				 "the database lacks %d migrations this ticketty needs: "
				 "run 'ticketty db migrate' first", missing), missing);
	}
	if (current < known) {
		st->gap = SCHEMA_OLDER;
		return tt_error_set(err, EX_UNAVAILABLE,
			_("the database schema is version %d but this ticketty needs %d: "
			  "run 'ticketty db migrate' first"), current, known);
	}
	char *digest = NULL;
	if ((rc = functions_digest(db, &digest, err)))
		return rc;
	bool same = !strcmp(digest, schema_functions_digest);
	free(digest);
	if (!same) {
		st->gap = SCHEMA_FUNCTIONS;
		return tt_error_set(err, EX_UNAVAILABLE,
			_("the database's SQL functions are not this ticketty's (it was migrated by "
			  "another build): run 'ticketty db migrate' with the newest ticketty"));
	}
	return 0;
}

bool migrate_functions_current(const char *digest)
{
	return digest && !strcmp(digest, schema_functions_digest);
}

int migrate_check(struct db *db, struct tt_error *err)
{
	struct schema_state st;
	return migrate_check_state(db, &st, err);
}
