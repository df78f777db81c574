/* Painting without curses in sight: views write styled text into screen
 * cells through these calls (implemented over ncursesw in draw.c). All
 * text is sanitised and fitted here, so raw database text is safe. */
#ifndef TICKETTY_UI_DRAW_H
#define TICKETTY_UI_DRAW_H

#include <stdbool.h>

enum style {
	STYLE_NORMAL,
	STYLE_TITLE,      /* top line */
	STYLE_HEADER,     /* column headers */
	STYLE_SELECTED,   /* cursor row */
	STYLE_STATUS,     /* status line */
	STYLE_ERROR,      /* error message */
	STYLE_BANNER,     /* connection trouble */
	STYLE_SEV1,
	STYLE_SEV2,
	STYLE_SEV3,
	STYLE_SEV4,
	STYLE_SLA_OK,
	STYLE_SLA_RISK,
	STYLE_SLA_BREACHED,
	STYLE_INTERNAL,   /* internal notes */
	STYLE_MATCH,      /* search hits */
	STYLE_DIM,
	STYLE_KEY,        /* key names in help */
	STYLE_GROUP,      /* a header row between list rows (escalation levels):
	                     never reverse video without colour, so it stays
	                     apart from the selected row (TERM=vt100) */
	STYLE__COUNT
};

/* Text flags for text_fit matching the terminal (TEXT_ASCII when it is
 * not UTF-8). */
int draw_text_flags(void);
/* Writes `text` fitted (sanitised, cut, padded) to exactly `width` cells at (y, x). */
/* The style of a severity level (1-4) and of an SLA state key, shared by
 * every view that lists tickets. */
enum style draw_severity_style(int severity);
enum style draw_sla_style(const char *state);

void draw_text(int y, int x, int width, const char *text, enum style style);
/* Same without padding: writes at most `width` cells; returns the cells used. */
int draw_text_part(int y, int x, int width, const char *text, enum style style);
/* Fills `width` cells with blanks of a style. */
void draw_blank(int y, int x, int width, enum style style);
/* The style to draw a blank after a cell of style `cell` where `gap` was
 * meant: the cell's own when a blank looks the same in both (no
 * background or underline differs), which saves an attribute change on
 * the wire (a slow link: issue 17), else `gap`. */
enum style draw_gap_style(enum style cell, enum style gap);
/* True when colours are in use (else selection is reverse video etc.). */
bool draw_has_color(void);

#endif
