/* The parse alone (mime_parse, no database) of one pathological but
 * size-bounded mail of a given shape, N times its unit: the timing pass
 * over `mail receive` (tests/bench/README, "Pathological MIME, timing
 * pass"; run by tests/bench/mime_shapes_bench.sh, which doubles N).
 *   mime_shapes_bench SHAPE N
 * Prints the shape, N, the mail's bytes and the seconds the parse took.
 * Shapes (N of what):
 *   sections   one file name of N RFC 2231 sections (filename*K*=), each a
 *              1,000-byte unclosed encoded word
 *   sectparts  N parts, each named by 1,000 bytes of 8-byte sections
 *   parts      N text/plain parts (the mail's words)
 *   files      N attachments of a few bytes
 *   deep       multiparts nested N deep
 *   deepeml    enclosed messages (message/rfc822) nested N deep
 *   subject    a Subject of N encoded words (closed)
 *   from       a From of N encoded words in its phrase
 *   line       a text body of one line of N KiB
 *   boundary   N lines of a 70-character boundary's prefix in a part
 *   qpsoft     N KiB of quoted-printable, a soft break after each character
 *   b64junk    N KiB of base64 with a junk byte after every 4
 *   received   N Received headers
 *   params     N parts whose Content-Type has as many parameters as fit
 *              in a line (and the first one 16 KiB of them)
 *   htmldeep   an HTML body of N nested <div>, N closing tags that match none
 *   dsnblocks  a delivery report of N recipient blocks (none failed)
 *   dsnreason  a delivery report whose text is one line of N KiB that
 *              nearly holds the failed address */
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

/* unit repeated n times */
static void times(struct strbuf *sb, const char *unit, size_t n)
{
	for (size_t k = 0; k < n; k++)
		sb_add(sb, unit);
}

/* unit repeated to n bytes (whole units) */
static void repeat(struct strbuf *sb, const char *unit, size_t n)
{
	size_t u = strlen(unit);
	for (size_t k = 0; k + u <= n; k += u)
		sb_add(sb, unit);
}

static const char *const HEAD = "From: carla@acme.test\nTo: support@desk.test\nSubject: shapes\n"
				"Message-ID: <shape@acme.test>\nMIME-Version: 1.0\n";

static bool build(struct strbuf *sb, const char *shape, size_t n)
{
	const char *bnd70 = "0123456789012345678901234567890123456789012345678901234567890123456789";
	if (!strcmp(shape, "sections")) {
		sb_addf(sb, "%sContent-Type: multipart/mixed; boundary=B\n\n--B\nContent-Type: text/plain\n\nhi\n"
			    "--B\nContent-Type: application/octet-stream\nContent-Disposition: attachment",
			HEAD);
		for (size_t k = 0; k < n; k++) {
			sb_addf(sb, ";\n filename*%zu*=%s", k, k ? "" : "UTF-8''");
			repeat(sb, "=?UTF-8?B?QUJD", 1000);
		}
		sb_add(sb, "\n\nx\n--B--\n");
	} else if (!strcmp(shape, "sectparts")) {
		sb_addf(sb, "%sContent-Type: multipart/mixed; boundary=B\n\n", HEAD);
		for (size_t k = 0; k < n; k++) {
			sb_add(sb, "--B\nContent-Type: application/octet-stream\nContent-Disposition: attachment");
			for (size_t s = 0; s < 1000 / 20; s++)
				sb_addf(sb, "; filename*%zu*=%s%%41%%42", s, s ? "" : "UTF-8''");
			sb_add(sb, "\n\nx\n");
		}
		sb_add(sb, "--B--\n");
	} else if (!strcmp(shape, "parts") || !strcmp(shape, "files")) {
		bool files = !strcmp(shape, "files");
		sb_addf(sb, "%sContent-Type: multipart/mixed; boundary=B\n\n", HEAD);
		for (size_t k = 0; k < n; k++)
			sb_addf(sb, files ? "--B\nContent-Type: application/pdf; name=f%zu.pdf\n\nPDF\n"
					  : "--B\nContent-Type: text/plain\n\nwords %zu\n", k);
		sb_add(sb, "--B--\n");
	} else if (!strcmp(shape, "deep")) {
		sb_addf(sb, "%sContent-Type: multipart/mixed; boundary=\"b0\"\n\n", HEAD);
		for (size_t i = 1; i < n; i++)
			sb_addf(sb, "--b%zu\nContent-Type: multipart/mixed; boundary=\"b%zu\"\n\n", i - 1, i);
		sb_addf(sb, "--b%zu\nContent-Type: text/plain\n\nDeep words.\n", n - 1);
		for (size_t i = n; i-- > 0;)
			sb_addf(sb, "--b%zu--\n", i);
	} else if (!strcmp(shape, "deepeml")) {
		sb_add(sb, HEAD);
		for (size_t i = 0; i < n; i++)
			sb_add(sb, "Content-Type: message/rfc822\n\nFrom: x@y.test\nSubject: in\n");
		sb_add(sb, "\nDeep words.\n");
	} else if (!strcmp(shape, "subject") || !strcmp(shape, "from")) {
		bool from = !strcmp(shape, "from");
		sb_add(sb, from ? "To: support@desk.test\nSubject: s\nFrom:" : "From: carla@acme.test\nSubject:");
		times(sb, " =?UTF-8?B?QUJD?=", n);
		sb_add(sb, from ? " <carla@acme.test>\n\nbody\n" : "\n\nbody\n");
	} else if (!strcmp(shape, "line")) {
		sb_add(sb, HEAD);
		sb_add(sb, "\n");
		repeat(sb, "abcdefgh", n * 1024);
		sb_add(sb, "\n");
	} else if (!strcmp(shape, "boundary")) {
		sb_addf(sb, "%sContent-Type: multipart/mixed; boundary=\"%s\"\n\n--%s\nContent-Type: text/plain\n\n",
			HEAD, bnd70, bnd70);
		for (size_t k = 0; k < n; k++)
			sb_addf(sb, "--%.69s\n", bnd70);
		sb_addf(sb, "--%s--\n", bnd70);
	} else if (!strcmp(shape, "qpsoft")) {
		sb_addf(sb, "%sContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n",
			HEAD);
		repeat(sb, "a=\n", n * 1024);
	} else if (!strcmp(shape, "b64junk")) {
		sb_addf(sb, "%sContent-Type: multipart/mixed; boundary=B\n\n--B\nContent-Type: text/plain\n\nhi\n"
			    "--B\nContent-Type: application/octet-stream; name=a.bin\nContent-Transfer-Encoding: base64\n\n",
			HEAD);
		repeat(sb, "QUJD*", n * 1024);
		sb_add(sb, "\n--B--\n");
	} else if (!strcmp(shape, "received")) {
		for (size_t k = 0; k < n; k++)
			sb_addf(sb, "Received: from h%zu.acme.test by mx.desk.test; Sat, 5 Dec 2026 10:00:00 +0000\n", k);
		sb_addf(sb, "%s\nbody\n", HEAD);
	} else if (!strcmp(shape, "params")) {
		sb_addf(sb, "%sContent-Type: multipart/mixed; boundary=B\n\n", HEAD);
		for (size_t k = 0; k < n; k++) {
			sb_add(sb, "--B\nContent-Type: application/pdf; name=f.pdf");
			size_t np = k ? 900 / 8 : 16000 / 8;
			for (size_t p = 0; p < np; p++)
				sb_addf(sb, ";p%03zu=v", p % 1000);
			sb_add(sb, "\n\nPDF\n");
		}
		sb_add(sb, "--B--\n");
	} else if (!strcmp(shape, "htmldeep")) {
		sb_addf(sb, "%sContent-Type: text/html; charset=utf-8\n\n<html><body>", HEAD);
		times(sb, "<div>", n);
		sb_add(sb, "words");
		times(sb, "</span>", n);
		sb_add(sb, "\n");
	} else if (!strcmp(shape, "dsnblocks") || !strcmp(shape, "dsnreason")) {
		bool reason = !strcmp(shape, "dsnreason");
		sb_add(sb, "From: Mail Delivery System <mailer-daemon@mx.test>\nTo: support@desk.test\n"
			   "Subject: failed\nMIME-Version: 1.0\n"
			   "Content-Type: multipart/report; report-type=delivery-status; boundary=R\n\n"
			   "--R\nContent-Type: text/plain\n\n");
		if (reason)
			repeat(sb, "a", n * 1024);
		sb_add(sb, "\n--R\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.test\n");
		for (size_t k = 0; k < (reason ? 0 : n); k++)
			sb_addf(sb, "\nFinal-Recipient: rfc822; r%zu@x.test\nAction: delayed\nStatus: 4.0.0\n", k);
		if (reason) {
			sb_add(sb, "\nFinal-Recipient: rfc822; ");
			repeat(sb, "a", 250);
			sb_add(sb, "b@x.test\nAction: failed\nStatus: 5.0.0\n");
		}
		sb_add(sb, "\n--R\nContent-Type: text/rfc822-headers\n\nMessage-ID: <m@desk.test>\n\n--R--\n");
	} else {
		return false;
	}
	return true;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: mime_shapes_bench SHAPE N\n");
		return 64;
	}
	struct strbuf sb;
	sb_init(&sb);
	size_t n = strtoul(argv[2], NULL, 10);
	if (!n || !build(&sb, argv[1], n)) {
		fprintf(stderr, "mime_shapes_bench: unknown shape %s (or N 0)\n", argv[1]);
		return 64;
	}
	mime_init();
	double t0 = now();
	struct mail_in m;
	mime_parse(sb.buf, sb.len, NULL, &m);
	double t1 = now();
	printf("%-10s %8zu %10zu B %8.3f s  (files %zu, body %zu B, broken %d deep %d long_headers %d)\n", argv[1], n,
	       sb.len, t1 - t0, m.nfiles, strlen(m.body), m.broken, m.deep, m.long_headers);
	mail_in_done(&m);
	mime_done();
	sb_done(&sb);
	return 0;
}
