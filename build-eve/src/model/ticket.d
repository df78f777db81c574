build-eve/src/model/ticket.o: src/model/ticket.c include/model/ticket.h \
 include/util/error.h include/util/strbuf.h include/db/conn.h \
 /usr/include/postgresql/libpq-fe.h \
 /usr/include/postgresql/postgres_ext.h \
 /usr/include/postgresql/pg_config_ext.h include/db/session.h \
 include/model/ticket_rows.h include/model/inbox.h include/util/i18n.h \
 include/util/xalloc.h
include/model/ticket.h:
include/util/error.h:
include/util/strbuf.h:
include/db/conn.h:
/usr/include/postgresql/libpq-fe.h:
/usr/include/postgresql/postgres_ext.h:
/usr/include/postgresql/pg_config_ext.h:
include/db/session.h:
include/model/ticket_rows.h:
include/model/inbox.h:
include/util/i18n.h:
include/util/xalloc.h:
