build-eve/src/model/mail.o: src/model/mail.c include/model/mail.h \
 include/mail/mime.h include/util/error.h include/db/conn.h \
 /usr/include/postgresql/libpq-fe.h \
 /usr/include/postgresql/postgres_ext.h \
 /usr/include/postgresql/pg_config_ext.h include/db/session.h \
 include/util/i18n.h include/util/strbuf.h include/util/xalloc.h
include/model/mail.h:
include/mail/mime.h:
include/util/error.h:
include/db/conn.h:
/usr/include/postgresql/libpq-fe.h:
/usr/include/postgresql/postgres_ext.h:
/usr/include/postgresql/pg_config_ext.h:
include/db/session.h:
include/util/i18n.h:
include/util/strbuf.h:
include/util/xalloc.h:
