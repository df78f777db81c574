/* Reads ticketty.conf with libconfig and applies the lookup order. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/conf_error.h"
#include "util/i18n.h"
#include "util/xalloc.h"

void conf_init(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->color = true;
	cfg->mouse = true;
	cfg->bell = true;
	cfg->confirm_reply = true;
	cfg->refresh_ms = 1000;
	cfg->lock_timeout_ms = 5000;
	cfg->statement_timeout_ms = 30000;
}

void conf_done(struct config *cfg)
{
	free(cfg->path);
	free(cfg->conninfo);
	free(cfg->data_dir);
	free(cfg->sendmail);
	free(cfg->language);
	free(cfg->timezone);
	for (size_t i = 0; i < cfg->nkeys; i++) {
		free(cfg->keys[i].view);
		free(cfg->keys[i].action);
		free(cfg->keys[i].key);
	}
	free(cfg->keys);
	conf_init(cfg);
}

static bool file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

char *conf_find(const char *explicit_path, const char *system_file, struct tt_error *err)
{
	const char *env = getenv("TICKETTY_CONFIG");
	const char *want = explicit_path && *explicit_path ? explicit_path
			 : env && *env ? env : NULL;

	if (want) {
		if (!file_exists(want)) {
			tt_error_set(err, EX_CONFIG, "%s: %s", want, strerror(errno));
			return NULL;
		}
		return xstrdup(want);
	}
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char *user = NULL;
	if (xdg && *xdg)
		user = xasprintf("%s/ticketty/ticketty.conf", xdg);
	else if (home && *home)
		user = xasprintf("%s/.config/ticketty/ticketty.conf", home);
	if (user && file_exists(user))
		return user;
	free(user);
	if (system_file && file_exists(system_file))
		return xstrdup(system_file);
	return NULL;
}

static void copy_string(config_t *lc, const char *path, char **dst)
{
	const char *s;
	if (config_lookup_string(lc, path, &s)) {
		free(*dst);
		*dst = xstrdup(s);
	}
}

/* "ui.color" for a setting: its names from the top down. */
static void setting_path(config_setting_t *s, char *buf, size_t size)
{
	const char *names[8];
	int n = 0;
	for (; s && config_setting_name(s) && n < 8; s = config_setting_parent(s))
		names[n++] = config_setting_name(s);
	buf[0] = '\0';
	while (n-- > 0) {
		size_t len = strlen(buf);
		snprintf(buf + len, size - len, "%s%s", len ? "." : "", names[n]);
	}
}

static int type_error(struct config *cfg, config_setting_t *s, const char *what, struct tt_error *err)
{
	char path[256];
	setting_path(s, path, sizeof(path));
	return tt_error_set(err, EX_CONFIG, "%s:%d: %s %s", cfg->path,
			    config_setting_source_line(s), path[0] ? path : "?", what);
}

/* True when the IANA zone name has a file in the system's zone database
 * (TZDIR, else /usr/share/zoneinfo), which is what the C library reads. */
static bool known_zone(const char *name)
{
	const char *dir = getenv("TZDIR");
	struct stat st;
	if (!*name || name[0] == '/' || strstr(name, ".."))
		return false;
	char *path = xasprintf("%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
	bool ok = stat(path, &st) == 0 && S_ISREG(st.st_mode);
	free(path);
	return ok;
}

/* Settings of the groups this client owns that it does not know are
 * probably typos: say so (the policy group is the desk's, loaded by
 * `admin policy load`, and left alone); so is a group at the top that
 * no reader knows ("uii = { ... }"). */
static int check_groups(struct config *cfg, config_t *lc, struct tt_error *err)
{
	static const char *const top[] = { "database", "local", "mail", "ui", "keys", "policy", NULL };
	config_setting_t *root = config_root_setting(lc);
	for (int i = 0; root && i < config_setting_length(root); i++) {
		config_setting_t *s = config_setting_get_elem(root, (unsigned)i);
		bool known = false;
		for (int k = 0; top[k]; k++)
			known = known || !strcmp(top[k], config_setting_name(s));
		if (!known)
			fprintf(stderr, _("ticketty: warning: %s:%d: unknown setting %s (ignored; "
					  "known: database, local, mail, ui, keys, policy)\n"),
				cfg->path, config_setting_source_line(s), config_setting_name(s));
	}
	static const struct { const char *group; const char *known[8]; } groups[] = {
		{ "database", { "conninfo", "lock_timeout_ms", "statement_timeout_ms", NULL } },
		{ "local", { "data_dir", NULL } },
		{ "mail", { "sendmail", "sendmail_timeout", NULL } },
		{ "ui", { "language", "color", "refresh_ms", "timezone", "mouse", "bell", "confirm_reply", NULL } },
	};
	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		config_setting_t *grp = config_lookup(lc, groups[g].group);
		if (!grp)
			continue;
		if (!config_setting_is_group(grp))
			return type_error(cfg, grp, _("must be a group: name = { ... };"), err);
		for (int i = 0; i < config_setting_length(grp); i++) {
			config_setting_t *s = config_setting_get_elem(grp, (unsigned)i);
			bool known = false;
			for (int k = 0; groups[g].known[k]; k++)
				known = known || !strcmp(groups[g].known[k], config_setting_name(s));
			if (!known) {
				char path[256];
				setting_path(s, path, sizeof(path));
				fprintf(stderr, _("ticketty: warning: %s:%d: unknown setting %s (ignored)\n"),
					cfg->path, config_setting_source_line(s), path);
			}
		}
	}
	return 0;
}

/* A true/false setting, when present. */
static int read_bool(struct config *cfg, config_t *lc, const char *path, bool *out, struct tt_error *err)
{
	config_setting_t *s = config_lookup(lc, path);
	if (s && config_setting_type(s) != CONFIG_TYPE_BOOL)
		return type_error(cfg, s, _("must be true or false"), err);
	if (s)
		*out = config_setting_get_bool(s);
	return 0;
}

static int check_string(struct config *cfg, config_t *lc, const char *path, struct tt_error *err)
{
	config_setting_t *s = config_lookup(lc, path);
	if (s && config_setting_type(s) != CONFIG_TYPE_STRING)
		return type_error(cfg, s, _("must be a string"), err);
	return 0;
}

static int read_keys(struct config *cfg, config_t *lc, struct tt_error *err)
{
	config_setting_t *keys = config_lookup(lc, "keys");
	if (!keys)
		return 0;
	if (!config_setting_is_group(keys))
		return type_error(cfg, keys, _("must be a group of views"), err);
	for (int v = 0; v < config_setting_length(keys); v++) {
		config_setting_t *view = config_setting_get_elem(keys, (unsigned)v);
		if (!config_setting_is_group(view))
			return type_error(cfg, view, _("must be a group of action = \"key\" settings"), err);
		for (int a = 0; a < config_setting_length(view); a++) {
			config_setting_t *act = config_setting_get_elem(view, (unsigned)a);
			const char *key = config_setting_get_string(act);
			if (!key || !*key)
				return type_error(cfg, act, _("must be a non-empty key name"), err);
			cfg->keys = xrealloc(cfg->keys, (cfg->nkeys + 1) * sizeof(*cfg->keys));
			cfg->keys[cfg->nkeys].view = xstrdup(config_setting_name(view));
			cfg->keys[cfg->nkeys].action = xstrdup(config_setting_name(act));
			cfg->keys[cfg->nkeys].key = xstrdup(key);
			cfg->nkeys++;
		}
	}
	return 0;
}

/* A limit in milliseconds, 0 (none) to one hour. */
static int read_ms(struct config *cfg, config_t *lc, const char *path, int *out, struct tt_error *err)
{
	config_setting_t *s = config_lookup(lc, path);
	if (!s)
		return 0;
	if ((config_setting_type(s) != CONFIG_TYPE_INT && config_setting_type(s) != CONFIG_TYPE_INT64) ||
	    config_setting_get_int64(s) < 0 || config_setting_get_int64(s) > 3600000)
		return type_error(cfg, s, _("must be a whole number of milliseconds from 0 (no limit) to 3600000"), err);
	*out = (int)config_setting_get_int64(s);
	return 0;
}

/* A password in the conninfo: password=... or postgresql://user:secret@host. */
static bool holds_password(const char *conninfo)
{
	if (strstr(conninfo, "password"))
		return true;
	const char *scheme = strstr(conninfo, "://");
	if (!scheme)
		return false;
	const char *auth = scheme + 3;
	const char *at = strchr(auth, '@');
	const char *slash = strchr(auth, '/');
	if (!at || (slash && slash < at))
		return false;
	const char *colon = memchr(auth, ':', (size_t)(at - auth));
	return colon && colon + 1 < at;
}

static void warn_if_password_readable(const struct config *cfg)
{
	struct stat st;
	if (!cfg->conninfo || !holds_password(cfg->conninfo))
		return;
	if (stat(cfg->path, &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)))
		fprintf(stderr, _("ticketty: warning: %s holds a database password and can be read by "
				  "others; permissions should be u=rw (0600) or less\n"), cfg->path);
}

#define CONF_MAX_BYTES (64 * 1024)

/* True when st is /dev/null's: `--config /dev/null` means the built-in
 * defaults (README, Troubleshooting), as an empty file would. */
static bool is_null_device(const struct stat *st)
{
	struct stat null;
	return S_ISCHR(st->st_mode) && stat("/dev/null", &null) == 0 && S_ISCHR(null.st_mode) &&
	       st->st_rdev == null.st_rdev;
}

/* The config file opened for reading, or NULL with 78 when it cannot be
 * read, is not a regular file or is larger than CONF_MAX_BYTES; NULL
 * with no error (*null_device set) for /dev/null. Opened without
 * blocking (a FIFO must not hang us) and checked on the open
 * descriptor, so what is checked is what is read. */
static FILE *open_regular(const char *path, bool *null_device, struct tt_error *err)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	struct stat st;
	if (fd < 0) {
		tt_error_set(err, EX_CONFIG, "%s: %s", path, strerror(errno));
		return NULL;
	}
	bool stated = fstat(fd, &st) == 0;
	if (stated && is_null_device(&st)) {
		close(fd);
		*null_device = true;
		return NULL;
	}
	if (!stated || !S_ISREG(st.st_mode)) {
		close(fd);
		tt_error_set(err, EX_CONFIG, "%s: %s", path, _("not a regular file"));
		return NULL;
	}
	if (st.st_size > CONF_MAX_BYTES) {
		close(fd);
		tt_error_set(err, EX_CONFIG, _("%s: too large (%lld bytes; at most %d)"), path,
			     (long long)st.st_size, CONF_MAX_BYTES);
		return NULL;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	FILE *f = fdopen(fd, "r");
	if (!f) {
		close(fd);
		tt_error_set(err, EX_CONFIG, "%s: %s", path, strerror(errno));
	}
	return f;
}

int conf_load(struct config *cfg, const char *explicit_path, struct tt_error *err)
{
	config_t lc;
	int rc = 0;

	cfg->path = conf_find(explicit_path, CONF_SYSTEM_FILE, err);
	if (!cfg->path)
		return err->code;  /* 0 = defaults */
	/* only a regular file of sane size: a FIFO or device would block or
	 * never end, and libconfig's parser is quadratic in a string's length */
	bool null_device = false;
	FILE *f = open_regular(cfg->path, &null_device, err);
	if (!f)
		return null_device ? 0 : err->code;
	config_init(&lc);
	int ok = config_read(&lc, f);
	fclose(f);
	if (!ok) {
		const char *file = config_error_file(&lc);
		if (config_error_type(&lc) == CONFIG_ERR_FILE_IO)
			rc = tt_error_set(err, EX_CONFIG, "%s: %s", cfg->path, _("cannot read the file"));
		else
			rc = tt_error_set(err, EX_CONFIG, "%s:%d: %s", file ? file : cfg->path,
					  config_error_line(&lc), conf_error_text(config_error_text(&lc)));
		config_destroy(&lc);
		return rc;
	}
	const char *strings[] = { "database.conninfo", "local.data_dir", "ui.language", "mail.sendmail",
				  "ui.timezone" };
	rc = check_groups(cfg, &lc, err);
	for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]) && !rc; i++)
		rc = check_string(cfg, &lc, strings[i], err);
	if (!rc) {
		copy_string(&lc, "database.conninfo", &cfg->conninfo);
		copy_string(&lc, "local.data_dir", &cfg->data_dir);
		copy_string(&lc, "ui.language", &cfg->language);
		copy_string(&lc, "ui.timezone", &cfg->timezone);
		if (cfg->timezone && !known_zone(cfg->timezone))
			rc = type_error(cfg, config_lookup(&lc, "ui.timezone"),
					_("must name a time zone of the system's zone database, "
					  "e.g. \"America/New_York\""), err);
		copy_string(&lc, "mail.sendmail", &cfg->sendmail);
		config_setting_t *s;
		if (!rc)
			rc = read_bool(cfg, &lc, "ui.color", &cfg->color, err);
		if (!rc)
			rc = read_bool(cfg, &lc, "ui.mouse", &cfg->mouse, err);
		if (!rc)
			rc = read_bool(cfg, &lc, "ui.bell", &cfg->bell, err);
		if (!rc)
			rc = read_bool(cfg, &lc, "ui.confirm_reply", &cfg->confirm_reply, err);
		if (!rc)
			rc = read_ms(cfg, &lc, "database.lock_timeout_ms", &cfg->lock_timeout_ms, err);
		if (!rc)
			rc = read_ms(cfg, &lc, "database.statement_timeout_ms", &cfg->statement_timeout_ms, err);
		s = config_lookup(&lc, "mail.sendmail_timeout");
		if (!rc && s) {
			if ((config_setting_type(s) != CONFIG_TYPE_INT &&
			     config_setting_type(s) != CONFIG_TYPE_INT64) ||
			    config_setting_get_int64(s) < 1 || config_setting_get_int64(s) > 3600)
				rc = type_error(cfg, s, _("must be a whole number of seconds from 1 to 3600"), err);
			else
				cfg->sendmail_timeout_s = (int)config_setting_get_int64(s);
		}
		s = config_lookup(&lc, "ui.refresh_ms");
		if (!rc && s) {
			if ((config_setting_type(s) != CONFIG_TYPE_INT &&
			     config_setting_type(s) != CONFIG_TYPE_INT64) ||
			    config_setting_get_int64(s) < 50 || config_setting_get_int64(s) > 60000)
				rc = type_error(cfg, s, _("must be a whole number of milliseconds from 50 to 60000"), err);
			else
				cfg->refresh_ms = (int)config_setting_get_int64(s);
		}
	}
	if (!rc)
		rc = read_keys(cfg, &lc, err);
	config_destroy(&lc);
	if (!rc)
		warn_if_password_readable(cfg);
	return rc;
}
