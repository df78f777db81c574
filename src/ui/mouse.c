/* Mouse reporting over ncurses (see ui/mouse.h). */
#include "ui/mouse.h"

#include <curses.h>

void mouse_start(bool on)
{
	if (!on)
		return;
	mmask_t want = BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		       | BUTTON5_PRESSED
#endif
		;
	mousemask(want, NULL);
}

bool mouse_read(bool on, struct mouse_event *m)
{
	MEVENT ev;

	if (getmouse(&ev) != OK || !on)
		return false;
	m->y = ev.y;
	m->x = ev.x;
	if (ev.bstate & BUTTON1_DOUBLE_CLICKED)
		m->kind = MOUSE_DOUBLE;
	else if (ev.bstate & BUTTON1_CLICKED)
		m->kind = MOUSE_CLICK;
	else if (ev.bstate & BUTTON4_PRESSED)
		m->kind = MOUSE_WHEEL_UP;
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED)
		m->kind = MOUSE_WHEEL_DOWN;
#endif
	else
		return false;
	return true;
}
