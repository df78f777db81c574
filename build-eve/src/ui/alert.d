build-eve/src/ui/alert.o: src/ui/alert.c include/ui/alert.h \
 include/model/live.h include/util/error.h include/model/alert.h \
 include/ui/screen.h include/app.h include/config.h include/util/error.h \
 include/ui/view.h include/util/strbuf.h include/ui/widgets/prompt.h \
 include/ui/keys.h include/config.h include/util/lineedit.h \
 include/util/i18n.h
include/ui/alert.h:
include/model/live.h:
include/util/error.h:
include/model/alert.h:
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
include/util/i18n.h:
