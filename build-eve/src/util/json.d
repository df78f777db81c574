build-eve/src/util/json.o: src/util/json.c include/util/json.h \
 include/util/strbuf.h include/util/xalloc.h
include/util/json.h:
include/util/strbuf.h:
include/util/xalloc.h:
