build-eve/src/util/editor.o: src/util/editor.c include/util/editor.h \
 include/util/error.h include/util/i18n.h include/util/strbuf.h \
 include/util/xalloc.h
include/util/editor.h:
include/util/error.h:
include/util/i18n.h:
include/util/strbuf.h:
include/util/xalloc.h:
