build-eve/src/model/desk_zone.o: src/model/desk_zone.c \
 include/model/desk_zone.h include/util/error.h include/db/conn.h \
 /usr/include/postgresql/libpq-fe.h \
 /usr/include/postgresql/postgres_ext.h \
 /usr/include/postgresql/pg_config_ext.h include/db/session.h \
 include/util/xalloc.h
include/model/desk_zone.h:
include/util/error.h:
include/db/conn.h:
/usr/include/postgresql/libpq-fe.h:
/usr/include/postgresql/postgres_ext.h:
/usr/include/postgresql/pg_config_ext.h:
include/db/session.h:
include/util/xalloc.h:
