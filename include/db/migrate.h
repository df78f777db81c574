/* Schema migrations: the numbered files of sql/ are compiled into the
 * binary; this module applies the missing ones, one transaction each,
 * and refuses a database whose schema is newer than this client. */
#ifndef TICKETTY_DB_MIGRATE_H
#define TICKETTY_DB_MIGRATE_H

#include <stdbool.h>
#include <stddef.h>

#include "db/session.h"

struct migration {
	int version;
	const char *name;   /* file name without the number, e.g. "schema" */
	const char *sql;
};

/* Generated from the sql/ files at build time (build/gen/migrations.c):
 * the migrations, and the function files of sql/functions/ whole with the
 * SHA-256 of their text (sql/README). */
extern const struct migration migrations[];
extern const size_t migrations_count;
extern const char schema_functions_sql[];
extern const char schema_functions_digest[];

/* The newest version this binary knows. */
int migrate_latest_known(void);
/* The newest version recorded in the database (0 for an empty database). */
int migrate_current(struct db *db, int *version, struct tt_error *err);
/* Applies every missing migration in order (refused, 77, unless
 * migrate_need_owner passes), each in its own transaction
 * under an advisory lock, recording it in schema_migrations; then, when a
 * migration ran or the function files differ from those the database
 * has, defines every function again (one transaction, its digest recorded
 * in schema_functions). *applied receives how many migrations ran (0 when
 * none was missing); *functions (unless NULL), whether the functions were
 * defined again. */
int migrate_apply(struct db *db, int *applied, bool *functions, struct tt_error *err);
/* 0 when this session may change the schema and its tables: a superuser,
 * or a member of the role that owns schema ticketty (the database's owner
 * while there is none). Else EX_NOPERM (77) naming the owner and the
 * session's login, saying it may not `action` (translated words, such as
 * "migrate the schema"), before anything is tried: an agent's login got
 * the server's "permission denied for table tickets". */
int migrate_need_owner(struct db *db, const char *action, struct tt_error *err);
/* 0 when the schema is exactly what this binary knows; 69 with a clear
 * message when it is newer (upgrade ticketty) or older (run db migrate). */
int migrate_check(struct db *db, struct tt_error *err);

/* What migrate_check found: SCHEMA_OK, or a schema that trying again
 * cannot mend (unlike a network outage, which leaves gap SCHEMA_OK):
 * older than this binary (missing > 0 when it lacks migrations below
 * its newest), newer, made before the baseline (or partly migrated
 * before the functions moved to sql/functions/), or with function files
 * other than this binary's. */
enum schema_gap { SCHEMA_OK, SCHEMA_OLDER, SCHEMA_NEWER, SCHEMA_PRE_BASELINE,
		  SCHEMA_FUNCTIONS /* the function files differ: run db migrate */ };
struct schema_state {
	enum schema_gap gap;
	int current;    /* the database's newest version */
	int known;      /* this binary's newest version */
	int missing;    /* migrations this binary knows the database lacks */
};
/* migrate_check that also fills *st (always: SCHEMA_OK when the check
 * passed or failed for another reason, such as a lost connection). */
int migrate_check_state(struct db *db, struct schema_state *st, struct tt_error *err);

/* True when `versions`, the applied versions as PostgreSQL prints an
 * int[] ("{1,2,5}"), holds every migration this binary knows and none
 * newer: the fast path of the check on a fresh session (app.c), which
 * falls back to migrate_check() for the message when this is false. */
bool migrate_versions_current(const char *versions);
/* True when `digest` is the digest of this binary's function files. */
bool migrate_functions_current(const char *digest);
#endif
