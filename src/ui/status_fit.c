/* Fitting a status message to its line (see ui/status_fit.h). */
#include "ui/status_fit.h"

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

static void add_more(struct strbuf *out, const char *more, int room)
{
	if (more && text_width(out->buf) + text_width(more) <= room)
		sb_add(out, more);
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
	/* the clauses after the first, from the last, while one is left;
	 * the pointer to :messages when there is room for it too */
	for (char *semi = strrchr(brief.buf, ';'); semi; semi = strrchr(brief.buf, ';')) {
		*semi = '\0';
		brief.len = (size_t)(semi - brief.buf);
		if (text_width(brief.buf) <= room) {
			sb_add(out, brief.buf);
			add_more(out, more, room);
			goto done;
		}
	}
	/* the first clause alone is too long: its end is cut */
	int mw = more ? text_width(more) : 0;
	if (more && room > mw + 10) {
		text_fit(out, brief.buf, room - mw, flags);
		sb_add(out, more);
	} else {
		text_fit(out, brief.buf, room, flags);
	}
	/* text_fit pads: a status message is not */
	while (out->len > start && out->buf[out->len - 1] == ' ')
		out->len--;
	out->buf[out->len] = '\0';
done:
	sb_done(&clean);
	sb_done(&brief);
}
