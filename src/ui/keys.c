/* Key tables as data: the global defaults, key names, and the effective
 * maps with the configuration's overrides applied. */
#include "ui/keys.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/i18n.h"
#include "util/lineedit.h"
#include "util/text.h"
#include "util/xalloc.h"

/* DESIGN.md §8 default keys that mean the same in every view. */
const struct keybinding keys_global[] = {
	{ 'j', ACT_DOWN },
	{ KEY_FN(KEY_DOWN), ACT_DOWN },
	{ 'k', ACT_UP },
	{ KEY_FN(KEY_UP), ACT_UP },
	{ KEY_FN(KEY_NPAGE), ACT_PAGE_DOWN },
	{ KEY_CTRL('f'), ACT_PAGE_DOWN },
	{ ' ', ACT_PAGE_DOWN },
	{ KEY_FN(KEY_PPAGE), ACT_PAGE_UP },
	{ KEY_CTRL('b'), ACT_PAGE_UP },
	{ 'g', ACT_FIRST },
	{ KEY_FN(KEY_HOME), ACT_FIRST },
	{ 'G', ACT_LAST },
	{ KEY_FN(KEY_END), ACT_LAST },
	{ '\n', ACT_OPEN },
	{ '\r', ACT_OPEN },
	{ KEY_FN(KEY_ENTER), ACT_OPEN },
	{ 'q', ACT_BACK },
	{ KEY_ESCAPE, ACT_BACK },
	{ 'Q', ACT_QUIT },
	{ '/', ACT_SEARCH },
	{ 'n', ACT_NEW_TICKET },
	{ '?', ACT_HELP },
	{ KEY_FN(KEY_F(1)), ACT_HELP },
	{ ':', ACT_COMMAND },
	{ 'R', ACT_RELOAD },
	{ KEY_CTRL('l'), ACT_REDRAW },
	{ '1', ACT_VIEW_QUEUE },
	{ '2', ACT_VIEW_ESCALATIONS },
	{ '3', ACT_VIEW_INBOX },
	{ '4', ACT_VIEW_DASHBOARD },
	{ 'F', ACT_VIEW_SEARCH },
	{ KEY_FN(KEY_F(3)), ACT_VIEW_SEARCH },
	{ '5', ACT_VIEW_NOTIFICATIONS },
	{ 0, 0 },
};

/* readline's keys for text (util/lineedit.h does the editing). */
const struct keybinding keys_edit[] = {
	{ KEY_CTRL('b'), ACT_EDIT_LEFT },
	{ KEY_FN(KEY_LEFT), ACT_EDIT_LEFT },
	{ KEY_CTRL('f'), ACT_EDIT_RIGHT },
	{ KEY_FN(KEY_RIGHT), ACT_EDIT_RIGHT },
	{ KEY_CTRL('a'), ACT_EDIT_HOME },
	{ KEY_FN(KEY_HOME), ACT_EDIT_HOME },
	{ KEY_CTRL('e'), ACT_EDIT_END },
	{ KEY_FN(KEY_END), ACT_EDIT_END },
	{ KEY_CTRL('h'), ACT_EDIT_BACKSPACE },
	{ 127, ACT_EDIT_BACKSPACE },
	{ KEY_FN(KEY_BACKSPACE), ACT_EDIT_BACKSPACE },
	{ KEY_CTRL('d'), ACT_EDIT_DELETE },
	{ KEY_FN(KEY_DC), ACT_EDIT_DELETE },
	{ KEY_CTRL('u'), ACT_EDIT_KILL_START },
	{ KEY_CTRL('k'), ACT_EDIT_KILL_END },
	{ KEY_CTRL('w'), ACT_EDIT_KILL_WORD },
	{ KEY_CTRL('y'), ACT_EDIT_YANK },
	{ '\t', ACT_EDIT_COMPLETE },
	{ '\n', ACT_ACCEPT },
	{ '\r', ACT_ACCEPT },
	{ KEY_FN(KEY_ENTER), ACT_ACCEPT },
	{ KEY_ESCAPE, ACT_CANCEL },
	{ KEY_CTRL('g'), ACT_CANCEL },
	{ 0, 0 },
};

const struct keybinding keys_picker[] = {
	{ KEY_FN(KEY_UP), ACT_UP },
	{ KEY_CTRL('p'), ACT_UP },
	{ KEY_FN(KEY_DOWN), ACT_DOWN },
	{ KEY_CTRL('n'), ACT_DOWN },
	{ KEY_FN(KEY_PPAGE), ACT_PAGE_UP },
	{ KEY_FN(KEY_NPAGE), ACT_PAGE_DOWN },
	{ 0, 0 },
};

static const struct {
	int action;
	enum le_op op;
} edit_ops[] = {
	{ ACT_EDIT_LEFT, LE_LEFT }, { ACT_EDIT_RIGHT, LE_RIGHT }, { ACT_EDIT_HOME, LE_HOME },
	{ ACT_EDIT_END, LE_END }, { ACT_EDIT_BACKSPACE, LE_BACKSPACE }, { ACT_EDIT_DELETE, LE_DELETE },
	{ ACT_EDIT_KILL_START, LE_KILL_TO_START }, { ACT_EDIT_KILL_END, LE_KILL_TO_END },
	{ ACT_EDIT_KILL_WORD, LE_KILL_WORD }, { ACT_EDIT_YANK, LE_YANK },
};

int keys_edit_op(int action)
{
	for (size_t i = 0; i < sizeof(edit_ops) / sizeof(edit_ops[0]); i++)
		if (edit_ops[i].action == action)
			return (int)edit_ops[i].op;
	return -1;
}

_Static_assert(TT_KEY_DOWN == KEY_FN(KEY_DOWN) && TT_KEY_UP == KEY_FN(KEY_UP) &&
	       TT_KEY_LEFT == KEY_FN(KEY_LEFT) && TT_KEY_RIGHT == KEY_FN(KEY_RIGHT) &&
	       TT_KEY_HOME == KEY_FN(KEY_HOME) && TT_KEY_BACKSPACE == KEY_FN(KEY_BACKSPACE) &&
	       TT_KEY_F(10) == KEY_FN(KEY_F(10)) && TT_KEY_DC == KEY_FN(KEY_DC) &&
	       TT_KEY_NPAGE == KEY_FN(KEY_NPAGE) && TT_KEY_PPAGE == KEY_FN(KEY_PPAGE) &&
	       TT_KEY_ENTER == KEY_FN(KEY_ENTER) && TT_KEY_BTAB == KEY_FN(KEY_BTAB) &&
	       TT_KEY_END == KEY_FN(KEY_END), "TT_KEY_* match curses");

int keys_lookup(const struct keybinding *table, int key)
{
	for (const struct keybinding *b = table; b && b->key; b++)
		if (b->key == key)
			return b->action;
	return ACT_NONE;
}

/* Names are English in the configuration; shown translated (msgctxt "key"). */
struct named_key {
	const char *name;
	int key;
};

static const struct named_key named[] = {
	{ NC_("key", "Enter"), '\n' },
	{ NC_("key", "Esc"), KEY_ESCAPE },
	{ NC_("key", "Tab"), '\t' },
	{ NC_("key", "Space"), ' ' },
	{ NC_("key", "Backspace"), KEY_FN(KEY_BACKSPACE) },
	{ NC_("key", "Up"), KEY_FN(KEY_UP) },
	{ NC_("key", "Down"), KEY_FN(KEY_DOWN) },
	{ NC_("key", "Left"), KEY_FN(KEY_LEFT) },
	{ NC_("key", "Right"), KEY_FN(KEY_RIGHT) },
	{ NC_("key", "PgDn"), KEY_FN(KEY_NPAGE) },
	{ NC_("key", "PgUp"), KEY_FN(KEY_PPAGE) },
	{ NC_("key", "Home"), KEY_FN(KEY_HOME) },
	{ NC_("key", "End"), KEY_FN(KEY_END) },
	{ NC_("key", "Insert"), KEY_FN(KEY_IC) },
	{ NC_("key", "Delete"), KEY_FN(KEY_DC) },
	{ NC_("key", "S-Tab"), KEY_FN(KEY_BTAB) },
	{ NC_("key", "KpEnter"), KEY_FN(KEY_ENTER) },
};

int keyspec_parse(const char *name)
{
	uint32_t cp;
	size_t len = strlen(name);

	if (!len)
		return 0;
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (!strcasecmp(named[i].name, name))
			return named[i].key;
	if ((name[0] == 'F' || name[0] == 'f') && name[1] >= '1' && name[1] <= '9') {
		char *end;
		long n = strtol(name + 1, &end, 10);
		if (!*end && n >= 1 && n <= 24)
			return KEY_FN(KEY_F((int)n));
	}
	if ((name[0] == 'C' || name[0] == 'c') && name[1] == '-' && name[2] && !name[3]) {
		char c = name[2];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c >= 'a' && c <= 'z')
			return KEY_CTRL(c);
		return 0;
	}
	if (name[0] == '^' && name[1] && !name[2])
		return keyspec_parse((char[]){ 'C', '-', name[1], 0 });
	if (utf8_decode(name, len, &cp) == len && cp != TEXT_INVALID && !text_is_unsafe(cp))
		return (int)cp;
	return 0;
}

void keyspec_name(int key, struct strbuf *out)
{
	if (key == '\r' || key == '\n') {
		sb_add(out, i18n_pgettext("key", "Enter"));
		return;
	}
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (named[i].key == key) {
			sb_add(out, i18n_pgettext("key", named[i].name));
			return;
		}
	if (KEY_IS_FN(key)) {
		int code = key & ~0x40000000;
		if (code >= KEY_F(1) && code <= KEY_F(24)) {
			sb_addf(out, "F%d", code - KEY_F0);
			return;
		}
		sb_addf(out, "<%d>", code);
		return;
	}
	if (key > 0 && key < 32) {
		sb_addf(out, "C-%c", key + 'a' - 1);
		return;
	}
	utf8_encode(out, (uint32_t)key);
}

static int action_by_name(const char *name, const struct action_info *view_actions)
{
	for (int a = 1; a < ACT__COUNT; a++) {
		const struct action_info *info = action_global_info(a);
		if (info && !strcmp(info->name, name))
			return a;
	}
	for (const struct action_info *v = view_actions; v && v->name; v++)
		if (!strcmp(v->name, name))
			return v->action;
	return ACT_NONE;
}

static const char *action_name(int action, const struct action_info *view_actions)
{
	const struct action_info *info = action_global_info(action);
	if (info)
		return info->name;
	for (const struct action_info *v = view_actions; v && v->name; v++)
		if (v->action == action)
			return v->name;
	return "?";
}

static void add(struct keymap *km, size_t *cap, int key, int action)
{
	km->binds = xgrow(km->binds, cap, km->n + 1, sizeof(*km->binds));
	km->binds[km->n].key = key;
	km->binds[km->n].action = action;
	km->n++;
}

void keymap_build(struct keymap *km, const char *view_name, const struct keybinding *defaults,
		  const struct action_info *view_actions, const struct config *cfg,
		  struct strbuf *warnings)
{
	size_t cap = 0;
	struct keybinding overridden[64];   /* the config's key of each action it binds */
	size_t nover = 0;
	bool is_view = strcmp(view_name, "global") && strcmp(view_name, "edit") && strcmp(view_name, "picker");

	km->binds = NULL;
	km->n = 0;
	/* the overrides for this table first: they win over defaults */
	for (size_t i = 0; cfg && i < cfg->nkeys; i++) {
		const struct key_binding_override *o = &cfg->keys[i];
		if (strcmp(o->view, view_name))
			continue;
		int action = action_by_name(o->action, view_actions);
		int key = keyspec_parse(o->key);
		if (!action || !key) {
			if (warnings)
				sb_addf(warnings, _("keys.%s.%s: unknown %s '%s'\n"), o->view, o->action,
					!action ? _("action") : _("key"), !action ? o->action : o->key);
			continue;
		}
		add(km, &cap, key, action);
		if (nover < sizeof(overridden) / sizeof(overridden[0]))
			overridden[nover++] = (struct keybinding){ key, action };
		/* a view's key hides the global one in that view: said, as it
		 * may be a surprise ("j" no longer moves down there) */
		int global = is_view ? keys_lookup(keys_global, key) : ACT_NONE;
		if (warnings && global != ACT_NONE && global != action) {
			struct strbuf name;
			sb_init(&name);
			keyspec_name(key, &name);
			sb_addf(warnings, _("keys.%s.%s: %s is also the key of %s everywhere else; "
					    "in this view it is %s\n"),
				o->view, o->action, name.buf, action_name(global, view_actions), o->action);
			sb_done(&name);
		}
	}
	for (const struct keybinding *b = defaults; b && b->key; b++) {
		bool skip = false;
		const struct keybinding *taken = NULL;
		for (size_t j = 0; j < nover; j++) {
			skip |= overridden[j].action == b->action;
			if (overridden[j].key == b->key && overridden[j].action != b->action)
				taken = &overridden[j];
		}
		if (skip)
			continue;
		if (taken) {
			/* the config gave this key to another action: that wins,
			 * and the action it belonged to keeps its other keys */
			if (warnings) {
				struct strbuf name;
				sb_init(&name);
				keyspec_name(b->key, &name);
				sb_addf(warnings, _("keys.%s.%s: %s was the key of %s here, which loses it\n"),
					view_name, action_name(taken->action, view_actions), name.buf,
					action_name(b->action, view_actions));
				sb_done(&name);
			}
			continue;
		}
		add(km, &cap, b->key, b->action);
	}
}

bool keymap_table_known(const char *name, const char *const *view_names)
{
	if (!strcmp(name, "global") || !strcmp(name, "edit") || !strcmp(name, "picker"))
		return true;
	for (size_t i = 0; view_names && view_names[i]; i++)
		if (!strcmp(name, view_names[i]))
			return true;
	return false;
}

void keymap_done(struct keymap *km)
{
	free(km->binds);
	km->binds = NULL;
	km->n = 0;
}

int keymap_lookup(const struct keymap *km, int key)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->binds[i].key == key)
			return km->binds[i].action;
	return ACT_NONE;
}

int keymap_key_for(const struct keymap *km, int action)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->binds[i].action == action)
			return km->binds[i].key;
	return 0;
}
