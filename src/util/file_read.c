/* A file an agent sends with a public message, read from disk: its bare
 * name (what the customer sees) and its media type, guessed by GIO from
 * the name and the first bytes (the shared MIME database), never from a
 * table of our own. GIO is loaded (dlopen) the first time a file is read:
 * linked, its libraries and their constructors would cost every ticketty
 * process about a millisecond at start, and only attaching needs it.
 * A name the database would refuse (api_message_attach) is refused here,
 * before anything is written or sent, with the name shown escaped. */
#include "util/file_read.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
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

/* The cells of a path a message shows whole; a longer one shows its
 * first half and last third around an ellipsis (text_ends). */
#define SHOWN_PATH_CELLS 60

/* Refuses (65, err set, the path shown as `shown`) a bare name the file
 * cannot be sent under: not UTF-8 (PostgreSQL's bare "invalid byte
 * sequence" at the send, which names nothing), a control character, a
 * bidi control or byte-order mark (text_is_unsafe), or a
 * backslash (api_message_attach's "a bare file name"), nothing but
 * spaces (nothing once trimmed). A name is never longer than the 255
 * characters the database allows: NAME_MAX is 255 bytes. */
static int name_refused(const char *name, const char *shown, struct tt_error *err)
{
	size_t n = strlen(name);
	if (!utf8_valid(name, n))
		return tt_error_set(err, EX_DATAERR,
				    _("%s: the file's name is not UTF-8 (bytes shown as \\xNN): rename the file"),
				    shown);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += utf8_decode(name + i, n - i, &cp);
		if (text_is_control(cp))  /* the database's text_control_chars */
			return tt_error_set(err, EX_DATAERR,
					    _("%s: the file's name holds control character U+%04X: rename the file"),
					    shown, (unsigned)cp);
		/* the rest of text_unsafe_chars, which api_message_attach
		 * refuses too: a bidi override draws "invoice<U+202E>fdp.exe"
		 * as "invoiceexe.pdf" */
		if (text_is_unsafe(cp))
			return tt_error_set(err, EX_DATAERR,
					    _("%s: the file's name holds invisible formatting character U+%04X "
					      "(bidi or byte-order mark): rename the file"),
					    shown, (unsigned)cp);
	}
	if (strchr(name, '\\'))
		return tt_error_set(err, EX_DATAERR,
				    _("%s: the file's name holds a backslash: rename the file"),
				    shown);
	if (strspn(name, " ") == n)
		return tt_error_set(err, EX_DATAERR, _("%s: the file's name is blank: rename the file"),
				    shown);
	return 0;
}

/* Opens path for reading without waiting: a FIFO (or a device) opened
 * plainly would block until a writer came, the screen frozen with it.
 * Only a regular file is read; 0, or an exit code with err set. */
static int open_regular(const char *path, const char *shown, FILE **in, struct stat *st, struct tt_error *err)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return tt_error_set(err, EX_NOINPUT, "%s: %s", shown, strerror(errno));
	if (fstat(fd, st) != 0) {
		int saved = errno;
		close(fd);
		return tt_error_set(err, EX_NOINPUT, "%s: %s", shown, strerror(saved));
	}
	if (!S_ISREG(st->st_mode)) {
		close(fd);
		return S_ISDIR(st->st_mode) ? tt_error_set(err, EX_NOINPUT, _("%s: is a directory, not a file"), shown)
					    : tt_error_set(err, EX_NOINPUT, _("%s: not a regular file"), shown);
	}
	int flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	*in = fdopen(fd, "rb");
	if (!*in) {
		int saved = errno;
		close(fd);
		return tt_error_set(err, EX_NOINPUT, "%s: %s", shown, strerror(saved));
	}
	return 0;
}

int mail_file_read(const char *path, size_t max, struct mail_file *f, struct tt_error *err)
{
	memset(f, 0, sizeof(*f));
	/* the path as messages show it: its bytes may be anything, and a
	 * path of hundreds of characters (too long for the system, pasted
	 * twice) would leave no room for what is wrong: by its two ends */
	struct strbuf clean, shown;
	sb_init(&clean);
	sb_init(&shown);
	text_sanitize(&clean, path, strlen(path), 0);
	text_ends(&shown, clean.buf, SHOWN_PATH_CELLS, 0);
	sb_done(&clean);
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	FILE *in;
	struct stat st;
	int rc = open_regular(path, shown.buf, &in, &st, err);
	if (!rc && (rc = name_refused(name, shown.buf, err)))
		fclose(in);
	if (!rc && (unsigned long long)st.st_size > max) {
		fclose(in);
		rc = tt_error_set(err, EX_DATAERR, _("%s: %lld bytes, more than the %zu a file may have"), shown.buf,
				  (long long)st.st_size, max);
	}
	if (rc) {
		sb_done(&shown);
		return rc;
	}
	size_t cap = (size_t)st.st_size + 1, n = 0;
	unsigned char *buf = xmalloc(cap);
	int failed = 0;
	for (;;) {
		if (n == cap)
			buf = xrealloc(buf, cap *= 2);
		errno = 0;
		size_t got = fread(buf + n, 1, cap - n, in);
		n += got;
		if (got == 0 && ferror(in))
			failed = errno ? errno : EIO;
		if (got == 0 || n > max)
			break;
	}
	fclose(in);
	if (failed || n > max) {
		free(buf);
		rc = failed ? tt_error_set(err, EX_IOERR, _("%s: could not be read: %s"), shown.buf, strerror(failed))
			    : tt_error_set(err, EX_DATAERR, _("%s: more than the %zu bytes a file may have"),
					   shown.buf, max);
		sb_done(&shown);
		return rc;
	}
	sb_done(&shown);
	f->filename = xstrdup(name);
	f->content_type = guess_type(f->filename, buf, n);
	f->data = buf;
	f->len = n;
	return 0;
}

int mail_file_fits(const struct mail_file *f, size_t chosen, size_t file_max, size_t files_max,
		   struct tt_error *err)
{
	/* the name is UTF-8 without controls (mail_file_read) */
	if (f->len > file_max)
		return tt_error_set(err, EX_DATAERR, _("%s: %lld bytes, more than the %zu a file may have"),
				    f->filename, (long long)f->len, file_max);
	if (chosen + f->len > files_max)
		return tt_error_set(err, EX_DATAERR,
				    _("%s: the files of a message may have %zu bytes together; with this one they "
				      "would have %zu"),
				    f->filename, files_max, chosen + f->len);
	return 0;
}

void mail_file_done(struct mail_file *f)
{
	free(f->filename);
	free(f->content_type);
	free(f->data);
	memset(f, 0, sizeof(*f));
}
