build-eve/src/db/conn.o: src/db/conn.c include/db/conn.h \
 /usr/include/postgresql/libpq-fe.h \
 /usr/include/postgresql/postgres_ext.h \
 /usr/include/postgresql/pg_config_ext.h include/db/session.h \
 include/util/error.h include/db/listen_check.h include/db/servermsg.h \
 include/util/i18n.h include/util/strbuf.h include/util/xalloc.h
include/db/conn.h:
/usr/include/postgresql/libpq-fe.h:
/usr/include/postgresql/postgres_ext.h:
/usr/include/postgresql/pg_config_ext.h:
include/db/session.h:
include/util/error.h:
include/db/listen_check.h:
include/db/servermsg.h:
include/util/i18n.h:
include/util/strbuf.h:
include/util/xalloc.h:
