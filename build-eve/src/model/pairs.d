build-eve/src/model/pairs.o: src/model/pairs.c include/model/pairs.h \
 include/util/error.h include/util/i18n.h include/util/strbuf.h
include/model/pairs.h:
include/util/error.h:
include/util/i18n.h:
include/util/strbuf.h:
