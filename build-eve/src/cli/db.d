build-eve/src/cli/db.o: src/cli/db.c include/cli/db.h include/app.h \
 include/config.h include/util/error.h include/cli/cli.h \
 include/util/error.h include/db/migrate.h include/db/session.h \
 include/db/selfcheck.h include/model/seed.h include/util/i18n.h
include/cli/db.h:
include/app.h:
include/config.h:
include/util/error.h:
include/cli/cli.h:
include/util/error.h:
include/db/migrate.h:
include/db/session.h:
include/db/selfcheck.h:
include/model/seed.h:
include/util/i18n.h:
