build-eve/src/util/error.o: src/util/error.c include/util/error.h \
 include/util/i18n.h include/util/strbuf.h include/util/xalloc.h
include/util/error.h:
include/util/i18n.h:
include/util/strbuf.h:
include/util/xalloc.h:
