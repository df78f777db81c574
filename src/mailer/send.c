/* `ticketty mail send [--once|--watch] [--sendmail CMD]
 * [--sendmail-timeout S] [--batch N]`, run in ticketty-mail: claims what
 * the outbox holds due, composes each message (GMime) and hands it to
 * the MTA's sendmail interface, recording each outcome; --watch keeps
 * doing so as mail is queued. */
#include "mailer/mailer.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/mail.h"
#include "mail/mime.h"
#include "mail/sendmail.h"
#include "model/mail.h"
#include "model/notify.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

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
	cli_put(stderr, why);
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
	int rc = notify_words_of_mail(db, m->id, &words, err);
	i18n_messages_restore(&saved);
	if (!rc && words.len)
		rc = mail_notification_words(db, m, words.buf, err);
	sb_done(&words);
	return rc;
}

/* A claim leases its messages to this sender for LEASE_S seconds at
 * least; once a lease runs out, another sender (a second `mail send`, a
 * watcher on another machine) may claim the message and send it too. A
 * hand-over may take the command's deadline, then the grace to end it
 * and the database's writes: HANDOVER_SLACK_S more (sendmail.c gives a
 * hung command 2 s after SIGTERM and 5 s to be reaped). */
#define LEASE_S 300
#define HANDOVER_SLACK_S 15

/* How many messages one claim takes, and for how long: no more than can
 * all be handed over within the lease, however slow the MTA (a batch of
 * 100 under a 300 s lease ran out after the 60th message when each took
 * 5 s, and a second sender then sent the other 40 again), and never a
 * lease shorter than one hand-over. */
static void claim_size(const struct sender *snd, int batch, int *n, int *lease_s)
{
	int per = snd->timeout_s + HANDOVER_SLACK_S;
	*n = LEASE_S / per;
	if (*n < 1)
		*n = 1;
	if (*n > batch)
		*n = batch;
	*lease_s = *n * per > LEASE_S ? *n * per : LEASE_S;
}

/* Sends every message due now, a batch at a time, until none is left to
 * claim (the outbox hands out one message of a ticket's mail to one
 * address at a time, the next once it is sent). 0, or the database's code. */
static int send_due(struct db *db, const struct sender *snd, int batch, struct send_stats *st,
		    struct tt_error *err)
{
	int claim_n, lease_s;
	claim_size(snd, batch, &claim_n, &lease_s);
	for (;;) {
		struct mail_batch b;
		if (mail_claim(db, claim_n, lease_s, &b, err))
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
				cli_put(stderr, m);
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

int mailer_send(struct app *app, int argc, char **argv)
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
