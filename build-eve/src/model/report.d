build-eve/src/model/report.o: src/model/report.c include/model/report.h \
 include/util/error.h /usr/include/postgresql/libpq-fe.h \
 /usr/include/postgresql/postgres_ext.h \
 /usr/include/postgresql/pg_config_ext.h include/db/conn.h \
 include/db/session.h include/model/prepared.h include/util/i18n.h \
 include/util/xalloc.h
include/model/report.h:
include/util/error.h:
/usr/include/postgresql/libpq-fe.h:
/usr/include/postgresql/postgres_ext.h:
/usr/include/postgresql/pg_config_ext.h:
include/db/conn.h:
include/db/session.h:
include/model/prepared.h:
include/util/i18n.h:
include/util/xalloc.h:
