/* A file that goes with a message: one an agent sends, read whole from
 * disk (its bare name, its media type, its bytes), or one a customer's
 * mail carried. Implemented in src/util/file_read.c. */
#ifndef TICKETTY_UTIL_FILE_READ_H
#define TICKETTY_UTIL_FILE_READ_H

#include <stddef.h>

#include "util/error.h"

/* A file in a message: received, or sent with a public message. */
struct mail_file {
	char *filename;      /* as the sender named it ("" when unnamed) */
	char *content_type;  /* "image/png" */
	unsigned char *data; /* decoded bytes */
	size_t len;
};

/* Files one public message may carry (api_message_attach says the same),
 * and the largest file an agent's client reads at all (the desk's own
 * limit, max_attachment_bytes, is checked by the database). */
enum { MAIL_FILES_MAX = 20 };
#define MAIL_FILE_READ_MAX (256u << 20)

/* Reads a file an agent sends: its bare name, its media type guessed by
 * GIO from the name and the first bytes, its bytes; at most `max` bytes,
 * else refused naming the size. Only a regular file, opened without
 * waiting (a FIFO never blocks the caller). A name the database would
 * refuse is refused here first (65): not UTF-8, a control character or
 * a backslash, nothing but spaces. Every message shows the path through
 * text_sanitize (a byte that is no UTF-8 as \xNN, a control as ^X).
 * 0, or an exit code with err set. */
int mail_file_read(const char *path, size_t max, struct mail_file *f, struct tt_error *err);
void mail_file_done(struct mail_file *f);

/* The desk's limits on the files of one message (model/mail.h
 * mail_file_limits: `file_max` bytes a file, `files_max` together;
 * SIZE_MAX where none) for a file read, with `chosen` bytes of files
 * chosen before it: 0, or 65 with err naming the file, its size and the
 * limit it passes. What api_message_attach checks, said before anything
 * is sent (the ticket view's A and the command line's --attach). */
int mail_file_fits(const struct mail_file *f, size_t chosen, size_t file_max, size_t files_max,
		   struct tt_error *err);

#endif
