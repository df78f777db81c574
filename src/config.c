/* Reads ticketty.conf with libconfig and applies the lookup order. */
#include "config.h"

#include <errno.h>
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/i18n.h"
#include "util/xalloc.h"

void conf_init(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->color = true;
	cfg->refresh_ms = 1000;
}

void conf_done(struct config *cfg)
{
	free(cfg->path);
	free(cfg->conninfo);
	free(cfg->data_dir);
	free(cfg->language);
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

/* Returns the file to read (owned) or NULL for defaults; 78 via err when
 * an explicitly requested file is missing. */
static char *find_config(const char *explicit_path, struct tt_error *err)
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
	if (file_exists("/etc/ticketty/ticketty.conf"))
		return xstrdup("/etc/ticketty/ticketty.conf");
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

static int type_error(struct config *cfg, config_setting_t *s, const char *what, struct tt_error *err)
{
	return tt_error_set(err, EX_CONFIG, "%s:%d: %s %s", cfg->path,
			    config_setting_source_line(s), config_setting_name(s) ? config_setting_name(s) : "?",
			    what);
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

static void warn_if_password_readable(const struct config *cfg)
{
	struct stat st;
	if (!cfg->conninfo || !strstr(cfg->conninfo, "password"))
		return;
	if (stat(cfg->path, &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)))
		fprintf(stderr, _("ticketty: warning: %s holds a database password and can be read by "
				  "others; permissions should be u=rw (0600) or less\n"), cfg->path);
}

int conf_load(struct config *cfg, const char *explicit_path, struct tt_error *err)
{
	config_t lc;
	int rc = 0, ival;

	cfg->path = find_config(explicit_path, err);
	if (!cfg->path)
		return err->code;  /* 0 = defaults */
	config_init(&lc);
	if (!config_read_file(&lc, cfg->path)) {
		const char *file = config_error_file(&lc);
		if (config_error_type(&lc) == CONFIG_ERR_FILE_IO)
			rc = tt_error_set(err, EX_CONFIG, "%s: %s", cfg->path, _("cannot read the file"));
		else
			rc = tt_error_set(err, EX_CONFIG, "%s:%d: %s", file ? file : cfg->path,
					  config_error_line(&lc), config_error_text(&lc));
		config_destroy(&lc);
		return rc;
	}
	const char *strings[] = { "database.conninfo", "local.data_dir", "ui.language" };
	for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]) && !rc; i++)
		rc = check_string(cfg, &lc, strings[i], err);
	if (!rc) {
		copy_string(&lc, "database.conninfo", &cfg->conninfo);
		copy_string(&lc, "local.data_dir", &cfg->data_dir);
		copy_string(&lc, "ui.language", &cfg->language);
		config_setting_t *s = config_lookup(&lc, "ui.color");
		if (s && config_setting_type(s) != CONFIG_TYPE_BOOL)
			rc = type_error(cfg, s, _("must be true or false"), err);
		else if (s)
			cfg->color = config_setting_get_bool(s);
		s = config_lookup(&lc, "ui.refresh_ms");
		if (!rc && s) {
			if (config_setting_type(s) != CONFIG_TYPE_INT ||
			    (ival = config_setting_get_int(s)) < 50 || ival > 60000)
				rc = type_error(cfg, s, _("must be a whole number of milliseconds from 50 to 60000"), err);
			else
				cfg->refresh_ms = ival;
		}
	}
	if (!rc)
		rc = read_keys(cfg, &lc, err);
	config_destroy(&lc);
	if (!rc)
		warn_if_password_readable(cfg);
	return rc;
}
