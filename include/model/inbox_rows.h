/* The model's own face of the inbox reads (model/ only: it brings libpq
 * types through db/conn.h): the select list of one mail, the function
 * that turns its rows into items, and the reader check carried in the
 * same round trip as the readings (inbox.c, inbox_page.c). */
#ifndef TICKETTY_MODEL_INBOX_ROWS_H
#define TICKETTY_MODEL_INBOX_ROWS_H

#include <stdbool.h>

#include "db/conn.h"
#include "model/inbox.h"

/* The select list of one mail m (mail_inbound) and its customer cu
 * (customers, joined): columns 0 to 12 (the sender "Name <address>", or
 * whichever of the two the mail gave), the last its place in the
 * inbox's order (received_at in microseconds since the epoch). A
 * reading may add the text (13) and the notes kept with it (14). */
#define INBOX_ITEM_COLS \
	"m.id, to_char(m.received_at, 'YYYY-MM-DD\"T\"HH24:MI:SSOF'),"                      \
	" coalesce(CASE WHEN m.from_name IS NOT NULL AND m.from_address IS NOT NULL"       \
	"               THEN m.from_name || ' <' || m.from_address || '>'"                    \
	"               ELSE coalesce(m.from_address, m.from_name) END, ''),"                 \
	" coalesce(cu.name, ''), m.subject, m.state, coalesce(m.hold_reason, ''),"          \
	" coalesce((SELECT ct.name FROM ticketty.contacts ct WHERE ct.id = m.contact_id), ''),"  \
	" coalesce((SELECT ticketty.mail_delivery(o)"                                      \
	"             FROM ticketty.mail_outbox o WHERE o.inbound_id = m.id"                  \
	"            ORDER BY o.id DESC LIMIT 1), ''),"                                       \
	" coalesce((SELECT string_agg(a.filename, E'\\x1f' ORDER BY a.id)"                    \
	"             FROM ticketty.attachments a WHERE a.inbound_id = m.id), ''),"            \
	" coalesce(m.ticket_id, 0), coalesce(m.answers_id, 0),"                               \
	" (extract(epoch FROM m.received_at) * 1000000)::bigint"

/* The items of a result of INBOX_ITEM_COLS rows into `out` (its items
 * are replaced: empty it first), stored last-first when `reverse` (a
 * read in the reversed order); clears r. */
void inbox_items_fill(PGresult *r, bool reverse, struct inbox_list *out);
/* Frees what one item holds (not the item). */
void inbox_item_done(struct inbox_item *it);

/* The reader check (api_mail_reader, sql/320) then n readings (at most
 * INBOX_CHECKED_MAX), in one pipeline: a refusal aborts the readings and
 * is err's message. 0 with results[0..n-1] (the caller's to clear), or
 * the error code. */
#define INBOX_CHECKED_MAX 4
int inbox_checked_many(struct db *db, int n, const struct db_stmt *stmts, PGresult **results,
		       struct tt_error *err);

#endif
