build-eve/src/model/search.o: src/model/search.c include/model/search.h \
 include/util/error.h include/db/conn.h \
 /usr/include/postgresql/libpq-fe.h \
 /usr/include/postgresql/postgres_ext.h \
 /usr/include/postgresql/pg_config_ext.h include/db/session.h \
 include/model/ticket.h include/util/strbuf.h include/util/i18n.h \
 include/util/xalloc.h
include/model/search.h:
include/util/error.h:
include/db/conn.h:
/usr/include/postgresql/libpq-fe.h:
/usr/include/postgresql/postgres_ext.h:
/usr/include/postgresql/pg_config_ext.h:
include/db/session.h:
include/model/ticket.h:
include/util/strbuf.h:
include/util/i18n.h:
include/util/xalloc.h:
