build-eve/src/db/local_bin.o: src/db/local_bin.c include/db/local_bin.h \
 include/db/local.h include/util/error.h include/util/strbuf.h \
 include/util/fs.h include/util/i18n.h include/util/spawn.h \
 include/util/xalloc.h
include/db/local_bin.h:
include/db/local.h:
include/util/error.h:
include/util/strbuf.h:
include/util/fs.h:
include/util/i18n.h:
include/util/spawn.h:
include/util/xalloc.h:
