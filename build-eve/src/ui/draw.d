build-eve/src/ui/draw.o: src/ui/draw.c include/ui/draw.h \
 include/ui/draw_init.h include/util/i18n.h include/util/strbuf.h \
 include/util/text.h
include/ui/draw.h:
include/ui/draw_init.h:
include/util/i18n.h:
include/util/strbuf.h:
include/util/text.h:
