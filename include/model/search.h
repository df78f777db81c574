/* Search, the customer's history, the intake form's duplicate hint and
 * links between tickets (DESIGN.md section 11; sql/070_search.sql,
 * sql/071_links.sql). Every list is one bounded query. */
#ifndef TICKETTY_MODEL_SEARCH_H
#define TICKETTY_MODEL_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

struct db;

/* Marks around a matched word in a snippet (never in the stored text:
 * the server removes them from the text before marking). */
#define SEARCH_MARK_START '\x02'
#define SEARCH_MARK_END '\x03'
#define SEARCH_MAX_ROWS 200

struct search_opts {
	const char *query;     /* websearch_to_tsquery syntax */
	bool all;              /* rank open and closed tickets together */
	const char *customer;  /* NULL = every customer; number, member ID or name */
	int limit;             /* 1..SEARCH_MAX_ROWS */
};

/* One ticket of a list: a search hit, a history entry or a duplicate. */
struct search_hit {
	long long id;
	bool open;
	char *status;       /* ticket_status key, owned */
	int severity;
	char *customer;     /* owned, "" in history and duplicates */
	char *title;        /* owned */
	char *created_at;   /* ISO 8601, owned */
	double rank;        /* search rank; title similarity for duplicates */
	char *snippet;      /* with SEARCH_MARK_START/END around matches; owned,
			     * the link kind in history ("" = none), the shared
			     * object IDs (comma-separated) for duplicates */
};

struct search_list {
	struct search_hit *hits;
	size_t n;
	bool more;          /* search: more tickets matched than were ranked, or
			     * (when none was found) only the newest were looked at */
};

void search_list_init(struct search_list *l);
void search_list_done(struct search_list *l);

/* Runs a search. 65 with the field `query` (no word, only exclusions,
 * too long) or `customer` (unknown, ambiguous) refused. */
int search_run(struct db *db, const struct search_opts *o, struct search_list *out,
	       struct tt_error *err);
/* The same search as the JSON document PostgreSQL builds (owned). */
int search_json(struct db *db, const struct search_opts *o, char **json, struct tt_error *err);

/* The customer's other tickets: open ones first, then closed, newest
 * first, at most `limit`; `snippet` holds the link kind to this ticket. */
int search_history(struct db *db, long long ticket, int limit, struct search_list *out,
		   struct tt_error *err);
/* The same list as JSON (owned). */
int search_history_json(struct db *db, long long ticket, int limit, char **json,
			struct tt_error *err);

/* 0 when `object_ids` (comma/space separated, may be "") is a list of
 * object IDs as intake takes them; else EX_DATAERR with intake's refusal
 * (field object_ids: which entry is no positive whole number). The
 * duplicate hint of the intake form leaves its field to the form's own
 * check; `ticket similar` asks here first. */
int search_check_object_ids(struct db *db, const char *object_ids, struct tt_error *err);

/* Likely duplicates of a ticket being filed: open tickets of `customer`
 * sharing one of `object_ids` (comma/space separated, may be "") or with
 * a similar title; at most `limit` (1..20). An entry that is no ID
 * matches nothing (search_check_object_ids refuses it). */
int search_duplicates(struct db *db, const char *customer, const char *title,
		      const char *object_ids, int limit, struct search_list *out,
		      struct tt_error *err);

/* The same list as JSON (owned). */
int search_duplicates_json(struct db *db, const char *customer, const char *title,
			   const char *object_ids, int limit, char **json, struct tt_error *err);

/* Links ticket `id` to `other` as "related" or "duplicate_of" (closing
 * `id` as a duplicate: see sql/071_links.sql); *new_version is that of
 * `id` afterwards. expected_version as in model/ticket.h. */
int search_link(struct db *db, long long id, long long other, const char *kind,
		int expected_version, int *new_version, struct tt_error *err);
/* Removes the link between two tickets; *removed is false when there was none. */
int search_unlink(struct db *db, long long id, long long other, bool *removed,
		  struct tt_error *err);
/* The same, refused (75, the changes since named) when ticket `id` is no
 * longer at expected_version (as in model/ticket.h; -1: no check). */
int search_unlink_at(struct db *db, long long id, long long other, int expected_version, bool *removed,
		     struct tt_error *err);

#endif
