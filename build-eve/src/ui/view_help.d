build-eve/src/ui/view_help.o: src/ui/view_help.c include/ui/keys.h \
 include/config.h include/util/error.h include/ui/view.h \
 include/util/strbuf.h include/ui/screen.h include/app.h include/config.h \
 include/ui/widgets/prompt.h include/util/lineedit.h include/util/error.h \
 include/ui/widgets/pager.h include/ui/draw.h include/util/i18n.h \
 include/util/text.h include/util/xalloc.h
include/ui/keys.h:
include/config.h:
include/util/error.h:
include/ui/view.h:
include/util/strbuf.h:
include/ui/screen.h:
include/app.h:
include/config.h:
include/ui/widgets/prompt.h:
include/util/lineedit.h:
include/util/error.h:
include/ui/widgets/pager.h:
include/ui/draw.h:
include/util/i18n.h:
include/util/text.h:
include/util/xalloc.h:
