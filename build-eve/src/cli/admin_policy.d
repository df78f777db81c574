build-eve/src/cli/admin_policy.o: src/cli/admin_policy.c \
 include/cli/admin_policy.h include/app.h include/config.h \
 include/util/error.h include/cli/cli.h include/util/error.h \
 include/model/policy.h include/util/duration.h include/util/strbuf.h \
 include/util/i18n.h include/util/text.h include/util/xalloc.h
include/cli/admin_policy.h:
include/app.h:
include/config.h:
include/util/error.h:
include/cli/cli.h:
include/util/error.h:
include/model/policy.h:
include/util/duration.h:
include/util/strbuf.h:
include/util/i18n.h:
include/util/text.h:
include/util/xalloc.h:
