/* The message history (`:messages`): every message and error the status
 * line showed this session, newest first, in full and word-wrapped, so
 * nothing the status line had to cut is lost. */
#include <stdlib.h>

#include "ui/screen.h"
#include "ui/view.h"
#include "ui/widgets/pager.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static int mv_open(struct view *v, const char *arg)
{
	(void)arg;
	struct pager *p = xcalloc(1, sizeof(*p));
	pager_init(p);
	v->data = p;
	return 0;
}

static void mv_close(struct view *v)
{
	pager_done(v->data);
	free(v->data);
}

static unsigned mv_reload(struct view *v)
{
	struct pager *p = v->data;
	bool error = false;
	const char *m;

	pager_clear(p);
	pager_add(p, _("Messages, newest first"), STYLE_HEADER);
	pager_add(p, "", STYLE_NORMAL);
	for (int i = 0; (m = screen_history(v->screen, i, &error)) != NULL; i++)
		pager_add(p, m, error ? STYLE_ERROR : STYLE_NORMAL);
	if (!screen_history(v->screen, 0, NULL))
		pager_add(p, _("(no messages yet)"), STYLE_DIM);
	return VR_REDRAW;
}

static unsigned mv_resize(struct view *v, int rows, int cols)
{
	pager_resize(v->data, rows, cols);
	return VR_REDRAW;
}

static unsigned mv_action(struct view *v, int action)
{
	if (action == ACT_OPEN)
		return VR_HANDLED;
	return pager_action(v->data, action);
}

static void mv_draw(struct view *v, const struct area *a)
{
	pager_draw(v->data, a);
}

const struct view_ops view_messages_ops = {
	.name = "messages",
	.title = N_("Messages"),
	.open = mv_open,
	.close = mv_close,
	.reload = mv_reload,
	.draw = mv_draw,
	.action = mv_action,
	.resize = mv_resize,
};
