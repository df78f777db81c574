build-eve/src/model/prepared.o: src/model/prepared.c \
 include/model/prepared.h /usr/include/postgresql/libpq-fe.h \
 /usr/include/postgresql/postgres_ext.h \
 /usr/include/postgresql/pg_config_ext.h include/util/error.h \
 include/db/conn.h include/db/session.h
include/model/prepared.h:
/usr/include/postgresql/libpq-fe.h:
/usr/include/postgresql/postgres_ext.h:
/usr/include/postgresql/pg_config_ext.h:
include/util/error.h:
include/db/conn.h:
include/db/session.h:
