build-eve/src/cli/canned.o: src/cli/canned.c include/cli/canned.h \
 include/app.h include/config.h include/util/error.h include/cli/cli.h \
 include/util/error.h include/cli/table.h include/model/canned.h \
 include/util/i18n.h include/util/strbuf.h include/util/text.h
include/cli/canned.h:
include/app.h:
include/config.h:
include/util/error.h:
include/cli/cli.h:
include/util/error.h:
include/cli/table.h:
include/model/canned.h:
include/util/i18n.h:
include/util/strbuf.h:
include/util/text.h:
