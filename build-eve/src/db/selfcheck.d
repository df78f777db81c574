build-eve/src/db/selfcheck.o: src/db/selfcheck.c include/db/selfcheck.h \
 include/db/session.h include/util/error.h include/db/conn.h \
 /usr/include/postgresql/libpq-fe.h \
 /usr/include/postgresql/postgres_ext.h \
 /usr/include/postgresql/pg_config_ext.h include/util/i18n.h \
 include/util/strbuf.h include/util/text.h include/util/xalloc.h
include/db/selfcheck.h:
include/db/session.h:
include/util/error.h:
include/db/conn.h:
/usr/include/postgresql/libpq-fe.h:
/usr/include/postgresql/postgres_ext.h:
/usr/include/postgresql/pg_config_ext.h:
include/util/i18n.h:
include/util/strbuf.h:
include/util/text.h:
include/util/xalloc.h:
