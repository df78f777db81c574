build-eve/src/cli/ticket.o: src/cli/ticket.c include/cli/ticket.h \
 include/app.h include/config.h include/util/error.h include/cli/cli.h \
 include/util/error.h include/mail/mime.h include/model/ticket.h \
 include/util/strbuf.h include/cli/search.h include/cli/ticket_new.h \
 include/cli/ticket_set.h include/model/canned.h include/util/i18n.h \
 include/util/text.h
include/cli/ticket.h:
include/app.h:
include/config.h:
include/util/error.h:
include/cli/cli.h:
include/util/error.h:
include/mail/mime.h:
include/model/ticket.h:
include/util/strbuf.h:
include/cli/search.h:
include/cli/ticket_new.h:
include/cli/ticket_set.h:
include/model/canned.h:
include/util/i18n.h:
include/util/text.h:
