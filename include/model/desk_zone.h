/* The time zone the desk works in: the default business calendar's.
 * Every instant on screen and in the CLI is shown in it, unless the
 * agent set their own (config ui.timezone). */
#ifndef TICKETTY_MODEL_DESK_ZONE_H
#define TICKETTY_MODEL_DESK_ZONE_H

#include "util/error.h"

struct db;

/* *zone (caller frees): the default calendar's IANA zone name, NULL when
 * there is no default calendar. Returns 0 or the database's code. */
int desk_zone_load(struct db *db, char **zone, struct tt_error *err);

#endif
