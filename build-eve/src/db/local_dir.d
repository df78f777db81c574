build-eve/src/db/local_dir.o: src/db/local_dir.c include/db/local_dir.h \
 include/db/local.h include/util/error.h include/util/strbuf.h \
 include/util/fs.h include/util/i18n.h include/util/spawn.h \
 include/util/xalloc.h
include/db/local_dir.h:
include/db/local.h:
include/util/error.h:
include/util/strbuf.h:
include/util/fs.h:
include/util/i18n.h:
include/util/spawn.h:
include/util/xalloc.h:
