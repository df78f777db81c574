build-eve/src/main.o: src/main.c include/app.h include/config.h \
 include/util/error.h include/cli/cli.h include/util/error.h \
 include/db/migrate.h include/db/session.h include/ui/ui.h \
 include/util/i18n.h
include/app.h:
include/config.h:
include/util/error.h:
include/cli/cli.h:
include/util/error.h:
include/db/migrate.h:
include/db/session.h:
include/ui/ui.h:
include/util/i18n.h:
