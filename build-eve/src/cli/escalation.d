build-eve/src/cli/escalation.o: src/cli/escalation.c \
 include/cli/escalation.h include/app.h include/config.h \
 include/util/error.h include/cli/cli.h include/util/error.h \
 include/model/escalation.h include/util/i18n.h include/util/strbuf.h \
 include/util/text.h include/util/xalloc.h
include/cli/escalation.h:
include/app.h:
include/config.h:
include/util/error.h:
include/cli/cli.h:
include/util/error.h:
include/model/escalation.h:
include/util/i18n.h:
include/util/strbuf.h:
include/util/text.h:
include/util/xalloc.h:
