build-eve/src/app.o: src/app.c include/app.h include/config.h \
 include/util/error.h include/db/session.h include/util/error.h \
 include/db/local.h include/util/strbuf.h include/db/migrate.h \
 include/model/agent.h include/model/desk_zone.h include/model/seed.h \
 include/util/i18n.h include/util/xalloc.h
include/app.h:
include/config.h:
include/util/error.h:
include/db/session.h:
include/util/error.h:
include/db/local.h:
include/util/strbuf.h:
include/db/migrate.h:
include/model/agent.h:
include/model/desk_zone.h:
include/model/seed.h:
include/util/i18n.h:
include/util/xalloc.h:
