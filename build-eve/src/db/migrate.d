build-eve/src/db/migrate.o: src/db/migrate.c include/db/migrate.h \
 include/db/session.h include/util/error.h include/db/conn.h \
 /usr/include/postgresql/libpq-fe.h \
 /usr/include/postgresql/postgres_ext.h \
 /usr/include/postgresql/pg_config_ext.h include/util/i18n.h \
 include/util/strbuf.h include/util/xalloc.h
include/db/migrate.h:
include/db/session.h:
include/util/error.h:
include/db/conn.h:
/usr/include/postgresql/libpq-fe.h:
/usr/include/postgresql/postgres_ext.h:
/usr/include/postgresql/pg_config_ext.h:
include/util/i18n.h:
include/util/strbuf.h:
include/util/xalloc.h:
