build-eve/src/ui/view_messages.o: src/ui/view_messages.c \
 include/ui/screen.h include/app.h include/config.h include/util/error.h \
 include/ui/view.h include/util/strbuf.h include/ui/widgets/prompt.h \
 include/ui/keys.h include/config.h include/util/lineedit.h \
 include/util/error.h include/ui/widgets/pager.h include/ui/draw.h \
 include/util/i18n.h include/util/xalloc.h
include/ui/screen.h:
include/app.h:
include/config.h:
include/util/error.h:
include/ui/view.h:
include/util/strbuf.h:
include/ui/widgets/prompt.h:
include/ui/keys.h:
include/config.h:
include/util/lineedit.h:
include/util/error.h:
include/ui/widgets/pager.h:
include/ui/draw.h:
include/util/i18n.h:
include/util/xalloc.h:
