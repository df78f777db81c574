/* libFuzzer harness for the configuration reader: any file content gives
 * either a configuration or an EX_CONFIG error naming file and line. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/ticketty-fuzz-conf-XXXXXX";
	int fd = mkstemp(path);
	struct config cfg;
	struct tt_error err;

	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	conf_init(&cfg);
	tt_error_init(&err);
	int rc = conf_load(&cfg, path, &err);
	if (rc != 0 && (rc != EX_CONFIG || !err.message || !strstr(err.message, path)))
		abort(); /* every failure is a config error that names the file */
	conf_done(&cfg);
	tt_error_clear(&err);
	unlink(path);
	return 0;
}
