build-eve/src/ui/widget_picker.o: src/ui/widget_picker.c \
 include/ui/widgets/picker.h include/ui/keys.h include/config.h \
 include/util/error.h include/ui/view.h include/util/strbuf.h \
 include/ui/widgets/list.h include/ui/draw.h include/ui/widgets/prompt.h \
 include/util/lineedit.h include/util/i18n.h include/util/text.h \
 include/util/xalloc.h
include/ui/widgets/picker.h:
include/ui/keys.h:
include/config.h:
include/util/error.h:
include/ui/view.h:
include/util/strbuf.h:
include/ui/widgets/list.h:
include/ui/draw.h:
include/ui/widgets/prompt.h:
include/util/lineedit.h:
include/util/i18n.h:
include/util/text.h:
include/util/xalloc.h:
