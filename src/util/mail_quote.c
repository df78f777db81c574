/* Finding the quoted history at the end of a customer's mail (see
 * util/mail_quote.h). Line by line over the text as stored: LF line
 * ends, valid UTF-8; the words compared are ASCII or exact UTF-8. */
#include "util/mail_quote.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/xalloc.h"

struct line {
	const char *s;   /* the line, without its LF */
	size_t len;
};

/* The line without the blanks around it (spaces, tabs, CR). */
static struct line trim(struct line l)
{
	while (l.len && (*l.s == ' ' || *l.s == '\t')) {
		l.s++;
		l.len--;
	}
	while (l.len && (l.s[l.len - 1] == ' ' || l.s[l.len - 1] == '\t' || l.s[l.len - 1] == '\r'))
		l.len--;
	return l;
}

static bool blank(struct line l)
{
	return trim(l).len == 0;
}

static bool quoted(struct line l)
{
	l = trim(l);
	return l.len && *l.s == '>';
}

static bool starts_with(struct line l, const char *word)
{
	size_t n = strlen(word);
	return l.len >= n && strncasecmp(l.s, word, n) == 0;
}

static bool ends_with(struct line l, const char *word)
{
	size_t n = strlen(word);
	return l.len >= n && strncasecmp(l.s + l.len - n, word, n) == 0;
}

static bool contains(struct line l, const char *word)
{
	size_t n = strlen(word);
	for (size_t i = 0; i + n <= l.len; i++)
		if (strncasecmp(l.s + i, word, n) == 0)
			return true;
	return false;
}

static bool any_start(struct line l, const char *const *words)
{
	for (; *words; words++)
		if (starts_with(l, *words))
			return true;
	return false;
}

/* "On Tue, 1 Dec 2026, Client Services <desk@example.com> wrote:" and
 * its kin in the languages a desk's customers write. */
static const char *const attribution_ends[] = {
	"wrote:", "escribi\xc3\xb3:", "escribio:", "a \xc3\xa9" "crit :", "a \xc3\xa9" "crit:",
	"schrieb:", "ha scritto:", "escreveu:", "skrev:", "schreef:", NULL,
};
/* The words such a line opens with, when a client wrapped it. */
static const char *const attribution_opens[] = { "On ", "El ", "Le ", "Am ", "Il ", "Em ", "Op ", "Den ", NULL };

static bool attribution_end(struct line l)
{
	l = trim(l);
	for (const char *const *w = attribution_ends; *w; w++)
		if (ends_with(l, *w))
			return true;
	return false;
}

/* Outlook's header block of the mail it quotes. */
static const char *const from_words[] = { "From:", "De:", "*From:*", "*De:*", NULL };
static const char *const sent_words[] = { "Sent:", "Date:", "Enviado:", "Enviado el:", "Fecha:",
					  "*Sent:*", "*Date:*", "*Enviado:*", "*Fecha:*", NULL };
static const char *const subject_words[] = { "Subject:", "Asunto:", "*Subject:*", "*Asunto:*", NULL };

/* Line i opens a quoted mail of the ticket's own thread as Outlook
 * writes it: a "-----Original Message-----" line or a rule of
 * underscores before From:, or From: itself, with Sent: (or Date:) and a
 * Subject: that carries the [#ID] tag in the lines that follow. Without
 * the tag it is a mail forwarded inline: the customer's news, not history. */
static bool outlook_at(const struct line *lines, size_t n, size_t i)
{
	struct line l = trim(lines[i]);
	bool rule = l.len >= 10 && strspn(l.s, "_") >= l.len;
	bool separator = starts_with(l, "-----") &&
			 (contains(l, "Original Message") || contains(l, "Mensaje original"));
	size_t from = i;
	if (rule || separator) {
		for (from = i + 1; from < n && from <= i + 2; from++)
			if (any_start(trim(lines[from]), from_words))
				break;
		if (from >= n || from > i + 2)
			return false;
	} else if (!any_start(l, from_words)) {
		return false;
	}
	bool sent = false, tagged = false;
	for (size_t j = from + 1; j < n && j <= from + 5; j++) {
		struct line k = trim(lines[j]);
		sent = sent || any_start(k, sent_words);
		tagged = tagged || (any_start(k, subject_words) && contains(k, "[#"));
	}
	return sent && tagged;
}

/* Where a run of ">" lines to the end of the text starts, with the
 * attribution above it (up to two lines of it when a client wrapped it);
 * n when the last words are not quoted. */
static size_t trailing_quote(const struct line *lines, size_t n)
{
	size_t k = n;
	while (k > 0 && blank(lines[k - 1]))
		k--;
	if (k == 0 || !quoted(lines[k - 1]))
		return n;
	while (k > 0 && (quoted(lines[k - 1]) || blank(lines[k - 1])))
		k--;
	/* k is the block's first line, blank lines above it included */
	size_t a = k;
	while (a < n && blank(lines[a]))
		a++;
	if (k == 0 || !attribution_end(lines[k - 1]))
		return a;
	size_t cut = k - 1;
	if (!any_start(trim(lines[cut]), attribution_opens))
		for (size_t up = 1; up <= 2 && cut >= up && !blank(lines[cut - up]) && !quoted(lines[cut - up]); up++)
			if (any_start(trim(lines[cut - up]), attribution_opens)) {
				cut -= up;
				break;
			}
	return cut;
}

bool mail_quote_find(const char *text, struct mail_quote *q)
{
	if (!text || !*text)
		return false;
	size_t n = 0, cap = 16;
	struct line *lines = xmalloc(cap * sizeof(*lines));
	for (const char *s = text; *s;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		if (n == cap)
			lines = xrealloc(lines, (cap *= 2) * sizeof(*lines));
		lines[n++] = (struct line){ s, len };
		s += len + (nl ? 1 : 0);
	}
	/* the first Outlook block after words of the customer's own, or the
	 * trailing ">" block, whichever starts first */
	size_t cut = trailing_quote(lines, n);
	size_t words = 0;   /* non-blank lines seen before i */
	for (size_t i = 0; i < cut; i++) {
		if (words && outlook_at(lines, n, i)) {
			cut = i;
			break;
		}
		words += !blank(lines[i]);
	}
	bool found = false;
	size_t last = n;   /* the history's last non-blank line */
	while (last > cut && blank(lines[last - 1]))
		last--;
	size_t mine = cut; /* the new words' end */
	while (mine > 0 && blank(lines[mine - 1]))
		mine--;
	/* a fold that saves room, below words of the customer's own */
	if (cut < n && mine > 0 && last - cut >= 2) {
		q->start = (size_t)(lines[cut].s - text);
		struct line end = trim(lines[mine - 1]);
		q->end = (size_t)(end.s - text) + end.len;
		q->lines = (int)(last - cut);
		found = true;
	}
	free(lines);
	return found;
}
