build-eve/src/util/fs.o: src/util/fs.c include/util/fs.h \
 include/util/error.h include/util/i18n.h include/util/strbuf.h \
 include/util/xalloc.h
include/util/fs.h:
include/util/error.h:
include/util/i18n.h:
include/util/strbuf.h:
include/util/xalloc.h:
