/* Fitting a status message to its line (see ui/status_fit.h). */
#include "ui/status_fit.h"

#include <stdbool.h>
#include <string.h>

#include "util/text.h"

/* s without its asides: each " (...)" with balanced parentheses, as long
 * as something is left before it. */
static void drop_asides(struct strbuf *out, const char *s)
{
	const char *p = s;
	while (*p) {
		const char *open = strstr(p, " (");
		if (!open) {
			sb_add(out, p);
			return;
		}
		int depth = 0;
		const char *q = open + 1;
		for (; *q; q++) {
			if (*q == '(')
				depth++;
			else if (*q == ')' && --depth == 0)
				break;
		}
		if (!*q || open == s) {
			/* unbalanced, or nothing before it: kept as it is */
			sb_addn(out, p, (size_t)(open + 2 - p));
			p = open + 2;
			continue;
		}
		sb_addn(out, p, (size_t)(open - p));
		p = q + 1;
	}
}

/* The ')' that closes the '(' at `open`, or NULL. */
static char *matching_paren(char *open)
{
	int depth = 0;
	for (char *q = open; *q; q++)
		if (*q == '(')
			depth++;
		else if (*q == ')' && --depth == 0)
			return q;
	return NULL;
}

static void add_more(struct strbuf *out, const char *more, int room)
{
	if (more && text_width(out->buf) + text_width(more) <= room)
		sb_add(out, more);
}

/* The least of a field's reason a cut keeps (cells, or the whole reason
 * when shorter), and the least it keeps beside the pointer to :messages. */
#define REASON_HEAD 12
#define REASON_HEAD_WITH_MORE 20
#define MAX_CLAUSES 32

/* A field's refusal, "name: reason" (tt_field_error_words): a name of a
 * few words (a key such as object_ids or a label such as "Object IDs")
 * before the first ": ". Returns the bytes of "name: ", or 0. */
static size_t field_name_len(const char *c)
{
	const char *colon = strstr(c, ": ");
	if (!colon || colon == c || text_width_n(c, (size_t)(colon - c)) > 32)
		return 0;
	int words = 1;
	for (const char *p = c; p < colon; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch == ' ' && ++words > 4)
			return 0;
		if (ch < 0x80 && ch != ' ' && ch != '_' && ch != '-' && ch != '.' &&
		    !(ch >= '0' && ch <= '9') && !((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'))
			return 0;
	}
	return (size_t)(colon + 2 - c);
}

/* The cells a cut of field clause `c` (name `nl` bytes) must keep. */
static int field_least(const char *c, size_t nl, int head)
{
	int rw = text_width(c + nl);
	return text_width_n(c, nl) + (rw < head ? rw : head);
}

/* Appends clause `c` cut to `width` cells, ending in an ellipsis, at a
 * word's end when that keeps `least` cells. */
static void cut_clause(struct strbuf *out, const char *c, int width, int least, int flags)
{
	struct strbuf cut;
	sb_init(&cut);
	text_fit(&cut, c, width, flags);
	/* text_fit ends its cut in an ellipsis, maybe after a pad */
	const char *ellipsis = (flags & TEXT_ASCII) ? "~" : "\xe2\x80\xa6";
	size_t el = strlen(ellipsis);
	if (cut.len >= el && !strcmp(cut.buf + cut.len - el, ellipsis)) {
		cut.len -= el;
		cut.buf[cut.len] = '\0';
		size_t keep = cut.len;
		/* mid-word: back to the last space, if enough is left */
		if (keep < strlen(c) && c[keep] != ' ') {
			char *sp = strrchr(cut.buf, ' ');
			if (sp && text_width_n(cut.buf, (size_t)(sp - cut.buf)) >= least)
				keep = (size_t)(sp - cut.buf);
		}
		while (keep > 0 && cut.buf[keep - 1] == ' ')
			keep--;
		cut.len = keep;
		cut.buf[keep] = '\0';
		sb_add(&cut, ellipsis);
	}
	sb_add(out, cut.buf);
	sb_done(&cut);
}

/* Tries the clauses before a field's refusal (`lead`, "" for none) and
 * that refusal `c` cut to the room left: its name and the head of its
 * reason stay, and the pointer to :messages when the reason keeps
 * REASON_HEAD_WITH_MORE cells beside it. False when even REASON_HEAD
 * cells do not fit. */
static bool fit_field(struct strbuf *out, const char *lead, const char *c, int room, const char *more,
		      int flags)
{
	size_t nl = field_name_len(c);
	const char *sep = *lead ? "; " : "";
	int left = room - text_width(lead) - text_width(sep);
	if (!nl || left <= 0)
		return false;
	if (text_width(c) <= left) {
		sb_addf(out, "%s%s%s", lead, sep, c);
		add_more(out, more, room);
		return true;
	}
	int mw = more ? text_width(more) : 0;
	bool with_more = more && left - mw - 1 >= field_least(c, nl, REASON_HEAD_WITH_MORE);
	int width = with_more ? left - mw : left;
	if (width - 1 < field_least(c, nl, REASON_HEAD))
		return false;
	sb_addf(out, "%s%s", lead, sep);
	cut_clause(out, c, width, field_least(c, nl, REASON_HEAD), flags);
	if (with_more)
		sb_add(out, more);
	return true;
}

void status_fit(struct strbuf *out, const char *msg, int room, const char *more, int flags)
{
	struct strbuf clean, brief;
	size_t start = out->len;

	if (room <= 0)
		return;
	sb_init(&clean);
	sb_init(&brief);
	text_sanitize(&clean, msg ? msg : "", strlen(msg ? msg : ""), flags);
	if (text_width(clean.buf) <= room) {
		sb_add(out, clean.buf);
		goto done;
	}
	drop_asides(&brief, clean.buf);
	if (text_width(brief.buf) <= room) {
		sb_add(out, brief.buf);
		add_more(out, more, room);
		goto done;
	}
	/* the clauses: split at each ';' outside balanced parentheses
	 * (clause[i] starts after its separator's spaces) */
	char *clause[MAX_CLAUSES];
	int n = 1;
	clause[0] = brief.buf;
	for (char *p = brief.buf; *p && n < MAX_CLAUSES; p++) {
		if (*p == '(') {
			char *close = matching_paren(p);
			if (close)
				p = close;
		} else if (*p == ';') {
			*p = '\0';
			clause[n] = p + 1;
			while (*clause[n] == ' ')
				clause[n]++;
			n++;
		}
	}
	/* the refusal the message is about: the first field's ("field:
	 * reason") after the first clause */
	int field = 0;
	for (int i = 1; i < n && !field; i++)
		if (field_name_len(clause[i]))
			field = i;
	/* the clauses after the first give way, from the last, while one is
	 * left; a field's refusal is cut rather than dropped (its name and
	 * the head of its reason), with the clauses before it or after the
	 * first alone; the pointer to :messages when there is room for it */
	struct strbuf lead;
	sb_init(&lead);
	for (int keep = n - 1; keep >= 1; keep--) {
		sb_reset(&lead);
		for (int i = 0; i < keep; i++)
			sb_addf(&lead, "%s%s", i ? "; " : "", clause[i]);
		if (keep == field && (fit_field(out, lead.buf, clause[field], room, more, flags) ||
				      (field > 1 && fit_field(out, clause[0], clause[field], room, more, flags)))) {
			sb_done(&lead);
			goto done;
		}
		if (text_width(lead.buf) <= room) {
			sb_add(out, lead.buf);
			add_more(out, more, room);
			sb_done(&lead);
			goto done;
		}
	}
	sb_done(&lead);
	/* the first clause alone is too long: its end is cut; the pointer
	 * after it, unless a field's name and the head of its reason need
	 * that room (a field's reason is cut at a word's end) */
	int mw = more ? text_width(more) : 0;
	size_t nl = field_name_len(clause[0]);
	int least = nl ? field_least(clause[0], nl, REASON_HEAD) : 0;
	bool with_more = more && room > mw + 10 && room - mw - 1 >= least;
	int width = with_more ? room - mw : room;
	if (nl)
		cut_clause(out, clause[0], width, least, flags);
	else
		text_fit(out, clause[0], width, flags);
	if (with_more)
		sb_add(out, more);
	/* text_fit pads: a status message is not */
	while (out->len > start && out->buf[out->len - 1] == ' ')
		out->len--;
	out->buf[out->len] = '\0';
done:
	sb_done(&clean);
	sb_done(&brief);
}
