/* File sizes in words (see util/bytesize.h). */
#include "util/bytesize.h"

#include "util/i18n.h"

void bytesize_add(struct strbuf *sb, long long n)
{
	if (n < 10240)
		sb_addf(sb, ngettext("%lld byte", "%lld bytes", (unsigned long)n), n);
	else if (n < 10LL * 1024 * 1024)
		sb_addf(sb, "%lld KiB", (n + 512) / 1024);
	else
		sb_addf(sb, "%lld MiB", (n + 512 * 1024) / (1024 * 1024));
}
