build-eve/src/cli/local.o: src/cli/local.c include/cli/local.h \
 include/app.h include/config.h include/util/error.h include/cli/cli.h \
 include/util/error.h include/db/local.h include/util/strbuf.h \
 include/util/i18n.h
include/cli/local.h:
include/app.h:
include/config.h:
include/util/error.h:
include/cli/cli.h:
include/util/error.h:
include/db/local.h:
include/util/strbuf.h:
include/util/i18n.h:
