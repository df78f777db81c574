/* The intake form's duplicate hint: one bounded query (search_duplicates,
 * sql/070_search.sql) whenever the customer, title or object IDs changed
 * when a field is left; the hint names the first few on one line. */
#include "ui/intake_dups.h"

#include <stdlib.h>
#include <string.h>

#include "ui/draw.h"
#include "ui/screen.h"
#include "ui/view_search.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

void intake_dups_init(struct intake_dups *d)
{
	d->sig = NULL;
	search_list_init(&d->list);
}

void intake_dups_done(struct intake_dups *d)
{
	free(d->sig);
	d->sig = NULL;
	search_list_done(&d->list);
}

void intake_dups_update(struct intake_dups *d, struct view *v, const char *customer,
			const char *title, const char *object_ids)
{
	struct db *db = screen_db(v->screen);
	if (!customer || !*customer) {
		intake_dups_done(d);
		return;
	}
	char *sig = view_similar_arg(customer, title, object_ids);
	if (d->sig && !strcmp(d->sig, sig)) {
		free(sig);
		return;
	}
	if (!db) {
		free(sig);
		return;
	}
	struct tt_error err;
	tt_error_init(&err);
	if (search_duplicates(db, customer, title, object_ids, 5, &d->list, &err)) {
		screen_error(v->screen, &err);
		search_list_done(&d->list);
		free(sig);
		sig = NULL;
	}
	tt_error_clear(&err);
	free(d->sig);
	d->sig = sig;
}

bool intake_dups_draw(const struct intake_dups *d, struct view *v, int y, int x, int w)
{
	if (!d->list.n)
		return false;
	struct strbuf sb;
	sb_init(&sb);
	const char *key = screen_key_for(v->screen, v, ACT_HISTORY);
	sb_addf(&sb, ngettext("Likely duplicate (%s lists it):", "Likely duplicates (%s lists them):",
			      (unsigned long)d->list.n), *key ? key : "C-o");
	int used = draw_text_part(y, x, w, sb.buf, STYLE_ERROR);
	sb_reset(&sb);
	for (size_t i = 0; i < d->list.n && i < 3; i++)
		sb_addf(&sb, "%s#%lld %s", i ? i18n_sym(SYM_SEP) : " ", d->list.hits[i].id,
			d->list.hits[i].title);
	if (used < w)
		draw_text(y, x + used, w - used, sb.buf, STYLE_NORMAL);
	sb_done(&sb);
	return true;
}

unsigned intake_dups_open(const struct intake_dups *d, struct view *v)
{
	if (!d->sig) {
		screen_message(v->screen, "%s", _("choose the customer first"));
		return VR_HANDLED;
	}
	return view_request_open(v, "similar", d->sig);
}
