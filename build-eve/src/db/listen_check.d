build-eve/src/db/listen_check.o: src/db/listen_check.c \
 include/db/listen_check.h include/db/conn.h \
 /usr/include/postgresql/libpq-fe.h \
 /usr/include/postgresql/postgres_ext.h \
 /usr/include/postgresql/pg_config_ext.h include/db/session.h \
 include/util/error.h include/util/i18n.h include/util/xalloc.h
include/db/listen_check.h:
include/db/conn.h:
/usr/include/postgresql/libpq-fe.h:
/usr/include/postgresql/postgres_ext.h:
/usr/include/postgresql/pg_config_ext.h:
include/db/session.h:
include/util/error.h:
include/util/i18n.h:
include/util/xalloc.h:
