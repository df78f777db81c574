/* The status line (see ui/widgets/statusline.h). */
#include "ui/widgets/statusline.h"

#include "ui/draw.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"

void statusline_draw(const struct statusline *sl, int y, int width)
{
	struct strbuf right, left;
	int x = 0;

	sb_init(&right);
	sb_init(&left);
	if (sl->unread > 0)
		sb_addf(&right, ngettext(" [%d unread notification] ", " [%d unread notifications] ",
					 (unsigned long)sl->unread), sl->unread);
	int rw = text_width(right.buf);
	/* the view's name is in the title bar too: a message too long for
	 * the line takes its place */
	sb_addf(&left, "[%s] ", sl->mode ? sl->mode : "");
	if (!(sl->message && *sl->message && !sl->banner &&
	      text_width(sl->message) > width - rw - text_width(left.buf)))
		x += draw_text_part(y, x, width, left.buf, STYLE_STATUS);
	int avail = width - x - rw;
	int bw = 0;
	if (sl->banner) {
		/* connection trouble matters most: it gets the room it needs,
		 * leaving a little for the view state or message */
		bw = text_width(sl->banner) + 2;
		if (bw > avail - 12)
			bw = avail > 24 ? avail - 12 : avail;
	}
	int room = avail - bw;
	if (room <= 0) {
		room = 0;
	} else if (sl->message && *sl->message) {
		enum style st = sl->error ? STYLE_ERROR : STYLE_STATUS;
		/* a message longer than the line says where to read the rest */
		const char *more = _(" (more: :messages)");
		int mw = text_width(more);
		if (text_width(sl->message) > room && room > mw + 10) {
			draw_text(y, x, room - mw, sl->message, st);
			draw_text(y, x + room - mw, mw, more, st);
		} else {
			int used = draw_text_part(y, x, room, sl->message, st);
			draw_blank(y, x + used, room - used, STYLE_STATUS);
		}
	} else {
		draw_text(y, x, room, sl->state ? sl->state : "", STYLE_STATUS);
	}
	x += room > 0 ? room : 0;
	if (sl->banner && bw > 0) {
		sb_reset(&left);
		sb_addf(&left, " %s ", sl->banner);
		draw_text(y, x, bw, left.buf, STYLE_BANNER);
		x += bw;
	}
	if (rw > 0)
		draw_text(y, x, width - x, right.buf, STYLE_STATUS);
	sb_done(&right);
	sb_done(&left);
}
