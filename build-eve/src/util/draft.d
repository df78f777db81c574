build-eve/src/util/draft.o: src/util/draft.c include/util/draft.h \
 include/util/error.h include/util/i18n.h include/util/strbuf.h \
 include/util/xalloc.h
include/util/draft.h:
include/util/error.h:
include/util/i18n.h:
include/util/strbuf.h:
include/util/xalloc.h:
