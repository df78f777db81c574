/* What a view is: a const table of operations (one file per view, filled
 * with designated initialisers), the actions keys map to, the key tables
 * (data), and the flags handlers return to the screen manager instead of
 * acting on the event loop themselves. Views never call curses: they
 * paint through ui/draw.h and talk to the manager through ui/screen.h. */
#ifndef TICKETTY_UI_VIEW_H
#define TICKETTY_UI_VIEW_H

#include <stdbool.h>

#include "util/strbuf.h"

struct screen;
struct view;

/* Actions shared by every view (the global key table binds most of
 * them). A view may define its own actions numbered from ACT_VIEW_BASE,
 * described in its ops->actions table. */
enum action {
	ACT_NONE = 0,
	ACT_UP,
	ACT_DOWN,
	ACT_PAGE_DOWN,
	ACT_PAGE_UP,
	ACT_FIRST,
	ACT_LAST,
	ACT_OPEN,
	ACT_BACK,
	ACT_QUIT,
	ACT_SEARCH,
	ACT_SEARCH_NEXT,
	ACT_SEARCH_PREV,
	ACT_HELP,
	ACT_COMMAND,
	ACT_RELOAD,
	ACT_REDRAW,
	ACT_VIEW_QUEUE,
	ACT_VIEW_ESCALATIONS,
	ACT_VIEW_INBOX,
	ACT_NEW_TICKET,
	ACT_ACKNOWLEDGE,
	ACT_REPLY,
	ACT_NOTE,
	ACT_TAKE,
	ACT_STATUS,
	ACT_ESCALATE,
	ACT_RESOLVE,
	ACT_CLOSE,
	ACT_REOPEN,
	ACT_ASSIGN,
	ACT_TAKE_NEXT,
	ACT_FILTER_MINE,
	ACT_FILTER_UNASSIGNED,
	ACT_FILTER_TEAM,
	ACT_FILTER_BREACHED,
	ACT_FILTER_WAITING,
	ACT_FILTER_FOLLOWING,
	ACT_FILTER_ALL,
	ACT_FILTER_CLEAR,
	ACT_VIEW_DASHBOARD,
	ACT_VIEW_NOTIFICATIONS,
	ACT_CANNED,      /* a canned reply: pick one, then write it */
	/* text editing (the prompt and every form field: the "edit" key
	 * table, keys_edit in ui/keys.h) */
	ACT_EDIT_LEFT,
	ACT_EDIT_RIGHT,
	ACT_EDIT_HOME,
	ACT_EDIT_END,
	ACT_EDIT_BACKSPACE,
	ACT_EDIT_DELETE,
	ACT_EDIT_KILL_START,
	ACT_EDIT_KILL_END,
	ACT_EDIT_KILL_WORD,
	ACT_EDIT_YANK,
	ACT_EDIT_COMPLETE,   /* a prompt that completes (a file's path): complete */
	ACT_ACCEPT,     /* the prompt: take the text */
	ACT_CANCEL,     /* the prompt: drop it */
	ACT_VIEW_SEARCH,      /* search every ticket (view_search.c) */
	ACT_HISTORY,          /* the customer's other tickets */
	ACT_LINK,             /* link / unlink another ticket */
	ACT_RETRIAGE,         /* re-triage: the intake fields in the form, with a reason */
	ACT_QUOTED,           /* show / fold the earlier mail a customer quoted */
	ACT_COLLAB_ADD,       /* add a collaborator to the ticket (agent picker) */
	ACT_COLLAB_REMOVE,    /* remove one (picker of its collaborators) */
	ACT__COUNT,
	ACT_VIEW_BASE = 1000,
};

struct action_info {
	int action;
	const char *name;   /* config name: keys.<view>.<name> = "key" */
	const char *help;   /* N_() text shown in the help view */
};

/* The description of a shared action, or NULL. */
const struct action_info *action_global_info(int action);

/* A key is a Unicode code point for characters, or KEY_FN(curses code)
 * for function keys (arrows, F1, PgDn, resize ...). */
#define KEY_FN(code) (0x40000000 | (code))
#define KEY_IS_FN(key) (((key) & 0x40000000) != 0)
#define KEY_CTRL(c) ((c) & 0x1f)
#define KEY_ESCAPE 27

/* The function keys by name for key tables outside curses (views never
 * include curses.h): ncurses' codes, checked against curses.h in keys.c. */
#define TT_KEY_DOWN KEY_FN(0402)
#define TT_KEY_UP KEY_FN(0403)
#define TT_KEY_LEFT KEY_FN(0404)
#define TT_KEY_RIGHT KEY_FN(0405)
#define TT_KEY_HOME KEY_FN(0406)
#define TT_KEY_BACKSPACE KEY_FN(0407)
#define TT_KEY_F(n) KEY_FN(0410 + (n))
#define TT_KEY_DC KEY_FN(0512)
#define TT_KEY_NPAGE KEY_FN(0522)
#define TT_KEY_PPAGE KEY_FN(0523)
#define TT_KEY_ENTER KEY_FN(0527)
#define TT_KEY_BTAB KEY_FN(0541)
#define TT_KEY_END KEY_FN(0550)

/* A key bound to an action; a table ends with { 0, 0 }. */
struct keybinding {
	int key;
	int action;
};

/* Flags handlers return (or-ed). */
enum {
	VR_UNHANDLED = 0,
	VR_HANDLED = 1 << 0,  /* consumed */
	VR_REDRAW = 1 << 1,   /* repaint this view */
	VR_RELOAD = 1 << 2,   /* re-read the data (then repaint) */
	VR_QUIT = 1 << 3,     /* leave ticketty */
	VR_CLOSE = 1 << 4,    /* pop this view */
	VR_OPEN = 1 << 5,     /* open the view requested with view_request_open() */
};

/* A drawing area in screen cells. */
struct area {
	int y, x, h, w;
};

/* A mouse event the screen hands the top view (ui.mouse = true), never
 * while a prompt or a choice list is open. */
enum mouse_kind {
	MOUSE_CLICK = 1,      /* button 1 pressed and released */
	MOUSE_DOUBLE,         /* button 1 double click */
	MOUSE_WHEEL_UP,
	MOUSE_WHEEL_DOWN,
};
struct mouse_event {
	enum mouse_kind kind;
	int y, x;             /* screen cell */
};

struct view_ops {
	const char *name;     /* registry and config name: "queue", "ticket", "help" ... */
	const char *title;    /* N_() title for the top line */
	/* the view's own key table (ended by {0, 0}); looked up before the
	 * global table; may be NULL */
	const struct keybinding *keys;
	/* descriptions of the view's own actions (>= ACT_VIEW_BASE), ended
	 * by a NULL name; may be NULL */
	const struct action_info *actions;
	/* a form: keys its own table does not bind go to `key` before the
	 * global table is consulted, so typing q, j or n enters text; `key`
	 * takes the edit table's keys and every character, and the help
	 * lists only the global keys left (F1, F3, C-l) */
	bool text_input;
	/* allocates v->data; arg is the view argument ("123" for a ticket) or
	 * NULL. Returns 0, or an exit code with a message set via screen_error. */
	int (*open)(struct view *v, const char *arg);
	void (*close)(struct view *v);
	/* re-reads from the database (compute step): sets what draw shows.
	 * Called after open, on VR_RELOAD, on resize and after a reconnect. */
	unsigned (*reload)(struct view *v);
	/* paints the area (paint step): only called when the view is dirty */
	void (*draw)(struct view *v, const struct area *a);
	/* handles an action; keys without an action go to `key` (may be NULL) */
	unsigned (*action)(struct view *v, int action);
	unsigned (*key)(struct view *v, int key);
	/* the drawing area changed size (before the next draw) */
	unsigned (*resize)(struct view *v, int rows, int cols);
	/* a database notification: ticket id (0 when unknown) and kind */
	unsigned (*notify)(struct view *v, long long ticket, const char *kind);
	/* appends the view's state for the status line (filters, position) */
	void (*status)(struct view *v, struct strbuf *out);
	/* appends a few lines of view-specific help shown above the key list */
	void (*help)(struct view *v, struct strbuf *out);
	/* the clock moved (top view, idle screen): called every ui.refresh_ms
	 * and at the instant the view asked for by lowering *wake_ms
	 * (monotonic ms, util/monotime.h); may be NULL */
	unsigned (*tick)(struct view *v, long long *wake_ms);
	/* a click, double click or wheel notch (list views answer through
	 * their ui/widgets/list.h list); NULL: the wheel moves the cursor
	 * (ACT_UP / ACT_DOWN) unless the view is a form */
	unsigned (*mouse)(struct view *v, const struct mouse_event *m);
	/* every key waiting was handled (one typed, a burst typed ahead, a
	 * paste of many thousands): what the view puts off while keys come
	 * in, once per burst rather than once per key (the intake form's
	 * draft); called before each paint and before ticketty ends (a
	 * hangup, a quit), for every view on the stack; may be NULL */
	void (*settle)(struct view *v);
};

/* A view instance on the screen's stack. */
struct view {
	const struct view_ops *ops;
	struct screen *screen;
	void *data;        /* owned by the view (open/close) */
	char *arg;         /* the open argument, owned */
	bool dirty;        /* needs a repaint */
	bool stale;        /* needs a reload before it is shown again */
	struct area area;  /* where it was last laid out */
	/* set by view_request_open() */
	const char *want_view;
	char *want_arg;
	int want_action;
	/* the action the opening view asked this one to run once its data is
	 * loaded (view_request_action), ACT_NONE; set before ops->open */
	int request;
};

/* Records a request to open another view; returns VR_OPEN | VR_HANDLED. */
unsigned view_request_open(struct view *v, const char *name, const char *arg);
/* The same, asking the new view to run `action` on what it shows (the
 * queue's `r` opens the ticket and starts a reply): the action travels
 * typed, in view->request, never as text to parse. */
unsigned view_request_action(struct view *v, const char *name, const char *arg, int action);

#endif
