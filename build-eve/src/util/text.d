build-eve/src/util/text.o: src/util/text.c include/util/text.h \
 include/util/strbuf.h
include/util/text.h:
include/util/strbuf.h:
