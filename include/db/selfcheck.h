/* The security self-check: runs ticketty.security_violations() (sql/049),
 * which lists every way an agent could write other than through an API
 * function. `db migrate` and `db version` run it after their own work. */
#ifndef TICKETTY_DB_SELFCHECK_H
#define TICKETTY_DB_SELFCHECK_H

#include <stdbool.h>

#include "db/session.h"
#include "util/error.h"

/* *ran is false (and 0 returned) when this login may not run the check
 * (agents: it is owner-only) or the schema predates it. Else 0 when the
 * database is sound, or EX_CONFIG with err->message counting the problems
 * and err->detail listing them, one "object: problem" line each,
 * sanitised for the terminal. Other failures return their exit code. */
int selfcheck_run(struct db *db, bool *ran, struct tt_error *err);

#endif
