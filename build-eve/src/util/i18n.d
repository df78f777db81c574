build-eve/src/util/i18n.o: src/util/i18n.c include/util/i18n.h \
 include/util/xalloc.h
include/util/i18n.h:
include/util/xalloc.h:
