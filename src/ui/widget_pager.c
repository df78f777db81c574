/* The text pager (see ui/widgets/pager.h). */
#include "ui/widgets/pager.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/text.h"
#include "util/xalloc.h"

void pager_init(struct pager *p)
{
	memset(p, 0, sizeof(*p));
	p->match = -1;
	p->height = 1;
	p->width = 80;
}

static void free_lines(struct pager_line *l, int n)
{
	for (int i = 0; i < n; i++)
		free(l[i].text);
}

void pager_clear(struct pager *p)
{
	free_lines(p->src, p->nsrc);
	free_lines(p->lines, p->n);
	p->nsrc = p->n = 0;
	p->match = -1;
}

void pager_done(struct pager *p)
{
	pager_clear(p);
	free(p->src);
	free(p->lines);
	free(p->search);
	pager_init(p);
}

static void push(struct pager_line **arr, int *n, int *cap, char *text, enum style style, int source)
{
	size_t c = (size_t)*cap;
	*arr = xgrow(*arr, &c, (size_t)*n + 1, sizeof(**arr));
	*cap = (int)c;
	(*arr)[*n].text = text;
	(*arr)[*n].style = style;
	(*arr)[*n].source = source;
	(*arr)[*n].cut = false;
	(*arr)[*n].hang = 0;
	(*n)++;
}

/* text_wrap's sink: one wrapped line of source line `source`. */
struct wrap_to {
	struct pager *p;
	int source;
};

static void push_wrapped(void *arg, const char *line)
{
	struct wrap_to *to = arg;
	struct pager *p = to->p;
	push(&p->lines, &p->n, &p->cap, xstrdup(line), p->src[to->source].style, to->source);
}

/* The fewest cells a hanging line's continuation keeps for its words. */
#define HANG_ROOM 20

/* Word-wraps s to `width`, its continuation lines `hang` cells in. */
static void wrap_hanging(struct wrap_to *to, const char *s, int width, int hang)
{
	struct strbuf line;
	sb_init(&line);
	int room = width;
	do {
		size_t n = text_wrap_line(s, room);
		sb_reset(&line);
		if (room < width)
			sb_addf(&line, "%*s", hang, "");
		sb_addn(&line, s, n);
		push_wrapped(to, line.buf);
		for (s += n; *s == ' '; s++)
			;
		room = width - hang;
	} while (*s);
	sb_done(&line);
}

/* Word-wraps one source line (text_wrap: continuation lines hang, so a
 * wrapped paragraph or value reads as one). */
static void wrap_one(struct pager *p, int i)
{
	struct wrap_to to = { p, i };
	if (p->src[i].cut && text_width(p->src[i].text) > p->width) {
		struct strbuf sb;
		sb_init(&sb);
		text_fit(&sb, p->src[i].text, p->width, draw_text_flags());
		while (sb.len && sb.buf[sb.len - 1] == ' ')
			sb_truncate(&sb, sb.len - 1);
		push_wrapped(&to, sb.buf);
		sb_done(&sb);
		return;
	}
	if (p->src[i].hang > 0 && p->width - p->src[i].hang >= HANG_ROOM) {
		wrap_hanging(&to, p->src[i].text, p->width, p->src[i].hang);
		return;
	}
	text_wrap(p->src[i].text, p->width, push_wrapped, &to);
}

static void clamp(struct pager *p);

static void rewrap(struct pager *p)
{
	free_lines(p->lines, p->n);
	p->n = 0;
	for (int i = 0; i < p->nsrc; i++)
		wrap_one(p, i);
	p->match = -1;
}

void pager_add(struct pager *p, const char *text, enum style style)
{
	const char *line = text ? text : "";
	for (;;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		struct strbuf sb;
		sb_init(&sb);
		text_sanitize(&sb, line, len, TEXT_TABS | draw_text_flags());
		push(&p->src, &p->nsrc, &p->capsrc, sb_detach(&sb), style, p->nsrc);
		wrap_one(p, p->nsrc - 1);
		if (!end)
			break;
		line = end + 1;
	}
}

void pager_add_hanging(struct pager *p, const char *text, enum style style, int hang)
{
	struct strbuf sb;
	sb_init(&sb);
	text_sanitize(&sb, text ? text : "", text ? strcspn(text, "\n") : 0, TEXT_TABS | draw_text_flags());
	push(&p->src, &p->nsrc, &p->capsrc, sb_detach(&sb), style, p->nsrc);
	p->src[p->nsrc - 1].hang = hang;
	wrap_one(p, p->nsrc - 1);
}

void pager_add_row(struct pager *p, const char *text, enum style style)
{
	struct strbuf sb;
	sb_init(&sb);
	text_sanitize(&sb, text ? text : "", text ? strlen(text) : 0, TEXT_TABS | draw_text_flags());
	push(&p->src, &p->nsrc, &p->capsrc, sb_detach(&sb), style, p->nsrc);
	p->src[p->nsrc - 1].cut = true;
	wrap_one(p, p->nsrc - 1);
}

void pager_set(struct pager *p, int src, const char *text, enum style style)
{
	if (src < 0 || src >= p->nsrc)
		return;
	struct strbuf sb;
	sb_init(&sb);
	text_sanitize(&sb, text, strcspn(text, "\n"), TEXT_TABS | draw_text_flags());
	free(p->src[src].text);
	p->src[src].text = sb_detach(&sb);
	p->src[src].style = style;

	/* the display lines of `src`, replaced by its new wrapping */
	int first = 0, count = 0;
	while (first < p->n && p->lines[first].source < src)
		first++;
	while (first + count < p->n && p->lines[first + count].source == src)
		count++;
	struct pager_line *tail = xmalloc(((size_t)(p->n - first - count) + 1) * sizeof(*tail));
	int ntail = p->n - first - count;
	memcpy(tail, p->lines + first + count, (size_t)ntail * sizeof(*tail));
	free_lines(p->lines + first, count);
	p->n = first;
	wrap_one(p, src);
	int added = p->n - first;
	for (int i = 0; i < ntail; i++)
		push(&p->lines, &p->n, &p->cap, tail[i].text, tail[i].style, tail[i].source);
	free(tail);
	if (added != count) {
		if (p->top > first)
			p->top += added - count;
		if (p->match >= first + count)
			p->match += added - count;
		else if (p->match >= first)
			p->match = -1;
		clamp(p);
	}
}

void pager_addf(struct pager *p, enum style style, const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;
	sb_init(&sb);
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	pager_add(p, sb.buf, style);
	sb_done(&sb);
}

static void clamp(struct pager *p)
{
	if (p->top > p->n - p->height)
		p->top = p->n - p->height;
	if (p->top < 0)
		p->top = 0;
}

void pager_resize(struct pager *p, int height, int width)
{
	p->height = height > 0 ? height : 1;
	if (width != p->width) {
		int first_src = p->n ? p->lines[p->top < p->n ? p->top : 0].source : 0;
		p->width = width;
		rewrap(p);
		for (int i = 0; i < p->n; i++)
			if (p->lines[i].source == first_src) {
				p->top = i;
				break;
			}
	}
	clamp(p);
}

/* Case-insensitive (ASCII) substring test. */
static bool contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return true;
	return false;
}

bool pager_search(struct pager *p, const char *term, bool backward)
{
	if (term) {
		free(p->search);
		p->search = xstrdup(term);
		p->match = -1;
	}
	if (!p->search || !*p->search || p->n == 0)
		return false;
	int start = p->match >= 0 ? p->match : (backward ? p->top + 1 : p->top - 1);
	for (int k = 1; k <= p->n; k++) {
		int i = backward ? start - k : start + k;
		i = ((i % p->n) + p->n) % p->n;
		if (contains(p->lines[i].text, p->search)) {
			p->match = i;
			if (i < p->top || i >= p->top + p->height)
				p->top = i - p->height / 3;
			clamp(p);
			return true;
		}
	}
	return false;
}

unsigned pager_action(struct pager *p, int action)
{
	int old = p->top;
	switch (action) {
	case ACT_UP:
		p->top--;
		break;
	case ACT_DOWN:
		p->top++;
		break;
	case ACT_PAGE_DOWN:
		p->top += p->height > 1 ? p->height - 1 : 1;
		break;
	case ACT_PAGE_UP:
		p->top -= p->height > 1 ? p->height - 1 : 1;
		break;
	case ACT_FIRST:
		p->top = 0;
		break;
	case ACT_LAST:
		p->top = p->n;
		break;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		pager_search(p, NULL, action == ACT_SEARCH_PREV);
		return VR_HANDLED | VR_REDRAW;
	default:
		return VR_UNHANDLED;
	}
	clamp(p);
	return VR_HANDLED | (p->top != old ? VR_REDRAW : 0);
}

void pager_draw(const struct pager *p, const struct area *a)
{
	for (int r = 0; r < a->h; r++) {
		int i = p->top + r;
		if (i >= p->n) {
			draw_blank(a->y + r, a->x, a->w, STYLE_NORMAL);
			continue;
		}
		enum style st = i == p->match ? STYLE_MATCH : p->lines[i].style;
		draw_text(a->y + r, a->x, a->w, p->lines[i].text, st);
	}
}
