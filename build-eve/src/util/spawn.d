build-eve/src/util/spawn.o: src/util/spawn.c include/util/spawn.h \
 include/util/error.h include/util/strbuf.h include/util/i18n.h \
 include/util/xalloc.h
include/util/spawn.h:
include/util/error.h:
include/util/strbuf.h:
include/util/i18n.h:
include/util/xalloc.h:
