/* `ticketty mail send [--once|--watch] [--sendmail CMD] [--sendmail-timeout S] [--batch N]`,
 * `mail receive [--verbose]` (one message on stdin, for an MTA pipe or an
 * MDA: 0 stored, 75 try again later, 65 never storable), `mail status
 * [--json]`, `mail policy [--json | KEY VALUE]`, `mail notifications
 * [on|off]` and `mail language [en|es]` (the agent's own mail). */
#include "cli/mail.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "mail/mime.h"
#include "mail/sendmail.h"
#include "model/mail.h"
#include "model/notify.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

const char cli_mail_forms[] = N_(
	"mail send [--once|--watch] [--sendmail CMD] [--sendmail-timeout SECONDS] [--batch N] | "
	"mail receive [--verbose] | "
	"mail status [--json] | mail policy [--json | KEY VALUE] | mail notifications [on|off] | "
	"mail language [en|es]");

/* The largest message `mail receive` reads at all (the policy row
 * max_message_bytes, checked by the database, is normally far lower). */
#define RECEIVE_HARD_LIMIT (256u << 20)

static void put(FILE *f, const char *s)
{
	struct strbuf sb;
	sb_init(&sb);
	text_sanitize(&sb, s, strlen(s), i18n_utf8() ? 0 : TEXT_ASCII);
	fputs(sb.buf, f);
	sb_done(&sb);
}

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

/* ------------------------------------------------------------- send -- */

struct send_stats {
	long sent, failed, given_up;
	bool mta_unusable;   /* the last run stopped: the MTA could not be used */
};

/* How mail is handed to the MTA: the command and its deadline per message. */
struct sender {
	const char *command;
	int timeout_s;
};

/* Says on stderr why a message was not sent: `head` (what became of
 * it, built by the caller), then the MTA's own words, made safe. */
static void say_unsent(const struct strbuf *head, const char *why)
{
	fputs(head->buf, stderr);
	put(stderr, why);
	fputc('\n', stderr);
}

/* The MTA cannot be used (sendmail_pipe's 69: not found, or hung): the
 * claimed messages from `from` on are not handed to it but recorded as
 * failed attempts with its error, retried (or given up) as any failure,
 * and said in one line. The run stops there; messages not yet claimed
 * stay due for the next one. */
static int fail_untried(struct db *db, struct mail_batch *b, size_t from, const char *why,
			struct send_stats *st, struct tt_error *err)
{
	if (from >= b->n)
		return 0;
	char *reason = xasprintf(_("not tried: %s"), why);
	size_t n = 0;
	int rc = 0;
	for (size_t k = from; k < b->n && !rc; k++, n++) {
		char *next = NULL;
		if (!(rc = mail_mark_failed(db, b->msgs[k].id, reason, &next, err))) {
			if (next && !*next)
				st->given_up++;
			else
				st->failed++;
		}
		free(next);
	}
	free(reason);
	if (!rc)
		fprintf(stderr, ngettext("ticketty: %zu more message not tried (the mail transfer agent "
					 "cannot be used): queued for a retry\n",
					 "ticketty: %zu more messages not tried (the mail transfer agent "
					 "cannot be used): queued for a retry\n", n), n);
	return rc;
}

/* An agent's notification says in the mail what it says in ticketty: its
 * words, in the mail's language, build the message before it is first
 * tried (sql/570_notification_mail_words.sql). 0, or the database's code. */
static int notification_words(struct db *db, struct mail_msg *m, struct tt_error *err)
{
	if (strcmp(m->kind, "notification") || !m->notification_id || m->attempts > 1)
		return 0;
	struct i18n_messages saved;
	struct strbuf words;
	sb_init(&words);
	i18n_messages_use(m->lang, &saved);
	int rc = notify_words_of(db, m->notification_id, &words, err);
	i18n_messages_restore(&saved);
	if (!rc && words.len)
		rc = mail_notification_words(db, m, words.buf, err);
	sb_done(&words);
	return rc;
}

/* Sends every message due now, a batch at a time, until none is left to
 * claim (the outbox hands out one message of a ticket's mail to one
 * address at a time, the next once it is sent). 0, or the database's code. */
static int send_due(struct db *db, const struct sender *snd, int batch, struct send_stats *st,
		    struct tt_error *err)
{
	for (;;) {
		struct mail_batch b;
		if (mail_claim(db, batch, 300, &b, err))
			return err->code;
		size_t n = b.n;
		for (size_t i = 0; i < b.n; i++) {
			struct mail_out out;
			size_t len;
			struct tt_error serr;
			/* without its files a message is not sent: its lease runs out
			 * and it is claimed again */
			if (notification_words(db, &b.msgs[i], err) ||
			    mail_msg_files_load(db, &b.msgs[i], err)) {
				mail_batch_done(&b);
				return err->code;
			}
			mail_msg_out(&b.msgs[i], &out);
			char *data = mime_compose(&out, &len);
			mail_msg_files_done(&b.msgs[i]);
			tt_error_init(&serr);
			/* a hung MTA is ended at its deadline: a failed attempt,
			 * retried like a refusal */
			int rc = sendmail_pipe(snd->command, data, len, snd->timeout_s, &serr);
			free(data);
			if (rc == 0) {
				st->sent++;
				rc = mail_mark_sent(db, b.msgs[i].id, err);
			} else {
				const struct mail_msg *m = &b.msgs[i];
				bool unusable = rc == EX_UNAVAILABLE;
				char *next = NULL;
				struct strbuf head;
				sb_init(&head);
				if (rc == EX_DATAERR) {
					/* refused for good: given up, said on its ticket */
					st->given_up++;
					rc = mail_mark_refused(db, m->id, serr.message, err);
					sb_addf(&head, _("ticketty: message %lld to %s refused for good and given up: "),
						m->id, m->to_address);
				} else if (!(rc = mail_mark_failed(db, m->id, serr.message, &next, err)) &&
					   next && !*next) {
					/* past the policy's give_up_hours */
					st->given_up++;
					sb_addf(&head, _("ticketty: message %lld to %s not sent (attempt %d) and given up: "
							 "not taken within the mail policy's give_up_hours: "),
						m->id, m->to_address, m->attempts);
				} else if (!rc && !next) {
					st->failed++;
					sb_addf(&head, _("ticketty: message %lld to %s not sent (attempt %d): "),
						m->id, m->to_address, m->attempts);
				} else if (!rc) {
					st->failed++;
					struct strbuf when;
					sb_init(&when);
					timefmt_append_cell(&when, next, INT_MAX);
					sb_addf(&head, _("ticketty: message %lld to %s not sent (attempt %d), retried at %s: "),
						m->id, m->to_address, m->attempts, when.buf);
					sb_done(&when);
				}
				if (!rc)
					say_unsent(&head, serr.message);
				sb_done(&head);
				free(next);
				if (!rc && unusable) {
					st->mta_unusable = true;
					/* the rest would fare no better: recorded as
					 * failed attempts, retried later */
					rc = fail_untried(db, &b, i + 1, serr.message, st, err);
					tt_error_clear(&serr);
					mail_batch_done(&b);
					return rc;
				}
			}
			tt_error_clear(&serr);
			if (rc) {
				mail_batch_done(&b);
				return rc;
			}
		}
		mail_batch_done(&b);
		if (n == 0)
			return 0;
	}
}

/* --watch: LISTEN ticketty_mail and send within a second of a message
 * being queued; otherwise wake when the next retry falls due (at most a
 * minute). A lost database is waited for, never fatal. */
static int watch(struct db *db, const struct sender *snd, int batch, struct tt_error *err)
{
	struct send_stats st = { 0, 0, 0, false };
	bool down = false;   /* the database was lost and not yet back: said once */
	if (mail_listen(db, err))
		return err->code;
	for (;;) {
		double due = -1;
		int rc = 0;
		/* after an outage, first a statement that sends nothing: that
		 * the database is back is said before any mail goes */
		if (down && !(rc = mail_next_due(db, &due, err))) {
			fputs(_("ticketty: the database is back: sending mail again\n"), stderr);
			down = false;
		}
		if (!rc)
			rc = send_due(db, snd, batch, &st, err);
		if (!rc)
			rc = mail_next_due(db, &due, err);
		if (rc) {
			if (rc != EX_UNAVAILABLE && rc != EX_TEMPFAIL)
				return rc;
			if (!down || rc != EX_UNAVAILABLE) {
				/* libpq's lines ("FATAL: ...\nserver closed ...") on one line */
				char *m = xstrdup(err->message ? err->message : "");
				for (char *nl; (nl = strchr(m, '\n'));)
					*nl = nl[1] ? ';' : '\0';
				fputs("ticketty: ", stderr);
				put(stderr, m);
				if (rc == EX_UNAVAILABLE)
					fputs(_(" (waiting for the database: mail is sent once it is back)"), stderr);
				fputc('\n', stderr);
				free(m);
			}
			down = rc == EX_UNAVAILABLE;
			tt_error_clear(err);
			due = 5;
		}
		/* an MTA that could not be used is not tried again at once for
		 * the messages still due: a minute first */
		if (!rc && st.mta_unusable) {
			st.mta_unusable = false;
			due = 60;
		}
		mail_wait(db, due < 0 || due > 60 ? 60000 : (int)(due * 1000) + 1);
	}
}

static int cmd_send(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "once", no_argument, NULL, 'o' },
		{ "watch", no_argument, NULL, 'w' },
		{ "sendmail", required_argument, NULL, 's' },
		{ "sendmail-timeout", required_argument, NULL, 't' },
		{ "batch", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 },
	};
	bool watching = false;
	const char *command = NULL;
	long batch = 100, timeout_s = 0;
	int c;
	struct cli_seen seen = { 0 };
	optind = 0;
	opterr = 0;
	while ((c = cli_getopt(argc, argv, "", opts, "", &seen)) != -1) {
		if (c == CLI_OPT_TWICE)
			return cli_given_twice(cli_mail_forms, seen.twice);
		char *end;
		if (c == 'o') {
			watching = false;
		} else if (c == 'w') {
			watching = true;
		} else if (c == 's') {
			command = optarg;
		} else if (c == 't') {
			timeout_s = strtol(optarg, &end, 10);
			if (!*optarg || *end || timeout_s < 1 || timeout_s > SENDMAIL_TIMEOUT_MAX)
				return cli_usage(cli_mail_forms, _("'%s' is not a valid number of seconds (1 to %d)"),
						 optarg, SENDMAIL_TIMEOUT_MAX);
		} else if (c == 'b') {
			batch = strtol(optarg, &end, 10);
			if (!*optarg || *end || batch < 1 || batch > 10000)
				return cli_usage(cli_mail_forms, _("'%s' is not a valid number"), optarg);
		} else {
			return cli_usage(cli_mail_forms, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage(cli_mail_forms, _("unexpected argument '%s'"), argv[optind]);
	if (!command)
		command = app->cfg.sendmail ? app->cfg.sendmail : SENDMAIL_DEFAULT;
	if (!timeout_s)
		timeout_s = app->cfg.sendmail_timeout_s ? app->cfg.sendmail_timeout_s : SENDMAIL_TIMEOUT_DEFAULT;
	struct sender snd = { command, (int)timeout_s };

	struct tt_error err;
	struct db *db;
	tt_error_init(&err);
	if (app_db_configured(app, "mail send", &db, &err))
		return cli_fail(&err);
	mime_init();
	int rc;
	if (watching) {
		rc = watch(db, &snd, (int)batch, &err);
	} else {
		struct send_stats st = { 0, 0, 0, false };
		rc = send_due(db, &snd, (int)batch, &st, &err);
		if (!rc) {
			printf(ngettext("sent %ld message", "sent %ld messages", st.sent), st.sent);
			if (st.failed)
				printf(ngettext(", %ld failed (queued for a retry)",
						", %ld failed (queued for a retry)", st.failed), st.failed);
			if (st.given_up)
				printf(ngettext(", %ld given up (not tried again)",
						", %ld given up (not tried again)", st.given_up), st.given_up);
			putchar('\n');
			/* a retry may mend a failure (75); a message given up is data
			 * no retry sends (65) */
			rc = st.failed ? EX_TEMPFAIL : st.given_up ? EX_DATAERR : 0;
		}
	}
	mime_done();
	return rc && err.code ? cli_fail(&err) : rc;
}

/* ---------------------------------------------------------- receive -- */

static int read_all(FILE *in, struct strbuf *sb, struct tt_error *err)
{
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
		if (sb->len + n > RECEIVE_HARD_LIMIT)
			return tt_error_set(err, EX_DATAERR, _("the message is larger than %u MiB: it cannot be stored"),
					    RECEIVE_HARD_LIMIT >> 20);
		sb_addn(sb, buf, n);
	}
	if (ferror(in))
		return tt_error_set(err, EX_TEMPFAIL, _("cannot read the message: %s"), strerror(errno));
	if (sb->len == 0)
		return tt_error_set(err, EX_DATAERR, "%s", _("the message is empty"));
	return 0;
}

static int cmd_receive(struct app *app, int argc, char **argv)
{
	bool verbose = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v"))
			verbose = true;
		else  /* a transport set up wrong: the MTA keeps the mail and retries
		       * (64 would bounce the customer's mail for the desk's mistake) */
			return cli_usage(cli_mail_forms, _("unexpected argument '%s'"), argv[i]) ? EX_TEMPFAIL : 0;
	}
	struct tt_error err;
	struct strbuf raw;
	tt_error_init(&err);
	sb_init(&raw);
	int rc = read_all(stdin, &raw, &err);
	if (rc) {
		sb_done(&raw);
		return cli_fail(&err);
	}
	struct db *db;
	if ((rc = app_db_configured(app, "mail receive", &db, &err))) {
		/* the MTA keeps the message and tries again later */
		sb_done(&raw);
		cli_fail(&err);
		return EX_TEMPFAIL;
	}
	struct mail_in m;
	struct mail_receipt rec;
	mime_init();
	/* the envelope sender, as Exim's pipe transport and Postfix's
	 * local(8) set it: empty for a bounce (a null sender) */
	mime_parse(raw.buf, raw.len, getenv("SENDER"), &m);
	rc = mail_store(db, raw.buf, raw.len, &m, &rec, &err);
	mail_in_done(&m);
	mime_done();
	sb_done(&raw);
	if (rc) {
		/* only what can never be stored is refused (65); anything
		 * else is the database's trouble: the MTA retries */
		int code = rc == EX_DATAERR ? EX_DATAERR : EX_TEMPFAIL;
		cli_fail(&err);
		return code;
	}
	if (verbose) {
		if (rec.id == 0)
			printf("%s\n", _("already stored (a redelivery)"));
		else if (rec.bounced_ticket)
			printf(_("mail %lld: %s, a report that mail of ticket %lld was not delivered\n"), rec.id,
			       i18n_term("mail_state", rec.state), rec.bounced_ticket);
		else if (rec.ticket)
			printf(_("mail %lld: %s, ticket %lld\n"), rec.id, i18n_term("mail_state", rec.state),
			       rec.ticket);
		else
			printf(_("mail %lld: %s\n"), rec.id, i18n_term("mail_state", rec.state));
	}
	return 0;
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
		put(stdout, f[10]);
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

/* Says where the calling agent's own mail goes and in which language. */
static int print_mine(struct db *db, struct tt_error *err)
{
	struct my_mail m;
	struct strbuf sb;
	if (mail_mine_get(db, &m, err))
		return err->code;
	const char *lang = i18n_language_name(m.lang);
	sb_init(&sb);
	if (m.notifications)
		sb_addf(&sb, _("Your notifications go by mail to %s, in %s."), m.email ? m.email : "-", lang);
	else
		sb_add(&sb, _("Your notifications do not go by mail ('mail notifications on' sends them)."));
	put(stdout, sb.buf);   /* the address is the database's text: sanitised */
	putchar('\n');
	printf(_("Mail to you is in %s ('mail language en|es' changes it)."), lang);
	putchar('\n');
	sb_done(&sb);
	mail_mine_done(&m);
	return 0;
}

static int cmd_notifications(struct app *app, int argc, char **argv)
{
	if (argc > 2 || (argc == 2 && strcmp(argv[1], "on") && strcmp(argv[1], "off")))
		return cli_usage(cli_mail_forms, "%s", _("say on or off"));
	struct tt_error err;
	struct db *db;
	tt_error_init(&err);
	if (app_db(app, &db, &err) ||
	    (argc == 2 && mail_notifications_set(db, !strcmp(argv[1], "on"), &err)) ||
	    print_mine(db, &err))
		return cli_fail(&err);
	return 0;
}

static int cmd_language(struct app *app, int argc, char **argv)
{
	if (argc > 2)
		return cli_usage(cli_mail_forms, _("unexpected argument '%s'"), argv[2]);
	struct tt_error err;
	struct db *db;
	tt_error_init(&err);
	if (app_db(app, &db, &err) || (argc == 2 && mail_language_set(db, argv[1], &err)) ||
	    print_mine(db, &err))
		return cli_fail(&err);
	return 0;
}

int cli_mail(struct app *app, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(cli_mail_forms, "%s", _("which mail command?"));
	const char *verb = argv[1];
	if (!strcmp(verb, "send"))
		return cmd_send(app, argc - 1, argv + 1);
	if (!strcmp(verb, "receive"))
		return cmd_receive(app, argc - 1, argv + 1);
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
	"admin template set KIND LANG --subject TEXT [--body-file FILE|-]";

static int template_set(struct db *db, int argc, char **argv, struct tt_error *err)
{
	const char *subject = NULL, *file = NULL;
	for (int i = 4; i < argc; i++) {
		if (!strcmp(argv[i], "--subject") && i + 1 < argc)
			subject = argv[++i];
		else if (!strcmp(argv[i], "--body-file") && i + 1 < argc)
			file = argv[++i];
		else
			return cli_usage(template_usage, _("unexpected argument '%s'"), argv[i]);
	}
	struct strbuf body;
	sb_init(&body);
	FILE *in = !file || !strcmp(file, "-") ? stdin : fopen(file, "r");
	if (!in)
		return tt_error_set(err, EX_NOINPUT, "%s: %s", file, strerror(errno));
	if (read_all(in, &body, err)) {
		if (in != stdin)
			fclose(in);
		sb_done(&body);
		return err->code;
	}
	if (in != stdin)
		fclose(in);
	char *old_subject = NULL, *old_body = NULL;
	if (!subject && !mail_template_get(db, argv[2], argv[3], &old_subject, &old_body, err))
		subject = old_subject;
	tt_error_clear(err);
	int rc = mail_template_set(db, argv[2], argv[3], subject, body.buf, err);
	free(old_subject);
	free(old_body);
	sb_done(&body);
	return rc;
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
		put(stdout, subject);
		fputs("\n\n", stdout);
		put_text(stdout, text);
	} else if (!strcmp(verb, "set") && argc >= 4) {
		if (app_db(app, &db, &err) || template_set(db, argc, argv, &err))
			return cli_fail(&err);
	} else {
		return cli_usage(template_usage, _("unknown template command '%s'"), verb);
	}
	free(text);
	free(subject);
	return 0;
}
