build-eve/src/cli/ticket_show.o: src/cli/ticket_show.c \
 include/cli/ticket.h include/app.h include/config.h include/util/error.h \
 include/cli/cli.h include/util/error.h include/model/inbox.h \
 include/model/ticket.h include/util/strbuf.h \
 include/model/ticket_render.h include/util/duration.h \
 include/util/bytesize.h include/util/i18n.h include/util/text.h \
 include/util/xalloc.h
include/cli/ticket.h:
include/app.h:
include/config.h:
include/util/error.h:
include/cli/cli.h:
include/util/error.h:
include/model/inbox.h:
include/model/ticket.h:
include/util/strbuf.h:
include/model/ticket_render.h:
include/util/duration.h:
include/util/bytesize.h:
include/util/i18n.h:
include/util/text.h:
include/util/xalloc.h:
