/* List cursor arithmetic (see ui/widgets/list.h). */
#include "ui/widgets/list.h"

#include "ui/view.h"

void list_init(struct list *l)
{
	l->n = 0;
	l->sel = -1;
	l->top = 0;
	l->height = 1;
}

static void clamp(struct list *l)
{
	if (l->height < 1)
		l->height = 1;
	if (l->n <= 0) {
		l->sel = -1;
		l->top = 0;
		return;
	}
	if (l->sel < 0)
		l->sel = 0;
	if (l->sel >= l->n)
		l->sel = l->n - 1;
	if (l->top > l->sel)
		l->top = l->sel;
	if (l->sel >= l->top + l->height)
		l->top = l->sel - l->height + 1;
	if (l->top > l->n - l->height)
		l->top = l->n - l->height;
	if (l->top < 0)
		l->top = 0;
}

void list_set(struct list *l, int n, int height)
{
	l->n = n;
	l->height = height;
	clamp(l);
}

void list_select(struct list *l, int row)
{
	l->sel = row;
	clamp(l);
}

bool list_action(struct list *l, int action)
{
	switch (action) {
	case ACT_UP:
		l->sel--;
		break;
	case ACT_DOWN:
		l->sel++;
		break;
	case ACT_PAGE_DOWN:
		l->sel += l->height;
		l->top += l->height;
		break;
	case ACT_PAGE_UP:
		l->sel -= l->height;
		l->top -= l->height;
		break;
	case ACT_FIRST:
		l->sel = 0;
		break;
	case ACT_LAST:
		l->sel = l->n - 1;
		break;
	default:
		return false;
	}
	if (l->sel < 0 && l->n > 0)
		l->sel = 0;
	if (l->top < 0)
		l->top = 0;
	clamp(l);
	return true;
}
