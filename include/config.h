/* The client's own settings (connection, language, colours, keys) read
 * with libconfig. Lookup: --config, $TICKETTY_CONFIG,
 * $XDG_CONFIG_HOME/ticketty/ticketty.conf, /etc/ticketty/ticketty.conf,
 * then built-in defaults. Shared policy lives in the database, not here. */
#ifndef TICKETTY_CONFIG_H
#define TICKETTY_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

struct key_binding_override {
	char *view;    /* "global", "queue", "ticket", "intake", "escalations" */
	char *action;  /* action name, e.g. "acknowledge" */
	char *key;     /* key spec, e.g. "a", "C-x", "F5" */
};

struct config {
	char *path;        /* the file that was read, NULL for built-in defaults */
	char *conninfo;    /* database.conninfo, NULL when not set */
	char *data_dir;    /* local.data_dir: private cluster location, NULL = default */
	char *sendmail;    /* mail.sendmail: the MTA command, NULL = SENDMAIL_DEFAULT */
	/* mail.sendmail_timeout: seconds the MTA command may take per message
	 * before it is ended (1 to 3600), 0 = SENDMAIL_TIMEOUT_DEFAULT */
	int sendmail_timeout_s;
	char *language;    /* ui.language, NULL = from the environment */
	char *timezone;    /* ui.timezone, NULL = the default calendar's zone */
	bool color;        /* ui.color (default true; NO_COLOR turns it off) */
	int refresh_ms;    /* ui.refresh_ms: idle poll timeout (default 1000) */
	bool mouse;        /* ui.mouse (default true): click, double click, wheel */
	bool bell;         /* ui.bell (default true): the terminal bell on an emergency */
	/* ui.confirm_reply (default true): a text mailed to the customer is
	 * sent only once the recipient named on the status line is confirmed */
	bool confirm_reply;
	/* database.lock_timeout_ms (default 5000): how long an action waits for
	 * a row another session is changing before it gives up with exit 75 */
	int lock_timeout_ms;
	/* database.statement_timeout_ms (default 30000): the longest any one
	 * statement may run (the slowest report at 1M tickets takes a few s) */
	int statement_timeout_ms;
	struct key_binding_override *keys; /* keys.<view>.<action> = "key" */
	size_t nkeys;
};

#define CONF_SYSTEM_FILE "/etc/ticketty/ticketty.conf"

void conf_init(struct config *cfg);  /* built-in defaults */
void conf_done(struct config *cfg);
/* Finds and reads the configuration. A malformed file is reported as
 * "file:line: reason" with 78 (EX_CONFIG); an explicitly named file that
 * is missing too. A file holding a password that group or others can read
 * gets a warning on stderr. */
int conf_load(struct config *cfg, const char *explicit_path, struct tt_error *err);
/* The lookup alone: explicit_path, $TICKETTY_CONFIG, $XDG_CONFIG_HOME
 * (else ~/.config)/ticketty/ticketty.conf, then system_file (conf_load
 * passes CONF_SYSTEM_FILE). Returns the path to read (caller frees), or
 * NULL: with err->code 0 for built-in defaults, 78 when an explicitly
 * named file (option or variable) does not exist. */
char *conf_find(const char *explicit_path, const char *system_file, struct tt_error *err);

#endif
