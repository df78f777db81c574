build-eve/src/cli/collab.o: src/cli/collab.c include/cli/collab.h \
 include/app.h include/config.h include/util/error.h include/cli/cli.h \
 include/util/error.h include/cli/table.h include/model/collab.h \
 include/util/i18n.h include/util/strbuf.h include/util/text.h
include/cli/collab.h:
include/app.h:
include/config.h:
include/util/error.h:
include/cli/cli.h:
include/util/error.h:
include/cli/table.h:
include/model/collab.h:
include/util/i18n.h:
include/util/strbuf.h:
include/util/text.h:
