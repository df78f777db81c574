/* HTML-only mail as readable text. libxml2's HTML parser reads the markup
 * (broken markup recovered, every named and numeric entity decoded,
 * comments dropped); this walks the tree it builds: block ends and <br>
 * as line breaks, list items as "- ", a link followed by its address when
 * the words differ from it, <script>/<style>/<head> left out, runs of
 * blank lines folded, and the text of a <blockquote> behind "> " (one per
 * level), the way a mail client quotes, so the earlier mail a reply
 * quotes folds on the ticket like plain text (util/mail_quote.h). The
 * MIME structure itself is GMime's job (parse.c).
 * libxml2 (2.9) looks for each end tag's element down the whole stack of
 * open ones, so markup of N nested elements and N end tags that close
 * none took time N * N: 64,000 of each (768 KB) 7.8 s, and a mail's 32 MiB
 * of them hours. As browsers do (Blink: 512 levels), an element opened
 * below DEPTH_MAX open ones is set beside the deepest instead (that one
 * is closed first): every word is kept, the search is bounded
 * (tests/bench/README, "Pathological MIME, timing pass"). */
#include "mail/mime.h"

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

/* Quote marks written at most (deeper levels read as this deep). */
#define QUOTE_MARKS_MAX 8
/* Elements open at most, <html> and <body> among them (see the top). */
#define DEPTH_MAX 256

struct out {
	struct strbuf sb;
	int newlines;   /* line breaks at the end of sb (2 at the start: no blank lines first) */
	int quote;      /* <blockquote> levels open */
	int pre;        /* <pre> levels open: white space kept */
};

static bool named(const xmlNode *n, const char *const *names)
{
	for (; *names; names++)
		if (!strcasecmp((const char *)n->name, *names))
			return true;
	return false;
}

static void quote_marks(struct out *o)
{
	for (int i = 0; i < o->quote && i < QUOTE_MARKS_MAX; i++)
		sb_addc(&o->sb, '>');
}

/* Ends the line (want 1) or the paragraph (want 2); a blank line inside a
 * quote is ">" alone. */
static void brk(struct out *o, int want)
{
	while (o->newlines < want) {
		sb_trim_spaces(&o->sb);
		if (o->newlines >= 1)
			quote_marks(o);
		sb_addc(&o->sb, '\n');
		o->newlines++;
	}
}

/* The quote marks a new line of text starts with. */
static void line_start(struct out *o)
{
	if (o->newlines && o->quote) {
		quote_marks(o);
		sb_addc(&o->sb, ' ');
	}
	o->newlines = 0;
}

/* A line break where the markup has one (<br>, a line of <pre>): blank
 * lines too, but never more than one in a row. */
static void line_break(struct out *o)
{
	brk(o, o->newlines < 2 ? o->newlines + 1 : 2);
}

static void text(struct out *o, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n' && o->pre) {
			line_break(o);
			continue;
		}
		bool nbsp = (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0;
		if (nbsp || *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f') {
			s += nbsp;
			if (o->pre && *s != '\r') {
				if (o->newlines)
					line_start(o);
				sb_addc(&o->sb, nbsp ? ' ' : *s);
			} else if (!o->newlines && o->sb.len && o->sb.buf[o->sb.len - 1] != ' ') {
				sb_addc(&o->sb, ' ');
			}
			continue;
		}
		if (o->newlines)
			line_start(o);
		sb_addc(&o->sb, *s);
	}
}

/* The text a node holds, for comparing a link's words with its address. */
static bool same_text(xmlNode *n, const char *href)
{
	xmlChar *c = xmlNodeGetContent(n);
	const char *t = c ? (const char *)c : "";
	while (*t == ' ' || *t == '\n' || *t == '\t')
		t++;
	size_t len = strlen(t);
	while (len && (t[len - 1] == ' ' || t[len - 1] == '\n' || t[len - 1] == '\t'))
		len--;
	bool same = (len == strlen(href) && !strncmp(t, href, len)) ||
		    (!strncasecmp(href, "mailto:", 7) && len == strlen(href + 7) && !strncmp(t, href + 7, len));
	xmlFree(c);
	return same;
}

static const char *const skipped[] = { "script", "style", "head", "title", "template", NULL };
/* paragraphs are set apart by a blank line, lines by a line break */
static const char *const blocks[] = { "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "hr",
				      "table", "ul", "ol", "pre", "dl", NULL };
static const char *const lines[] = { "div", "tr", "li", "dt", "dd", NULL };
static const char *const cells[] = { "td", "th", NULL };

static bool is(const xmlNode *n, const char *name)
{
	return !strcasecmp((const char *)n->name, name);
}

static int gap_of(const xmlNode *n)
{
	return named(n, blocks) ? 2 : named(n, lines) ? 1 : 0;
}

/* A node reached: its text, or an element's opening; true when its
 * children are to be read. */
static bool enter(struct out *o, xmlNode *n)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content)
			text(o, (const char *)n->content);
		return false;
	}
	if (n->type != XML_ELEMENT_NODE || named(n, skipped))
		return false;
	if (is(n, "br")) {
		line_break(o);
		return false;
	}
	brk(o, gap_of(n));
	o->quote += is(n, "blockquote");
	o->pre += is(n, "pre");
	if (is(n, "li")) {
		line_start(o);
		sb_add(&o->sb, "- ");
	}
	if (named(n, cells) && !o->newlines && o->sb.len && o->sb.buf[o->sb.len - 1] != ' ')
		sb_addc(&o->sb, ' ');
	return true;
}

/* An element left, its children read: a link's address, the end of its block. */
static void leave(struct out *o, xmlNode *n)
{
	if (n->type != XML_ELEMENT_NODE || named(n, skipped) || is(n, "br"))
		return;
	xmlChar *href = is(n, "a") ? xmlGetProp(n, (const xmlChar *)"href") : NULL;
	if (href && (!strncasecmp((const char *)href, "http://", 7) || !strncasecmp((const char *)href, "https://", 8) ||
		     !strncasecmp((const char *)href, "mailto:", 7)) && !same_text(n, (const char *)href)) {
		text(o, " <");
		text(o, (const char *)href);
		text(o, ">");
	}
	xmlFree(href);
	o->pre -= is(n, "pre");
	o->quote -= is(n, "blockquote");
	brk(o, gap_of(n));
}

/* The tree in document order, without recursion (nesting has no bound). */
static void walk(struct out *o, xmlNode *root)
{
	xmlNode *n = root;
	while (n) {
		if (enter(o, n) && n->children) {
			n = n->children;
			continue;
		}
		for (;;) {
			leave(o, n);
			if (n == root)
				return;
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
}

/* The parser's start of an element (SAX), called with its name already
 * pushed on the parser's stack of open elements: below DEPTH_MAX of them,
 * the deepest one (under the new one) is closed first, in the tree and
 * on the stack, so the new one is its sibling. */
static void start_element(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	htmlParserCtxtPtr c = ctx;
	if (c->nameNr > DEPTH_MAX) {
		xmlSAX2EndElement(ctx, c->nameTab[c->nameNr - 2]);
		c->nameTab[c->nameNr - 2] = c->nameTab[c->nameNr - 1];
		c->nameTab[--c->nameNr] = NULL;
	}
	xmlSAX2StartElement(ctx, name, atts);
}

char *mime_html_to_text(const char *html)
{
	struct out o = { .newlines = 2 };
	sb_init(&o.sb);
	int len = (int)strnlen(html, 64 * 1024 * 1024);
	htmlParserCtxtPtr ctxt = len ? htmlNewParserCtxt() : NULL;
	htmlDocPtr doc = NULL;
	if (ctxt) {
		ctxt->sax->startElement = start_element;
		doc = htmlCtxtReadMemory(ctxt, html, len, NULL, "UTF-8",
					 HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
					 HTML_PARSE_NONET | XML_PARSE_HUGE);
		htmlFreeParserCtxt(ctxt);
	}
	if (doc) {
		walk(&o, xmlDocGetRootElement(doc));
		xmlFreeDoc(doc);
	}
	/* no blank lines at the end, nor the ">" of a quote's blank line */
	for (;;) {
		while (o.sb.len && (o.sb.buf[o.sb.len - 1] == '\n' || o.sb.buf[o.sb.len - 1] == ' '))
			sb_truncate(&o.sb, o.sb.len - 1);
		size_t start = o.sb.len;
		while (start && o.sb.buf[start - 1] == '>')
			start--;
		if (start == o.sb.len || (start && o.sb.buf[start - 1] != '\n'))
			break;
		sb_truncate(&o.sb, start);
	}
	return sb_detach(&o.sb);
}
