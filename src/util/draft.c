/* Draft files: atomic writes, tolerant listing, strict reading (draft.h). */
#include "util/draft.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define MAGIC "ticketty-draft 1"

void draft_init(struct draft *d, const char *kind, const char *id)
{
	memset(d, 0, sizeof(*d));
	d->kind = xstrdup(kind ? kind : "");
	d->id = xstrdup(id ? id : "");
}

void draft_done(struct draft *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->fields[i].name);
		free(d->fields[i].value);
	}
	free(d->fields);
	free(d->id);
	free(d->kind);
	memset(d, 0, sizeof(*d));
}

void draft_set(struct draft *d, const char *name, const char *value, size_t len)
{
	struct draft_field *f = NULL;
	for (size_t i = 0; i < d->n && !f; i++)
		if (!strcmp(d->fields[i].name, name))
			f = &d->fields[i];
	if (!f) {
		d->fields = xrealloc(d->fields, (d->n + 1) * sizeof(*d->fields));
		f = &d->fields[d->n++];
		f->name = xstrdup(name);
	} else {
		free(f->value);
	}
	f->value = xmalloc(len + 1);
	memcpy(f->value, value, len);
	f->value[len] = '\0';
	f->len = len;
}

const char *draft_get(const struct draft *d, const char *name, size_t *len)
{
	for (size_t i = 0; i < d->n; i++)
		if (!strcmp(d->fields[i].name, name)) {
			if (len)
				*len = d->fields[i].len;
			return d->fields[i].value;
		}
	return NULL;
}

char *draft_dir(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	if (state && *state == '/')
		return xasprintf("%s/ticketty/drafts", state);
	const char *home = getenv("HOME");
	return xasprintf("%s/.local/state/ticketty/drafts", home && *home ? home : ".");
}

static bool safe_word(const char *s)
{
	if (!*s || strlen(s) > 128)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '-' || *s == '_'))
			return false;
	return true;
}

static int mkdirs(const char *dir, struct tt_error *err)
{
	char *p = xstrdup(dir);
	for (char *s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0700) != 0 && errno != EEXIST) {
				int e = errno;
				free(p);
				return tt_error_set(err, EX_CANTCREAT, "%s: %s", dir, strerror(e));
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	return 0;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t w = write(fd, buf, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		buf += w;
		len -= (size_t)w;
	}
	return 0;
}

int draft_save(const char *dir, const struct draft *d, bool durable, struct tt_error *err)
{
	if (!safe_word(d->id) || !safe_word(d->kind))
		return tt_error_set(err, EX_SOFTWARE, _("invalid draft name '%s'"), d->id);
	int rc = mkdirs(dir, err);
	if (rc)
		return rc;

	struct strbuf sb;
	sb_init(&sb);
	sb_addf(&sb, "%s\nkind %s\n", MAGIC, d->kind);
	for (size_t i = 0; i < d->n; i++) {
		if (!safe_word(d->fields[i].name))
			continue;
		sb_addf(&sb, "field %s %zu\n", d->fields[i].name, d->fields[i].len);
		sb_addn(&sb, d->fields[i].value, d->fields[i].len);
		sb_addc(&sb, '\n');
	}
	sb_add(&sb, "end\n");

	char *path = xasprintf("%s/%s.draft", dir, d->id);
	char *tmp = xasprintf("%s/.%s.draft.XXXXXX", dir, d->id);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		rc = tt_error_set(err, EX_CANTCREAT, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	if (write_all(fd, sb.buf, sb.len) || (durable && fsync(fd))) {
		rc = tt_error_set(err, EX_IOERR, "%s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	close(fd);
	if (rename(tmp, path)) {
		rc = tt_error_set(err, EX_IOERR, "%s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	/* make the rename itself durable */
	int dfd = durable ? open(dir, O_RDONLY | O_DIRECTORY) : -1;
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
out:
	free(path);
	free(tmp);
	sb_done(&sb);
	return rc;
}

static int damaged(const char *path, struct tt_error *err)
{
	return tt_error_set(err, EX_DATAERR, _("the draft %s is damaged"), path);
}

static int parse(const char *path, const char *buf, size_t len, struct draft *d, struct tt_error *err)
{
	const char *p = buf, *end = buf + len;
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	if (!nl || (size_t)(nl - p) != strlen(MAGIC) || memcmp(p, MAGIC, strlen(MAGIC)))
		return damaged(path, err);
	p = nl + 1;
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return damaged(path, err);
		char *line = xstrndup(p, (size_t)(nl - p));
		p = nl + 1;
		char name[129];
		size_t flen;
		int used = 0;
		if (!strcmp(line, "end")) {
			free(line);
			return 0;
		} else if (!strncmp(line, "kind ", 5)) {
			free(d->kind);
			d->kind = xstrdup(line + 5);
		} else if (sscanf(line, "field %128s %zu%n", name, &flen, &used) == 2 && !line[used]) {
			if ((size_t)(end - p) < flen + 1 || p[flen] != '\n') {
				free(line);
				return damaged(path, err);
			}
			draft_set(d, name, p, flen);
			p += flen + 1;
		} else {
			free(line);
			return damaged(path, err);
		}
		free(line);
	}
	return damaged(path, err); /* no "end": cut short */
}

bool draft_exists(const char *dir, const char *id)
{
	if (!safe_word(id))
		return false;
	char *path = xasprintf("%s/%s.draft", dir, id);
	bool there = access(path, F_OK) == 0;
	free(path);
	return there;
}

int draft_load(const char *dir, const char *id, struct draft *d, struct tt_error *err)
{
	draft_init(d, "", id);
	if (!safe_word(id))
		return tt_error_set(err, EX_NOINPUT, _("no draft named '%s'"), id);
	char *path = xasprintf("%s/%s.draft", dir, id);
	FILE *f = fopen(path, "rb");
	int rc;
	if (!f) {
		rc = tt_error_set(err, errno == ENOENT ? EX_NOINPUT : EX_IOERR, "%s: %s", path, strerror(errno));
		free(path);
		return rc;
	}
	struct stat st;
	if (fstat(fileno(f), &st) == 0)
		d->saved = st.st_mtime;
	struct strbuf sb;
	sb_init(&sb);
	sb_add_stream(&sb, f);
	fclose(f);
	rc = parse(path, sb.buf, sb.len, d, err);
	sb_done(&sb);
	free(path);
	return rc;
}

struct listed {
	char *id;
	time_t mtime;
};

static int newest_first(const void *a, const void *b)
{
	const struct listed *x = a, *y = b;
	if (x->mtime != y->mtime)
		return x->mtime < y->mtime ? 1 : -1;
	return strcmp(x->id, y->id);
}

int draft_list(const char *dir, const char *kind, char ***ids, size_t *n, struct tt_error *err)
{
	DIR *dh = opendir(dir);
	struct listed *l = NULL;
	size_t cnt = 0, cap = 0;
	struct dirent *de;

	*ids = NULL;
	*n = 0;
	if (!dh)
		return errno == ENOENT ? 0 : tt_error_set(err, EX_IOERR, "%s: %s", dir, strerror(errno));
	while ((de = readdir(dh)) != NULL) {
		size_t len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len <= 6 || strcmp(de->d_name + len - 6, ".draft"))
			continue;
		char *id = xstrndup(de->d_name, len - 6);
		struct draft d;
		struct tt_error ignored;
		tt_error_init(&ignored);
		/* damaged files are skipped, never deleted: they may hold words */
		if (draft_load(dir, id, &d, &ignored) == 0 && (!kind || !strcmp(d.kind, kind))) {
			l = xgrow(l, &cap, cnt + 1, sizeof(*l));
			l[cnt].id = id;
			l[cnt++].mtime = d.saved;
		} else {
			free(id);
		}
		draft_done(&d);
		tt_error_clear(&ignored);
	}
	closedir(dh);
	if (cnt > 1)
		qsort(l, cnt, sizeof(*l), newest_first);
	*ids = xcalloc(cnt ? cnt : 1, sizeof(char *));
	for (size_t i = 0; i < cnt; i++)
		(*ids)[i] = l[i].id;
	*n = cnt;
	free(l);
	return 0;
}

int draft_delete(const char *dir, const char *id, struct tt_error *err)
{
	if (!safe_word(id))
		return 0;
	char *path = xasprintf("%s/%s.draft", dir, id);
	int rc = 0;
	if (unlink(path) && errno != ENOENT)
		rc = tt_error_set(err, EX_IOERR, "%s: %s", path, strerror(errno));
	free(path);
	return rc;
}
