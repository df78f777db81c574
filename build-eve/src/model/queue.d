build-eve/src/model/queue.o: src/model/queue.c include/model/queue.h \
 include/util/error.h include/util/strbuf.h include/db/conn.h \
 /usr/include/postgresql/libpq-fe.h \
 /usr/include/postgresql/postgres_ext.h \
 /usr/include/postgresql/pg_config_ext.h include/db/session.h \
 include/model/collab.h include/util/i18n.h include/util/xalloc.h
include/model/queue.h:
include/util/error.h:
include/util/strbuf.h:
include/db/conn.h:
/usr/include/postgresql/libpq-fe.h:
/usr/include/postgresql/postgres_ext.h:
/usr/include/postgresql/pg_config_ext.h:
include/db/session.h:
include/model/collab.h:
include/util/i18n.h:
include/util/xalloc.h:
