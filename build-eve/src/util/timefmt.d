build-eve/src/util/timefmt.o: src/util/timefmt.c include/util/timefmt.h \
 include/util/strbuf.h include/util/i18n.h include/util/text.h
include/util/timefmt.h:
include/util/strbuf.h:
include/util/i18n.h:
include/util/text.h:
