build-eve/src/util/duration.o: src/util/duration.c \
 include/util/duration.h include/util/strbuf.h include/util/i18n.h
include/util/duration.h:
include/util/strbuf.h:
include/util/i18n.h:
