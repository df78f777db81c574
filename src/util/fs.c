/* File-system helpers: see util/fs.h. */
#include "util/fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

FILE *fs_open_input(const char *path, struct tt_error *err)
{
	if (!strcmp(path, "-"))
		return stdin;
	FILE *f = fopen(path, "rb");
	struct stat st;
	if (!f) {
		tt_error_set(err, EX_NOINPUT, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) || S_ISDIR(st.st_mode)) {
		fclose(f);
		tt_error_set(err, EX_NOINPUT, _("%s: not a regular file"), path);
		return NULL;
	}
	return f;
}

void fs_close_input(FILE *f)
{
	if (f && f != stdin)
		fclose(f);
}

bool fs_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool fs_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

bool fs_dir_empty(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	bool empty = true;
	if (!d)
		return false;
	while (empty && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = false;
	closedir(d);
	return empty;
}

int fs_mkdir_p(const char *path, mode_t mode, struct tt_error *err)
{
	char *p = xstrdup(path);
	int rc = 0;
	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, mode) != 0 && errno != EEXIST) {
			rc = tt_error_set(err, EX_CANTCREAT, _("cannot create the directory %s: %s"), p,
					  strerror(errno));
			break;
		}
		if (!fs_is_dir(p)) {
			rc = tt_error_set(err, EX_CANTCREAT, _("%s is not a directory"), p);
			break;
		}
		*s = c;
		if (!c)
			break;
	}
	free(p);
	return rc;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	int r = (flag == FTW_DP) ? rmdir(path) : unlink(path);
	return r == 0 || errno == ENOENT ? 0 : errno;
}

int fs_remove_tree(const char *path, struct tt_error *err)
{
	if (!fs_exists(path))
		return 0;
	int e = nftw(path, remove_one, 32, FTW_DEPTH | FTW_PHYS);
	if (e != 0)
		return tt_error_set(err, EX_CANTCREAT, _("cannot remove %s: %s"), path,
				    strerror(e > 0 ? e : errno));
	return 0;
}

int fs_write_file(const char *path, const char *content, mode_t mode, uid_t uid, gid_t gid,
		  struct tt_error *err)
{
	char *tmp = xasprintf("%s.tmp", path);
	int rc = 0;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	size_t len = strlen(content), done = 0;
	if (fd < 0) {
		rc = tt_error_set(err, EX_CANTCREAT, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	while (done < len) {
		ssize_t n = write(fd, content + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = tt_error_set(err, EX_IOERR, "%s: %s", tmp, strerror(errno));
			break;
		}
		done += (size_t)n;
	}
	if (!rc && fchmod(fd, mode) != 0)
		rc = tt_error_set(err, EX_IOERR, "%s: %s", tmp, strerror(errno));
	if (!rc && uid != (uid_t)-1 && fchown(fd, uid, gid) != 0)
		rc = tt_error_set(err, EX_NOPERM, "%s: %s", tmp, strerror(errno));
	if (close(fd) != 0 && !rc)
		rc = tt_error_set(err, EX_IOERR, "%s: %s", tmp, strerror(errno));
	if (!rc && rename(tmp, path) != 0)
		rc = tt_error_set(err, EX_IOERR, "%s: %s", path, strerror(errno));
	if (rc)
		unlink(tmp);
out:
	free(tmp);
	return rc;
}

int fs_append(const char *path, const char *text, struct tt_error *err)
{
	FILE *f = fopen(path, "a");
	if (!f)
		return tt_error_set(err, EX_IOERR, "%s: %s", path, strerror(errno));
	fputs(text, f);
	if (fclose(f) != 0)
		return tt_error_set(err, EX_IOERR, "%s: %s", path, strerror(errno));
	return 0;
}

char *fs_read_line(const char *path, int n)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *result = NULL;
	size_t cap = 0;
	ssize_t len;
	if (!f)
		return NULL;
	for (int i = 1; (len = getline(&line, &cap, f)) >= 0; i++) {
		if (i == n) {
			while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
				line[--len] = '\0';
			result = xstrdup(line);
			break;
		}
	}
	free(line);
	fclose(f);
	return result;
}

char *fs_last_line(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *last = NULL;
	size_t cap = 0;
	ssize_t len;
	if (!f)
		return NULL;
	/* only the end matters: logs grow */
	if (fseek(f, 0, SEEK_END) == 0 && ftell(f) > 16384) {
		fseek(f, -16384, SEEK_END);
		if (getline(&line, &cap, f) < 0) /* skip the partial line */
			clearerr(f);
	} else {
		rewind(f);
	}
	while ((len = getline(&line, &cap, f)) >= 0) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' '))
			line[--len] = '\0';
		if (len > 0) {
			free(last);
			last = xstrdup(line);
		}
	}
	free(line);
	fclose(f);
	return last;
}

char *fs_expand_home(const char *path, const char *home)
{
	if (!strncmp(path, "~/", 2) && home)
		return xasprintf("%s/%s", home, path + 2);
	return xstrdup(path);
}

/* The last part of a glob match (a directory keeps its "/"). */
static const char *match_name(const char *path)
{
	size_t n = strlen(path);
	const char *end = n && path[n - 1] == '/' ? path + n - 1 : path + n;
	const char *slash = end;
	while (slash > path && slash[-1] != '/')
		slash--;
	return slash;
}

char *fs_complete_path(const char *typed, const char *home, char **matches)
{
	if (matches)
		*matches = NULL;
	char *path = fs_expand_home(typed, home);
	struct strbuf pattern;
	sb_init(&pattern);
	for (const char *c = path; *c; c++) {
		if (strchr("*?[\\", *c))
			sb_addc(&pattern, '\\');   /* the typed text matches itself only */
		sb_addc(&pattern, *c);
	}
	sb_addc(&pattern, '*');
	glob_t g = { 0 };
	char *out = NULL;
	if (glob(pattern.buf, GLOB_MARK, NULL, &g) == 0 && g.gl_pathc > 0) {
		const char *first = g.gl_pathv[0];
		size_t common = strlen(first);
		for (size_t i = 1; i < g.gl_pathc; i++) {
			size_t k = 0;
			while (k < common && g.gl_pathv[i][k] == first[k])
				k++;
			common = k;
		}
		/* never half a UTF-8 character */
		while (common > 0 && (first[common] & 0xC0) == 0x80)
			common--;
		if (common > strlen(path)) {
			size_t hl = home ? strlen(home) : 0;
			if (!strncmp(typed, "~/", 2) && home && !strncmp(first, home, hl) && first[hl] == '/')
				out = xasprintf("~%.*s", (int)(common - hl), first + hl);
			else
				out = xasprintf("%.*s", (int)common, first);
		} else if (matches && g.gl_pathc > 1) {
			struct strbuf list;
			sb_init(&list);
			for (size_t i = 0; i < g.gl_pathc; i++)
				sb_addf(&list, "%s%s", i ? "  " : "", match_name(g.gl_pathv[i]));
			*matches = sb_detach(&list);
			sb_done(&list);
		}
	}
	globfree(&g);
	sb_done(&pattern);
	free(path);
	return out;
}
