build-eve/src/ui/view_inbox.o: src/ui/view_inbox.c include/model/inbox.h \
 include/util/error.h include/ui/draw.h include/ui/layout.h \
 include/util/strbuf.h include/ui/screen.h include/app.h include/config.h \
 include/util/error.h include/ui/view.h include/ui/widgets/prompt.h \
 include/ui/keys.h include/config.h include/util/lineedit.h \
 include/ui/ticket_files.h include/mail/mime.h include/ui/widgets/pager.h \
 include/ui/widgets/list.h include/util/i18n.h include/util/text.h \
 include/util/timefmt.h include/util/xalloc.h
include/model/inbox.h:
include/util/error.h:
include/ui/draw.h:
include/ui/layout.h:
include/util/strbuf.h:
include/ui/screen.h:
include/app.h:
include/config.h:
include/util/error.h:
include/ui/view.h:
include/ui/widgets/prompt.h:
include/ui/keys.h:
include/config.h:
include/util/lineedit.h:
include/ui/ticket_files.h:
include/mail/mime.h:
include/ui/widgets/pager.h:
include/ui/widgets/list.h:
include/util/i18n.h:
include/util/text.h:
include/util/timefmt.h:
include/util/xalloc.h:
