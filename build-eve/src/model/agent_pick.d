build-eve/src/model/agent_pick.o: src/model/agent_pick.c \
 include/model/agent_pick.h include/model/intake.h include/util/error.h \
 include/util/strbuf.h include/db/conn.h \
 /usr/include/postgresql/libpq-fe.h \
 /usr/include/postgresql/postgres_ext.h \
 /usr/include/postgresql/pg_config_ext.h include/db/session.h \
 include/util/xalloc.h
include/model/agent_pick.h:
include/model/intake.h:
include/util/error.h:
include/util/strbuf.h:
include/db/conn.h:
/usr/include/postgresql/libpq-fe.h:
/usr/include/postgresql/postgres_ext.h:
/usr/include/postgresql/pg_config_ext.h:
include/db/session.h:
include/util/xalloc.h:
