build-eve/src/cli/admin_records.o: src/cli/admin_records.c \
 include/cli/admin_records.h include/app.h include/config.h \
 include/util/error.h include/cli/cli.h include/util/error.h \
 include/cli/table.h include/model/admin_records.h include/model/pairs.h \
 include/util/i18n.h include/util/strbuf.h include/util/text.h \
 include/util/timefmt.h
include/cli/admin_records.h:
include/app.h:
include/config.h:
include/util/error.h:
include/cli/cli.h:
include/util/error.h:
include/cli/table.h:
include/model/admin_records.h:
include/model/pairs.h:
include/util/i18n.h:
include/util/strbuf.h:
include/util/text.h:
include/util/timefmt.h:
