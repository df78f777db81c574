/* The model's own face of the ticket reads as pipeline statements (model/
 * only: it brings libpq types through db/conn.h): each read's statement
 * and the function that turns its result into the record, so one round
 * trip can carry several of them (ticket_load). */
#ifndef TICKETTY_MODEL_TICKET_ROWS_H
#define TICKETTY_MODEL_TICKET_ROWS_H

#include "db/conn.h"
#include "model/inbox.h"
#include "model/ticket.h"

/* The parameters of one timeline page, kept alive while the statement runs. */
struct timeline_args {
	char id[24], source[4], cursor[24], limit[16];
	const char *p[5];
};
/* Fills *s with the prepared statement of the page after `after` (NULL =
 * the start) of up to `limit` entries; `a` holds its parameters. */
void timeline_stmt(struct timeline_args *a, long long id, const struct timeline_cursor *after,
		   int limit, struct db_stmt *s);
/* The page from that statement's result (not cleared here). */
void timeline_fill(const PGresult *r, const struct timeline_cursor *after, int limit,
		   struct timeline_page *page);

/* The select list of one timeline entry from a row x (at, src, id, kind,
 * actor, body, event, version, details) joined to its actor a (agents),
 * columns 0 to 28; timeline_entry_fill reads them from row i, and
 * timeline_entry_done frees what it filled. */
extern const char timeline_columns_sql[];
/* Whether event row `v` is a timeline entry of its own: a note's or a
 * reply's event, and a file's sent or kept with a message, only restate
 * the message shown right there (its line says its version, its files
 * are listed with it), so the timeline and its count leave them out. */
#define TIMELINE_EVENT_SHOWN(v) \
	"NOT (" v ".kind IN ('note', 'reply', 'file_noted', 'file_sent') AND " v ".details ? 'comment')"
#define TIMELINE_COLUMN_COUNT 29
void timeline_entry_fill(struct timeline_entry *e, const PGresult *r, int i);
void timeline_entry_done(struct timeline_entry *e);

/* The attachments of ticket $1 (text), id order, and the list from them. */
extern const char attachment_list_sql[];
void attachment_list_fill(const PGresult *r, struct attachment_list *out);

#endif
