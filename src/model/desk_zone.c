/* The desk's time zone: the default business calendar's. */
#include "model/desk_zone.h"

#include <stdlib.h>

#include "db/conn.h"
#include "util/xalloc.h"

int desk_zone_load(struct db *db, char **zone, struct tt_error *err)
{
	*zone = NULL;
	PGresult *r = db_query(db, "SELECT c.time_zone FROM ticketty.calendars c WHERE c.is_default",
			       0, NULL, err);
	if (!r)
		return err->code;
	if (PQntuples(r) == 1 && !PQgetisnull(r, 0, 0))
		*zone = xstrdup(PQgetvalue(r, 0, 0));
	PQclear(r);
	return 0;
}
