build-eve/src/cli/sla.o: src/cli/sla.c include/cli/sla.h include/app.h \
 include/config.h include/util/error.h include/cli/cli.h \
 include/util/error.h include/model/sla.h include/util/duration.h \
 include/util/strbuf.h include/util/i18n.h include/util/text.h
include/cli/sla.h:
include/app.h:
include/config.h:
include/util/error.h:
include/cli/cli.h:
include/util/error.h:
include/model/sla.h:
include/util/duration.h:
include/util/strbuf.h:
include/util/i18n.h:
include/util/text.h:
