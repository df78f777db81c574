build-eve/src/ui/keys.o: src/ui/keys.c include/ui/keys.h include/config.h \
 include/util/error.h include/ui/view.h include/util/strbuf.h \
 include/util/i18n.h include/util/lineedit.h include/util/text.h \
 include/util/xalloc.h
include/ui/keys.h:
include/config.h:
include/util/error.h:
include/ui/view.h:
include/util/strbuf.h:
include/util/i18n.h:
include/util/lineedit.h:
include/util/text.h:
include/util/xalloc.h:
