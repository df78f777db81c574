build-eve/src/db/local.o: src/db/local.c include/db/local.h \
 include/util/error.h include/util/strbuf.h \
 /usr/include/postgresql/libpq-fe.h \
 /usr/include/postgresql/postgres_ext.h \
 /usr/include/postgresql/pg_config_ext.h include/db/local_bin.h \
 include/db/local_dir.h include/util/fs.h include/util/i18n.h \
 include/util/spawn.h include/util/xalloc.h
include/db/local.h:
include/util/error.h:
include/util/strbuf.h:
/usr/include/postgresql/libpq-fe.h:
/usr/include/postgresql/postgres_ext.h:
/usr/include/postgresql/pg_config_ext.h:
include/db/local_bin.h:
include/db/local_dir.h:
include/util/fs.h:
include/util/i18n.h:
include/util/spawn.h:
include/util/xalloc.h:
