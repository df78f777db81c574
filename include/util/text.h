/* UTF-8 text for the terminal: decoding, validation, display width and
 * sanitising. Everything that came from the database goes through
 * text_sanitize or text_fit before it is drawn or printed as plain text. */
#ifndef TICKETTY_UTIL_TEXT_H
#define TICKETTY_UTIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

#define TEXT_INVALID 0xFFFFFFFFu  /* code point reported for a bad byte */

enum text_flags {
	TEXT_MULTILINE = 1 << 0, /* keep '\n' (pager); otherwise shown as "↵" / "\n" */
	TEXT_ASCII = 1 << 1,     /* terminal is not UTF-8: non-ASCII as <U+XXXX> */
	TEXT_TABS = 1 << 2,      /* expand '\t' to spaces instead of showing it */
};

/* Decodes one code point from s (n bytes available, n >= 1). Returns the
 * bytes consumed (1..4); *cp is TEXT_INVALID for a malformed sequence
 * (overlong, surrogate, > U+10FFFF, truncated), which consumes one byte. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Appends the UTF-8 encoding of cp (must be valid) to out. */
void utf8_encode(struct strbuf *out, uint32_t cp);
bool utf8_valid(const char *s, size_t n);
/* Number of code points (invalid bytes count one each). */
size_t utf8_length(const char *s, size_t n);

/* True when s (NULL too) holds nothing but spaces, tabs and line ends:
 * a text the user wrote that says nothing. */
bool text_blank(const char *s);
/* True when s is exactly n whole numbers (each may start with '-')
 * joined by dots, as a list cursor is written ("1.2.1795014000027666.50");
 * they go to v[0..n-1]. */
bool text_parse_dotted(const char *s, long long *v, int n);
/* The same for the n bytes at s. Unicode spaces count as blank too (a
 * no-break space, the U+2000 spaces, U+3000, a zero-width space or BOM):
 * a title of one U+00A0 says nothing either. */
bool text_blank_n(const char *s, size_t n);

/* True for code points that must never reach a terminal raw: C0 controls,
 * DEL, C1 controls, bidirectional overrides/isolates, and invalid bytes.
 * Less the invalid bytes, the class of the database's text_unsafe_chars
 * (sql/functions/admin.sql: what a file's name may not hold): keep the
 * two identical. */
bool text_is_unsafe(uint32_t cp);
/* True for the control characters a one-line value may not hold: C0,
 * DEL, C1 and the line and paragraph separators (U+2028, U+2029), the
 * class the database's one-line checks name: text_control_chars in
 * sql/functions/admin.sql (text_has_control); keep the two identical. */
bool text_is_control(uint32_t cp);

/* Display cells of one code point (0 for combining marks and for the
 * code points text_sanitize drops, 2 for wide). */
int text_cp_width(uint32_t cp);
/* Display cells of a sanitised string, or of its first n bytes. */
int text_width(const char *s);
int text_width_n(const char *s, size_t n);

/* Appends a terminal-safe copy of s (n bytes) to out: unsafe characters
 * become visible escapes (^[ for ESC, ^M for CR, \x9B for a C1 or bad
 * byte, <U+202E> for bidi controls). The zero width joiner (U+200D) and
 * the presentation selectors (U+FE0E, U+FE0F) are left out: they only
 * change how their neighbours look ("👩‍👧" drawn as one glyph, "❤️" as
 * a wide emoji) and terminals disagree with wcwidth on the width that
 * results, so columns would shift. Without them every code point left
 * takes the cells wcwidth gives it ("👩👧" 4 cells, "❤" 1). A combining
 * mark at the start of s (or of a line of it) is drawn on U+25CC, a
 * dotted circle, instead of on the cell before. */
void text_sanitize(struct strbuf *out, const char *s, size_t n, int flags);

/* Appends s sanitised, cut to at most `width` cells without splitting a
 * character (marking the cut with "…" or "~" in ASCII mode), and padded
 * with spaces to exactly `width` cells. Always one line (TEXT_MULTILINE ignored). */
void text_fit(struct strbuf *out, const char *s, int width, int flags);

/* Appends s sanitised and padded with spaces to at least `width` cells,
 * never cut: "%-20s" for labels, measured in cells rather than bytes (so
 * "Resolución" lines up with "Resolution"). */
void text_pad(struct strbuf *out, const char *s, int width, int flags);

/* Appends clean (sanitised, one line) whole when it takes at most
 * max_cells cells, else its first max_cells/2 and last max_cells/3 cells
 * around an ellipsis ("..." under TEXT_ASCII): a value pasted by the
 * kilobyte into a message is shown by its two ends, the message's own
 * words before and after it kept. */
void text_ends(struct strbuf *out, const char *clean, int max_cells, int flags);

/* Byte offset in s where `cells` display cells are used up (sanitised text). */
size_t text_offset_for_width(const char *s, int cells);

/* Word wrap: the bytes of s (sanitised, one line) that make its next line
 * of at most `cells` cells, breaking after the last whole word that fits
 * (trailing spaces not counted); a word longer than the line breaks
 * after its last '|', '/', '-' or ',' that fits, else is cut (a URL,
 * "scheme://...", is always cut where the line is full).
 * Never 0 for a non-empty s. The caller skips the spaces that follow. */
size_t text_wrap_line(const char *s, int cells);

/* Where the continuation lines of a wrapped line s hang: under the value
 * of a "label  value" line (an unindented line whose first gap, within
 * the first third of the width, is two or more spaces: a field, a
 * timeline entry's time), else two cells in from the line's own indent;
 * 0 when that too would pass a third of the width. */
int text_hang(const char *s, int width);

/* Word-wraps one line s (sanitised, no newline) to `width` cells:
 * text_wrap_line's breaks, continuation lines indented by text_hang, so
 * a wrapped paragraph or value reads as one. A URL too long for its
 * line starts a line of its own at the margin, whole when it fits the
 * width, else cut only where each line is full. Calls emit once a line
 * (once, with "", for an empty s). */
void text_wrap(const char *s, int width, void (*emit)(void *arg, const char *line), void *arg);

/* Folding for matching what a user types against names ("nandu" finds
 * "Compañía Ñandú", "PUBLICACION" finds "publicación"): ASCII letters and
 * the letters of Latin-1 Supplement and Latin Extended-A become their
 * lower-case base letter (Ñ, ñ -> n; Ó -> o; Ł -> l; Æ -> æ), other
 * letters their lower case (towlower, under a UTF-8 LC_CTYPE); anything
 * else stays. One code point to one: no "ß" -> "ss". */
uint32_t text_fold_cp(uint32_t cp);
/* Appends s folded (invalid bytes kept as they are). */
void text_fold(struct strbuf *out, const char *s);
/* True when needle, folded, occurs in hay, folded; "" occurs in every
 * text, and a NULL hay holds only "". */
bool text_fold_contains(const char *hay, const char *needle);
/* The fold table for SQL's translate(): `from` lists every character of
 * Latin-1 Supplement and Latin Extended-A that folds to another, `to` what
 * each becomes, in the same order (static strings, UTF-8).
 * translate(lower(x), from, to) folds as text_fold does. */
void text_fold_table(const char **from, const char **to);

#endif
