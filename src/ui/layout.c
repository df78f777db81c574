/* Table column layout: distribute cells, then fit each cell's text. */
#include "ui/layout.h"

#include <stdio.h>
#include <string.h>

#include "util/text.h"

int layout_columns(const struct layout_column *cols, int n, int total, int *widths)
{
	bool shown[64];
	int visible = 0, need = 0;

	if (n > 64)
		n = 64;
	for (int i = 0; i < n; i++) {
		shown[i] = true;
		visible++;
		need += cols[i].min;
	}
	/* drop columns until the minimum widths and separators fit */
	while (visible > 0 && need + visible - 1 > total) {
		int drop = -1;
		for (int i = 0; i < n; i++)
			if (shown[i] && cols[i].priority > 0 &&
			    (drop < 0 || cols[i].priority > cols[drop].priority))
				drop = i;
		if (drop < 0)
			break;
		shown[drop] = false;
		visible--;
		need -= cols[drop].min;
	}
	int left = total - (visible > 0 ? visible - 1 : 0);
	for (int i = 0; i < n; i++) {
		widths[i] = shown[i] ? cols[i].min : 0;
		left -= widths[i];
	}
	/* grow the bounded columns a cell at a time, in turn, towards their
	 * maximum, keeping about a fifth of the line for the unbounded ones */
	int reserve = 0;
	for (int i = 0; i < n; i++)
		if (shown[i] && cols[i].max <= 0 && total / 5 > cols[i].min)
			reserve += total / 5 - cols[i].min;
	for (bool grew = true; grew && left > reserve;) {
		grew = false;
		for (int i = 0; i < n && left > reserve; i++) {
			if (shown[i] && cols[i].max > 0 && widths[i] < cols[i].max) {
				widths[i]++;
				left--;
				grew = true;
			}
		}
	}
	int open = 0;
	for (int i = 0; i < n; i++)
		if (shown[i] && cols[i].max <= 0)
			open++;
	for (int i = 0; i < n && left > 0 && open > 0; i++) {
		if (!shown[i] || cols[i].max > 0)
			continue;
		int share = left / open--;
		widths[i] += share;
		left -= share;
	}
	if (left < 0) {
		/* not even the minimum fits: shrink from the right */
		for (int i = n - 1; i >= 0 && left < 0; i--) {
			int cut = widths[i] < -left ? widths[i] : -left;
			widths[i] -= cut;
			left += cut;
		}
	}
	return visible;
}

int layout_offset(const int *widths, int i)
{
	int x = 0;
	for (int j = 0; j < i; j++)
		if (widths[j] > 0)
			x += widths[j] + 1;
	return x;
}

void layout_row(struct strbuf *out, const struct layout_column *cols, int n, const int *widths,
		const char *const *cells, int flags)
{
	struct strbuf tmp;
	bool first = true;

	sb_init(&tmp);
	for (int i = 0; i < n; i++) {
		if (widths[i] <= 0)
			continue;
		if (!first)
			sb_addc(out, ' ');
		first = false;
		const char *cell = cells[i] ? cells[i] : "";
		if (cols[i].right) {
			sb_reset(&tmp);
			text_sanitize(&tmp, cell, strlen(cell), flags);
			int w = text_width(tmp.buf);
			for (; w < widths[i]; w++)
				sb_addc(out, ' ');
			if (w > widths[i]) {
				text_fit(out, cell, widths[i], flags);
				continue;
			}
			sb_add(out, tmp.buf);
		} else {
			text_fit(out, cell, widths[i], flags);
		}
	}
	sb_done(&tmp);
}

const char *layout_label(const char *full, const char *brief, int width)
{
	return text_width(full) <= width || !brief ? full : brief;
}

void layout_severity(char *buf, size_t size, int severity, const char *name, const char *brief,
		     int width)
{
	snprintf(buf, size, "%d %s", severity, name ? name : "");
	if (text_width(buf) <= width)
		return;
	if (brief && *brief)
		snprintf(buf, size, "%d %s", severity, brief);
	if (!brief || !*brief || text_width(buf) > width)
		snprintf(buf, size, "%d", severity);
}
