build-eve/src/config.o: src/config.c include/config.h \
 include/util/error.h include/util/i18n.h include/util/xalloc.h
include/config.h:
include/util/error.h:
include/util/i18n.h:
include/util/xalloc.h:
