build-eve/src/ui/view_search.o: src/ui/view_search.c \
 include/ui/view_search.h include/ui/view.h include/util/strbuf.h \
 include/model/search.h include/util/error.h include/ui/draw.h \
 include/ui/screen.h include/app.h include/config.h include/util/error.h \
 include/ui/widgets/prompt.h include/ui/keys.h include/config.h \
 include/util/lineedit.h include/ui/widgets/list.h include/util/i18n.h \
 include/util/text.h include/util/xalloc.h
include/ui/view_search.h:
include/ui/view.h:
include/util/strbuf.h:
include/model/search.h:
include/util/error.h:
include/ui/draw.h:
include/ui/screen.h:
include/app.h:
include/config.h:
include/util/error.h:
include/ui/widgets/prompt.h:
include/ui/keys.h:
include/config.h:
include/util/lineedit.h:
include/ui/widgets/list.h:
include/util/i18n.h:
include/util/text.h:
include/util/xalloc.h:
