build-eve/src/model/escalation.o: src/model/escalation.c \
 include/model/escalation.h include/util/error.h include/db/conn.h \
 /usr/include/postgresql/libpq-fe.h \
 /usr/include/postgresql/postgres_ext.h \
 /usr/include/postgresql/pg_config_ext.h include/db/session.h \
 include/model/prepared.h include/util/i18n.h include/util/xalloc.h
include/model/escalation.h:
include/util/error.h:
include/db/conn.h:
/usr/include/postgresql/libpq-fe.h:
/usr/include/postgresql/postgres_ext.h:
/usr/include/postgresql/pg_config_ext.h:
include/db/session.h:
include/model/prepared.h:
include/util/i18n.h:
include/util/xalloc.h:
