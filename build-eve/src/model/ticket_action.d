build-eve/src/model/ticket_action.o: src/model/ticket_action.c \
 include/model/ticket.h include/util/error.h include/util/strbuf.h \
 include/db/conn.h /usr/include/postgresql/libpq-fe.h \
 /usr/include/postgresql/postgres_ext.h \
 /usr/include/postgresql/pg_config_ext.h include/db/session.h \
 include/model/mail.h include/mail/mime.h include/util/i18n.h \
 include/util/xalloc.h
include/model/ticket.h:
include/util/error.h:
include/util/strbuf.h:
include/db/conn.h:
/usr/include/postgresql/libpq-fe.h:
/usr/include/postgresql/postgres_ext.h:
/usr/include/postgresql/pg_config_ext.h:
include/db/session.h:
include/model/mail.h:
include/mail/mime.h:
include/util/i18n.h:
include/util/xalloc.h:
