build-eve/src/ui/actions.o: src/ui/actions.c include/ui/view.h \
 include/util/strbuf.h include/util/i18n.h include/util/xalloc.h
include/ui/view.h:
include/util/strbuf.h:
include/util/i18n.h:
include/util/xalloc.h:
