build-eve/src/cli/inbox.o: src/cli/inbox.c include/cli/inbox.h \
 include/app.h include/config.h include/util/error.h include/cli/cli.h \
 include/util/error.h include/cli/table.h include/model/inbox.h \
 include/model/intake.h include/util/strbuf.h include/model/ticket.h \
 include/util/bytesize.h include/util/i18n.h include/util/text.h \
 include/util/timefmt.h include/util/xalloc.h
include/cli/inbox.h:
include/app.h:
include/config.h:
include/util/error.h:
include/cli/cli.h:
include/util/error.h:
include/cli/table.h:
include/model/inbox.h:
include/model/intake.h:
include/util/strbuf.h:
include/model/ticket.h:
include/util/bytesize.h:
include/util/i18n.h:
include/util/text.h:
include/util/timefmt.h:
include/util/xalloc.h:
