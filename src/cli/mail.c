/* `ticketty mail status [--json]`, `mail policy [--json | KEY VALUE]`,
 * `mail notifications [on|off]` and `mail language [en|es]` (the agent's
 * own mail), and `admin template`; `mail send` and `mail receive` are
 * handed over to ticketty-mail (cli/mail_handoff.h, src/mailer). */
#include "cli/mail.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "cli/mail_handoff.h"
#include "model/mail.h"
#include "model/notify.h"
#include "util/fs.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

const char cli_mail_forms[] = N_(
	"mail send [--once|--watch] [--sendmail CMD] [--sendmail-timeout SECONDS] [--batch N] | "
	"mail receive [--verbose] | "
	"mail status [--json] | mail policy [--json | KEY VALUE] | mail notifications [on|off] [--json] | "
	"mail language [en|es] [--json]");

/* The same for a text of several lines (a template's body): its line
 * breaks kept, ended by one, so a body shown can be saved, edited and
 * loaded back with --body-file as it was. */
static void put_text(FILE *f, const char *s)
{
	struct strbuf sb;
	sb_init(&sb);
	text_sanitize(&sb, s, strlen(s), TEXT_MULTILINE | (i18n_utf8() ? 0 : TEXT_ASCII));
	fputs(sb.buf, f);
	if (!sb.len || sb.buf[sb.len - 1] != '\n')
		fputc('\n', f);
	sb_done(&sb);
}

/* ----------------------------------------------------------- status -- */

/* One line of `mail status`, from a translated format that ends in a
 * newline: word-wrapped on a terminal, its continuation under the value. */
__attribute__((format(printf, 1, 2)))
static void status_line(const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;
	sb_init(&sb);
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	while (sb.len && sb.buf[sb.len - 1] == '\n')
		sb_truncate(&sb, sb.len - 1);
	cli_print_wrapped(sb.buf, cli_terminal_cols());
	sb_done(&sb);
}

static int cmd_status(struct app *app, int argc, char **argv)
{
	bool json = argc == 2 && !strcmp(argv[1], "--json");
	if (argc > 2 || (argc == 2 && !json))
		return cli_usage(cli_mail_forms, _("unexpected argument '%s'"), argv[1]);
	struct tt_error err;
	struct db *db;
	char *text;
	tt_error_init(&err);
	if (app_db(app, &db, &err))
		return cli_fail(&err);
	if (json) {
		if (mail_status_json(db, &text, &err))
			return cli_fail(&err);
		printf("%s\n", text);
		free(text);
		return 0;
	}
	if (mail_status_text(db, &text, &err))
		return cli_fail(&err);
	char *f[MAIL_STATUS_FIELDS] = { text };
	for (int i = 1; i < MAIL_STATUS_FIELDS; i++) {
		f[i] = f[i - 1] ? strchr(f[i - 1], '\t') : NULL;
		if (f[i])
			*f[i]++ = '\0';
	}
	status_line(_("queued:     %s\n"), f[0]);
	status_line(_("sent:       %s\n"), f[1] ? f[1] : "0");
	status_line(_("failed:     %s (queued for a retry)\n"), f[2] ? f[2] : "0");
	status_line(_("suppressed: %s (over the daily limit of answers to one address)\n"), f[3] ? f[3] : "0");
	status_line(_("bounced:    %s (not delivered: said on their tickets or in the inbox)\n"), f[4] ? f[4] : "0");
	status_line(_("given up:   %s (never tried again: refused for good, or not taken within give_up_hours)\n"),
		    f[5] ? f[5] : "0");
	if (f[10] && *f[10]) {
		struct strbuf next;
		sb_init(&next);
		timefmt_append_cell(&next, f[9], INT_MAX);
		printf(_("last error: #%s to %s, attempt %s, next %s: "), f[6], f[7], f[8], next.buf);
		cli_put(stdout, f[10]);
		putchar('\n');
		sb_done(&next);
	}
	free(text);
	return 0;
}

/* ----------------------------------------------------------- policy -- */

static int cmd_policy(struct app *app, int argc, char **argv)
{
	bool json = argc == 2 && !strcmp(argv[1], "--json");
	if (argc != 1 && argc != 3 && !json)
		return cli_usage(cli_mail_forms, "%s", _("give no argument (or --json) to show the mail policy, or KEY VALUE to set one"));
	struct tt_error err;
	struct db *db;
	tt_error_init(&err);
	if (app_db(app, &db, &err))
		return cli_fail(&err);
	if (argc == 3) {
		if (mail_policy_set(db, argv[1], argv[2], &err))
			return cli_fail(&err);
		return 0;
	}
	char *text = NULL;
	struct mail_policy_row *rows = NULL;
	int n = 0;
	if (mail_policy_list(db, json ? &text : NULL, json ? NULL : &rows, &n, &err))
		return cli_fail(&err);
	if (json) {
		printf("%s\n", text);
		free(text);
		return 0;
	}
	const char *head[] = { _("SETTING"), _("VALUE") };
	const int cap[] = { 0, 0 };
	struct cli_table *t = cli_table_new(2, head, cap);
	for (int i = 0; i < n; i++) {
		const char *row[] = { rows[i].key, rows[i].value };
		cli_table_add(t, row);
	}
	cli_table_print(t, stdout);
	cli_table_free(t);
	mail_policy_list_free(rows, n);
	return 0;
}

/* Says where the calling agent's own mail goes and in which language
 * (with json, as one object a program reads). */
static int print_mine(struct db *db, bool json, struct tt_error *err)
{
	struct my_mail m;
	struct strbuf sb;
	if (json) {
		char *text;
		if (mail_mine_json(db, &text, err))
			return err->code;
		printf("%s\n", text);
		free(text);
		return 0;
	}
	if (mail_mine_get(db, &m, err))
		return err->code;
	const char *lang = i18n_language_name(m.lang);
	sb_init(&sb);
	if (m.notifications)
		sb_addf(&sb, _("Your notifications go by mail to %s, in %s."), m.email ? m.email : "-", lang);
	else
		sb_add(&sb, _("Your notifications do not go by mail ('mail notifications on' sends them)."));
	cli_put(stdout, sb.buf);   /* the address is the database's text: sanitised */
	putchar('\n');
	printf(_("Mail to you is in %s ('mail language en|es' changes it)."), lang);
	putchar('\n');
	sb_done(&sb);
	mail_mine_done(&m);
	return 0;
}

/* The words after `mail notifications` or `mail language`: the value to
 * set (NULL: none) and --json, in either order; -1, or 64 for a second
 * value, a second --json or an option of another command. */
static int mine_args(int argc, char **argv, const char **value, bool *json)
{
	*value = NULL;
	*json = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json") && !*json)
			*json = true;
		else if (!*value && strncmp(argv[i], "--", 2))
			*value = argv[i];
		else
			return cli_usage(cli_mail_forms, _("unexpected argument '%s'"), argv[i]);
	}
	return -1;
}

static int cmd_notifications(struct app *app, int argc, char **argv)
{
	const char *value;
	bool json;
	int rc = mine_args(argc, argv, &value, &json);
	if (rc >= 0)
		return rc;
	if (value && strcmp(value, "on") && strcmp(value, "off"))
		return cli_usage(cli_mail_forms, "%s", _("say on or off"));
	struct tt_error err;
	struct db *db;
	tt_error_init(&err);
	if (app_db(app, &db, &err) ||
	    (value && mail_notifications_set(db, !strcmp(value, "on"), &err)) ||
	    print_mine(db, json, &err))
		return cli_fail(&err);
	return 0;
}

/* Another language than the desk's is the server's to refuse, naming the
 * ones it has. */
static int cmd_language(struct app *app, int argc, char **argv)
{
	const char *value;
	bool json;
	int rc = mine_args(argc, argv, &value, &json);
	if (rc >= 0)
		return rc;
	struct tt_error err;
	struct db *db;
	tt_error_init(&err);
	if (app_db(app, &db, &err) || (value && mail_language_set(db, value, &err)) ||
	    print_mine(db, json, &err))
		return cli_fail(&err);
	return 0;
}

int cli_mail(struct app *app, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(cli_mail_forms, "%s", _("which mail command?"));
	const char *verb = argv[1];
	/* the mail transport runs in ticketty-mail, the one program linked
	 * with GMime (src/mailer) */
	if (!strcmp(verb, "send") || !strcmp(verb, "receive"))
		return cli_mail_handoff(app, argc, argv);
	if (!strcmp(verb, "status"))
		return cmd_status(app, argc - 1, argv + 1);
	if (!strcmp(verb, "policy"))
		return cmd_policy(app, argc - 1, argv + 1);
	if (!strcmp(verb, "notifications"))
		return cmd_notifications(app, argc - 1, argv + 1);
	if (!strcmp(verb, "language"))
		return cmd_language(app, argc - 1, argv + 1);
	return cli_usage(cli_mail_forms, _("unknown mail command '%s'"), verb);
}

/* ------------------------------------------------- admin template -- */

static const char template_usage[] =
	"admin template list [--json] | admin template show KIND LANG | "
	"admin template set KIND LANG [--subject TEXT] [--body-file FILE|-]";

/* Its arguments are read before connecting: a mistake is a usage error
 * (64), never an internal one. Prints what failed; returns the code. */
static int template_set(struct app *app, int argc, char **argv, struct tt_error *err)
{
	const char *subject = NULL, *file = NULL;
	struct db *db;
	for (int i = 4; i < argc; i++) {
		if (!strcmp(argv[i], "--subject") && i + 1 < argc) {
			if (subject)
				return cli_given_twice(template_usage, "--subject");
			subject = argv[++i];
		} else if (!strcmp(argv[i], "--body-file") && i + 1 < argc) {
			if (file)
				return cli_given_twice(template_usage, "--body-file");
			file = argv[++i];
		} else
			return cli_usage(template_usage, _("unexpected argument '%s'"), argv[i]);
	}
	if (app_db(app, &db, err))
		return cli_fail(err);
	FILE *in = fs_open_input(file ? file : "-", err);
	if (!in)
		return cli_fail(err);
	struct strbuf body;
	sb_init(&body);
	int rc = cli_read_all(in, CLI_READ_MAX, &body, err);
	fs_close_input(in);
	/* the body travels as a C string: a NUL byte would cut it where it
	 * stands and store the rest of it nowhere, so it is refused whole, as
	 * a reply's text is; and each refusal names the field */
	const char *why = NULL, *code = NULL;
	if (rc == EX_DATAERR && body.len == 0)
		why = "is required", code = "required";
	else if (!rc && memchr(body.buf, '\0', body.len))
		why = "contains a NUL byte", code = "nul_byte";
	else if (!rc && !utf8_valid(body.buf, body.len))
		why = "is not valid UTF-8", code = "invalid_utf8";
	if (why) {
		tt_error_clear(err);
		tt_error_set(err, EX_DATAERR, _("the template was not saved: its body (--body-file %s) is refused"),
			     file ? file : "-");
		tt_error_add_field(err, "body", code, why);
		rc = EX_DATAERR;
	}
	if (rc) {
		sb_done(&body);
		return cli_fail(err);
	}
	char *old_subject = NULL, *old_body = NULL;
	if (!subject && !mail_template_get(db, argv[2], argv[3], &old_subject, &old_body, err))
		subject = old_subject;
	tt_error_clear(err);
	rc = mail_template_set(db, argv[2], argv[3], subject, body.buf, err);
	free(old_subject);
	free(old_body);
	sb_done(&body);
	return rc ? cli_fail(err) : 0;
}

int cli_admin_template(struct app *app, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(template_usage, "%s", _("which template command?"));
	struct tt_error err;
	struct db *db;
	char *text = NULL, *subject = NULL;
	tt_error_init(&err);
	const char *verb = argv[1];
	bool json = argc == 3 && !strcmp(argv[2], "--json");
	if (!strcmp(verb, "list") && (argc == 2 || json)) {
		struct mail_template_row *rows = NULL;
		int n = 0;
		if (app_db(app, &db, &err) ||
		    mail_template_list(db, json ? &text : NULL, json ? NULL : &rows, &n, &err))
			return cli_fail(&err);
		if (json) {
			printf("%s\n", text);
		} else {
			const char *head[] = { _("KIND"), _("LANG"), _("SUBJECT") };
			const int cap[] = { 0, 0, 60 };
			struct cli_table *t = cli_table_new(3, head, cap);
			for (int i = 0; i < n; i++) {
				const char *row[] = { rows[i].kind, rows[i].lang, rows[i].subject };
				cli_table_add(t, row);
			}
			cli_table_print(t, stdout);
			cli_table_free(t);
			mail_template_list_free(rows, n);
		}
	} else if (!strcmp(verb, "show") && argc == 4) {
		if (app_db(app, &db, &err) || mail_template_get(db, argv[2], argv[3], &subject, &text, &err))
			return cli_fail(&err);
		printf("%s ", _("Subject:"));
		cli_put(stdout, subject);
		fputs("\n\n", stdout);
		put_text(stdout, text);
	} else if (!strcmp(verb, "set") && argc >= 4) {
		int rc = template_set(app, argc, argv, &err);
		if (rc)
			return rc;
	} else if (!strcmp(verb, "list")) {
		return cli_usage(template_usage, _("unexpected argument '%s'"),
				 argv[argc > 3 && !strcmp(argv[2], "--json") ? 3 : 2]);
	} else if (!strcmp(verb, "show") && argc > 4) {
		return cli_usage(template_usage, _("unexpected argument '%s'"), argv[4]);
	} else if (!strcmp(verb, "show") || !strcmp(verb, "set")) {
		return cli_usage(template_usage, "%s", _("which template? give its KIND and LANG"));
	} else {
		return cli_usage(template_usage, _("unknown template command '%s'"), verb);
	}
	free(text);
	free(subject);
	return 0;
}
