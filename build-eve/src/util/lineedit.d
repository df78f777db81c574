build-eve/src/util/lineedit.o: src/util/lineedit.c \
 include/util/lineedit.h include/util/strbuf.h include/util/text.h \
 include/util/xalloc.h
include/util/lineedit.h:
include/util/strbuf.h:
include/util/text.h:
include/util/xalloc.h:
