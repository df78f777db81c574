build-eve/src/ui/widget_prompt.o: src/ui/widget_prompt.c \
 include/ui/widgets/prompt.h include/ui/keys.h include/config.h \
 include/util/error.h include/ui/view.h include/util/strbuf.h \
 include/util/lineedit.h include/ui/draw.h include/ui/input.h \
 include/util/text.h include/util/xalloc.h
include/ui/widgets/prompt.h:
include/ui/keys.h:
include/config.h:
include/util/error.h:
include/ui/view.h:
include/util/strbuf.h:
include/util/lineedit.h:
include/ui/draw.h:
include/ui/input.h:
include/util/text.h:
include/util/xalloc.h:
