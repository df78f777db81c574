build-eve/src/cli/ticket_set.o: src/cli/ticket_set.c \
 include/cli/ticket_set.h include/app.h include/config.h \
 include/util/error.h include/cli/cli.h include/util/error.h \
 include/model/retriage.h include/model/pairs.h include/model/ticket.h \
 include/util/strbuf.h include/util/i18n.h
include/cli/ticket_set.h:
include/app.h:
include/config.h:
include/util/error.h:
include/cli/cli.h:
include/util/error.h:
include/model/retriage.h:
include/model/pairs.h:
include/model/ticket.h:
include/util/strbuf.h:
include/util/i18n.h:
