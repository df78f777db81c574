build-eve/src/ui/view_notifications.o: src/ui/view_notifications.c \
 include/model/mail.h include/mail/mime.h include/util/error.h \
 include/model/notify.h include/ui/draw.h include/ui/screen.h \
 include/app.h include/config.h include/util/error.h include/ui/view.h \
 include/util/strbuf.h include/ui/widgets/prompt.h include/ui/keys.h \
 include/config.h include/util/lineedit.h include/ui/widgets/list.h \
 include/util/i18n.h include/util/timefmt.h include/util/xalloc.h
include/model/mail.h:
include/mail/mime.h:
include/util/error.h:
include/model/notify.h:
include/ui/draw.h:
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
include/ui/widgets/list.h:
include/util/i18n.h:
include/util/timefmt.h:
include/util/xalloc.h:
