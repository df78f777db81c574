/* Unit tests for util/file_read: a file an agent sends is refused before
 * anything is sent when its name could not go with it (not UTF-8, a
 * control character or a line break, a backslash, nothing but spaces)
 * or when it is no file that can be read (a directory, a FIFO, which is
 * refused at once instead of waiting for a writer, a file gone, one
 * without permission, one larger than allowed), each message naming the
 * path with its bytes escaped (never raw) and a very long path by its
 * two ends; a good name, Spanish letters and all, is taken. */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testdb.h"
#include "util/file_read.h"
#include "util/text.h"
#include "util/xalloc.h"

static char dir[] = "/tmp/tt-file-read-XXXXXX";

static void setup(void)
{
	strcpy(dir, "/tmp/tt-file-read-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	char *cmd = xasprintf("chmod -R u+rwx '%s'; rm -rf '%s'", dir, dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}

/* Writes `len` bytes of 'x' to dir/name; returns the path (malloc'd). */
static char *file(const char *name, size_t len)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *out = fopen(path, "w");
	ck_assert_ptr_nonnull(out);
	for (size_t i = 0; i < len; i++)
		fputc('x', out);
	fclose(out);
	return path;
}

/* mail_file_read of path refuses with `code` and a message that is the
 * path as `shown` followed by `reason`, and is UTF-8 free of controls. */
static void refused(const char *path, size_t max, int code, const char *shown, const char *reason)
{
	struct mail_file f;
	struct tt_error err;
	tt_error_init(&err);
	ck_assert_int_eq(mail_file_read(path, max, &f, &err), code);
	ck_assert_ptr_null(f.filename);
	char *want = xasprintf("%s%s", shown, reason);
	ck_assert_str_eq(err.message, want);
	ck_assert(utf8_valid(err.message, strlen(err.message)));
	for (const char *c = err.message; *c; c++)
		ck_assert_msg((unsigned char)*c >= 0x20 && *c != 0x7F, "a control in: %s", err.message);
	free(want);
	tt_error_clear(&err);
}

START_TEST(names_that_cannot_be_sent)
{
	char *p = file("caf\xe9.png", 3);
	char *shown = xasprintf("%s/caf\\xE9.png", dir);
	refused(p, 1 << 20, EX_DATAERR, shown,
		": the file's name is not UTF-8 (bytes shown as \\xNN): rename the file");
	free(shown);
	free(p);
	p = file("esc\033x.csv", 3);
	shown = xasprintf("%s/esc^[x.csv", dir);
	refused(p, 1 << 20, EX_DATAERR, shown, ": the file's name holds control character U+001B: rename the file");
	free(shown);
	free(p);
	p = file("two\nlines.csv", 3);
	shown = xasprintf("%s/two\xe2\x86\xb5lines.csv", dir);
	refused(p, 1 << 20, EX_DATAERR, shown, ": the file's name holds control character U+000A: rename the file");
	free(shown);
	free(p);
	p = file("c1\xc2\x9b.csv", 3);
	shown = xasprintf("%s/c1<U+009B>.csv", dir);
	refused(p, 1 << 20, EX_DATAERR, shown, ": the file's name holds control character U+009B: rename the file");
	free(shown);
	free(p);
	p = file("invoice\xe2\x80\xae" "fdp.exe", 3);
	shown = xasprintf("%s/invoice<U+202E>fdp.exe", dir);
	refused(p, 1 << 20, EX_DATAERR, shown,
		": the file's name holds invisible formatting character U+202E (bidi or byte-order mark): "
		"rename the file");
	free(shown);
	free(p);
	p = file("back\\slash.csv", 3);
	shown = xasprintf("%s/back\\slash.csv", dir);
	refused(p, 1 << 20, EX_DATAERR, shown, ": the file's name holds a backslash: rename the file");
	free(shown);
	free(p);
	p = file("   ", 3);
	shown = xasprintf("%s/   ", dir);
	refused(p, 1 << 20, EX_DATAERR, shown, ": the file's name is blank: rename the file");
	free(shown);
	free(p);
}
END_TEST

START_TEST(paths_that_are_no_file_to_read)
{
	char *sub = xasprintf("%s/folder", dir);
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	refused(sub, 1 << 20, EX_NOINPUT, sub, ": is a directory, not a file");
	free(sub);
	/* a FIFO nobody writes: refused at once (the alarm ends a wait) */
	char *fifo = xasprintf("%s/pipe.csv", dir);
	ck_assert_int_eq(mkfifo(fifo, 0644), 0);
	alarm(5);
	refused(fifo, 1 << 20, EX_NOINPUT, fifo, ": not a regular file");
	alarm(0);
	free(fifo);
	char *gone = xasprintf("%s/gone.csv", dir);
	refused(gone, 1 << 20, EX_NOINPUT, gone, ": No such file or directory");
	free(gone);
	char *big = file("big.bin", 2000);
	refused(big, 1000, EX_DATAERR, big, ": 2000 bytes, more than the 1000 a file may have");
	free(big);
	/* a read that fails after the open */
	char *mem = xasprintf("%s/mem.bin", dir);
	ck_assert_int_eq(symlink("/proc/self/mem", mem), 0);
	refused(mem, 1 << 20, EX_IOERR, mem, ": could not be read: Input/output error");
	free(mem);
	/* a path far too long: its two ends */
	char name[301];
	memset(name, 'a', 300);
	name[300] = '\0';
	char *longp = xasprintf("%s/%s", dir, name);
	struct mail_file f;
	struct tt_error err;
	tt_error_init(&err);
	ck_assert_int_eq(mail_file_read(longp, 1 << 20, &f, &err), EX_NOINPUT);
	ck_assert_msg(strstr(err.message, "aaaaaaaaaaaaaaaaaaaa: File name too long") &&
		      !strncmp(err.message, dir, strlen(dir)) && strstr(err.message, " \xe2\x80\xa6 ") &&
		      text_width(err.message) < 100, "%s", err.message);
	tt_error_clear(&err);
	free(longp);
}
END_TEST

/* No permission to read: as a user other than root (root reads anyway,
 * so a child gives up root first). */
START_TEST(file_without_permission)
{
	char *p = file("secret.csv", 3);
	ck_assert_int_eq(chmod(p, 0), 0);
	ck_assert_int_eq(chmod(dir, 0755), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (getuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(3);
		struct mail_file f;
		struct tt_error err;
		tt_error_init(&err);
		int rc = mail_file_read(p, 1 << 20, &f, &err);
		char *want = xasprintf("%s: Permission denied", p);
		int ok = rc == EX_NOINPUT && !strcmp(err.message, want);
		/* freed: valgrind checks the child's leaks too when it exits */
		free(want);
		free(p);
		tt_error_clear(&err);
		_exit(ok ? 0 : 1);
	}
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %d", status);
	free(p);
}
END_TEST

START_TEST(good_name_is_taken)
{
	char *p = file("colocaciones ñ.csv", 32);
	struct mail_file f;
	struct tt_error err;
	tt_error_init(&err);
	ck_assert_int_eq(mail_file_read(p, 32, &f, &err), 0);
	ck_assert_str_eq(f.filename, "colocaciones ñ.csv");
	ck_assert_uint_eq(f.len, 32);
	mail_file_done(&f);
	free(p);
}
END_TEST

static Suite *file_read_suite(void)
{
	Suite *s = suite_create("file_read");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, names_that_cannot_be_sent);
	tcase_add_test(tc, paths_that_are_no_file_to_read);
	tcase_add_test(tc, file_without_permission);
	tcase_add_test(tc, good_name_is_taken);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(file_read_suite)
