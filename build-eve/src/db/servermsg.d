build-eve/src/db/servermsg.o: src/db/servermsg.c include/db/servermsg.h \
 include/db/migrate.h include/db/session.h include/util/error.h \
 include/util/i18n.h include/util/strbuf.h include/util/xalloc.h
include/db/servermsg.h:
include/db/migrate.h:
include/db/session.h:
include/util/error.h:
include/util/i18n.h:
include/util/strbuf.h:
include/util/xalloc.h:
