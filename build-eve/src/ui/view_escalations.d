build-eve/src/ui/view_escalations.o: src/ui/view_escalations.c \
 include/model/escalation.h include/util/error.h include/model/notify.h \
 include/ui/draw.h include/ui/layout.h include/util/strbuf.h \
 include/ui/screen.h include/app.h include/config.h include/util/error.h \
 include/ui/view.h include/ui/widgets/prompt.h include/ui/keys.h \
 include/config.h include/util/lineedit.h include/ui/ticket_pickers.h \
 include/ui/widgets/list.h include/util/i18n.h include/util/text.h \
 include/util/xalloc.h
include/model/escalation.h:
include/util/error.h:
include/model/notify.h:
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
include/ui/ticket_pickers.h:
include/ui/widgets/list.h:
include/util/i18n.h:
include/util/text.h:
include/util/xalloc.h:
