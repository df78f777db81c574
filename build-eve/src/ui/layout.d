build-eve/src/ui/layout.o: src/ui/layout.c include/ui/layout.h \
 include/util/strbuf.h include/util/text.h
include/ui/layout.h:
include/util/strbuf.h:
include/util/text.h:
