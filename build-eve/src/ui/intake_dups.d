build-eve/src/ui/intake_dups.o: src/ui/intake_dups.c \
 include/ui/intake_dups.h include/model/search.h include/util/error.h \
 include/ui/view.h include/util/strbuf.h include/ui/draw.h \
 include/ui/screen.h include/app.h include/config.h include/util/error.h \
 include/ui/widgets/prompt.h include/ui/keys.h include/config.h \
 include/util/lineedit.h include/ui/view_search.h include/util/i18n.h \
 include/util/xalloc.h
include/ui/intake_dups.h:
include/model/search.h:
include/util/error.h:
include/ui/view.h:
include/util/strbuf.h:
include/ui/draw.h:
include/ui/screen.h:
include/app.h:
include/config.h:
include/util/error.h:
include/ui/widgets/prompt.h:
include/ui/keys.h:
include/config.h:
include/util/lineedit.h:
include/ui/view_search.h:
include/util/i18n.h:
include/util/xalloc.h:
