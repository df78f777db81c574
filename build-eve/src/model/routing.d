build-eve/src/model/routing.o: src/model/routing.c \
 include/model/routing.h include/model/pairs.h include/util/error.h \
 include/db/conn.h /usr/include/postgresql/libpq-fe.h \
 /usr/include/postgresql/postgres_ext.h \
 /usr/include/postgresql/pg_config_ext.h include/db/session.h \
 include/model/admin_records.h include/util/xalloc.h
include/model/routing.h:
include/model/pairs.h:
include/util/error.h:
include/db/conn.h:
/usr/include/postgresql/libpq-fe.h:
/usr/include/postgresql/postgres_ext.h:
/usr/include/postgresql/pg_config_ext.h:
include/db/session.h:
include/model/admin_records.h:
include/util/xalloc.h:
