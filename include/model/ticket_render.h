/* The ticket as text, written once for the CLI (`ticket show`) and the
 * TUI (the ticket view): lines with a style each, handed to a sink. The
 * deadline figures are counted at a given instant of the database's
 * clock (never the client's); the sink hears of each deadline line so it
 * can count it down (ticket_render_deadline). Lines hold database text
 * untouched: the sink sanitises (text_sanitize) before showing them. */
#ifndef TICKETTY_MODEL_TICKET_RENDER_H
#define TICKETTY_MODEL_TICKET_RENDER_H

#include <stdbool.h>
#include <time.h>

#include "model/ticket.h"
#include "util/duration.h"
#include "util/strbuf.h"

enum tr_style { TR_NORMAL, TR_HEADER, TR_DIM, TR_SLA_BREACHED, TR_SEV1, TR_INTERNAL };

/* One deadline line: enough to write it again at a later instant. */
struct tr_deadline {
	const char *label;     /* translated, static */
	time_t due, done;      /* done 0 while pending */
	long long due_us;      /* the due instant exactly (µs since the epoch) */
	const char *outcome;   /* "met" | "missed" (in the ticket_detail), NULL while pending */
	bool paused;           /* the clock stands (waiting on the customer) */
	/* the figure on the deadline's own clock, in words (util/duration.h):
	 * round the clock it is the time to due_us; on a business clock it is
	 * left_s at read_us, less the opening hours [opens_us, closes_us)
	 * passed since (exact until closes_us: the view reads again at the
	 * deadline) */
	enum duration_clock clock;
	long day_secs;         /* one business day of the ticket's calendar (0: unknown) */
	bool have_left;        /* left_s is known (else the business figure is the wall time) */
	long long left_s;      /* seconds left on its clock at read_us (negative: overdue) */
	long long read_us;     /* the database's clock at the read */
	long long opens_us, closes_us; /* the calendar's opening at or after the read (0: none) */
};

struct tr_sink {
	/* a line (may hold line breaks: blocks of text, indented) */
	void (*line)(void *arg, const char *text, enum tr_style style);
	/* a line that stays one row: cut at the width (marked), never
	 * wrapped (NULL: written as a line) */
	void (*row)(void *arg, const char *text, enum tr_style style);
	/* the next line is this deadline's (may be NULL) */
	void (*deadline)(void *arg, const struct tr_deadline *d, const char *text);
	void *arg;
	/* a customer's mail shows its own words and folds the quoted earlier
	 * mail below them (util/mail_quote.h) into one line that says how
	 * many lines it holds and quoted_hint (how to show them; may be
	 * NULL); show_quoted shows them, dim */
	bool show_quoted;
	const char *quoted_hint;
	/* where the customer's other tickets are all listed, said after
	 * "3 more tickets" when the ticket shows only the first ones ("press
	 * h", "ticketty ticket history 12"; may be NULL) */
	const char *history_hint;
	/* the header names the ticket's version and each timeline entry the
	 * version it made ("[v3]"): the CLI's `ticket show`, whose changes
	 * take --version. The TUI leaves the counter out: it means nothing
	 * to a support engineer there (a stale change says what happened). */
	bool show_versions;
};

/* The header, deadlines (figures at now_us, the database's clock),
 * escalation chain, intake fields and the customer's other tickets
 * (when the ticket was read with them, ticket_load). */
void ticket_render_detail(const struct tr_sink *sink, const struct ticket_detail *t, long long now_us);
/* One timeline entry (a reply, an internal note marked as such, an event). */
void ticket_render_entry(const struct tr_sink *sink, const struct timeline_entry *e);
/* n entries in order, as ticket_render_entry does each (the words they
 * share translated once, one buffer for all). */
void ticket_render_entries(const struct tr_sink *sink, const struct timeline_entry *e, size_t n);
/* A deadline's first line at now_us into row (replaced), and its style. */
void ticket_render_deadline(struct strbuf *row, const struct tr_deadline *d, long long now_us,
			    enum tr_style *style);

#endif
