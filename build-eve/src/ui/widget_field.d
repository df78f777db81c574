build-eve/src/ui/widget_field.o: src/ui/widget_field.c \
 include/ui/widgets/field.h include/ui/draw.h include/util/lineedit.h \
 include/util/strbuf.h include/util/text.h include/util/xalloc.h
include/ui/widgets/field.h:
include/ui/draw.h:
include/util/lineedit.h:
include/util/strbuf.h:
include/util/text.h:
include/util/xalloc.h:
