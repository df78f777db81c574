build-eve/src/cli/search.o: src/cli/search.c include/cli/search.h \
 include/app.h include/config.h include/util/error.h include/cli/cli.h \
 include/util/error.h include/cli/table.h include/model/search.h \
 include/model/ticket.h include/util/strbuf.h include/util/i18n.h \
 include/util/text.h
include/cli/search.h:
include/app.h:
include/config.h:
include/util/error.h:
include/cli/cli.h:
include/util/error.h:
include/cli/table.h:
include/model/search.h:
include/model/ticket.h:
include/util/strbuf.h:
include/util/i18n.h:
include/util/text.h:
