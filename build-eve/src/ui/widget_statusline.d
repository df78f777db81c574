build-eve/src/ui/widget_statusline.o: src/ui/widget_statusline.c \
 include/ui/widgets/statusline.h include/ui/draw.h include/util/i18n.h \
 include/util/strbuf.h include/util/text.h
include/ui/widgets/statusline.h:
include/ui/draw.h:
include/util/i18n.h:
include/util/strbuf.h:
include/util/text.h:
