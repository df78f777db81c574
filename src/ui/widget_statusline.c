/* The status line (see ui/widgets/statusline.h). */
#include "ui/widgets/statusline.h"

#include <string.h>

#include "ui/draw.h"
#include "ui/status_fit.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"

/* The unread badge at its length `which`: 0 in full, 1 brief, 2 none. */
static void badge(struct strbuf *sb, int unread, int which)
{
	sb_reset(sb);
	if (unread <= 0 || which >= 2)
		return;
	if (which == 0)
		sb_addf(sb, ngettext(" [%d unread notification] ", " [%d unread notifications] ",
				     (unsigned long)unread), unread);
	else
		/* TRANSLATORS: the unread notifications badge when a long
		 * message needs the room; keep it short */
		sb_addf(sb, ngettext(" [%d unread] ", " [%d unread] ", (unsigned long)unread), unread);
}

/* The cells the connection banner takes when `avail` are left, beside
 * a message `msgw` cells wide (0: none). */
static int banner_width(const char *banner, int avail, int msgw)
{
	if (!banner)
		return 0;
	/* connection trouble matters most: it gets the room it needs,
	 * leaving a little for the view state or message (no more than a
	 * short message takes: "no enviado" beside "su texto se conserva;
	 * ... reintento en 2 s" lost the banner's last cells) */
	int keep = msgw > 0 && msgw < 12 ? msgw : 12;
	int bw = text_width(banner) + 2;
	if (bw > avail - keep)
		bw = avail > 24 ? avail - keep : avail;
	return bw;
}

void statusline_draw(const struct statusline *sl, int y, int width)
{
	struct strbuf right, left, fitted;
	int x = 0;
	const char *msg = sl->message && *sl->message ? sl->message : NULL;

	sb_init(&right);
	sb_init(&left);
	sb_init(&fitted);
	if (msg)
		text_sanitize(&fitted, msg, strlen(msg), draw_text_flags());
	int msgw = msg ? text_width(fitted.buf) : 0;
	sb_addf(&left, "[%s] ", sl->mode ? sl->mode : "");
	int lw = text_width(left.buf);
	/* a message too long for the line takes room from the rest, in this
	 * order: the view's name (the title bar has it too), then the unread
	 * badge, brief and then gone while the message shows; only then is
	 * the message itself shortened (status_fit). A banner without a
	 * message takes the badge's room the same way; beside a banner (the
	 * database is unavailable) a message also takes the view's name's. */
	int which = 0, rw;
	for (;; which++) {
		badge(&right, sl->unread, which);
		rw = text_width(right.buf);
		if (which == 2)
			break;
		/* beside a message, the banner is not cut while the badge
		 * can make room either ("your text is kept; database
		 * unavailable, retrying in 3s" lost its countdown to a full
		 * badge beside a short "not sent") */
		if (msg ? msgw <= width - rw - banner_width(sl->banner, width - rw, msgw) &&
				  (!sl->banner ||
				   text_width(sl->banner) + 2 <= banner_width(sl->banner, width - rw, msgw))
			/* a banner alone (the working mark, an outage) is
			 * not cut while the badge can make room either */
			: !sl->banner || text_width(sl->banner) + 2 <= banner_width(sl->banner, width - rw - lw, 0))
			break;
	}
	int banner_full = sl->banner ? text_width(sl->banner) + 2 : 0;
	if (!(msg && msgw > width - rw - lw - banner_full))
		x += draw_text_part(y, x, width, left.buf, STYLE_STATUS);
	int avail = width - x - rw;
	int bw = banner_width(sl->banner, avail, msg ? msgw : 0);
	int room = avail - bw;
	if (room <= 0) {
		room = 0;
	} else if (msg) {
		enum style st = sl->error ? STYLE_ERROR : STYLE_STATUS;
		/* a message longer than the line says where to read the rest */
		sb_reset(&fitted);
		status_fit(&fitted, msg, room, _(" (more: :messages)"), draw_text_flags());
		int used = draw_text_part(y, x, room, fitted.buf, st);
		draw_blank(y, x + used, room - used, STYLE_STATUS);
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
	sb_done(&fitted);
}
