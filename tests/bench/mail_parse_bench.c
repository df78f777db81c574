/* The parse alone (mime_parse, no database) of one mail of TOTAL bytes
 * made of many headers of EACH bytes of one slow shape: the bound
 * src/mail/headers.c puts on a whole mail, not one header
 * (tests/bench/README, "Huge mail headers"; run by
 * tests/bench/mail_headers_bench.sh with PARSE=1).
 *   mail_parse_bench SHAPE TOTAL EACH
 * SHAPE: to (To headers of bare names), subject (Subjects of words never
 * closed), parts (parts named by such words), eml (enclosed messages
 * with a To of bare names). Prints the seconds it took. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mail/mime.h"
#include "util/strbuf.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* unit repeated to n bytes (whole units) */
static void repeat(struct strbuf *sb, const char *unit, size_t n)
{
	size_t u = strlen(unit);
	for (size_t k = 0; k + u <= n; k += u)
		sb_add(sb, unit);
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: mail_parse_bench to|subject|parts|eml TOTAL EACH\n");
		return 64;
	}
	const char *shape = argv[1];
	size_t total = strtoul(argv[2], NULL, 10), each = strtoul(argv[3], NULL, 10);
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "From: carla@acme.test\nMessage-ID: <bench@acme.test>\n");
	bool multi = !strcmp(shape, "parts") || !strcmp(shape, "eml");
	if (multi)
		sb_add(&sb, "Content-Type: multipart/mixed; boundary=B\n\n");
	while (sb.len < total) {
		if (!strcmp(shape, "to")) {
			sb_add(&sb, "To: ");
			repeat(&sb, "a,", each);
			sb_addc(&sb, '\n');
		} else if (!strcmp(shape, "subject")) {
			sb_add(&sb, "Subject: ");
			repeat(&sb, "=?UTF-8?B?QUJD", each);
			sb_addc(&sb, '\n');
		} else if (!strcmp(shape, "parts")) {
			sb_add(&sb, "--B\nContent-Type: text/plain; name=\"");
			repeat(&sb, "=?UTF-8?B?QUJD", each);
			sb_add(&sb, "\"\n\nx\n");
		} else if (!strcmp(shape, "eml")) {
			sb_add(&sb, "--B\nContent-Type: message/rfc822\n\nFrom: x@y.test\nTo: ");
			repeat(&sb, "a,", each);
			sb_add(&sb, "\n\nx\n");
		} else {
			fprintf(stderr, "mail_parse_bench: unknown shape %s\n", shape);
			return 64;
		}
	}
	sb_add(&sb, multi ? "--B--\n" : "\nbody\n");
	mime_init();
	double t0 = now();
	struct mail_in m;
	mime_parse(sb.buf, sb.len, NULL, &m);
	double t1 = now();
	printf("%-8s %9zu B, headers of %6zu B: %.3f s (long_headers %d, %zu files)\n", shape, sb.len, each, t1 - t0,
	       m.long_headers, m.nfiles);
	mail_in_done(&m);
	mime_done();
	sb_done(&sb);
	return 0;
}
