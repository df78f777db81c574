/* A file an agent sends with a public message, read from disk: its bare
 * name (what the customer sees) and its media type, guessed by GIO from
 * the name and the first bytes (the shared MIME database), never from a
 * table of our own. */
#include "mail/mime.h"

#include <errno.h>
#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/i18n.h"
#include "util/xalloc.h"

/* The media type of `name` with these bytes; "application/octet-stream"
 * when GIO knows nothing better. Caller frees. */
static char *guess_type(const char *name, const unsigned char *data, size_t len)
{
	gboolean uncertain = FALSE;
	char *ct = g_content_type_guess(name, data, len > 4096 ? 4096 : len, &uncertain);
	char *mime = ct ? g_content_type_get_mime_type(ct) : NULL;
	char *out = xstrdup(mime && strchr(mime, '/') ? mime : "application/octet-stream");
	g_free(mime);
	g_free(ct);
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
