build-eve/src/ui/widget_list.o: src/ui/widget_list.c \
 include/ui/widgets/list.h include/ui/draw.h include/ui/view.h \
 include/util/strbuf.h include/util/xalloc.h
include/ui/widgets/list.h:
include/ui/draw.h:
include/ui/view.h:
include/util/strbuf.h:
include/util/xalloc.h:
