build-eve/src/ui/widget_pager.o: src/ui/widget_pager.c \
 include/ui/widgets/pager.h include/ui/draw.h include/ui/view.h \
 include/util/strbuf.h include/util/text.h include/util/xalloc.h
include/ui/widgets/pager.h:
include/ui/draw.h:
include/ui/view.h:
include/util/strbuf.h:
include/util/text.h:
include/util/xalloc.h:
