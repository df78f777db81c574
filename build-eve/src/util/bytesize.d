build-eve/src/util/bytesize.o: src/util/bytesize.c \
 include/util/bytesize.h include/util/strbuf.h include/util/i18n.h
include/util/bytesize.h:
include/util/strbuf.h:
include/util/i18n.h:
