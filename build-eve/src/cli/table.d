build-eve/src/cli/table.o: src/cli/table.c include/cli/table.h \
 include/cli/cli.h include/app.h include/config.h include/util/error.h \
 include/util/error.h include/util/i18n.h include/util/strbuf.h \
 include/util/text.h include/util/xalloc.h
include/cli/table.h:
include/cli/cli.h:
include/app.h:
include/config.h:
include/util/error.h:
include/util/error.h:
include/util/i18n.h:
include/util/strbuf.h:
include/util/text.h:
include/util/xalloc.h:
