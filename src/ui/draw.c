/* The painting primitives over ncursesw: styles become colour pairs when
 * colour is enabled, attributes only otherwise (reverse video for the
 * selection, bold for headers); text is fitted before it is added. */
#include "ui/draw.h"

#include <curses.h>
#include <string.h>

#include "ui/draw_init.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"

static bool use_color;
static attr_t attrs[STYLE__COUNT];

struct style_def {
	short fg, bg;
	attr_t color_attr;   /* with colour */
	attr_t mono_attr;    /* without colour */
};

static const struct style_def defs[STYLE__COUNT] = {
	[STYLE_NORMAL] = { -1, -1, A_NORMAL, A_NORMAL },
	[STYLE_TITLE] = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE },
	[STYLE_HEADER] = { COLOR_CYAN, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[STYLE_SELECTED] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[STYLE_STATUS] = { COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_REVERSE },
	[STYLE_ERROR] = { COLOR_WHITE, COLOR_RED, A_BOLD, A_BOLD | A_REVERSE },
	[STYLE_BANNER] = { COLOR_BLACK, COLOR_YELLOW, A_BOLD, A_BOLD | A_REVERSE },
	[STYLE_SEV1] = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[STYLE_SEV2] = { COLOR_MAGENTA, -1, A_BOLD, A_NORMAL },
	[STYLE_SEV3] = { COLOR_YELLOW, -1, A_NORMAL, A_NORMAL },
	[STYLE_SEV4] = { -1, -1, A_NORMAL, A_NORMAL },
	[STYLE_SLA_OK] = { COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
	[STYLE_SLA_RISK] = { COLOR_YELLOW, -1, A_BOLD, A_NORMAL },
	[STYLE_SLA_BREACHED] = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[STYLE_INTERNAL] = { COLOR_YELLOW, -1, A_NORMAL, A_UNDERLINE },
	[STYLE_MATCH] = { COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_STANDOUT },
	[STYLE_DIM] = { -1, -1, A_DIM, A_DIM },
	[STYLE_KEY] = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
	/* looks like the title in colour; without colour the selected row
	 * alone is reverse video in a list */
	[STYLE_GROUP] = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_BOLD | A_UNDERLINE },
};

void draw_init(bool want_color)
{
	use_color = want_color && has_colors() && start_color() == OK;
	if (use_color)
		use_default_colors();
	/* Every attribute change costs bytes on the wire (a slow link, issue
	 * 17): bold can only be turned off by resetting every attribute
	 * ("\e(B\e[m" then the colour again, ~25 bytes a cell), so with 16
	 * colours or more a bold colour is its bright variant instead (how
	 * most terminals show bold colours anyway, 5 bytes in and out);
	 * a style with neither colour nor attribute is the normal one, not a
	 * pair of its own that only switches pairs. */
	bool bright = use_color && COLORS >= 16;
	short pfg[STYLE__COUNT];   /* the foreground of each style's pair, -2: no pair */
	for (int i = 0; i < STYLE__COUNT; i++)
		pfg[i] = -2;
	for (int i = 0; i < STYLE__COUNT; i++) {
		short fg = defs[i].fg;
		attr_t a = defs[i].color_attr;
		if (bright && (a & A_BOLD) && fg >= 0 && fg < 8) {
			fg = (short)(fg + 8);
			a &= ~A_BOLD;
		}
		if (use_color && i != STYLE_NORMAL && (fg >= 0 || defs[i].bg >= 0)) {
			/* styles of the same colours share a pair: no change
			 * between them (a severity and an SLA both red) */
			short pair = (short)i;
			for (int j = 1; j < i; j++)
				if (pfg[j] == fg && defs[j].bg == defs[i].bg && pfg[j] != -2) {
					pair = (short)PAIR_NUMBER(attrs[j]);
					break;
				}
			pfg[i] = fg;
			if (pair == i)
				init_pair(pair, fg, defs[i].bg);
			attrs[i] = COLOR_PAIR(pair) | a;
		} else if (use_color) {
			attrs[i] = a;
		} else {
			attrs[i] = defs[i].mono_attr;
		}
	}
}

bool draw_has_color(void)
{
	return use_color;
}

int draw_text_flags(void)
{
	return i18n_utf8() ? 0 : TEXT_ASCII;
}

static void put(int y, int x, const char *s, enum style style)
{
	attrset(attrs[style]);
	mvaddstr(y, x, s);
	attrset(A_NORMAL);
}

void draw_text(int y, int x, int width, const char *text, enum style style)
{
	struct strbuf sb;
	if (width <= 0)
		return;
	sb_init(&sb);
	text_fit(&sb, text ? text : "", width, draw_text_flags());
	put(y, x, sb.buf, style);
	sb_done(&sb);
}

int draw_text_part(int y, int x, int width, const char *text, enum style style)
{
	struct strbuf sb;
	if (width <= 0 || !text)
		return 0;
	sb_init(&sb);
	text_sanitize(&sb, text, strlen(text), draw_text_flags());
	int w = text_width(sb.buf);
	if (w > width) {
		sb_reset(&sb);
		text_fit(&sb, text, width, draw_text_flags());
		w = width;
	}
	put(y, x, sb.buf, style);
	sb_done(&sb);
	return w;
}

void draw_blank(int y, int x, int width, enum style style)
{
	if (width <= 0)
		return;
	mvhline(y, x, ' ' | attrs[style], width);
}

/* A blank shows only the background and lines (underline, reverse). */
static bool blank_like(enum style a, enum style b)
{
	const attr_t lines = A_UNDERLINE | A_REVERSE | A_STANDOUT;
	if ((attrs[a] & lines) || (attrs[b] & lines))
		return false;
	return !use_color || defs[a].bg == defs[b].bg;
}

enum style draw_gap_style(enum style cell, enum style gap)
{
	return blank_like(cell, gap) ? cell : gap;
}

enum style draw_severity_style(int severity)
{
	switch (severity) {
	case 1: return STYLE_SEV1;
	case 2: return STYLE_SEV2;
	case 3: return STYLE_SEV3;
	default: return STYLE_SEV4;
	}
}

enum style draw_sla_style(const char *state)
{
	if (!strcmp(state, "breached") || !strcmp(state, "missed"))
		return STYLE_SLA_BREACHED;
	if (!strcmp(state, "at_risk"))
		return STYLE_SLA_RISK;
	return STYLE_SLA_OK;
}
