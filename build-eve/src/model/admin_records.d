build-eve/src/model/admin_records.o: src/model/admin_records.c \
 include/model/admin_records.h include/model/pairs.h include/util/error.h \
 include/db/conn.h /usr/include/postgresql/libpq-fe.h \
 /usr/include/postgresql/postgres_ext.h \
 /usr/include/postgresql/pg_config_ext.h include/db/session.h \
 include/util/i18n.h include/util/xalloc.h
include/model/admin_records.h:
include/model/pairs.h:
include/util/error.h:
include/db/conn.h:
/usr/include/postgresql/libpq-fe.h:
/usr/include/postgresql/postgres_ext.h:
/usr/include/postgresql/pg_config_ext.h:
include/db/session.h:
include/util/i18n.h:
include/util/xalloc.h:
