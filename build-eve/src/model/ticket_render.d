build-eve/src/model/ticket_render.o: src/model/ticket_render.c \
 include/model/ticket_render.h include/model/ticket.h \
 include/util/error.h include/util/strbuf.h include/util/duration.h \
 include/util/i18n.h include/util/mail_quote.h include/util/text.h \
 include/util/timefmt.h include/util/xalloc.h
include/model/ticket_render.h:
include/model/ticket.h:
include/util/error.h:
include/util/strbuf.h:
include/util/duration.h:
include/util/i18n.h:
include/util/mail_quote.h:
include/util/text.h:
include/util/timefmt.h:
include/util/xalloc.h:
