build-eve/src/ui/view_queue.o: src/ui/view_queue.c include/model/queue.h \
 include/util/error.h include/util/strbuf.h include/model/ticket.h \
 include/ui/draw.h include/ui/layout.h include/ui/screen.h include/app.h \
 include/config.h include/util/error.h include/ui/view.h \
 include/ui/widgets/prompt.h include/ui/keys.h include/config.h \
 include/util/lineedit.h include/ui/widgets/list.h include/util/i18n.h \
 include/util/text.h include/util/duration.h include/util/monotime.h \
 include/util/xalloc.h
include/model/queue.h:
include/util/error.h:
include/util/strbuf.h:
include/model/ticket.h:
include/ui/draw.h:
include/ui/layout.h:
include/ui/screen.h:
include/app.h:
include/config.h:
include/util/error.h:
include/ui/view.h:
include/ui/widgets/prompt.h:
include/ui/keys.h:
include/config.h:
include/util/lineedit.h:
include/ui/widgets/list.h:
include/util/i18n.h:
include/util/text.h:
include/util/duration.h:
include/util/monotime.h:
include/util/xalloc.h:
