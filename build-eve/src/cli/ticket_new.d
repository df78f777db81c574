build-eve/src/cli/ticket_new.o: src/cli/ticket_new.c \
 include/cli/ticket_new.h include/app.h include/config.h \
 include/util/error.h include/cli/cli.h include/util/error.h \
 include/model/intake.h include/util/strbuf.h include/util/i18n.h \
 include/util/xalloc.h
include/cli/ticket_new.h:
include/app.h:
include/config.h:
include/util/error.h:
include/cli/cli.h:
include/util/error.h:
include/model/intake.h:
include/util/strbuf.h:
include/util/i18n.h:
include/util/xalloc.h:
