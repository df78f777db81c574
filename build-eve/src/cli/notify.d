build-eve/src/cli/notify.o: src/cli/notify.c include/cli/notify.h \
 include/app.h include/config.h include/util/error.h include/cli/cli.h \
 include/util/error.h include/cli/table.h include/model/notify.h \
 include/util/i18n.h include/util/strbuf.h include/util/text.h \
 include/util/timefmt.h include/util/xalloc.h
include/cli/notify.h:
include/app.h:
include/config.h:
include/util/error.h:
include/cli/cli.h:
include/util/error.h:
include/cli/table.h:
include/model/notify.h:
include/util/i18n.h:
include/util/strbuf.h:
include/util/text.h:
include/util/timefmt.h:
include/util/xalloc.h:
