/* Bars and sparklines as text (see util/chart.h). */
#include "util/chart.h"

static const char *const eighths[9] = {
	"", "\u258f", "\u258e", "\u258d", "\u258c", "\u258b", "\u258a", "\u2589", "\u2588",
};
static const char *const heights[8] = {
	"\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588",
};
static const char ascii_heights[8] = { '_', '.', '-', ':', '=', '+', '*', '#' };

void chart_bar(struct strbuf *out, double value, double max, int cells, bool ascii)
{
	int used = 0;

	if (cells <= 0)
		return;
	if (max > 0 && value > 0) {
		double frac = value >= max ? 1.0 : value / max;
		long units = (long)(frac * cells * 8 + 0.5);   /* eighths of a cell */
		if (units == 0)
			units = 1;                             /* something is there */
		if (ascii) {
			long full = units / 8;
			for (long i = 0; i < full; i++, used++)
				sb_addc(out, '#');
			if (units % 8 >= 4 || full == 0) {
				sb_addc(out, units % 8 >= 4 ? '+' : '.');
				used++;
			}
		} else {
			for (long i = 0; i < units / 8; i++, used++)
				sb_add(out, eighths[8]);
			if (units % 8) {
				sb_add(out, eighths[units % 8]);
				used++;
			}
		}
	}
	for (; used < cells; used++)
		sb_addc(out, ' ');
}

void chart_spark(struct strbuf *out, double share, bool ascii)
{
	if (share < 0) {
		sb_addc(out, ' ');
		return;
	}
	int h = (int)(share * 8);
	if (h > 7)
		h = 7;
	if (ascii)
		sb_addc(out, ascii_heights[h]);
	else
		sb_add(out, heights[h]);
}

double chart_attainment(long long met, long long missed)
{
	if (met + missed <= 0)
		return -1;
	double s = (double)met / (double)(met + missed);
	return s <= 0.5 ? 0 : (s - 0.5) * 2 * 0.999;
}
