build-eve/src/cli/queue.o: src/cli/queue.c include/cli/queue.h \
 include/app.h include/config.h include/util/error.h include/cli/cli.h \
 include/util/error.h include/model/queue.h include/util/strbuf.h \
 include/ui/layout.h include/util/i18n.h include/util/text.h \
 include/util/xalloc.h
include/cli/queue.h:
include/app.h:
include/config.h:
include/util/error.h:
include/cli/cli.h:
include/util/error.h:
include/model/queue.h:
include/util/strbuf.h:
include/ui/layout.h:
include/util/i18n.h:
include/util/text.h:
include/util/xalloc.h:
