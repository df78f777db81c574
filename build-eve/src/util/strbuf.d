build-eve/src/util/strbuf.o: src/util/strbuf.c include/util/strbuf.h \
 include/util/xalloc.h
include/util/strbuf.h:
include/util/xalloc.h:
