/* The help overlay (`?`, F1): every key binding in effect for the view
 * below it (its own table first, then the global one, overrides from the
 * config included), in a pager with search. */
#include <stdlib.h>
#include <string.h>

#include "ui/keys.h"
#include "ui/screen.h"
#include "ui/view.h"
#include "ui/widgets/pager.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

struct help {
	struct pager pager;
	const struct view_ops *target;
	struct view *below;   /* the view the keys are listed for (under us) */
};

static const struct keybinding help_keys[] = {
	{ 'n', ACT_SEARCH_NEXT },
	{ 'N', ACT_SEARCH_PREV },
	{ 0, 0 },
};

/* The key column is as wide as the view's widest key list ("AvPág, C-f,
 * Espacio"), at most KEYS_MAX cells so the text still has room on an
 * 80-column screen; a wider list pushes its own text right. */
#define KEYS_MAX 24

struct key_row {
	char *keys;   /* "j, Down" */
	int action;
};

struct collect {
	struct help *h;
	const struct view_ops *ops;
	bool global;
	int last_action;
	struct strbuf keys;   /* "j, Down" of the action being collected */
	struct key_row *rows;
	size_t nrows, cap;
};

/* The action being collected is complete: its row is kept for emit(). */
static void flush_line(struct collect *c)
{
	if (c->keys.len) {
		if (c->nrows == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 32;
			c->rows = xrealloc(c->rows, c->cap * sizeof(*c->rows));
		}
		c->rows[c->nrows++] = (struct key_row){ xstrdup(c->keys.buf), c->last_action };
	}
	sb_reset(&c->keys);
}

/* Adds the rows collected so far to the pager, keys padded to `width`,
 * and forgets them. */
static void emit(struct collect *c, int width)
{
	struct strbuf row;
	sb_init(&row);
	for (size_t i = 0; i < c->nrows; i++) {
		const struct action_info *info = screen_action_info(c->ops, c->rows[i].action);
		sb_reset(&row);
		sb_add(&row, "  ");
		text_pad(&row, c->rows[i].keys, width, 0);
		sb_addf(&row, " %s", info ? _(info->help) : "?");
		/* a description that wraps goes on under itself, not under
		 * the keys ("(asks for a\n    reason)") */
		pager_add_hanging(&c->h->pager, row.buf, STYLE_NORMAL, 2 + width + 1);
		free(c->rows[i].keys);
	}
	c->nrows = 0;
	sb_done(&row);
}

static void add_binding(void *arg, int key, int action, bool global);

/* Collects the rows of one section (the view's keys, or the global ones)
 * into c->rows. */
static void collect(struct view *v, struct collect *c, bool global)
{
	c->global = global;
	c->last_action = -1;
	screen_bindings(v->screen, c->h->target, add_binding, c);
	flush_line(c);
}

static bool has_name(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; (p = strstr(p, name)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == '\0' || p[n] == ','))
			return true;
	return false;
}

/* One line per action: all its keys, then what it does. */
static void add_binding(void *arg, int key, int action, bool global)
{
	struct collect *c = arg;

	if (global != c->global)
		return;
	struct strbuf name;
	sb_init(&name);
	keyspec_name(key, &name);
	if (action != c->last_action) {
		flush_line(c);
		sb_add(&c->keys, name.buf);
	} else if (!has_name(c->keys.buf, name.buf)) {
		/* C-m and C-j both read "Enter": list it once */
		sb_addf(&c->keys, ", %s", name.buf);
	}
	sb_done(&name);
	c->last_action = action;
}

/* A view's introduction as paragraphs the pager wraps to the screen: a
 * line break inside a sentence (where the source or its translation
 * ended a line for an 80-column editor) becomes a space, so no line of a
 * translation longer than the original is left with a word or two;
 * sentences keep their own lines. */
static void reflow(struct strbuf *intro)
{
	while (intro->len && intro->buf[intro->len - 1] == '\n')
		sb_truncate(intro, intro->len - 1);
	for (size_t i = 1; i < intro->len; i++)
		if (intro->buf[i] == '\n' && !strchr(".:!?\n", intro->buf[i - 1]) && intro->buf[i + 1] != '\n')
			intro->buf[i] = ' ';
}

static void build(struct view *v)
{
	struct help *h = v->data;
	struct collect c = { .h = h, .ops = h->target };
	struct strbuf intro;

	pager_clear(&h->pager);
	sb_init(&c.keys);
	sb_init(&intro);
	if (h->target && h->target->help)
		h->target->help(h->below, &intro);
	pager_addf(&h->pager, STYLE_HEADER, _("Keys of the %s view"), h->target ? _(h->target->title) : "");
	reflow(&intro);
	if (intro.len)
		pager_add(&h->pager, intro.buf, STYLE_DIM);
	pager_add(&h->pager, "", STYLE_NORMAL);
	/* both sections measured first: one key column for the whole help */
	collect(v, &c, false);
	size_t nview = c.nrows;
	collect(v, &c, true);
	int width = 0;
	for (size_t i = 0; i < c.nrows; i++) {
		int w = text_width(c.rows[i].keys);
		if (w > width && w <= KEYS_MAX)
			width = w;
	}
	struct key_row *global = c.rows + nview;
	size_t nglobal = c.nrows - nview;
	c.nrows = nview;
	emit(&c, width);
	pager_add(&h->pager, "", STYLE_NORMAL);
	pager_add(&h->pager, _("Keys of every view"), STYLE_HEADER);
	memmove(c.rows, global, nglobal * sizeof(*c.rows));
	c.nrows = nglobal;
	emit(&c, width);
	pager_add(&h->pager, "", STYLE_NORMAL);
	pager_add(&h->pager, _("Keys can be changed in the configuration: keys.<view>.<action> = \"key\"."),
		  STYLE_DIM);
	sb_done(&c.keys);
	free(c.rows);
	sb_done(&intro);
}

static int hv_open(struct view *v, const char *arg)
{
	(void)arg;
	struct help *h = xcalloc(1, sizeof(*h));
	pager_init(&h->pager);
	h->below = screen_top(v->screen);
	h->target = h->below ? h->below->ops : NULL;
	v->data = h;
	return 0;
}

static void hv_close(struct view *v)
{
	struct help *h = v->data;
	pager_done(&h->pager);
	free(h);
}

static unsigned hv_reload(struct view *v)
{
	build(v);
	return VR_REDRAW;
}

static unsigned hv_resize(struct view *v, int rows, int cols)
{
	struct help *h = v->data;
	pager_resize(&h->pager, rows, cols);
	return VR_REDRAW;
}

static unsigned search_done(struct view *v, const char *text, void *arg)
{
	struct help *h = v->data;
	(void)arg;
	if (text && *text && !pager_search(&h->pager, text, false))
		screen_error_msg(v->screen, _("not found: %s"), text);
	return VR_HANDLED | VR_REDRAW;
}

static unsigned hv_action(struct view *v, int action)
{
	struct help *h = v->data;
	if (action == ACT_SEARCH) {
		screen_prompt(v->screen, v, "/", NULL, search_done, NULL);
		return VR_HANDLED;
	}
	if (action == ACT_OPEN)
		return VR_HANDLED;
	if (action == ACT_HELP)
		return VR_HANDLED | VR_CLOSE;
	return pager_action(&h->pager, action);
}

static void hv_draw(struct view *v, const struct area *a)
{
	struct help *h = v->data;
	pager_draw(&h->pager, a);
}

const struct view_ops view_help_ops = {
	.name = "help",
	.title = N_("Help"),
	.keys = help_keys,
	.open = hv_open,
	.close = hv_close,
	.reload = hv_reload,
	.draw = hv_draw,
	.action = hv_action,
	.resize = hv_resize,
};
