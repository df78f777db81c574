/* A file an agent sends with a public message, read from disk: its bare
 * name (what the customer sees) and its media type, guessed by GIO from
 * the name and the first bytes (the shared MIME database), never from a
 * table of our own. GIO is loaded (dlopen) the first time a file is read:
 * linked, its libraries and their constructors would cost every ticketty
 * process about a millisecond at start, and only attaching needs it. */
#include "util/file_read.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/i18n.h"
#include "util/xalloc.h"

/* The three GIO calls the guess makes (their C types: gboolean is int,
 * gsize is size_t), looked up once; all NULL when GIO is not installed. */
static struct {
	bool tried;
	char *(*guess)(const char *name, const unsigned char *data, size_t len, int *uncertain);
	char *(*mime_type)(const char *content_type);
	void (*free)(void *p);
} gio;

static bool gio_load(void)
{
	if (!gio.tried) {
		gio.tried = true;
		/* never closed: GLib's type system cannot be unloaded */
		void *h = dlopen("libgio-2.0.so.0", RTLD_NOW | RTLD_LOCAL);
		if (h) {
			*(void **)&gio.guess = dlsym(h, "g_content_type_guess");
			*(void **)&gio.mime_type = dlsym(h, "g_content_type_get_mime_type");
			*(void **)&gio.free = dlsym(h, "g_free");
		}
	}
	return gio.guess && gio.mime_type && gio.free;
}

/* The media type of `name` with these bytes; "application/octet-stream"
 * when GIO knows nothing better (or is not installed). Caller frees. */
static char *guess_type(const char *name, const unsigned char *data, size_t len)
{
	if (!gio_load())
		return xstrdup("application/octet-stream");
	int uncertain = 0;
	char *ct = gio.guess(name, data, len > 4096 ? 4096 : len, &uncertain);
	char *mime = ct ? gio.mime_type(ct) : NULL;
	char *out = xstrdup(mime && strchr(mime, '/') ? mime : "application/octet-stream");
	gio.free(mime);
	gio.free(ct);
	return out;
}

int mail_file_read(const char *path, size_t max, struct mail_file *f, struct tt_error *err)
{
	memset(f, 0, sizeof(*f));
	FILE *in = fopen(path, "rb");
	struct stat st;
	if (!in)
		return tt_error_set(err, EX_NOINPUT, "%s: %s", path, strerror(errno));
	if (fstat(fileno(in), &st) || !S_ISREG(st.st_mode)) {
		fclose(in);
		return tt_error_set(err, EX_NOINPUT, _("%s: not a regular file"), path);
	}
	if ((unsigned long long)st.st_size > max) {
		fclose(in);
		return tt_error_set(err, EX_DATAERR, _("%s: %lld bytes, more than the %zu a file may have"), path,
				    (long long)st.st_size, max);
	}
	size_t cap = (size_t)st.st_size + 1, n = 0;
	unsigned char *buf = xmalloc(cap);
	for (;;) {
		if (n == cap)
			buf = xrealloc(buf, cap *= 2);
		size_t got = fread(buf + n, 1, cap - n, in);
		n += got;
		if (got == 0 || n > max)
			break;
	}
	int failed = ferror(in);
	fclose(in);
	if (failed || n > max) {
		free(buf);
		return failed ? tt_error_set(err, EX_IOERR, _("%s: could not be read"), path)
			      : tt_error_set(err, EX_DATAERR, _("%s: more than the %zu bytes a file may have"),
					     path, max);
	}
	const char *slash = strrchr(path, '/');
	f->filename = xstrdup(slash ? slash + 1 : path);
	f->content_type = guess_type(f->filename, buf, n);
	f->data = buf;
	f->len = n;
	return 0;
}

void mail_file_done(struct mail_file *f)
{
	free(f->filename);
	free(f->content_type);
	free(f->data);
	memset(f, 0, sizeof(*f));
}
