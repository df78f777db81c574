/* Unit tests for the configuration (config.c): lookup order, every
 * setting, malformed files and wrong types (78 with file:line: reason),
 * unknown settings and readable passwords (warnings on stderr). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "testdb.h"
#include "ui/keys.h"
#include "ui/view.h"
#include "ui/views.h"
#include "util/conf_error.h"
#include "util/fs.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* One directory for the whole run (removed by the unchecked teardown even
 * when a test fails), a fresh subdirectory per test. */
#define TEMPLATE "/tmp/ticketty-config-test.XXXXXX"
static char top[sizeof(TEMPLATE)];
static char tmp[sizeof(TEMPLATE) + 32];
static int test_no;
static struct strbuf captured;

static void setup_once(void)
{
	memcpy(top, TEMPLATE, sizeof(TEMPLATE));
	if (!mkdtemp(top))
		ck_abort_msg("mkdtemp failed");
}

static void teardown_once(void)
{
	struct tt_error err;
	tt_error_init(&err);
	fs_remove_tree(top, &err);
	tt_error_clear(&err);
}

static void setup(void)
{
	snprintf(tmp, sizeof(tmp), "%s/%d-%d", top, (int)getpid(), ++test_no);
	if (mkdir(tmp, 0700) != 0)
		ck_abort_msg("mkdir %s failed", tmp);
	unsetenv("TICKETTY_CONFIG");
	char *xdg = xasprintf("%s/xdg", tmp);
	setenv("XDG_CONFIG_HOME", xdg, 1);  /* exists nowhere yet */
	free(xdg);
	sb_init(&captured);
}

static void teardown(void)
{
	sb_done(&captured);
}

/* Writes `text` to tmp/name (creating directories), mode 0600; returns the path. */
static char *put(const char *name, const char *text)
{
	struct tt_error err;
	tt_error_init(&err);
	char *path = xasprintf("%s/%s", tmp, name);
	char *dir = xstrdup(path);
	*strrchr(dir, '/') = '\0';
	ck_assert_int_eq(fs_mkdir_p(dir, 0700, &err), 0);
	ck_assert_int_eq(fs_write_file(path, text, 0600, (uid_t)-1, (gid_t)-1, &err), 0);
	free(dir);
	return path;
}

/* conf_load with stderr captured into `captured`. */
static int load(struct config *cfg, const char *path, struct tt_error *err)
{
	char *file = xasprintf("%s/stderr", tmp);
	fflush(stderr);
	int saved = dup(STDERR_FILENO);
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, STDERR_FILENO);
	close(fd);
	conf_init(cfg);
	tt_error_init(err);
	int rc = conf_load(cfg, path, err);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	sb_reset(&captured);
	FILE *f = fopen(file, "r");
	char buf[1024];
	size_t n;
	while (f && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_addn(&captured, buf, n);
	if (f)
		fclose(f);
	free(file);
	return rc;
}

START_TEST(every_setting_is_read)
{
	char *path = put("all.conf",
		"# every setting\n"
		"database = { conninfo = \"host=db.example.org dbname=helpdesk\"; };\n"
		"local = { data_dir = \"/srv/ticketty\"; };\n"
		"ui = {\n"
		"  language = \"es\";\n"
		"  color = false;\n"
		"  refresh_ms = 250;\n"
		"  mouse = false;\n"
		"  bell = false;\n"
		"  confirm_reply = false;\n"
		"};\n"
		"keys = {\n"
		"  queue = { take = \"T\"; reload = \"F5\"; };\n"
		"  global = { quit = \"C-q\"; };\n"
		"};\n"
		"policy = { anything = 1; };\n");
	struct config cfg;
	struct tt_error err;
	ck_assert_int_eq(load(&cfg, path, &err), 0);
	ck_assert_str_eq(cfg.path, path);
	ck_assert_str_eq(cfg.conninfo, "host=db.example.org dbname=helpdesk");
	ck_assert_str_eq(cfg.data_dir, "/srv/ticketty");
	ck_assert_str_eq(cfg.language, "es");
	ck_assert(!cfg.color);
	ck_assert_int_eq(cfg.refresh_ms, 250);
	ck_assert(!cfg.mouse);
	ck_assert(!cfg.bell);
	ck_assert(!cfg.confirm_reply);
	ck_assert_uint_eq(cfg.nkeys, 3);
	ck_assert_str_eq(cfg.keys[0].view, "queue");
	ck_assert_str_eq(cfg.keys[0].action, "take");
	ck_assert_str_eq(cfg.keys[0].key, "T");
	ck_assert_str_eq(cfg.keys[1].key, "F5");
	ck_assert_str_eq(cfg.keys[2].view, "global");
	ck_assert_str_eq(cfg.keys[2].action, "quit");
	ck_assert_str_eq(cfg.keys[2].key, "C-q");
	ck_assert_str_eq(captured.buf, "");  /* no warnings: policy is someone else's */
	conf_done(&cfg);
	free(path);
}
END_TEST

START_TEST(defaults_without_a_file)
{
	struct config cfg;
	struct tt_error err;
	tt_error_init(&err);
	char *found = conf_find(NULL, "/nonexistent/ticketty.conf", &err);
	ck_assert_ptr_null(found);
	ck_assert_int_eq(err.code, 0);
	conf_init(&cfg);
	ck_assert(cfg.color);
	ck_assert(cfg.mouse);
	ck_assert(cfg.bell);
	ck_assert(cfg.confirm_reply);
	ck_assert_int_eq(cfg.refresh_ms, 1000);
	ck_assert_ptr_null(cfg.conninfo);
	ck_assert_ptr_null(cfg.data_dir);
	ck_assert_uint_eq(cfg.nkeys, 0);
	if (!fs_exists(CONF_SYSTEM_FILE)) {  /* the real lookup, when /etc has none */
		ck_assert_int_eq(load(&cfg, NULL, &err), 0);
		ck_assert_ptr_null(cfg.path);
		ck_assert_int_eq(cfg.refresh_ms, 1000);
		conf_done(&cfg);
	}
}
END_TEST

START_TEST(lookup_order)
{
	struct tt_error err;
	tt_error_init(&err);
	char *option = put("option.conf", "ui = { refresh_ms = 100; };\n");
	char *envfile = put("env.conf", "ui = { refresh_ms = 200; };\n");
	char *xdgfile = put("xdg/ticketty/ticketty.conf", "ui = { refresh_ms = 300; };\n");
	char *homefile = put("home/.config/ticketty/ticketty.conf", "ui = { refresh_ms = 400; };\n");
	char *sysfile = put("etc/ticketty.conf", "ui = { refresh_ms = 500; };\n");
	char *home = xasprintf("%s/home", tmp);
	char *p;

	setenv("TICKETTY_CONFIG", envfile, 1);
	p = conf_find(option, sysfile, &err);
	ck_assert_str_eq(p, option);        /* --config first */
	free(p);
	p = conf_find(NULL, sysfile, &err);
	ck_assert_str_eq(p, envfile);       /* then $TICKETTY_CONFIG */
	free(p);
	unsetenv("TICKETTY_CONFIG");
	p = conf_find(NULL, sysfile, &err);
	ck_assert_str_eq(p, xdgfile);       /* then $XDG_CONFIG_HOME */
	free(p);
	unlink(xdgfile);
	p = conf_find(NULL, sysfile, &err);
	ck_assert_str_eq(p, sysfile);       /* XDG set: ~/.config is not consulted */
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", home, 1);
	p = conf_find(NULL, sysfile, &err);
	ck_assert_str_eq(p, homefile);      /* no XDG: ~/.config */
	free(p);
	unlink(homefile);
	p = conf_find(NULL, sysfile, &err);
	ck_assert_str_eq(p, sysfile);       /* then the system file */
	free(p);
	unlink(sysfile);
	p = conf_find(NULL, sysfile, &err);
	ck_assert_ptr_null(p);              /* then built-in defaults */
	ck_assert_int_eq(err.code, 0);

	/* the file found is the one read */
	struct config cfg;
	setenv("TICKETTY_CONFIG", envfile, 1);
	ck_assert_int_eq(load(&cfg, NULL, &err), 0);
	ck_assert_int_eq(cfg.refresh_ms, 200);
	conf_done(&cfg);
	ck_assert_int_eq(load(&cfg, option, &err), 0);
	ck_assert_int_eq(cfg.refresh_ms, 100);
	conf_done(&cfg);
	free(option); free(envfile); free(xdgfile); free(homefile); free(sysfile); free(home);
}
END_TEST

START_TEST(named_file_missing_is_78)
{
	struct config cfg;
	struct tt_error err;
	char *missing = xasprintf("%s/missing.conf", tmp);
	ck_assert_int_eq(load(&cfg, missing, &err), 78);
	ck_assert_ptr_nonnull(strstr(err.message, missing));
	ck_assert_ptr_nonnull(strstr(err.message, "No such file"));
	tt_error_clear(&err);
	conf_done(&cfg);
	setenv("TICKETTY_CONFIG", missing, 1);
	ck_assert_int_eq(load(&cfg, NULL, &err), 78);
	ck_assert_ptr_nonnull(strstr(err.message, missing));
	tt_error_clear(&err);
	conf_done(&cfg);
	free(missing);
}
END_TEST

/* A FIFO would block the read forever and a huge file takes libconfig
 * quadratic time: both refused at once with 78, naming the file. */
START_TEST(only_small_regular_files)
{
	struct config cfg;
	struct tt_error err;
	char *fifo = xasprintf("%s/fifo.conf", tmp);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	ck_assert_int_eq(load(&cfg, fifo, &err), 78);
	ck_assert_ptr_nonnull(strstr(err.message, fifo));
	ck_assert_ptr_nonnull(strstr(err.message, "not a regular file"));
	tt_error_clear(&err);
	conf_done(&cfg);
	unlink(fifo);
	free(fifo);
	ck_assert_int_eq(load(&cfg, tmp, &err), 78); /* a directory */
	tt_error_clear(&err);
	conf_done(&cfg);
	/* /dev/null is the built-in defaults (README: `--config /dev/null`) */
	ck_assert_int_eq(load(&cfg, "/dev/null", &err), 0);
	ck_assert_int_eq(cfg.refresh_ms, 1000);
	ck_assert(cfg.color);
	conf_done(&cfg);

	size_t n = 2 * 1024 * 1024;
	char *big = xmalloc(n + 64);
	strcpy(big, "ui = { language = \"");
	size_t len = strlen(big);
	memset(big + len, 'x', n);
	strcpy(big + len + n, "\"; };\n");
	char *path = put("big.conf", big);
	free(big);
	ck_assert_int_eq(load(&cfg, path, &err), 78);
	ck_assert_ptr_nonnull(strstr(err.message, path));
	ck_assert_ptr_nonnull(strstr(err.message, "too large"));
	tt_error_clear(&err);
	conf_done(&cfg);
	free(path);
}
END_TEST

static void expect_error(const char *text, const char *message_part)
{
	char *path = put("bad.conf", text);
	struct config cfg;
	struct tt_error err;
	ck_assert_int_eq(load(&cfg, path, &err), 78);
	char *want = xasprintf("%s:%s", path, message_part);
	ck_assert_msg(err.message && strstr(err.message, want), "wanted '%s' in '%s'", want,
		      err.message ? err.message : "(null)");
	free(want);
	tt_error_clear(&err);
	conf_done(&cfg);
	free(path);
}

START_TEST(malformed_file_names_file_and_line)
{
	expect_error("ui = {\n  color = true;\n  refresh_ms = ;\n};\n", "3: syntax error");
	expect_error("database = { conninfo = \"unterminated; };\n", "2: syntax error");
	expect_error("ui = { color = true; }\nkeys = {\n", "");
}
END_TEST

/* libconfig's words are in the user's language too (they stayed English
 * under LANG=es_ES.UTF-8): each known one translated, another as the
 * library wrote it. */
START_TEST(malformed_file_in_spanish)
{
	test_lang("es_ES.UTF-8");
	expect_error("ui = {\n  color = true;\n  refresh_ms = ;\n};\n", "3: error de sintaxis");
	expect_error("ui = { color = true; color = false; };\n", "1: nombre de ajuste repetido");
	expect_error("ui = { color = true; };\nx = [1, \"a\"];\n", "2: elementos de tipos distintos en un vector");
	expect_error("@include \"/nonexistent/ticketty.conf\"\n", "1: no se puede abrir el archivo incluido");
	ck_assert_str_eq(conf_error_text("some newer library's words"), "some newer library's words");
	ck_assert_str_eq(conf_error_text(NULL), "");
	test_lang("C.UTF-8");
	expect_error("ui = {\n  refresh_ms = ;\n};\n", "2: syntax error");
}
END_TEST

START_TEST(wrong_types_are_78)
{
	expect_error("ui = {\n  color = \"yes\";\n};\n", "2: ui.color must be true or false");
	expect_error("\nui = { refresh_ms = 10; };\n", "2: ui.refresh_ms must be a whole number");
	expect_error("ui = { mouse = 1; };\n", "1: ui.mouse must be true or false");
	expect_error("ui = {\n bell = \"no\";\n};\n", "2: ui.bell must be true or false");
	expect_error("ui = { refresh_ms = 1.5; };\n", "1: ui.refresh_ms must be a whole number");
	expect_error("database = {\n\n conninfo = 5;\n};\n", "3: database.conninfo must be a string");
	expect_error("local = { data_dir = true; };\n", "1: local.data_dir must be a string");
	expect_error("ui = { language = [\"es\"]; };\n", "1: ui.language must be a string");
	expect_error("ui = 5;\n", "1: ui must be a group");
	expect_error("keys = 5;\n", "1: keys must be a group");
	expect_error("keys = {\n  queue = \"x\";\n};\n", "2: keys.queue must be a group");
	expect_error("keys = { queue = {\n take = \"\";\n }; };\n", "2: keys.queue.take must be a non-empty");
	expect_error("keys = { queue = { take = 7; }; };\n", "1: keys.queue.take must be a non-empty");
}
END_TEST

START_TEST(unknown_settings_warn)
{
	char *path = put("typo.conf", "ui = {\n  colour = false;\n};\n");
	struct config cfg;
	struct tt_error err;
	ck_assert_int_eq(load(&cfg, path, &err), 0);
	char *want = xasprintf("%s:2: unknown setting ui.colour", path);
	ck_assert_msg(strstr(captured.buf, want), "stderr: %s", captured.buf);
	ck_assert(cfg.color);
	free(want);
	conf_done(&cfg);
	free(path);
}
END_TEST

START_TEST(readable_password_warns)
{
	struct config cfg;
	struct tt_error err;
	char *path = put("pw.conf", "database = { conninfo = \"host=db password=s3cret\"; };\n");

	chmod(path, 0644);
	ck_assert_int_eq(load(&cfg, path, &err), 0);
	ck_assert_msg(strstr(captured.buf, "holds a database password"), "stderr: %s", captured.buf);
	ck_assert_ptr_nonnull(strstr(captured.buf, path));
	conf_done(&cfg);

	chmod(path, 0600);
	ck_assert_int_eq(load(&cfg, path, &err), 0);
	ck_assert_str_eq(captured.buf, "");
	conf_done(&cfg);
	free(path);

	path = put("uri.conf", "database = { conninfo = \"postgresql://ann:s3cret@db/helpdesk\"; };\n");
	chmod(path, 0640);
	ck_assert_int_eq(load(&cfg, path, &err), 0);
	ck_assert_ptr_nonnull(strstr(captured.buf, "holds a database password"));
	conf_done(&cfg);
	free(path);

	/* a readable file without a password is fine */
	path = put("nopw.conf", "database = { conninfo = \"postgresql://ann@db/helpdesk\"; };\n");
	chmod(path, 0644);
	ck_assert_int_eq(load(&cfg, path, &err), 0);
	ck_assert_str_eq(captured.buf, "");
	conf_done(&cfg);
	free(path);
}
END_TEST

/* config/ticketty.conf, from the tree the tests were built in. */
static char *example_path(void)
{
	const char *bin = getenv("TICKETTY_BIN");  /* <root>/<build>/ticketty, set by tests/run.sh */
	char *path = xstrdup("config/ticketty.conf");
	if (!fs_exists(path) && bin) {
		char *root = xstrdup(bin);
		for (int i = 0; i < 2 && strrchr(root, '/'); i++)
			*strrchr(root, '/') = '\0';
		free(path);
		path = xasprintf("%s/config/ticketty.conf", root);
		free(root);
	}
	ck_assert_msg(fs_exists(path), "cannot find config/ticketty.conf");
	return path;
}

/* The documented example parses cleanly and changes no default. */
START_TEST(example_file_is_valid)
{
	char *path = example_path();
	struct config cfg;
	struct tt_error err;
	ck_assert_msg(load(&cfg, path, &err) == 0, "%s", err.message);
	ck_assert_str_eq(captured.buf, "");
	ck_assert_ptr_null(cfg.conninfo);
	ck_assert_ptr_null(cfg.data_dir);
	ck_assert(cfg.color);
	ck_assert_int_eq(cfg.refresh_ms, 1000);
	conf_done(&cfg);
	free(path);
}
END_TEST

/* The example with its commented settings switched on (`# name = value;`,
 * and every line of the keys group) still loads without a warning, and
 * every key binding it shows names a table, an action and a key that
 * exist: a reader who uncomments one gets what the comment says. */
START_TEST(example_settings_switched_on_are_valid)
{
	char *path = example_path();
	struct tt_error err;
	tt_error_init(&err);
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	char *text = xcalloc(1, 64 * 1024 + 1);
	fread(text, 1, 64 * 1024, f);
	fclose(f);
	struct strbuf on;
	sb_init(&on);
	bool in_keys = false;
	for (char *line = text, *end; line && *line; line = end) {
		end = strchr(line, '\n');
		if (end)
			*end++ = '\0';
		const char *p = line + strspn(line, " ");
		if (!strncmp(line, "keys = {", 8))
			in_keys = true;
		else if (in_keys && !strcmp(line, "};"))
			in_keys = false;
		if (p[0] == '#' && p[1] == ' ' &&
		    (in_keys || (p[2] >= 'a' && p[2] <= 'z' && strstr(p, " = ") && p[strlen(p) - 1] == ';')))
			sb_addf(&on, "%.*s%s\n", (int)(p - line), line, p + 2);
		else
			sb_addf(&on, "%s\n", line);
	}
	char *file = put("example-on.conf", on.buf);
	struct config cfg;
	ck_assert_msg(load(&cfg, file, &err) == 0, "%s", err.message);
	ck_assert_str_eq(captured.buf, "");
	ck_assert_uint_gt(cfg.nkeys, 5);
	struct strbuf warn;
	sb_init(&warn);
	struct keymap km;
	keymap_build(&km, "global", keys_global, NULL, &cfg, &warn);
	keymap_done(&km);
	for (size_t i = 0; ui_views[i]; i++) {
		keymap_build(&km, ui_views[i]->name, ui_views[i]->keys, ui_views[i]->actions, &cfg, &warn);
		keymap_done(&km);
	}
	ck_assert_msg(!warn.buf || !*warn.buf, "%s", warn.buf);
	for (size_t i = 0; i < cfg.nkeys; i++)
		ck_assert_msg(!strcmp(cfg.keys[i].view, "global") || ui_view_find(cfg.keys[i].view),
			      "no key table %s", cfg.keys[i].view);
	sb_done(&warn);
	conf_done(&cfg);
	free(file);
	sb_done(&on);
	free(text);
	free(path);
}
END_TEST

static Suite *config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("core");
	tcase_add_unchecked_fixture(tc, setup_once, teardown_once);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, every_setting_is_read);
	tcase_add_test(tc, defaults_without_a_file);
	tcase_add_test(tc, lookup_order);
	tcase_add_test(tc, named_file_missing_is_78);
	tcase_add_test(tc, only_small_regular_files);
	tcase_add_test(tc, malformed_file_names_file_and_line);
	tcase_add_test(tc, malformed_file_in_spanish);
	tcase_add_test(tc, wrong_types_are_78);
	tcase_add_test(tc, unknown_settings_warn);
	tcase_add_test(tc, readable_password_warns);
	tcase_add_test(tc, example_file_is_valid);
	tcase_add_test(tc, example_settings_switched_on_are_valid);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(config_suite)
